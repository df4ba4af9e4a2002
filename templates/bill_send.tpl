{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing">Billing</a> › <a href="/bills/{{ID}}">{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}</a> ›</p>
<h1>Send {{#BILL}}bill{{/BILL}}{{#TRUST}}funds request{{/TRUST}} {{NUMBER}}</h1>
<p>To {{CONTACT}}{{#ONE_MATTER}}, matter {{MATTER}}{{/ONE_MATTER}}: {{BALANCE}} due{{#HAS_DUE}} by {{DUE}}{{/HAS_DUE}}.</p>
<form class="card narrow" method="post" action="/bills/{{ID}}/send">
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#PORTAL_OK}}  <p><input type="checkbox" id="portal" name="portal" value="1" checked> <label class="inline" for="portal">Send to client portal</label>{{#SHARED}} (already shared: it shows its current state there){{/SHARED}}</p>
{{#DRAFT}}  <p class="muted">This is a draft: sending it to the portal marks it as final.</p>
{{/DRAFT}}{{/PORTAL_OK}}{{#EMAIL_ONLY}}  <p class="muted">This {{#BILL}}bill covers several matters{{/BILL}}{{#TRUST}}request is at client level{{/TRUST}}: it cannot go through a matter's portal, only by email.</p>
{{/EMAIL_ONLY}}  <p><input type="checkbox" id="email" name="email" value="1" checked> <label class="inline" for="email">Send via email</label> (to the client's address on file)</p>
  <label for="message">Message (optional, shown in the email)</label>
  <textarea id="message" name="message" rows="4" maxlength="2000"></textarea>
  <p><button type="submit">Send bill</button> <a class="cancel" href="/bills/{{ID}}">Cancel</a></p>
</form>
{{>FOOTER}}
