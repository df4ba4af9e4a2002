{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/users">Users</a> ›</p>
<section class="card narrow">
<h1>Invite a colleague</h1>
<p>They get an email with a link to choose their name and password. The link works once, for one hour from when the email goes out.</p>
{{#ERRORS}}<p class="error" role="alert">Nothing was sent. Please correct the fields marked below.</p>{{/ERRORS}}
<form method="post" action="/users/invite">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="email">Their email</label>
  <input id="email" name="email" type="email" maxlength="254" required value="{{EMAIL}}"{{#EMAIL_ERR}} aria-invalid="true" aria-describedby="email-err"{{/EMAIL_ERR}}>
  {{#EMAIL_ERR}}<p class="field-error" id="email-err">{{#EMAIL_INVALID}}Enter a valid email address (plain ASCII; international domains in their xn-- form).{{/EMAIL_INVALID}}{{!
  }}{{#EMAIL_MEMBER}}This address is already a user of your firm: see Users.{{/EMAIL_MEMBER}}{{!
  }}{{#EMAIL_TAKEN}}This address already has a Vellum account and cannot be invited. Ask your colleague for another address.{{/EMAIL_TAKEN}}</p>{{/EMAIL_ERR}}
  <fieldset>
  <legend>Role</legend>
  <label class="check"><input type="radio" name="role" value="member"{{#ROLE_MEMBER}} checked{{/ROLE_MEMBER}}> Member: works on matters, contacts and portals</label>
  <label class="check"><input type="radio" name="role" value="admin"{{#ROLE_ADMIN}} checked{{/ROLE_ADMIN}}> Administrator: also manages users and the firm's settings</label>
  {{#ROLE_ERR}}<p class="field-error">{{#ROLE_INVALID}}Choose member or administrator.{{/ROLE_INVALID}}</p>{{/ROLE_ERR}}
  </fieldset>
  <button type="submit">Send invitation</button>
</form>
</section>
{{>FOOTER}}
