{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>{{MATTER_NUMBER}} · {{DESCRIPTION}}</h1>
{{>PORTAL_TABS}}
<h2>Pay {{#OPERATING}}bill{{/OPERATING}}{{#TRUST}}funds request{{/TRUST}} {{NUMBER}}</h2>
{{#PROCESSING}}<p class="notice" role="status">Thank you. Your payment is being processed: the balance below changes once the payment provider confirms it, and a receipt is emailed to you. <a href="/portal/bills/{{BILL_ID}}/pay?done=1">Refresh</a></p>{{/PROCESSING}}
<dl class="card facts">
  <dt>Total</dt><dd>{{TOTAL_TEXT}}</dd>
  <dt>Balance owed</dt><dd id="balance">{{BALANCE_TEXT}}</dd>
</dl>
{{#PAID}}<p>This is paid in full. Thank you.</p>{{/PAID}}
{{#NOT_DUE}}<p>Nothing is due on this now.</p>{{/NOT_DUE}}
{{#PAYMENTS_OFF}}<p>Online payment is not available: please contact the firm to pay.</p>{{/PAYMENTS_OFF}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 125.00.{{/AMOUNT_INVALID}}{{!
}}{{#AMOUNT_ZERO}}Enter an amount above zero.{{/AMOUNT_ZERO}}{{!
}}{{#AMOUNT_OVER}}That is more than is owed ({{BALANCE_TEXT}}). Pay at most the balance.{{/AMOUNT_OVER}}{{!
}}{{#PROVIDER}}The payment page could not be opened just now. Nothing was charged; please try again in a few minutes.{{/PROVIDER}}{{!
}}</p>{{/ERROR}}
{{#CAN_PAY}}<form class="card narrow" method="post" action="/portal/bills/{{BILL_ID}}/pay">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="amount">Amount to pay ({{CURRENCY}})</label>
  <input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required aria-describedby="amount-help"{{#BAD_AMOUNT}} aria-invalid="true" aria-errormessage="form-error"{{/BAD_AMOUNT}}>
  <p class="muted" id="amount-help">The whole balance, or part of it. You pay by card or bank transfer on the payment provider's secure page; this portal never sees your card or bank details.</p>
  <p><button type="submit">Pay bill</button></p>
</form>{{/CAN_PAY}}
{{>FOOTER}}
