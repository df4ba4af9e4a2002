{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Activity added.{{/ADDED}}{{#SAVED}}Activity saved.{{/SAVED}}{{#DELETED}}Activity deleted.{{/DELETED}}</p>{{/NOTICE}}
<h2>Activities</h2>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/activities/edit?kind=time">Add time entry</a>
<a class="button" href="/matters/{{MATTER_ID}}/activities/edit?kind=expense">Add expense</a></p>
<dl class="details totals">
  <dt>Time</dt><dd>{{TOTAL_HOURS}} hours, {{TOTAL_TIME}}</dd>
  <dt>Expenses</dt><dd>{{TOTAL_EXPENSES}}</dd>
  <dt>Total</dt><dd><strong>{{TOTAL}}</strong></dd>
</dl>
<form class="inline search" method="get" action="/matters/{{MATTER_ID}}/activities">
  <label for="kind">Type</label>
  <select id="kind" name="kind"><option value="">Time and expenses</option><option value="time"{{#KIND_TIME}} selected{{/KIND_TIME}}>Time entries</option><option value="expense"{{#KIND_EXPENSE}} selected{{/KIND_EXPENSE}}>Expenses</option></select>
  <label for="from">From</label>
  <input type="date" id="from" name="from" value="{{FROM}}">
  <label for="to">To</label>
  <input type="date" id="to" name="to" value="{{TO}}">
  <button type="submit">Show</button>
</form>
<div class="table-scroll" role="region" aria-label="Activities" tabindex="0">
<table class="list">
<thead><tr><th>Date</th><th>Type</th><th>Description</th><th>Category</th><th>Who</th><th>Hours</th><th>Rate</th><th>Amount</th><th>Status</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#ACTIVITY}}<tr><td>{{DATE}}</td><td>{{#TIME}}Time{{/TIME}}{{#EXPENSE}}Expense{{/EXPENSE}}</td><td>{{DESCRIPTION}}{{#RECEIPT}}<br><a href="/documents/{{DOC}}/download">Receipt: {{DOC_NAME}}</a>{{/RECEIPT}}</td><td>{{CATEGORY}}</td><td>{{WHO}}</td><td>{{DURATION}}</td><td>{{RATE}}</td><td>{{AMOUNT}}</td>
<td>{{#UNBILLED}}Unbilled{{/UNBILLED}}{{#BILLED}}Billed{{/BILLED}}</td>
<td>{{#UNBILLED}}<a href="/matters/{{MATTER_ID}}/activities/edit?id={{ID}}">Edit</a> <a href="/matters/{{MATTER_ID}}/activities/edit?op=delete&amp;id={{ID}}">Delete</a>{{/UNBILLED}}</td></tr>
{{/ACTIVITY}}
</tbody>
</table>
</div>
{{#NO_ACTIVITIES}}<p class="empty">No time entries or expenses for this matter yet.</p>{{/NO_ACTIVITIES}}
{{#NO_MATCH}}<p class="empty">No activities match these filters.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
