{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Reset your password</h1>
<p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/forgot">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}">
  <button type="submit">Send reset link</button>
</form>
<p><a href="/login">Back to sign in</a></p>
</section>
{{>FOOTER}}
