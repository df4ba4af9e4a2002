{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<h2>Bills</h2>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/bills/new">New bill</a>
<a class="button" href="/matters/{{MATTER_ID}}/funds/new">Request funds</a>
<a href="/contacts/{{CLIENT_ID}}/bills/new">Bill several matters of this client</a></p>
<div class="table-scroll" role="region" aria-label="Bills of this matter" tabindex="0">
<table class="list">
<thead><tr><th>Number</th><th>Kind</th><th>Issued</th><th>Due</th><th>Total</th><th>Balance</th><th>Status</th><th>Portal</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#ROW}}<tr><td><a href="/bills/{{ID}}">{{NUMBER}}</a></td>
<td>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}}{{#NO_MATTER}} (several matters){{/NO_MATTER}}</td>
<td>{{ISSUED}}</td><td>{{DUE}}</td><td>{{TOTAL}}</td><td>{{BALANCE}}</td>
<td>{{#DRAFT}}Draft{{/DRAFT}}{{#FINAL}}Unpaid{{/FINAL}}{{#PARTIAL}}Partially paid{{/PARTIAL}}{{#PAID}}Paid{{/PAID}}{{#VOID}}Void{{/VOID}}</td>
<td>{{#SHARED}}<span class="badge">shared</span>{{/SHARED}}</td>
<td>{{#DRAFT}}<a href="/bills/{{ID}}/send">Send</a>{{/DRAFT}}{{#UNPAID}}<a href="/bills/{{ID}}/send">Send</a>{{/UNPAID}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
{{#NO_BILLS}}<p class="empty">No bills for this matter yet. "New bill" makes one from its unbilled activities.</p>{{/NO_BILLS}}
{{#NO_MATCH}}<p class="empty">No more bills.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
