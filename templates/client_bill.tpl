{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal/matters/{{MATTER_ID}}">{{MATTER_NUMBER}} · {{DESCRIPTION}}</a> › <a href="/portal/matters/{{MATTER_ID}}/bills">Bills</a> ›</p>
<h1>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</h1>
{{>PORTAL_TABS}}
<dl class="details">
  <dt>Status</dt><dd>{{#FINAL}}Unpaid{{/FINAL}}{{#PARTIAL}}Partially paid{{/PARTIAL}}{{#PAID}}Paid{{/PAID}}{{#VOID}}Void{{/VOID}}</dd>
  <dt>Issued</dt><dd>{{ISSUED}}</dd>
{{#HAS_DUE}}  <dt>Due</dt><dd>{{DUE}}</dd>
{{/HAS_DUE}}  <dt>Total</dt><dd>{{TOTAL}}</dd>
  <dt>Paid</dt><dd>{{PAID}}</dd>
  <dt>Balance</dt><dd><strong>{{BALANCE}}</strong></dd>
</dl>
<p class="actions"><a class="button" href="/portal/bills/{{ID}}.pdf">Download PDF</a>
{{#CAN_PAY}}<a class="button" href="/portal/bills/{{ID}}/pay">Pay bill</a>{{/CAN_PAY}}</p>
<div class="table-scroll" role="region" aria-label="Lines" tabindex="0">
<table class="list stack">
<thead><tr><th>Date</th><th>Description</th><th>Hours</th><th>Amount</th></tr></thead>
<tbody>
{{#LINE}}<tr><td>{{DATE}}</td><td data-label="Description">{{DESCRIPTION}}{{#FUNDS_LINE}}Funds request{{/FUNDS_LINE}}</td><td data-label="Hours">{{QUANTITY}}</td><td data-label="Amount">{{AMOUNT}}</td></tr>
{{/LINE}}<tr><td></td><th scope="row">Total</th><td></td><td><strong>{{TOTAL}}</strong></td></tr>
</tbody>
</table>
</div>
{{#MEMO}}<h2>Note</h2>
<p>{{MEMO}}</p>{{/MEMO}}
{{#TRUST}}<p class="muted">Payments of this request are held in the firm's trust account.</p>{{/TRUST}}
{{>FOOTER}}
