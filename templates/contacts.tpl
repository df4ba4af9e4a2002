{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Contacts</h1>
<table class="list">
<thead><tr><th>Name</th><th>Type</th><th>Email addresses (primary first)</th><th>Matters</th></tr></thead>
<tbody>
{{#CONTACT}}<tr><td><a href="/contacts/{{ID}}">{{NAME}}</a></td><td>{{KIND}}</td><td>{{EMAILS}}</td><td>{{MATTERS}}</td></tr>
{{/CONTACT}}
</tbody>
</table>
{{#NO_CONTACTS}}<p class="empty">No contacts yet.</p>{{/NO_CONTACTS}}
{{>FOOTER}}
