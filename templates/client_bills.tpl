{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal/matters/{{MATTER_ID}}">{{NUMBER}} · {{DESCRIPTION}}</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{>PORTAL_TABS}}
<h2>Bills</h2>
<div class="table-scroll" role="region" aria-label="Your bills" tabindex="0">
<table class="list stack">
<thead><tr><th>Bill</th><th>Issued</th><th>Due</th><th>Total</th><th>Balance</th><th>Status</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#ROW}}<tr><td><a href="/portal/bills/{{ID}}">{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</a></td>
<td data-label="Issued">{{ISSUED}}</td><td data-label="Due">{{DUE}}</td><td data-label="Total">{{TOTAL}}</td><td data-label="Balance">{{BALANCE}}</td>
<td data-label="Status">{{#FINAL}}Unpaid{{/FINAL}}{{#PARTIAL}}Partially paid{{/PARTIAL}}{{#PAID}}Paid{{/PAID}}{{#VOID}}Void{{/VOID}}</td>
<td><a href="/portal/bills/{{ID}}.pdf">Download PDF</a>{{#CAN_PAY}} <a class="button" href="/portal/bills/{{ID}}/pay">Pay bill</a>{{/CAN_PAY}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
{{#NO_BILLS}}<p class="empty">No bills have been shared with you in this matter.</p>{{/NO_BILLS}}
{{#NO_MATCH}}<p class="empty">No more bills.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
