{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<h2>{{#NEW}}New task{{/NEW}}{{#EDIT}}Edit task{{/EDIT}}</h2>
{{#ERRORS}}<p class="error" role="alert">Nothing was saved. Please correct the fields marked below.</p>{{/ERRORS}}
<form class="card narrow" method="post" action="/matters/{{MATTER_ID}}/tasks/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="save">
{{#HAS_ID}}  <input type="hidden" name="id" value="{{ID}}">
{{/HAS_ID}}  <label for="title">Title</label>
  <input type="text" id="title" name="title" value="{{TITLE}}" maxlength="200" required{{#TITLE_ERR}} aria-invalid="true" aria-describedby="title-err"{{/TITLE_ERR}}>
  {{#TITLE_ERR}}<p class="field-error" id="title-err">{{#TITLE_MISSING}}Enter a title.{{/TITLE_MISSING}}{{#TITLE_LONG}}The title is too long: at most 200 characters.{{/TITLE_LONG}}</p>{{/TITLE_ERR}}
  <label for="description">Description (optional)</label>
  <textarea id="description" name="description" rows="4"{{#DESCRIPTION_ERR}} aria-invalid="true" aria-describedby="description-err"{{/DESCRIPTION_ERR}}>{{DESCRIPTION_TEXT:pre_escape}}</textarea>
  {{#DESCRIPTION_ERR}}<p class="field-error" id="description-err">{{#DESCRIPTION_LONG}}The description is too long: at most 4,000 characters.{{/DESCRIPTION_LONG}}{{#DESCRIPTION_INVALID}}The description holds characters that cannot be kept.{{/DESCRIPTION_INVALID}}</p>{{/DESCRIPTION_ERR}}
  <label for="due">Due date (optional)</label>
  <input type="date" id="due" name="due" value="{{DUE}}"{{#DUE_ERR}} aria-invalid="true" aria-describedby="due-err"{{/DUE_ERR}}>
  {{#DUE_ERR}}<p class="field-error" id="due-err">{{#DUE_INVALID}}Enter the due date as a day of the calendar, such as 2026-03-31, or leave it empty.{{/DUE_INVALID}}</p>{{/DUE_ERR}}
  <label for="assignee">Assigned to</label>
  <select id="assignee" name="assignee"><option value="0">Nobody</option>{{#ASSIGNEE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ASSIGNEE_OPTION}}</select>
  <label for="priority">Priority</label>
  <select id="priority" name="priority"{{#PRIORITY_ERR}} aria-invalid="true" aria-describedby="priority-err"{{/PRIORITY_ERR}}><option value="low"{{#PRIO_LOW}} selected{{/PRIO_LOW}}>Low</option><option value="normal"{{#PRIO_NORMAL}} selected{{/PRIO_NORMAL}}>Normal</option><option value="high"{{#PRIO_HIGH}} selected{{/PRIO_HIGH}}>High</option></select>
  {{#PRIORITY_ERR}}<p class="field-error" id="priority-err">{{#PRIORITY_INVALID}}Choose low, normal or high.{{/PRIORITY_INVALID}}</p>{{/PRIORITY_ERR}}
  <fieldset>
  <legend>Client portal</legend>
  <label class="check"><input type="checkbox" name="share" value="1"{{#SHARE_ON}} checked{{/SHARE_ON}}{{#SHARE_ERR}} aria-invalid="true" aria-describedby="share-err"{{/SHARE_ERR}}> Share via client portal</label>
  {{#SHARE_ERR}}<p class="field-error" id="share-err">{{#SHARE_NO_PORTAL}}This matter's client portal is not open yet: open it on the Communications tab first, or untick this box.{{/SHARE_NO_PORTAL}}</p>{{/SHARE_ERR}}
  <label class="check"><input type="checkbox" name="client_done" value="1"{{#CLIENT_DONE_ON}} checked{{/CLIENT_DONE_ON}}> Client may mark it done</label>
  <p class="muted">The portal shows the task in its Tasks tab while the portal's permissions include Tasks. Unticking "Share via client portal" takes it out of the portal at once.</p>
  </fieldset>
  <p><button type="submit">{{#NEW}}Add task{{/NEW}}{{#EDIT}}Save{{/EDIT}}</button> <a class="cancel" href="/matters/{{MATTER_ID}}/tasks">Cancel</a></p>
</form>
{{>FOOTER}}
