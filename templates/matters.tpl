{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Matters</h1>
<p class="actions"><a class="button" href="/matters/new">New matter</a></p>
<form class="inline search" method="get" action="/matters" role="search">
  <label for="q">Search</label>
  <input type="search" id="q" name="q" value="{{Q}}" maxlength="200" placeholder="Number, description or client">
  <label for="status">Status</label>
  <select id="status" name="status"><option value="">All</option><option value="open"{{#STATUS_OPEN}} selected{{/STATUS_OPEN}}>Open</option><option value="closed"{{#STATUS_CLOSED}} selected{{/STATUS_CLOSED}}>Closed</option></select>
  {{#CLIENT_FILTER}}<span class="filter">Client: {{CLIENT_NAME}} <input type="hidden" name="client" value="{{CLIENT_ID}}"><a href="{{ALL_CLIENTS}}">All clients</a></span>{{/CLIENT_FILTER}}
  <label for="responsible">Responsible</label>
  <select id="responsible" name="responsible"><option value="0">Anyone</option>{{#USER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/USER_OPTION}}</select>
  <input type="hidden" name="sort" value="{{SORT}}">
  <button type="submit">Show</button>
</form>
<div class="table-scroll" role="region" aria-label="Matters" tabindex="0">
<table class="list">
<thead><tr><th><a href="{{SORT_NUMBER}}">Number{{#BY_NUMBER}} ▲{{/BY_NUMBER}}{{#BY_NUMBER_DESC}} ▼{{/BY_NUMBER_DESC}}</a></th><th>Description</th><th>Client</th><th>Responsible</th><th><a href="{{SORT_OPENED}}">Opened{{#BY_OPENED}} ▲{{/BY_OPENED}}{{#BY_OPENED_DESC}} ▼{{/BY_OPENED_DESC}}</a></th><th>Status</th></tr></thead>
<tbody>
{{#MATTER}}<tr><td><a href="/matters/{{ID}}">{{NUMBER}}</a></td><td>{{DESCRIPTION}}</td><td>{{CLIENT}}</td><td>{{RESPONSIBLE}}</td><td>{{OPENED}}</td><td>{{#OPEN}}Open{{/OPEN}}{{#CLOSED}}Closed{{/CLOSED}}</td></tr>
{{/MATTER}}
</tbody>
</table>
</div>
{{#NO_MATTERS}}<p class="empty">No matters yet.</p>{{/NO_MATTERS}}{{#NO_MATCH}}<p class="empty">No matters match these filters.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
