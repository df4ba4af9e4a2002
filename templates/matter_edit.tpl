{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/matters">Matters</a> ›</p>
<h1>{{#NEW}}New matter{{/NEW}}{{#EDIT}}Edit matter {{NUMBER}}{{/EDIT}}</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#NUMBER_TAKEN}}Another matter already has the number “{{NUMBER}}”. Choose another number{{#NEW}}, or leave it blank for the next one{{/NEW}}.{{/NUMBER_TAKEN}}{{!
}}{{#NUMBER_INVALID}}Enter a matter number of at most 32 characters, without control characters.{{/NUMBER_INVALID}}{{!
}}{{#NUMBERING_FULL}}No free number is left in the firm's numbering pattern. An admin can change it under Settings, Matter numbers, or type a number.{{/NUMBERING_FULL}}{{!
}}{{#DESCRIPTION_MISSING}}Enter a description of the matter.{{/DESCRIPTION_MISSING}}{{!
}}{{#DESCRIPTION_LONG}}The description is too long: at most 500 characters.{{/DESCRIPTION_LONG}}{{!
}}{{#CLIENT_MISSING}}Choose the client.{{/CLIENT_MISSING}}{{!
}}{{#RESPONSIBLE_MISSING}}Choose the responsible person.{{/RESPONSIBLE_MISSING}}{{!
}}{{#OPENED_INVALID}}Enter the date the matter opened, as a date such as 2026-03-31.{{/OPENED_INVALID}}{{!
}}{{#CLOSED_INVALID}}Enter the date the matter closed, as a date such as 2026-03-31.{{/CLOSED_INVALID}}{{!
}}{{#VALUE_LONG}}“{{BAD_LABEL}}” is too long: at most 500 characters.{{/VALUE_LONG}}{{!
}}{{#VALUE_LINE}}Keep “{{BAD_LABEL}}” on one line.{{/VALUE_LINE}}{{!
}}{{#VALUE_INVALID}}“{{BAD_LABEL}}” holds characters that are not text.{{/VALUE_INVALID}}{{!
}}{{#CLOSED_BEFORE_OPENED}}A matter cannot close before it opened: check the two dates.{{/CLOSED_BEFORE_OPENED}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="save">
  <label for="number">Number</label>
  <input type="text" id="number" name="number" value="{{NUMBER}}" maxlength="32"{{#EDIT}} required{{/EDIT}}{{#BAD_NUMBER}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NUMBER}}>
{{#NEW}}  <p class="muted">Leave blank for the next number, {{PREVIEW}}.</p>
{{/NEW}}  <label for="description">Description</label>
  <input type="text" id="description" name="description" value="{{DESCRIPTION}}" maxlength="500" required{{#BAD_DESCRIPTION}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DESCRIPTION}}>
  <label for="client">Client</label>
  <select id="client" name="client"{{#BAD_CLIENT}} aria-invalid="true" aria-describedby="form-error"{{/BAD_CLIENT}}><option value="0">Choose a contact</option>{{#CLIENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CLIENT_OPTION}}</select>
  <label for="responsible">Responsible</label>
  <select id="responsible" name="responsible"{{#BAD_RESPONSIBLE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_RESPONSIBLE}}><option value="0">Choose a person</option>{{#USER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/USER_OPTION}}</select>
  <label for="opened">Opened on</label>
  <input type="date" id="opened" name="opened" value="{{OPENED}}" required{{#BAD_OPENED}} aria-invalid="true" aria-describedby="form-error"{{/BAD_OPENED}}>
{{#CLOSED_FIELD}}  <label for="closed">Closed on</label>
  <input type="date" id="closed" name="closed" value="{{CLOSED}}" required{{#BAD_CLOSED}} aria-invalid="true" aria-describedby="form-error"{{/BAD_CLOSED}}>
{{/CLOSED_FIELD}}{{#CUSTOM}}  <label for="cf{{FID}}">{{LABEL}}</label>
  <input type="text" id="cf{{FID}}" name="cf{{FID}}" value="{{VALUE}}" maxlength="500"{{#BAD}} aria-invalid="true" aria-describedby="form-error"{{/BAD}}>
{{/CUSTOM}}  <p><button type="submit">{{#NEW}}Create matter{{/NEW}}{{#EDIT}}Save{{/EDIT}}</button> <a class="cancel" href="{{BACK}}">Cancel</a></p>
</form>
{{>FOOTER}}
