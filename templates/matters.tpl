{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Matters</h1>
<table class="list">
<thead><tr><th>Number</th><th>Description</th><th>Client</th><th>Status</th></tr></thead>
<tbody>
{{#MATTER}}<tr><td><a href="/matters/{{ID}}">{{NUMBER}}</a></td><td>{{DESCRIPTION}}</td><td>{{CLIENT}}</td><td>{{STATUS}}</td></tr>
{{/MATTER}}
</tbody>
</table>
{{#NO_MATTERS}}<p class="empty">No matters yet.</p>{{/NO_MATTERS}}
{{>FOOTER}}
