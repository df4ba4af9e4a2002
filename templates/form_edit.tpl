{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/forms">Forms</a> ›</p>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#CREATED}}Form created. Add its fields below.{{/CREATED}}{{#RENAMED}}Name saved.{{/RENAMED}}{{!
}}{{#ADDED}}Field added.{{/ADDED}}{{#SAVED}}Field saved.{{/SAVED}}{{#REMOVED}}Field removed.{{/REMOVED}}{{!
}}{{#MOVED}}Order saved.{{/MOVED}}{{#COPIED}}This is the copy: change it as you like.{{/COPIED}}</p>{{/NOTICE}}
{{#NEW}}<h1>New form</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{#NAME_MISSING}}Give the form a name.{{/NAME_MISSING}}{{#NAME_LONG}}The name is too long: one line of at most 200 characters.{{/NAME_LONG}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/forms/new">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="create">
  <label for="name">Name</label>
  <input type="text" id="name" name="name" value="{{NAME}}" maxlength="200" required{{#BAD_NAME}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NAME}}>
  <p><button type="submit">Create form</button> <a class="cancel" href="/forms">Cancel</a></p>
</form>
{{/NEW}}
{{#BUILDER}}<h1>{{FORM_NAME}}</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#FROZEN}}This form has been given to a matter, so its fields can no longer change: the answers already given must keep reading as they were asked. Make a copy to change it.{{/FROZEN}}{{!
}}{{#NAME_MISSING}}Give the form a name.{{/NAME_MISSING}}{{#NAME_LONG}}The name is too long: one line of at most 200 characters.{{/NAME_LONG}}{{!
}}</p>{{/ERROR}}
{{#FROZEN}}<p class="muted" id="frozen">Given to {{USES}} matter(s): the fields are fixed so that every submission reads as it was answered. To change them, make a copy.</p>{{/FROZEN}}
<form class="inline" method="post" action="/forms/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="rename">
  <label for="name">Name</label>
  <input type="text" id="name" name="name" value="{{NAME}}" maxlength="200" required{{#BAD_NAME}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NAME}}>
  <button type="submit">Save name</button>
</form>
<h2>Fields</h2>
{{#NO_FIELDS}}<p class="empty">No fields yet. Add the first below.</p>{{/NO_FIELDS}}
<ol class="form-fields" id="fields" data-form="{{ID}}">
{{#FIELD}}<li class="form-field" data-field="{{FID}}">
  <p><strong>{{NO}}. {{LABEL}}</strong> · {{#KIND_TEXT}}Text{{/KIND_TEXT}}{{#KIND_LONGTEXT}}Long text{{/KIND_LONGTEXT}}{{#KIND_EMAIL}}Email{{/KIND_EMAIL}}{{#KIND_PHONE}}Phone{{/KIND_PHONE}}{{#KIND_DATE}}Date{{/KIND_DATE}}{{#KIND_NUMBER}}Number{{/KIND_NUMBER}}{{#KIND_CHOICE}}Choice (one){{/KIND_CHOICE}}{{#KIND_MULTI}}Choice (several){{/KIND_MULTI}}{{#KIND_YESNO}}Yes or no{{/KIND_YESNO}}{{#KIND_FILE}}File upload{{/KIND_FILE}}
  · {{#REQUIRED}}required{{/REQUIRED}}{{#OPTIONAL}}optional{{/OPTIONAL}}{{#MAPS}} · fills {{#CONTACT_NAME}}the client's name{{/CONTACT_NAME}}{{#CONTACT_PHONE}}the client's phone numbers{{/CONTACT_PHONE}}{{#CONTACT_ADDRESS}}the client's address{{/CONTACT_ADDRESS}}{{#MATTER_DESCRIPTION}}the matter's description{{/MATTER_DESCRIPTION}}{{#CONTACT_EMAIL}}the client's email addresses (added){{/CONTACT_EMAIL}}{{#CONTACT_BIRTH}}the client's date of birth{{/CONTACT_BIRTH}}{{#MATTER_FIELD}}the matter's “{{MLABEL}}”{{/MATTER_FIELD}}{{/MAPS}}</p>
  {{#HAS_HELP}}<p class="muted">{{HELP}}</p>{{/HAS_HELP}}
  {{#HAS_OPTIONS}}<p class="muted options">Options: {{OPTIONS}}</p>{{/HAS_OPTIONS}}
{{#CHANGE}}  <div class="field-actions">
    <form class="inline" method="post" action="/forms/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="field" value="{{FID}}">
      {{#CAN_UP}}<button type="submit" name="op" value="up" aria-label="Move {{LABEL}} up">Up</button>{{/CAN_UP}}
      {{#CAN_DOWN}}<button type="submit" name="op" value="down" aria-label="Move {{LABEL}} down">Down</button>{{/CAN_DOWN}}
      <button type="submit" name="op" value="field_delete" aria-label="Remove {{LABEL}}">Remove</button>
    </form>
    <a href="/forms/{{ID}}?field={{FID}}#field-form" aria-label="Edit {{LABEL}}">Edit</a>
  </div>
{{/CHANGE}}</li>
{{/FIELD}}
</ol>
{{#OPEN}}<form class="inline" method="post" action="/forms/{{ID}}" id="order-form" hidden>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="order">
  <input type="hidden" name="order" id="order" value="">
  <button type="submit">Save order</button>
</form>{{/OPEN}}
{{#FIELD_FORM}}<h2 id="field-form">{{#ADD}}Add a field{{/ADD}}{{#EDIT}}Change the field{{/EDIT}}</h2>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#KIND_INVALID}}Choose the type of the field.{{/KIND_INVALID}}{{!
}}{{#LABEL_MISSING}}Give the field a label: the question the client reads.{{/LABEL_MISSING}}{{!
}}{{#LABEL_LONG}}The label is too long: one line of at most 200 characters.{{/LABEL_LONG}}{{!
}}{{#HELP_LONG}}The help text is too long: at most 1,000 characters.{{/HELP_LONG}}{{!
}}{{#OPTIONS_MISSING}}A choice needs its options, one a line.{{/OPTIONS_MISSING}}{{!
}}{{#OPTIONS_LONG}}Too many options or an option too long: at most 50 options of 200 characters each.{{/OPTIONS_LONG}}{{!
}}{{#OPTIONS_INVALID}}The options hold characters that are not text.{{/OPTIONS_INVALID}}{{!
}}{{#MAPS_INVALID}}This type of field cannot fill that contact or matter field: a name comes from a text field, a phone number from a phone or text field, an address or a description from a text or long text field, an email address from an email field, a date of birth from a date field, and a matter field from a one-line answer (text, email, phone, date, number, choice or yes/no). A matter field must be one of the firm's live ones.{{/MAPS_INVALID}}{{!
}}{{#FIELDS_MANY}}A form holds at most 100 fields.{{/FIELDS_MANY}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/forms/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="field">
{{#HAS_FIELD}}  <input type="hidden" name="field" value="{{FID}}">
{{/HAS_FIELD}}  <label for="kind">Type</label>
  <select id="kind" name="kind"{{#BAD_KIND}} aria-invalid="true" aria-describedby="form-error"{{/BAD_KIND}}>
    <option value="text"{{#K_TEXT}} selected{{/K_TEXT}}>Text (one line)</option>
    <option value="longtext"{{#K_LONGTEXT}} selected{{/K_LONGTEXT}}>Long text</option>
    <option value="email"{{#K_EMAIL}} selected{{/K_EMAIL}}>Email</option>
    <option value="phone"{{#K_PHONE}} selected{{/K_PHONE}}>Phone</option>
    <option value="date"{{#K_DATE}} selected{{/K_DATE}}>Date</option>
    <option value="number"{{#K_NUMBER}} selected{{/K_NUMBER}}>Number</option>
    <option value="choice"{{#K_CHOICE}} selected{{/K_CHOICE}}>Choice (one)</option>
    <option value="multi"{{#K_MULTI}} selected{{/K_MULTI}}>Choice (several)</option>
    <option value="yesno"{{#K_YESNO}} selected{{/K_YESNO}}>Yes or no</option>
    <option value="file"{{#K_FILE}} selected{{/K_FILE}}>File upload (up to 100 MB, kept in the matter's documents)</option>
  </select>
  <label for="label">Label</label>
  <input type="text" id="label" name="label" value="{{LABEL}}" maxlength="200" required{{#BAD_LABEL}} aria-invalid="true" aria-describedby="form-error"{{/BAD_LABEL}}>
  <label for="help">Help text (optional)</label>
  <textarea id="help" name="help" rows="2" maxlength="1000"{{#BAD_HELP}} aria-invalid="true" aria-describedby="form-error"{{/BAD_HELP}}>{{HELP}}</textarea>
  <label for="options">Options, one a line (choices only)</label>
  <textarea id="options" name="options" rows="4"{{#BAD_OPTIONS}} aria-invalid="true" aria-describedby="form-error"{{/BAD_OPTIONS}}>{{OPTIONS}}</textarea>
  <label class="choice" for="required"><input type="checkbox" id="required" name="required" value="1"{{#IS_REQUIRED}} checked{{/IS_REQUIRED}}> Required</label>
  <label for="maps_to">On submission, fill</label>
  <select id="maps_to" name="maps_to" aria-describedby="maps-help{{#BAD_MAPS_TO}} form-error{{/BAD_MAPS_TO}}"{{#BAD_MAPS_TO}} aria-invalid="true"{{/BAD_MAPS_TO}}>
    <option value=""{{#M_NONE}} selected{{/M_NONE}}>Nothing (keep the answer only)</option>
    <option value="contact_name"{{#M_CONTACT_NAME}} selected{{/M_CONTACT_NAME}}>The client's name</option>
    <option value="contact_phone"{{#M_CONTACT_PHONE}} selected{{/M_CONTACT_PHONE}}>The client's phone numbers (added)</option>
    <option value="contact_address"{{#M_CONTACT_ADDRESS}} selected{{/M_CONTACT_ADDRESS}}>The client's address</option>
    <option value="contact_email"{{#M_CONTACT_EMAIL}} selected{{/M_CONTACT_EMAIL}}>Contact: email (added to the addresses)</option>
    <option value="contact_birth"{{#M_CONTACT_BIRTH}} selected{{/M_CONTACT_BIRTH}}>Contact: date of birth</option>
    <option value="matter_description"{{#M_MATTER_DESCRIPTION}} selected{{/M_MATTER_DESCRIPTION}}>The matter's description</option>
{{#MFIELD_OPTION}}    <option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>Matter: {{LABEL}}</option>
{{/MFIELD_OPTION}}  </select>
  <p class="muted help" id="maps-help">An email answer is added to the client's email addresses, never as the primary one: a form cannot change the address your client signs in with or the one your firm writes to. An address already on file for someone else at the firm is refused, and the client is asked to contact the firm. Matter fields are defined by an admin under Settings, Matter fields.</p>
  <p><button type="submit">{{#ADD}}Add field{{/ADD}}{{#EDIT}}Save field{{/EDIT}}</button>{{#EDIT}} <a class="cancel" href="/forms/{{ID}}">Cancel</a>{{/EDIT}}</p>
</form>
{{/FIELD_FORM}}
<h2>This form</h2>
<form class="inline" method="post" action="/forms/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="copy">
  <button type="submit">Make a copy</button>
</form>
{{#OPEN}}<p><a class="danger" href="/forms/{{ID}}?op=delete">Delete this form</a></p>{{/OPEN}}
{{/BUILDER}}
{{>FOOTER}}
