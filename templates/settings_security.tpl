{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Sign-in security</h1>
<nav class="subtabs" aria-label="Settings">
<a href="/settings">Firm</a>
<a href="/settings/matters">Matter numbers</a>
<a href="/settings/categories">Activity categories</a>
<a href="/settings/fields">Matter fields</a>
<a class="current" aria-current="page" href="/settings/security">Sign-in security</a>
<a href="/settings/payments">Payments</a>
</nav>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#REQUIRED_ON}}Two-factor sign-in is now required for all firm users. Those without it were signed out and set it up at their next sign-in.{{/REQUIRED_ON}}{{!
}}{{#REQUIRED_OFF}}Two-factor sign-in is now optional for firm users. Those who use it keep it.{{/REQUIRED_OFF}}{{!
}}</p>{{/NOTICE}}
{{#ERR_ENROL_FIRST}}<p class="error" role="alert">Set up two-factor sign-in for your own account first (<a href="/account">My account</a>): requiring it would otherwise sign you out too. Nothing was changed.</p>{{/ERR_ENROL_FIRST}}
<section class="card block" aria-labelledby="req-title">
<h2 id="req-title">Two-factor sign-in</h2>
<p>{{#ON}}<strong>Required</strong> for all firm users.{{/ON}}{{#OFF}}<strong>Optional</strong>: each firm user chooses in My account.{{/OFF}}
Clients choose for themselves in their portal's My account.</p>
<form method="post" action="/settings/security">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="check"><input type="checkbox" name="require" value="1"{{#ON}} checked{{/ON}}> Require two-factor sign-in for all firm users</label>
  <p class="muted">When on, a firm user without it is signed out at once and, after the password at the next sign-in, sets it up before reaching any page.</p>
  <button type="submit">Save</button>
</form>
</section>
<section class="card block" aria-labelledby="users-title">
<h2 id="users-title">Firm users without two-factor sign-in</h2>
{{#ALL_ENROLLED}}<p class="empty">Every firm user has set it up.</p>{{/ALL_ENROLLED}}
{{#SOME_UNENROLLED}}<p>{{UNENROLLED}} firm user(s) have not set it up.</p>
<div class="table-scroll" role="region" aria-label="Firm users without two-factor sign-in" tabindex="0">
<table class="list"><thead><tr><th scope="col">Name</th><th scope="col">Email</th></tr></thead>
<tbody>{{#USER}}<tr><td>{{NAME}}</td><td>{{EMAIL}}</td></tr>{{/USER}}</tbody></table>
</div>
<nav class="pages" aria-label="Pages of users">{{#PREV_PAGE}}<a href="/settings/security?page={{PAGE}}">Previous 50</a> {{/PREV_PAGE}}{{#NEXT_PAGE}}<a href="/settings/security?page={{PAGE}}">Next 50</a>{{/NEXT_PAGE}}</nav>
{{/SOME_UNENROLLED}}
</section>
{{>FOOTER}}
