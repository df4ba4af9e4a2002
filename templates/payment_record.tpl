{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/bills/{{BILL_ID}}">{{#OPERATING}}Bill{{/OPERATING}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</a></p>
<h1>Record payment</h1>
<p>{{#OPERATING}}Bill{{/OPERATING}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}} for {{CONTACT}}: {{BALANCE_TEXT}} owed.{{#TRUST}} This money is recorded as a trust deposit, apart from operating money.{{/TRUST}}</p>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 125.00.{{/AMOUNT_INVALID}}{{!
}}{{#AMOUNT_ZERO}}Enter an amount above zero.{{/AMOUNT_ZERO}}{{!
}}{{#AMOUNT_OVER}}The amount is more than is owed ({{BALANCE_TEXT}}). Record at most the balance.{{/AMOUNT_OVER}}{{!
}}{{#DATE_INVALID}}Enter the date the money was received, such as 2026-03-31.{{/DATE_INVALID}}{{!
}}{{#DATE_FUTURE}}The date is in the future: enter the day the money was received.{{/DATE_FUTURE}}{{!
}}{{#METHOD_INVALID}}Choose how the money was received: check, cash, wire transfer or other.{{/METHOD_INVALID}}{{!
}}{{#REFERENCE_LONG}}The reference can be at most 200 characters.{{/REFERENCE_LONG}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/bills/{{BILL_ID}}/payments/new">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="amount">Amount ({{CURRENCY}})</label>
  <input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required{{#BAD_AMOUNT}} aria-invalid="true" aria-describedby="form-error"{{/BAD_AMOUNT}}>
  <label for="date">Received on</label>
  <input type="date" id="date" name="date" value="{{DATE}}" required{{#BAD_DATE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DATE}}>
  <label for="method">Method</label>
  <select id="method" name="method"{{#BAD_METHOD}} aria-invalid="true" aria-describedby="form-error"{{/BAD_METHOD}}>{{#METHOD_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{#CHECK}}Check{{/CHECK}}{{#CASH}}Cash{{/CASH}}{{#WIRE}}Wire transfer{{/WIRE}}{{#OTHER}}Other{{/OTHER}}</option>{{/METHOD_OPTION}}</select>
  <label for="reference">Reference (check number, wire reference)</label>
  <input type="text" id="reference" name="reference" value="{{REFERENCE}}" maxlength="200"{{#BAD_REFERENCE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_REFERENCE}}>
  <p><button type="submit">Record payment</button> <a class="cancel" href="/bills/{{BILL_ID}}">Cancel</a></p>
</form>
{{>FOOTER}}
