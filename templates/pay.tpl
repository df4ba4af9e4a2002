{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Pay</h1>
{{#PROCESSING}}<p class="notice" role="status">Thank you. Your payment is being processed: the amounts below change once the payment provider confirms it, and a receipt is emailed to you. <a href="/pay/{{TOKEN}}?done=1">Refresh</a></p>{{/PROCESSING}}
{{#BOTH}}<p>Bills and funds requests (money held in trust for you) are paid separately: each has its own payment below.</p>{{/BOTH}}
{{#GROUP}}
<section class="card narrow" aria-labelledby="h-{{GROUP_NAME}}">
<h2 id="h-{{GROUP_NAME}}">{{#OPERATING}}{{#ONE}}Bill{{/ONE}}{{#MANY}}Bills{{/MANY}}{{/OPERATING}}{{#TRUST}}{{#ONE}}Funds request{{/ONE}}{{#MANY}}Funds requests{{/MANY}}{{/TRUST}}</h2>
<table class="list">
<thead><tr><th scope="col">Number</th><th scope="col" class="num">Owed</th></tr></thead>
<tbody>
{{#ITEM}}<tr><td>{{NUMBER}}</td><td class="num">{{BALANCE_TEXT}}</td></tr>
{{/ITEM}}</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num">{{TOTAL_TEXT}}</td></tr></tfoot>
</table>
{{#ERROR}}<p class="error" role="alert" id="form-error-{{GROUP_NAME}}">{{!
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 125.00.{{/AMOUNT_INVALID}}{{!
}}{{#AMOUNT_ZERO}}Enter an amount above zero.{{/AMOUNT_ZERO}}{{!
}}{{#AMOUNT_OVER}}That is more than is owed ({{TOTAL_ERR}}). Pay at most the total.{{/AMOUNT_OVER}}{{!
}}{{#PROVIDER}}The payment page could not be opened just now. Nothing was charged; please try again in a few minutes.{{/PROVIDER}}{{!
}}</p>{{/ERROR}}
<form method="post" action="/pay/{{TOKEN}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="group" value="{{GROUP_NAME}}">
  <label for="amount-{{GROUP_NAME}}">Amount to pay ({{CURRENCY}})</label>
  <input type="text" id="amount-{{GROUP_NAME}}" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required aria-describedby="help-{{GROUP_NAME}}"{{#BAD_AMOUNT}} aria-invalid="true" aria-errormessage="form-error-{{GROUP_NAME}}"{{/BAD_AMOUNT}}>
  <p class="muted" id="help-{{GROUP_NAME}}">The whole amount owed, or part of it{{#MANY}} (applied to the oldest first){{/MANY}}. You pay by card or bank transfer on the payment provider's secure page; this site never sees your card or bank details.</p>
  <p><button type="submit">{{#ONE}}{{#OPERATING}}Pay bill{{/OPERATING}}{{#TRUST}}Pay funds request{{/TRUST}}{{/ONE}}{{#MANY}}Pay All{{/MANY}}</button></p>
</form>
</section>
{{/GROUP}}
{{>FOOTER}}
