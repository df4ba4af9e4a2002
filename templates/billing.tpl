{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Billing</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#VOIDED}}Bill voided. Its activities can be billed again.{{/VOIDED}}{{!
}}{{#SENT}}Sent.{{/SENT}}{{!
}}{{#ENVELOPES_SENT}}Envelopes sent.{{/ENVELOPES_SENT}}</p>{{/NOTICE}}
<nav class="subtabs" aria-label="Bills by state">
{{#TAB}}<a {{#CURRENT}}class="current" aria-current="page" {{/CURRENT}}href="{{HREF}}">{{#TAB_DRAFT}}Draft{{/TAB_DRAFT}}{{#TAB_UNPAID}}Unpaid{{/TAB_UNPAID}}{{#TAB_PAID}}Paid{{/TAB_PAID}}{{#TAB_VOID}}Void{{/TAB_VOID}} ({{COUNT}})</a>
{{/TAB}}</nav>
<dl class="details totals">
{{#TAB}}{{#CURRENT}}  <dt>{{#TAB_UNPAID}}Still owed on bills{{/TAB_UNPAID}}{{#TAB_DRAFT}}Drafts, bills{{/TAB_DRAFT}}{{#TAB_PAID}}Paid bills{{/TAB_PAID}}{{#TAB_VOID}}Voided bills{{/TAB_VOID}}</dt><dd>{{BILLS}}</dd>
  <dt>{{#TAB_UNPAID}}Still owed on funds requests (trust){{/TAB_UNPAID}}{{#TAB_DRAFT}}Drafts, funds requests (trust){{/TAB_DRAFT}}{{#TAB_PAID}}Paid funds requests (trust){{/TAB_PAID}}{{#TAB_VOID}}Voided funds requests (trust){{/TAB_VOID}}</dt><dd>{{TRUST}}</dd>
{{/CURRENT}}{{/TAB}}</dl>
<form class="inline search" method="get" action="/billing">
  <input type="hidden" name="tab" value="{{TAB_NAME}}">
{{#BY_CONTACT}}  <input type="hidden" name="contact" value="{{CONTACT_ID}}">
  <span>Client: {{CONTACT_NAME}} <a href="/billing?tab={{TAB_NAME}}">(all clients)</a></span>
{{/BY_CONTACT}}{{#BY_MATTER}}  <input type="hidden" name="matter" value="{{MATTER_ID}}">
  <span>Matter: {{MATTER_NUMBER}} <a href="/billing?tab={{TAB_NAME}}">(all matters)</a></span>
{{/BY_MATTER}}  <label for="from">Issued from</label>
  <input type="date" id="from" name="from" value="{{FROM}}">
  <label for="to">to</label>
  <input type="date" id="to" name="to" value="{{TO}}">
  <button type="submit">Show</button>
</form>
<form method="post" action="/billing/send">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="table-scroll" role="region" aria-label="Bills" tabindex="0">
<table class="list">
<thead><tr>{{#ON_UNPAID}}<th><span class="sr-only">Select</span></th>{{/ON_UNPAID}}<th>Number</th><th>Kind</th><th>Client</th><th>Matter</th><th>Issued</th><th>Due</th><th>Total</th><th>Balance</th><th>Status</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#ROW}}<tr>{{#SELECT}}<td><input type="checkbox" name="id" value="{{ID}}" id="sel-{{ID}}" aria-label="Select {{NUMBER}}"></td>{{/SELECT}}<td><a href="/bills/{{ID}}">{{NUMBER}}</a></td>
<td>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}}</td>
<td><a href="/billing?tab={{TAB_NAME}}&amp;contact={{CONTACT_ID}}">{{CONTACT}}</a></td>
<td>{{#ONE_MATTER}}<a href="/billing?tab={{TAB_NAME}}&amp;matter={{MATTER_ID}}">{{MATTER}}</a>{{/ONE_MATTER}}{{#NO_MATTER}}{{#BILL}}Several matters{{/BILL}}{{#TRUST}}Client level{{/TRUST}}{{/NO_MATTER}}</td>
<td>{{ISSUED}}</td><td>{{DUE}}</td><td>{{TOTAL}}</td><td>{{BALANCE}}</td>
<td>{{#DRAFT}}Draft{{/DRAFT}}{{#FINAL}}Unpaid{{/FINAL}}{{#PARTIAL}}Partially paid{{/PARTIAL}}{{#PAID}}Paid{{/PAID}}{{#VOID}}Void{{/VOID}}</td>
<td>{{#DRAFT}}<a href="/bills/{{ID}}/send">Send</a>{{/DRAFT}}{{#UNPAID}}<a href="/bills/{{ID}}/send">Send</a>{{/UNPAID}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
{{#BULK}}<fieldset class="card">
  <legend>Send the selected bills</legend>
  <input type="checkbox" id="portal" name="portal" value="1" checked> <label for="portal" class="inline">Send to client portal</label><br>
  <input type="checkbox" id="email" name="email" value="1" checked> <label for="email" class="inline">Send via email</label>
  <p class="muted">Multi-matter bills and client-level funds requests cannot go through the portal: they go by email only.</p>
  <label for="message">Message to the clients (optional, in the email)</label>
  <textarea id="message" name="message" rows="3" maxlength="2000"></textarea>
  <p><button type="submit">Send selected</button>
  <button type="submit" formaction="/envelopes" name="op" value="prepare">Review &amp; Send Selected</button></p>
</fieldset>{{/BULK}}
</form>
{{#NO_BILLS}}<p class="empty">No bills here yet. Bills are made from a matter's Bills tab.</p>{{/NO_BILLS}}
{{#NO_MATCH}}<p class="empty">No bills match these filters.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
