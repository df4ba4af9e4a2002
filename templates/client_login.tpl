{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
{{#NO_FIRM}}
<h1>Client portal</h1>
<p>Use the sign-in link your law firm gave you, or the link in their email.</p>
{{/NO_FIRM}}
{{#FORM}}
<h1>{{FIRM_NAME}}</h1>
<p class="muted">Client portal sign-in</p>
{{#NOTICE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/portal/login?firm={{FIRM}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="next" value="{{NEXT}}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<p><a href="/portal/forgot?firm={{FIRM}}">Forgot password?</a></p>
{{/FORM}}
</section>
{{>FOOTER}}
