{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Task added.{{/ADDED}}{{#SAVED}}Task saved.{{/SAVED}}{{#DELETED}}Task deleted.{{/DELETED}}{{!
}}{{#DONE}}Task marked done.{{/DONE}}{{#REOPENED}}Task open again.{{/REOPENED}}</p>{{/NOTICE}}
<h2>Tasks</h2>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/tasks/edit">Add task</a></p>
<form class="inline search" method="get" action="/matters/{{MATTER_ID}}/tasks">
  <label for="show">Show</label>
  <select id="show" name="show"><option value="open"{{#SHOW_OPEN}} selected{{/SHOW_OPEN}}>Open tasks</option><option value="done"{{#SHOW_DONE}} selected{{/SHOW_DONE}}>Done tasks</option><option value="all"{{#SHOW_ALL}} selected{{/SHOW_ALL}}>All tasks</option></select>
  <label for="assignee">Assigned to</label>
  <select id="assignee" name="assignee"><option value="0">Anyone</option>{{#ASSIGNEE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ASSIGNEE_OPTION}}</select>
  <label for="due">Due</label>
  <select id="due" name="due"><option value="">Any time</option><option value="overdue"{{#DUE_OVERDUE}} selected{{/DUE_OVERDUE}}>Overdue</option><option value="week"{{#DUE_WEEK}} selected{{/DUE_WEEK}}>This week</option><option value="later"{{#DUE_LATER}} selected{{/DUE_LATER}}>Later</option></select>
  <button type="submit">Show</button>
</form>
<div class="table-scroll" role="region" aria-label="Tasks" tabindex="0">
<table class="list">
<thead><tr><th>Task</th><th>Due</th><th>Priority</th><th>Assigned to</th><th>Status</th><th>Portal</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#TASK}}<tr><td><strong>{{TITLE}}</strong>{{#HAS_DESCRIPTION}}<br><span class="muted">{{#DESC}}{{LINE}}{{#BREAK}}<br>{{/BREAK}}{{/DESC}}</span>{{/HAS_DESCRIPTION}}</td>
<td>{{DUE}}{{#OVERDUE}} <span class="badge">overdue</span>{{/OVERDUE}}</td>
<td>{{#HIGH}}High{{/HIGH}}{{#NORMAL}}Normal{{/NORMAL}}{{#LOW}}Low{{/LOW}}</td>
<td>{{ASSIGNEE}}</td>
<td>{{#OPEN}}Open{{/OPEN}}{{#DONE}}Done by {{DONE_BY}} on {{DONE_WHEN}}{{/DONE}}</td>
<td>{{#SHARED}}Shared{{#CLIENT_MAY}}; the client may mark it done{{/CLIENT_MAY}}{{/SHARED}}{{#VIEWED}}<br>Viewed by {{WHO}} on {{WHEN}}{{/VIEWED}}</td>
<td><form method="post" action="/matters/{{MATTER_ID}}/tasks/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="id" value="{{ID}}">
  {{#OPEN}}<input type="hidden" name="op" value="done"><button type="submit">Mark done<span class="sr-only">: {{TITLE}}</span></button>{{/OPEN}}{{!
  }}{{#DONE}}<input type="hidden" name="op" value="undone"><button type="submit">Reopen<span class="sr-only">: {{TITLE}}</span></button>{{/DONE}}
</form>
<a href="/matters/{{MATTER_ID}}/tasks/edit?id={{ID}}">Edit<span class="sr-only">: {{TITLE}}</span></a> <a href="/matters/{{MATTER_ID}}/tasks/edit?op=delete&amp;id={{ID}}">Delete<span class="sr-only">: {{TITLE}}</span></a></td></tr>
{{/TASK}}
</tbody>
</table>
</div>
{{#NO_TASKS}}<p class="empty">No tasks for this matter yet.</p>{{/NO_TASKS}}
{{#NO_MATCH}}<p class="empty">No tasks match these filters.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
