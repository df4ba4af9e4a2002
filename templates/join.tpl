{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
{{#FORM}}
<h1>Join {{FIRM_NAME}} on Vellum</h1>
<p>You were invited as {{EMAIL}}. Choose the name your colleagues and clients see, and a password of 12 to 128 characters.</p>
{{#ERRORS}}<p class="error" role="alert">Please correct the fields marked below.</p>{{/ERRORS}}
<form method="post" action="/join">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="token" value="{{TOKEN}}">
  <label for="name">Your name</label>
  <input id="name" name="name" type="text" maxlength="200" autocomplete="name" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="name-err"{{/NAME_ERR}}>
  {{#NAME_ERR}}<p class="field-error" id="name-err">{{#NAME_MISSING}}Enter your name.{{/NAME_MISSING}}</p>{{/NAME_ERR}}
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#PASSWORD_ERR}} aria-invalid="true" aria-describedby="password-err"{{/PASSWORD_ERR}}>
  {{#PASSWORD_ERR}}<p class="field-error" id="password-err">{{#PASSWORD_WEAK}}Use 12 to 128 characters.{{/PASSWORD_WEAK}}</p>{{/PASSWORD_ERR}}
  <label for="confirm">Repeat the password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#CONFIRM_ERR}} aria-invalid="true" aria-describedby="confirm-err"{{/CONFIRM_ERR}}>
  {{#CONFIRM_ERR}}<p class="field-error" id="confirm-err">{{#CONFIRM_DIFFERS}}The two passwords differ.{{/CONFIRM_DIFFERS}}</p>{{/CONFIRM_ERR}}
  <button type="submit">Join and sign in</button>
</form>
{{/FORM}}
{{#EXPIRED}}
<h1>This link has expired</h1>
<p class="error" role="alert">This invitation link has expired or was already used. Links work once, for one hour.
Ask your firm's administrator to invite you again.</p>
{{/EXPIRED}}
{{#TAKEN}}
<h1>Invitation not accepted</h1>
<p class="error" role="alert">This address has a Vellum account already. Ask your firm's administrator to invite another address.</p>
{{/TAKEN}}
</section>
{{>FOOTER}}
