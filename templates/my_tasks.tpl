{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>My tasks</h1>
<p>The open tasks assigned to you, on every matter.</p>
<form class="inline search" method="get" action="/tasks">
  <label for="due">Due</label>
  <select id="due" name="due"><option value="">Any time</option><option value="overdue"{{#DUE_OVERDUE}} selected{{/DUE_OVERDUE}}>Overdue</option><option value="week"{{#DUE_WEEK}} selected{{/DUE_WEEK}}>This week</option><option value="later"{{#DUE_LATER}} selected{{/DUE_LATER}}>Later</option></select>
  <button type="submit">Show</button>
</form>
<div class="table-scroll" role="region" aria-label="My tasks" tabindex="0">
<table class="list">
<thead><tr><th>Task</th><th>Matter</th><th>Due</th><th>Priority</th></tr></thead>
<tbody>
{{#TASK}}<tr><td><a href="/matters/{{MATTER}}/tasks/edit?id={{ID}}">{{TITLE}}</a></td><td><a href="/matters/{{MATTER}}/tasks">{{NUMBER}}</a></td>
<td>{{DUE}}{{#OVERDUE}} <span class="badge">overdue</span>{{/OVERDUE}}</td>
<td>{{#HIGH}}High{{/HIGH}}{{#NORMAL}}Normal{{/NORMAL}}{{#LOW}}Low{{/LOW}}</td></tr>
{{/TASK}}
</tbody>
</table>
</div>
{{#NO_TASKS}}<p class="empty">No open tasks are assigned to you.</p>{{/NO_TASKS}}
{{#NO_MATCH}}<p class="empty">None of your open tasks match this filter.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
