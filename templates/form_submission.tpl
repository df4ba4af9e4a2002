{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<h2>{{NAME}}</h2>
<p>Submitted {{WHEN}} by {{WHO}}. <a href="/matters/{{MATTER_ID}}/forms/submissions/{{RID}}.csv">Download as CSV</a> · <a href="/matters/{{MATTER_ID}}/forms/submissions/{{RID}}.pdf">Download as PDF</a></p>
<dl class="details answers">
{{#ANSWER}}  <dt>{{LABEL}}</dt>
  <dd class="answer">{{#TEXT}}{{VALUE}}{{/TEXT}}{{#FILE}}<a href="/documents/{{DOC}}/download">{{VALUE}}</a>{{/FILE}}{{#NONE}}<span class="muted">Not answered</span>{{/NONE}}</dd>
{{/ANSWER}}</dl>
<h3>What the answers changed</h3>
<div class="table-scroll" role="region" aria-label="Changes made by the answers" tabindex="0">
<table class="list">
<thead><tr><th>Field</th><th>Record</th><th>Before</th><th>After</th></tr></thead>
<tbody>
{{#CHANGE}}<tr><td>{{LABEL}}</td><td>{{#CONTACT}}The client's contact card{{/CONTACT}}{{#MATTER}}The matter{{/MATTER}}</td>{{#REPLACED}}<td class="answer">{{OLD}}</td><td class="answer">{{NEW}}</td>{{/REPLACED}}{{#ADDED}}<td colspan="2" class="answer">{{VALUE}}: added to the contact's addresses (not as the primary address)</td>{{/ADDED}}</tr>
{{/CHANGE}}
</tbody>
</table>
</div>
<p><a href="/matters/{{MATTER_ID}}/forms">Back to the matter's forms</a></p>
{{>FOOTER}}
