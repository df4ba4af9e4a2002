{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Payment {{ID}}: {{AMOUNT_TEXT}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{#RECORDED}}Payment recorded. The balances below are updated and a receipt is on its way to the client's address on file.{{/RECORDED}}{{#REFUNDED}}Refund made. The balances it touched are open again and a receipt is on its way to the client's address on file.{{/REFUNDED}}</p>{{/NOTICE}}
<dl class="card facts">
  <dt>From</dt><dd>{{CONTACT}}</dd>
  <dt>Account</dt><dd>{{#OPERATING}}Operating{{/OPERATING}}{{#TRUST}}Trust (a funds request's deposit){{/TRUST}}</dd>
  <dt>Method</dt><dd>{{#M_CARD}}Card{{/M_CARD}}{{#M_ACH}}Bank transfer (ACH){{/M_ACH}}{{#M_CHECK}}Check{{/M_CHECK}}{{#M_CASH}}Cash{{/M_CASH}}{{#M_WIRE}}Wire transfer{{/M_WIRE}}{{#M_OTHER}}Other{{/M_OTHER}}{{#ONLINE}}, online through the payment provider{{/ONLINE}}{{#OFFLINE}}, recorded by hand{{/OFFLINE}}</dd>
  <dt>Received on</dt><dd>{{RECEIVED}}</dd>
  <dt>Recorded</dt><dd>{{RECORDED}}</dd>
  <dt>Reference</dt><dd>{{REFERENCE}}</dd>
  <dt>Refunded</dt><dd>{{REFUNDED_TEXT}}</dd>
</dl>
<h2>Paid</h2>
<table class="list">
<thead><tr><th scope="col">Item</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Refunded</th></tr></thead>
<tbody>
{{#ALLOC}}<tr><td><a href="/bills/{{BILL_ID}}">{{#OPERATING}}Bill{{/OPERATING}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</a></td><td class="num">{{AMOUNT_TEXT}}</td><td class="num">{{REFUNDED_TEXT}}</td></tr>
{{/ALLOC}}</tbody>
</table>
{{#UNPLACED}}<p class="notice">{{UNPLACED_TEXT}} of this payment found no open item (paid meanwhile by other means): it is held on account. Refund it below.</p>{{/UNPLACED}}
<h2>Refunds</h2>
{{#NO_REFUNDS}}<p>None.</p>{{/NO_REFUNDS}}
<ul class="timeline">
{{#REFUND}}<li>{{AMOUNT_TEXT}} on {{WHEN}} by {{WHO}}{{#HAS_REASON}}: {{REASON}}{{/HAS_REASON}}</li>
{{/REFUND}}</ul>
{{#ALL_REFUNDED}}<p>This payment has been refunded in full.</p>{{/ALL_REFUNDED}}
{{#CAN_REFUND}}
<h2>Refund</h2>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 25.00.{{/AMOUNT_INVALID}}{{!
}}{{#AMOUNT_ZERO}}Enter an amount above zero.{{/AMOUNT_ZERO}}{{!
}}{{#AMOUNT_OVER}}That is more than is left to refund ({{LEFT_TEXT}}).{{/AMOUNT_OVER}}{{!
}}{{#ACH_PARTIAL}}A bank transfer (ACH) payment can only be refunded in full ({{LEFT_TEXT}}); a "Pay All" one is refunded over every item it paid.{{/ACH_PARTIAL}}{{!
}}{{#REASON_LONG}}The reason can be at most 500 characters.{{/REASON_LONG}}{{!
}}{{#PROVIDER}}The payment provider refused the refund, or could not be reached. Nothing was changed; try again later or refund it in the provider's dashboard.{{/PROVIDER}}{{!
}}{{#CHANGED}}Another refund of this payment was made meanwhile. Check what is left and try again.{{/CHANGED}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/payments/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="amount">Amount to refund ({{CURRENCY}})</label>
  <input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required{{#WHOLE_ONLY}} readonly{{/WHOLE_ONLY}} aria-describedby="amount-help"{{#BAD_AMOUNT}} aria-invalid="true" aria-errormessage="form-error"{{/BAD_AMOUNT}}>
  <p class="muted" id="amount-help">{{#PART_OK}}At most {{LEFT_TEXT}}; a part refund leaves the rest paid.{{/PART_OK}}{{#WHOLE_ONLY}}A bank transfer (ACH) payment is refunded in full only.{{/WHOLE_ONLY}}{{#OFFLINE}} This payment came offline: give the money back yourself; Vellum records the refund.{{/OFFLINE}}</p>
  <label for="reason">Reason (for your records)</label>
  <input type="text" id="reason" name="reason" value="{{REASON}}" maxlength="500"{{#BAD_REASON}} aria-invalid="true" aria-describedby="form-error"{{/BAD_REASON}}>
  <p><button type="submit">Refund</button></p>
</form>
{{/CAN_REFUND}}
{{>FOOTER}}
