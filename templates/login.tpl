{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Sign in</h1>
{{#NOTICE}}<p class="notice" role="status">{{MESSAGE}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/login">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="next" value="{{NEXT}}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{EMAIL}}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<p><a href="/forgot">Forgot password?</a></p>
</section>
{{>FOOTER}}
