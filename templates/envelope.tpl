{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing?tab=unpaid">Billing</a> › <a href="/envelopes">Envelopes</a> ›</p>
<h1>Envelope to {{CONTACT}}</h1>
{{#ERRORS}}<p class="error" role="alert">Not sent. Please correct the fields marked below.</p>{{/ERRORS}}
<h2>Items</h2>
<ul>{{#ITEM}}<li>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}: {{BALANCE}}{{#HAS_DUE}}, due {{DUE}}{{/HAS_DUE}} <a href="/bills/{{ID}}.pdf">View Invoice</a></li>
{{/ITEM}}</ul>
{{#EDIT}}<form class="card narrow" method="post" action="/envelopes/{{ENVELOPE_ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="continue">
  <label for="to">To</label>
  <select id="to" name="to"{{#TO_ERR}} aria-invalid="true" aria-describedby="to-err"{{/TO_ERR}}>{{#TO_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/TO_OPTION}}</select>
  {{#NO_EMAILS}}<p class="field-error">{{CONTACT}} has no email address on file. Add one to the contact, then come back.</p>{{/NO_EMAILS}}
  {{#TO_ERR}}<p class="field-error" id="to-err">{{#TO_INVALID}}Choose one of the client's addresses on file.{{/TO_INVALID}}</p>{{/TO_ERR}}
  <label for="subject">Subject</label>
  <input type="text" id="subject" name="subject" maxlength="200" required value="{{#DEFAULT_TEXT}}Your bills from {{FIRM_NAME}}{{/DEFAULT_TEXT}}{{SUBJECT}}"{{#SUBJECT_ERR}} aria-invalid="true" aria-describedby="subject-err"{{/SUBJECT_ERR}}>
  {{#SUBJECT_ERR}}<p class="field-error" id="subject-err">{{#SUBJECT_MISSING}}Enter a subject.{{/SUBJECT_MISSING}}{{#SUBJECT_LONG}}The subject is too long: at most 200 characters.{{/SUBJECT_LONG}}</p>{{/SUBJECT_ERR}}
  <label for="body">Message</label>
  <textarea id="body" name="body" rows="6" maxlength="5000"{{#BODY_ERR}} aria-invalid="true" aria-describedby="body-err"{{/BODY_ERR}}>{{#DEFAULT_TEXT}}Hello,

Please find your outstanding bills below. You can view each one, and pay online where a Pay link is given.

Thank you.{{/DEFAULT_TEXT}}{{BODY_TEXT}}</textarea>
  {{#BODY_ERR}}<p class="field-error" id="body-err">{{#BODY_LONG}}The message is too long: at most 5,000 characters.{{/BODY_LONG}}</p>{{/BODY_ERR}}
  <p><button type="submit">Continue</button> <a class="cancel" href="/envelopes">Go Back</a></p>
</form>{{/EDIT}}
{{#PREVIEW}}<section class="card">
<h2>The email as it will go</h2>
<dl class="details"><dt>To</dt><dd>{{TO}}</dd><dt>Subject</dt><dd>{{SUBJECT}}</dd></dl>
<pre class="mail-preview">{{BODY_TEXT}}</pre>
<p class="muted">Below the message the email lists each item with View and, when online payments are on, Pay, and a "Pay All" link.</p>
<form method="post" action="/envelopes/{{ENVELOPE_ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="send">
  <button type="submit">Send Envelope Now</button> <a class="cancel" href="/envelopes/{{ENVELOPE_ID}}">Go Back</a>
</form>
</section>{{/PREVIEW}}
{{>FOOTER}}
