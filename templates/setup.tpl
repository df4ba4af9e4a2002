{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Set up your firm</h1>
<p>Welcome to Vellum. Create your firm and its first administrator. You need the setup code that
<code>vellumctl setup-code</code> printed on the server.</p>
{{#ERRORS}}<p class="error" role="alert">Please correct the fields marked below.</p>{{/ERRORS}}
<form method="post" action="/setup">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="code">Setup code</label>
  <input id="code" name="code" type="text" autocomplete="off" required placeholder="XXXXX-XXXXX-XXXXX-XXXXX"{{#CODE_ERR}} aria-invalid="true" aria-describedby="code-err"{{/CODE_ERR}}>
  {{#CODE_ERR}}<p class="field-error" id="code-err">{{#CODE_WRONG}}This setup code is wrong, used or expired. Run <code>vellumctl setup-code</code> for a new one.{{/CODE_WRONG}}</p>{{/CODE_ERR}}
  <fieldset>
  <legend>Your firm</legend>
  <label for="firm">Firm name</label>
  <input id="firm" name="firm" type="text" maxlength="200" required value="{{FIRM}}"{{#FIRM_ERR}} aria-invalid="true" aria-describedby="firm-err"{{/FIRM_ERR}}>
  {{#FIRM_ERR}}<p class="field-error" id="firm-err">{{#FIRM_MISSING}}Enter the firm's name.{{/FIRM_MISSING}}</p>{{/FIRM_ERR}}
  <label for="slug">Short name for links</label>
  <input id="slug" name="slug" type="text" maxlength="64" required pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]" value="{{SLUG}}" aria-describedby="slug-hint{{#SLUG_ERR}} slug-err{{/SLUG_ERR}}"{{#SLUG_ERR}} aria-invalid="true"{{/SLUG_ERR}}>
  <p class="muted" id="slug-hint">Lower-case letters, digits and dashes, e.g. <code>smith-law</code>. Your clients' sign-in link is /portal/login?firm=<em>short-name</em>.</p>
  {{#SLUG_ERR}}<p class="field-error" id="slug-err">{{#SLUG_INVALID}}Use 2 to 64 lower-case letters, digits and dashes, not starting or ending with a dash.{{/SLUG_INVALID}}</p>{{/SLUG_ERR}}
  <label for="zone">Time zone</label>
  <input id="zone" name="zone" type="text" maxlength="64" required value="{{ZONE}}" aria-describedby="zone-hint{{#ZONE_ERR}} zone-err{{/ZONE_ERR}}"{{#ZONE_ERR}} aria-invalid="true"{{/ZONE_ERR}}>
  <p class="muted" id="zone-hint">An IANA time zone name, e.g. America/New_York or Europe/London.</p>
  {{#ZONE_ERR}}<p class="field-error" id="zone-err">{{#ZONE_INVALID}}This is not a time zone name we know, such as America/Chicago.{{/ZONE_INVALID}}</p>{{/ZONE_ERR}}
  </fieldset>
  <fieldset>
  <legend>You, its administrator</legend>
  <label for="name">Your name</label>
  <input id="name" name="name" type="text" maxlength="200" autocomplete="name" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="name-err"{{/NAME_ERR}}>
  {{#NAME_ERR}}<p class="field-error" id="name-err">{{#NAME_MISSING}}Enter your name.{{/NAME_MISSING}}</p>{{/NAME_ERR}}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" maxlength="254" autocomplete="username" required value="{{EMAIL}}"{{#EMAIL_ERR}} aria-invalid="true" aria-describedby="email-err"{{/EMAIL_ERR}}>
  {{#EMAIL_ERR}}<p class="field-error" id="email-err">{{#EMAIL_INVALID}}Enter a valid email address.{{/EMAIL_INVALID}}</p>{{/EMAIL_ERR}}
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#PASSWORD_ERR}} aria-invalid="true" aria-describedby="password-err"{{/PASSWORD_ERR}}>
  {{#PASSWORD_ERR}}<p class="field-error" id="password-err">{{#PASSWORD_WEAK}}Use 12 to 128 characters.{{/PASSWORD_WEAK}}</p>{{/PASSWORD_ERR}}
  <label for="confirm">Repeat the password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#CONFIRM_ERR}} aria-invalid="true" aria-describedby="confirm-err"{{/CONFIRM_ERR}}>
  {{#CONFIRM_ERR}}<p class="field-error" id="confirm-err">{{#CONFIRM_DIFFERS}}The two passwords differ.{{/CONFIRM_DIFFERS}}</p>{{/CONFIRM_ERR}}
  </fieldset>
  <button type="submit">Create the firm</button>
</form>
</section>
{{>FOOTER}}
