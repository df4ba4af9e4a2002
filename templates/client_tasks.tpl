{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal">Your matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#DONE}}Task marked done. Your law firm has been told.{{/DONE}}</p>{{/NOTICE}}
{{>PORTAL_TABS}}
<h2>Tasks</h2>
<div class="table-scroll" role="region" aria-label="Tasks" tabindex="0">
<table class="list stack">
<thead><tr><th>Task</th><th>Due</th><th>Priority</th><th>Status</th></tr></thead>
<tbody>
{{#TASK}}<tr><td><strong>{{TITLE}}</strong>{{#HAS_DESCRIPTION}}<br>{{#DESC}}{{LINE}}{{#BREAK}}<br>{{/BREAK}}{{/DESC}}{{/HAS_DESCRIPTION}}</td>
<td data-label="Due">{{DUE}}</td>
<td data-label="Priority">{{#HIGH}}High{{/HIGH}}{{#NORMAL}}Normal{{/NORMAL}}{{#LOW}}Low{{/LOW}}</td>
<td data-label="Status">{{#OPEN}}Open{{/OPEN}}{{#DONE}}Done by {{DONE_BY}} on {{DONE_WHEN}}{{/DONE}}{{#MAY_DONE}}Open
<form method="post" action="/portal/matters/{{MATTER_ID}}/tasks">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="done">
  <input type="hidden" name="id" value="{{ID}}">
  <button type="submit">Mark done<span class="sr-only">: {{TITLE}}</span></button>
</form>{{/MAY_DONE}}</td></tr>
{{/TASK}}
</tbody>
</table>
</div>
{{#NO_TASKS}}<p class="empty">No tasks have been shared with you on this matter.</p>{{/NO_TASKS}}
{{#NO_MATCH}}<p class="empty">No tasks on this page.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
