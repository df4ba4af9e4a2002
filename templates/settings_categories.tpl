{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Activity categories</h1>
<nav class="subtabs" aria-label="Settings">
<a href="/settings">Firm</a>
<a href="/settings/matters">Matter numbers</a>
<a class="current" aria-current="page" href="/settings/categories">Activity categories</a>
<a href="/settings/fields">Matter fields</a>
<a href="/settings/security">Sign-in security</a>
<a href="/settings/payments">Payments</a>
</nav>
<p class="muted">Every time entry and expense can carry one of these categories.</p>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Category added.{{/ADDED}}{{#RENAMED}}Category renamed.{{/RENAMED}}{{#DELETED}}Category deleted.{{/DELETED}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why a change was refused; only the one shown expands.
}}{{#NAME_MISSING}}Enter the category's name.{{/NAME_MISSING}}{{!
}}{{#NAME_LONG}}The name is too long: at most 100 characters.{{/NAME_LONG}}{{!
}}{{#NAME_TAKEN}}There is already a category of that name.{{/NAME_TAKEN}}{{!
}}{{#IN_USE}}That category is used by activities, so it cannot be deleted. Rename it instead.{{/IN_USE}}{{!
}}</p>{{/ERROR}}
<div class="table-scroll" role="region" aria-label="Activity categories" tabindex="0">
<table class="list">
<thead><tr><th>Name</th><th>Activities</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#CATEGORY}}<tr><td><form class="inline" method="post" action="/settings/categories">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="rename"><input type="hidden" name="id" value="{{ID}}">
  <label for="cat-{{ID}}" class="sr-only">Name</label>
  <input type="text" id="cat-{{ID}}" name="name" value="{{NAME}}" maxlength="100" required{{#BAD_ROW}} aria-invalid="true" aria-describedby="form-error"{{/BAD_ROW}}>
  <button type="submit">Rename</button></form></td>
<td>{{USES}}</td>
<td>{{#UNUSED}}<form method="post" action="/settings/categories"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="delete"><input type="hidden" name="id" value="{{ID}}"><button type="submit" class="danger" aria-label="Delete {{NAME}}">Delete</button></form>{{/UNUSED}}</td></tr>
{{/CATEGORY}}
</tbody>
</table>
</div>
{{#NO_CATEGORIES}}<p class="empty">No categories yet.</p>{{/NO_CATEGORIES}}
<form class="inline card" method="post" action="/settings/categories">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="add">
  <label for="new-category">New category</label>
  <input type="text" id="new-category" name="name" value="{{TYPED}}" maxlength="100" required{{#BAD_NEW}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NEW}}>
  <button type="submit">Add</button>
</form>
{{>FOOTER}}
