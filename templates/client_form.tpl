{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal">Your matters</a> › <a href="/portal/matters/{{MATTER_ID}}/forms">{{NUMBER}}</a> ›</p>
<h1>{{NAME}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#SAVED}}Draft saved. Come back to it at any time; your law firm sees it only once you send it.{{/SAVED}}</p>{{/NOTICE}}
{{>PORTAL_TABS}}
{{#ERRORS}}<p class="error" role="alert" id="form-error">{{!
}}{{#FIX}}Some answers need your attention: each is marked below, with what to change. Nothing was saved.{{/FIX}}{{!
}}{{#ALREADY_SENT}}This form has already been sent to your law firm, so it cannot be sent or changed again.{{/ALREADY_SENT}}{{!
}}</p>{{/ERRORS}}
{{#SENT}}<p>You sent this form {{WHEN}}. Your answers:</p>
<dl class="details answers">
{{#ANSWER}}  <dt>{{LABEL}}</dt><dd class="answer">{{#GIVEN}}{{VALUE}}{{/GIVEN}}{{#NONE}}<span class="muted">Not answered</span>{{/NONE}}</dd>
{{/ANSWER}}</dl>
{{/SENT}}
{{#FILL}}{{#SAVED_AT}}<p class="muted">Draft last saved {{WHEN}}.</p>{{/SAVED_AT}}
<p class="muted">Fields marked “required” must be answered before you send the form. You can save a draft and come back.</p>
<form class="card client-form" method="post" action="/portal/matters/{{MATTER_ID}}/forms/{{RID}}" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#FIELD}}<div class="form-answer{{#BAD}} bad{{/BAD}}">
{{#T_TEXT}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input type="text" id="f{{FID}}" name="f{{FID}}" value="{{VALUE}}" maxlength="500"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_TEXT}}{{#T_LONGTEXT}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <textarea id="f{{FID}}" name="f{{FID}}" rows="5" maxlength="10000"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">{{VALUE}}</textarea>
{{/T_LONGTEXT}}{{#T_EMAIL}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input type="email" id="f{{FID}}" name="f{{FID}}" value="{{VALUE}}" maxlength="254" autocomplete="email"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_EMAIL}}{{#T_PHONE}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input type="tel" id="f{{FID}}" name="f{{FID}}" value="{{VALUE}}" maxlength="40" autocomplete="tel"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_PHONE}}{{#T_DATE}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input type="date" id="f{{FID}}" name="f{{FID}}" value="{{VALUE}}"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_DATE}}{{#T_NUMBER}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  <input type="text" inputmode="decimal" id="f{{FID}}" name="f{{FID}}" value="{{VALUE}}" maxlength="32"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_NUMBER}}{{#T_CHOICE}}  <fieldset id="f{{FID}}"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}"><legend>{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</legend>
{{#OPTION}}    <label class="choice" for="f{{FID}}-{{N}}"><input type="radio" id="f{{FID}}-{{N}}" name="f{{FID}}" value="{{OPT}}"{{#CHECKED}} checked{{/CHECKED}}> {{OPT}}</label>
{{/OPTION}}  </fieldset>
{{/T_CHOICE}}{{#T_MULTI}}  <fieldset id="f{{FID}}"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}"><legend>{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</legend>
{{#OPTION}}    <label class="choice" for="f{{FID}}-{{N}}"><input type="checkbox" id="f{{FID}}-{{N}}" name="f{{FID}}" value="{{OPT}}"{{#CHECKED}} checked{{/CHECKED}}> {{OPT}}</label>
{{/OPTION}}  </fieldset>
{{/T_MULTI}}{{#T_YESNO}}  <fieldset id="f{{FID}}"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}"><legend>{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</legend>
    <label class="choice" for="f{{FID}}-yes"><input type="radio" id="f{{FID}}-yes" name="f{{FID}}" value="yes"{{#YES}} checked{{/YES}}> Yes</label>
    <label class="choice" for="f{{FID}}-no"><input type="radio" id="f{{FID}}-no" name="f{{FID}}" value="no"{{#NO}} checked{{/NO}}> No</label>
  </fieldset>
{{/T_YESNO}}{{#T_FILE}}  <label for="f{{FID}}">{{LABEL}}{{#REQUIRED}} <span class="req">(required)</span>{{/REQUIRED}}</label>
  {{#HAS_FILE}}<p class="muted">Uploaded: {{FILE}}. Choose another file to replace it.</p>{{/HAS_FILE}}
  <input type="file" id="f{{FID}}" name="f{{FID}}"{{#BAD}} aria-invalid="true"{{/BAD}} aria-describedby="h{{FID}} e{{FID}}">
{{/T_FILE}}  <p class="muted help" id="h{{FID}}">{{#HAS_HELP}}{{HELP}}{{/HAS_HELP}}</p>
  <p class="field-error" id="e{{FID}}">{{#ERR}}{{!
}}{{#MISSING}}This question needs an answer.{{/MISSING}}{{!
}}{{#LONG}}This answer is too long.{{/LONG}}{{!
}}{{#LINE}}Keep this answer on one line.{{/LINE}}{{!
}}{{#OPTION}}Choose among the options shown.{{/OPTION}}{{!
}}{{#EMAIL_ELSEWHERE}}This address is already on file for someone else at the firm; please contact the firm.{{/EMAIL_ELSEWHERE}}{{!
}}{{#EMAIL_FULL}}The firm cannot take another email address for you here; please contact the firm.{{/EMAIL_FULL}}{{!
}}{{#INVALID}}{{#K_EMAIL}}Enter an email address, such as name@example.com.{{/K_EMAIL}}{{#K_PHONE}}Enter a phone number: digits, spaces and + ( ) - . / only, at least 3 digits.{{/K_PHONE}}{{#K_DATE}}Enter a date, such as 2026-03-31.{{/K_DATE}}{{#K_NUMBER}}Enter a number, such as 42 or 3.5, without other signs.{{/K_NUMBER}}{{#K_YESNO}}Choose yes or no.{{/K_YESNO}}{{#K_TEXT}}This answer holds characters that are not text.{{/K_TEXT}}{{#K_LONGTEXT}}This answer holds characters that are not text.{{/K_LONGTEXT}}{{/INVALID}}{{!
}}{{/ERR}}</p>
</div>
{{/FIELD}}
  <p><button type="submit" name="op" value="save" class="secondary">Save draft</button>
  <button type="submit" name="op" value="submit">Send to my law firm</button></p>
</form>
{{/FILL}}
{{>FOOTER}}
