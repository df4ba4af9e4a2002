{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Forms</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#DELETED}}Form deleted.{{/DELETED}}</p>{{/NOTICE}}
<p class="muted">Intake forms your clients fill in through the client portal. Share one from a matter's Forms tab.</p>
<p class="actions"><a class="button" href="/forms/new">New form</a></p>
<form class="inline search" method="get" action="/forms" role="search">
  <label for="q">Search by name</label>
  <input type="search" id="q" name="q" value="{{Q}}" maxlength="200">
  <button type="submit">Search</button>
</form>
<div class="table-scroll" role="region" aria-label="Forms" tabindex="0">
<table class="list">
<thead><tr><th>Name</th><th>Fields</th><th>Given to matters</th><th>Changed</th></tr></thead>
<tbody>
{{#FORM}}<tr><td><a href="/forms/{{ID}}">{{NAME}}</a></td><td>{{FIELDS}}</td><td>{{USES}}</td><td>{{UPDATED}}</td></tr>
{{/FORM}}
</tbody>
</table>
</div>
{{#NO_FORMS}}<p class="empty">No forms yet. Make one with “New form”.</p>{{/NO_FORMS}}
{{#NO_MATCH}}<p class="empty">No form matches “{{Q}}”.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
