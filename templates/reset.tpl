{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Choose a new password</h1>
<p>For {{EMAIL}}. Use 12 to 128 characters; a few unrelated words make a strong password.</p>
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/reset">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="token" value="{{TOKEN}}">
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required>
  <label for="confirm">Repeat the new password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="128" required>
  <button type="submit">Set new password</button>
</form>
</section>
{{>FOOTER}}
