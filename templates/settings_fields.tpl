{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Matter fields</h1>
<nav class="subtabs" aria-label="Settings">
<a href="/settings">Firm</a>
<a href="/settings/matters">Matter numbers</a>
<a href="/settings/categories">Activity categories</a>
<a class="current" aria-current="page" href="/settings/fields">Matter fields</a>
<a href="/settings/security">Sign-in security</a>
<a href="/settings/payments">Payments</a>
</nav>
<p class="muted">Your firm's own fields for every matter, such as a court case number or a policy number. Each matter's edit form offers them in this order and its page shows them; an intake form's answer can fill one in. Archiving a field hides it everywhere but keeps what matters hold; restore it to show it again.</p>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Field added. It now shows on every matter's form.{{/ADDED}}{{#RENAMED}}Field renamed.{{/RENAMED}}{{#MOVED}}Field moved.{{/MOVED}}{{!
}}{{#ARCHIVED}}Field archived. Matters keep their values; restore the field to show them again.{{/ARCHIVED}}{{#RESTORED}}Field restored.{{/RESTORED}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why a change was refused; only the one shown expands.
}}{{#LABEL_MISSING}}Enter the field's label.{{/LABEL_MISSING}}{{!
}}{{#LABEL_LONG}}The label is too long: at most 100 characters, on one line.{{/LABEL_LONG}}{{!
}}{{#LABEL_TAKEN}}There is already a field with that label (perhaps an archived one: restore it instead).{{/LABEL_TAKEN}}{{!
}}{{#FIELDS_MANY}}A firm can have at most 50 matter fields, archived ones included.{{/FIELDS_MANY}}{{!
}}</p>{{/ERROR}}
<div class="table-scroll" role="region" aria-label="Matter fields" tabindex="0">
<table class="list">
<thead><tr><th>Label</th><th>Matters filled in</th><th><span class="sr-only">Order</span></th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#LIVE}}<tr><td><form class="inline" method="post" action="/settings/fields">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="rename"><input type="hidden" name="id" value="{{ID}}">
  <label for="mf-{{ID}}" class="sr-only">Label</label>
  <input type="text" id="mf-{{ID}}" name="label" value="{{LABEL}}" maxlength="100" required{{#BAD_ROW}} aria-invalid="true" aria-describedby="form-error"{{/BAD_ROW}}>
  <button type="submit">Rename</button></form></td>
<td>{{USES}}</td>
<td>{{#CAN_UP}}<form class="inline" method="post" action="/settings/fields"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="up"><input type="hidden" name="id" value="{{ID}}"><button type="submit" aria-label="Move {{SHOWN}} up">Up</button></form>{{/CAN_UP}}
{{#CAN_DOWN}}<form class="inline" method="post" action="/settings/fields"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="down"><input type="hidden" name="id" value="{{ID}}"><button type="submit" aria-label="Move {{SHOWN}} down">Down</button></form>{{/CAN_DOWN}}</td>
<td><form method="post" action="/settings/fields"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="archive"><input type="hidden" name="id" value="{{ID}}"><button type="submit" aria-label="Archive {{SHOWN}}">Archive</button></form></td></tr>
{{/LIVE}}
</tbody>
</table>
</div>
{{#NO_FIELDS}}<p class="empty">No matter fields yet.</p>{{/NO_FIELDS}}
<form class="inline card" method="post" action="/settings/fields">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="add">
  <label for="new-field">New field</label>
  <input type="text" id="new-field" name="label" value="{{TYPED}}" maxlength="100" required{{#BAD_NEW}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NEW}}>
  <button type="submit">Add</button>
</form>
{{#HAS_ARCHIVED}}<h2>Archived fields</h2>
<ul class="plain">
{{#OLD_FIELD}}<li>{{SHOWN}} <span class="muted">({{USES}} matters filled in)</span>
  <form class="inline" method="post" action="/settings/fields"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="restore"><input type="hidden" name="id" value="{{ID}}"><button type="submit" aria-label="Restore {{SHOWN}}">Restore</button></form></li>
{{/OLD_FIELD}}</ul>
{{/HAS_ARCHIVED}}
{{>FOOTER}}
