{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Matter numbers</h1>
<nav class="subtabs" aria-label="Settings">
<a href="/settings">Firm</a>
<a class="current" aria-current="page" href="/settings/matters">Matter numbers</a>
<a href="/settings/categories">Activity categories</a>
<a href="/settings/fields">Matter fields</a>
<a href="/settings/security">Sign-in security</a>
<a href="/settings/payments">Payments</a>
</nav>
{{#NOTICE}}<p class="notice" role="status">{{#SAVED}}Matter numbering saved. The next new matter gets {{PREVIEW}}.{{/SAVED}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#PATTERN_INVALID}}The pattern needs exactly one counter, such as {NNNN}, and at most one year, {YYYY} or {YY}; otherwise letters, digits and - / . _ # or spaces, at most 32 characters.{{/PATTERN_INVALID}}{{!
}}{{#NEXT_INVALID}}Enter the next counter as a whole number from 1, small enough for the pattern's 32 characters.{{/NEXT_INVALID}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/settings/matters">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="pattern">Pattern</label>
  <input type="text" id="pattern" name="pattern" value="{{PATTERN}}" maxlength="32" required{{#BAD_PATTERN}} aria-invalid="true" aria-describedby="form-error"{{/BAD_PATTERN}}>
  <p class="muted">{YYYY} is the year (or {YY} its last two digits), {NNNN} the counter with as many digits as N's. The counter starts again at 1 each new year.</p>
  <label for="next">Next counter this year</label>
  <input type="text" id="next" name="next" value="{{NEXT}}" inputmode="numeric" maxlength="9" required{{#BAD_NEXT}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NEXT}}>
  <p class="muted">The next new matter will be numbered {{PREVIEW}}. Numbers already taken are skipped.</p>
  <p><button type="submit">Save</button></p>
</form>
{{>FOOTER}}
