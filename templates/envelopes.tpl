{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing?tab=unpaid">Billing</a> ›</p>
<h1>Review &amp; send envelopes</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#PREPARED}}The selected bills are in the envelopes below. Review each one, or send them all.{{/PREPARED}}{{!
}}{{#SENT}}Envelope sent.{{/SENT}}{{!
}}{{#SENT_ALL}}Envelopes sent.{{/SENT_ALL}}{{!
}}{{#NONE}}None of the selected bills can go in an envelope: only unpaid bills (final or partly paid) can.{{/NONE}}</p>{{/NOTICE}}
{{#FAILED}}<p class="error" role="alert">{{FAILED_COUNT}} envelope(s) were not sent: each needs an address to send to. Review them below.</p>{{/FAILED}}
{{#NO_DRAFTS}}<p class="empty">No envelopes to send. Choose unpaid bills on the <a href="/billing?tab=unpaid">Billing</a> list, then "Review &amp; Send Selected".</p>{{/NO_DRAFTS}}
{{#DRAFTS}}<ul class="envelopes">
{{#ENVELOPE}}<li class="card"><h2>To {{CONTACT}}{{#NO_TO}} <span class="badge">no address on file</span>{{/NO_TO}}</h2>
<p>{{TO}} · {{COUNT}} item(s)</p>
<ul>{{#ITEM}}<li>{{#BILL}}Bill{{/BILL}}{{#TRUST}}Funds request{{/TRUST}} {{NUMBER}}: {{BALANCE}} <a href="/bills/{{ID}}.pdf">View Invoice</a></li>{{/ITEM}}</ul>
<p><a class="button" href="/envelopes/{{ID}}">Review</a></p></li>
{{/ENVELOPE}}</ul>
<form class="card" method="post" action="/envelopes">
  <h2>Send All Envelopes</h2>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="send_all">
{{#ERRORS}}<p class="error" role="alert">Nothing was sent. Please correct the fields marked below.</p>{{/ERRORS}}
  <label for="subject">Subject (for every envelope)</label>
  <input type="text" id="subject" name="subject" maxlength="200" required value="{{#DEFAULT_TEXT}}Your bills from {{FIRM_NAME}}{{/DEFAULT_TEXT}}{{SUBJECT}}"{{#SUBJECT_ERR}} aria-invalid="true" aria-describedby="subject-err"{{/SUBJECT_ERR}}>
  {{#SUBJECT_ERR}}<p class="field-error" id="subject-err">{{#SUBJECT_MISSING}}Enter a subject.{{/SUBJECT_MISSING}}{{#SUBJECT_LONG}}The subject is too long: at most 200 characters.{{/SUBJECT_LONG}}</p>{{/SUBJECT_ERR}}
  <label for="body">Message (for every envelope)</label>
  <textarea id="body" name="body" rows="5" maxlength="5000"{{#BODY_ERR}} aria-invalid="true" aria-describedby="body-err"{{/BODY_ERR}}>{{#DEFAULT_TEXT}}Hello,

Please find your outstanding bills below. You can view each one, and pay online where a Pay link is given.

Thank you.{{/DEFAULT_TEXT}}{{BODY_TEXT}}</textarea>
  {{#BODY_ERR}}<p class="field-error" id="body-err">{{#BODY_LONG}}The message is too long: at most 5,000 characters.{{/BODY_LONG}}</p>{{/BODY_ERR}}
  <p class="muted">Each envelope goes to the address shown above; reviewing one lets you choose another of the client's addresses on file.</p>
  <p><button type="submit">Send All Envelopes</button></p>
</form>{{/DRAFTS}}
{{>FOOTER}}
