{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>{{#ACTIVE}}Contacts{{/ACTIVE}}{{#ARCHIVED}}Archived contacts{{/ARCHIVED}}</h1>
<p class="actions"><a class="button" href="/contacts/new">New contact</a>
{{#ACTIVE}}<a href="/contacts?archived=1">Archived contacts</a>{{/ACTIVE}}{{#ARCHIVED}}<a href="/contacts">Current contacts</a>{{/ARCHIVED}}</p>
<form class="inline search" method="get" action="/contacts" role="search">
  <label for="q">Search by name or email</label>
  <input type="search" id="q" name="q" value="{{Q}}" maxlength="200">
{{#ARCHIVED}}  <input type="hidden" name="archived" value="1">
{{/ARCHIVED}}  <button type="submit">Search</button>
</form>
<div class="table-scroll" role="region" aria-label="Contacts" tabindex="0">
<table class="list">
<thead><tr><th>Name</th><th>Type</th><th>Email addresses (primary first)</th><th>Matters</th></tr></thead>
<tbody>
{{#CONTACT}}<tr><td><a href="/contacts/{{ID}}">{{NAME}}</a></td><td>{{KIND}}</td><td>{{EMAILS}}</td><td>{{MATTERS}}</td></tr>
{{/CONTACT}}
</tbody>
</table>
</div>
{{#NO_CONTACTS}}<p class="empty">No contacts here yet.</p>{{/NO_CONTACTS}}
{{#NO_MATCH}}<p class="empty">No contact matches “{{Q}}”.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
