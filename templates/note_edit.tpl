{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<h2>{{#NEW}}New note{{/NEW}}{{#EDIT}}Edit note{{/EDIT}}</h2>
{{#ERRORS}}<p class="error" role="alert">Nothing was saved. Please correct the fields marked below.</p>{{/ERRORS}}
<form class="card narrow" method="post" action="/matters/{{MATTER_ID}}/notes/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="save">
{{#HAS_ID}}  <input type="hidden" name="id" value="{{ID}}">
{{/HAS_ID}}  <label for="subject">Subject</label>
  <input type="text" id="subject" name="subject" value="{{SUBJECT}}" maxlength="200" required{{#SUBJECT_ERR}} aria-invalid="true" aria-describedby="subject-err"{{/SUBJECT_ERR}}>
  {{#SUBJECT_ERR}}<p class="field-error" id="subject-err">{{#SUBJECT_MISSING}}Enter a subject.{{/SUBJECT_MISSING}}{{#SUBJECT_LONG}}The subject is too long: at most 200 characters.{{/SUBJECT_LONG}}</p>{{/SUBJECT_ERR}}
  <label for="date">Date</label>
  <input type="date" id="date" name="date" value="{{DATE}}" required{{#DATE_ERR}} aria-invalid="true" aria-describedby="date-err"{{/DATE_ERR}}>
  {{#DATE_ERR}}<p class="field-error" id="date-err">{{#DATE_INVALID}}Enter the date as a day of the calendar, such as 2026-03-31.{{/DATE_INVALID}}</p>{{/DATE_ERR}}
  <label for="body">Note</label>
  <textarea id="body" name="body" rows="10" required{{#BODY_ERR}} aria-invalid="true" aria-describedby="body-err"{{/BODY_ERR}}>{{BODY_TEXT:pre_escape}}</textarea>
  {{#BODY_ERR}}<p class="field-error" id="body-err">{{#BODY_MISSING}}Write the note.{{/BODY_MISSING}}{{#BODY_LONG}}The note is too long: at most 20,000 characters.{{/BODY_LONG}}</p>{{/BODY_ERR}}
  <p class="muted">Plain text: line breaks are kept as typed.</p>
  <fieldset>
  <legend>Client portal</legend>
  <label class="check"><input type="checkbox" name="share" value="1"{{#SHARE_ON}} checked{{/SHARE_ON}}{{#SHARE_ERR}} aria-invalid="true" aria-describedby="share-err"{{/SHARE_ERR}}> Share via client portal</label>
  {{#SHARE_ERR}}<p class="field-error" id="share-err">{{#SHARE_NO_PORTAL}}This matter's client portal is not open yet: open it on the Communications tab first, or untick this box.{{/SHARE_NO_PORTAL}}</p>{{/SHARE_ERR}}
  <p class="muted">The portal shows the note in its Notes tab while the portal's permissions include Notes. Unticking the box takes it out of the portal at once.</p>
  </fieldset>
  <p><button type="submit">{{#NEW}}Add note{{/NEW}}{{#EDIT}}Save{{/EDIT}}</button> <a class="cancel" href="/matters/{{MATTER_ID}}/notes">Cancel</a></p>
</form>
{{>FOOTER}}
