{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
{{#FORM}}
<h1>Welcome to {{FIRM_NAME}}'s client portal</h1>
<p>Choose a password for {{EMAIL}}. Use 12 to 128 characters; a few unrelated words make a strong password.</p>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/portal/invite">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="token" value="{{TOKEN}}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#ERROR}} aria-invalid="true" aria-describedby="form-error"{{/ERROR}}>
  <label for="confirm">Repeat the password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#ERROR}} aria-invalid="true" aria-describedby="form-error"{{/ERROR}}>
  <button type="submit">Set password and sign in</button>
</form>
{{/FORM}}
{{#EXPIRED}}
<h1>This link has expired</h1>
<p class="error" role="alert">This invitation link has expired or was already used.
Links work once, for one hour. Your law firm's next message will bring a new one.</p>
{{/EXPIRED}}
{{#FORGOT}}
<h1>Reset your password</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/portal/forgot">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="firm" value="{{FIRM}}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}"{{#ERROR}} aria-invalid="true" aria-describedby="form-error"{{/ERROR}}>
  <button type="submit">Send reset link</button>
</form>
{{/FORGOT}}
{{#FORGOT_SENT}}
<h1>Check your email</h1>
<p class="notice" role="status">If {{EMAIL}} signs in to this portal, we have sent it a link to choose a new password. It works once, for one hour.</p>
{{/FORGOT_SENT}}
</section>
{{>FOOTER}}
