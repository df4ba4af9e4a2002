{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing">Billing</a>{{#ONE_MATTER}} · <a href="/matters/{{MATTER_ID}}/bills">{{MATTER}}</a>{{/ONE_MATTER}} ›</p>
<h1>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#CREATED}}Draft created. Review it, then send it.{{/CREATED}}{{!
}}{{#FINALISED}}Marked as final.{{/FINALISED}}{{!
}}{{#UNSHARED}}Unshared: the client no longer sees it in the portal, and its pay links no longer work.{{/UNSHARED}}{{!
}}{{#VOIDED}}Voided. Its activities can be billed again.{{/VOIDED}}{{!
}}{{#VOID_REFUSED}}Not voided: payments on it are not fully refunded. Refund them first.{{/VOID_REFUSED}}{{!
}}{{#SENT_PORTAL}}Sent to the client portal.{{/SENT_PORTAL}}{{!
}}{{#SENT_EMAIL}}Sent by email.{{/SENT_EMAIL}}{{!
}}{{#SENT_BOTH}}Sent to the client portal and by email.{{/SENT_BOTH}}{{!
}}{{#SENT_EMAIL_ONLY}}Sent by email only: this bill cannot go through a portal.{{/SENT_EMAIL_ONLY}}{{!
}}{{#NO_EMAIL}}Not emailed: the client has no email address on file. Add one to the contact first.{{/NO_EMAIL}}{{!
}}{{#NO_PORTAL}}Not sent: this bill cannot go through a portal (several matters, client level, or the matter's portal is not open). Send it by email.{{/NO_PORTAL}}{{!
}}{{#NOT_SENT}}Nothing sent: choose the portal, email or both.{{/NOT_SENT}}</p>{{/NOTICE}}
<dl class="details">
  <dt>Client</dt><dd><a href="/contacts/{{CONTACT_ID}}">{{CONTACT}}</a></dd>
  <dt>Matter</dt><dd>{{#ONE_MATTER}}<a href="/matters/{{MATTER_ID}}">{{MATTER}}</a>{{/ONE_MATTER}}{{#NO_MATTER}}{{#BILL}}Several matters (email only){{/BILL}}{{#TRUST}}Client level (email only){{/TRUST}}{{/NO_MATTER}}</dd>
  <dt>Status</dt><dd>{{#DRAFT}}Draft{{/DRAFT}}{{#FINAL}}Unpaid{{/FINAL}}{{#PARTIAL}}Partially paid{{/PARTIAL}}{{#PAID}}Paid{{/PAID}}{{#VOID}}Void{{/VOID}}{{#SHARED}} · <span class="badge">shared</span> in the client portal{{/SHARED}}</dd>
  <dt>Issued</dt><dd>{{ISSUED}}</dd>
{{#HAS_DUE}}  <dt>Due</dt><dd>{{DUE}}</dd>
{{/HAS_DUE}}  <dt>Total</dt><dd>{{TOTAL}}</dd>
  <dt>Paid</dt><dd>{{PAID}}</dd>
  <dt>Balance</dt><dd><strong>{{BALANCE}}</strong></dd>
</dl>
<p class="actions">{{#DRAFT}}<a class="button" href="/bills/{{ID}}/send">Send</a>{{/DRAFT}}{{#UNPAID}}<a class="button" href="/bills/{{ID}}/send">Send</a>{{/UNPAID}}
<a class="button" href="/bills/{{ID}}.pdf">Download PDF</a>
{{#HAS_BALANCE}}<a class="button" href="/bills/{{ID}}/payments/new">Record payment</a>{{/HAS_BALANCE}}</p>
<div class="actions">
{{#DRAFT}}<form class="inline" method="post" action="/bills/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="finalise"><button type="submit">Mark as final</button></form>{{/DRAFT}}
{{#SHARED}}<a href="/bills/{{ID}}?op=unshare">Unshare via Client Portal</a>{{/SHARED}}
{{#DRAFT}}<a href="/bills/{{ID}}?op=void">Void</a>{{/DRAFT}}{{#UNPAID}}<a href="/bills/{{ID}}?op=void">Void</a>{{/UNPAID}}{{#PAID}}<a href="/bills/{{ID}}?op=void">Void</a>{{/PAID}}
</div>
<h2>Lines</h2>
<div class="table-scroll" role="region" aria-label="Lines" tabindex="0">
<table class="list">
<thead><tr><th>Date</th><th>Description</th><th>Hours</th><th>Amount</th></tr></thead>
<tbody>
{{#LINE}}<tr><td>{{DATE}}</td><td>{{DESCRIPTION}}{{#FUNDS_LINE}}Funds request{{/FUNDS_LINE}}</td><td>{{QUANTITY}}</td><td>{{AMOUNT}}</td></tr>
{{/LINE}}<tr><td></td><th scope="row">Total</th><td></td><td><strong>{{TOTAL}}</strong></td></tr>
</tbody>
</table>
</div>
{{#MEMO}}<h2>Note</h2>
<p>{{MEMO}}</p>{{/MEMO}}
<h2>Payments</h2>
{{#NO_PAYMENTS}}<p class="empty">No payments yet.</p>{{/NO_PAYMENTS}}
<ul>
{{#PAYMENT}}<li><a href="/payments/{{PAYMENT_ID}}">{{RECEIVED}}: {{AMOUNT}} ({{METHOD}})</a>{{#REFUNDED}}, {{REFUND}} refunded{{/REFUNDED}}</li>
{{/PAYMENT}}</ul>
<h2>Timeline</h2>
<ol class="timeline">
{{#EVENT}}<li><time>{{WHEN}}</time> {{#EV_CREATED}}Created{{/EV_CREATED}}{{#EV_FINALISED}}Marked as final{{/EV_FINALISED}}{{#EV_SHARED}}Shared with the client portal{{/EV_SHARED}}{{#EV_UNSHARED}}Unshared from the client portal{{/EV_UNSHARED}}{{#EV_SENT}}Sent ({{DETAIL}}){{/EV_SENT}}{{#EV_VIEWED}}Viewed by the client{{/EV_VIEWED}}{{#EV_PAID}}Paid {{DETAIL}}{{/EV_PAID}}{{#EV_REFUNDED}}Refunded {{DETAIL}}{{/EV_REFUNDED}}{{#EV_VOIDED}}Voided{{/EV_VOIDED}}{{#WHO}} · {{WHO}}{{/WHO}}</li>
{{/EVENT}}</ol>
{{>FOOTER}}
