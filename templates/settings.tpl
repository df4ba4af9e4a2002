{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Firm settings</h1>
<nav class="subtabs" aria-label="Settings">
<a class="current" aria-current="page" href="/settings">Firm</a>
<a href="/settings/matters">Matter numbers</a>
<a href="/settings/categories">Activity categories</a>
<a href="/settings/fields">Matter fields</a>
<a href="/settings/security">Sign-in security</a>
<a href="/settings/payments">Payments</a>
</nav>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#SETUP}}Your firm is set up and you are signed in as its administrator. Check the settings below, then invite your colleagues from Users.{{/SETUP}}{{!
}}{{#SAVED}}Settings saved.{{/SAVED}}{{!
}}{{#SLUG}}Settings saved. The client login link has changed: the old link no longer works, so update it wherever you published it.{{/SLUG}}{{!
}}{{#LOGO}}Logo uploaded. It now shows on your pages, your clients' pages and in every email.{{/LOGO}}{{!
}}{{#LOGO_REMOVED}}Logo removed.{{/LOGO_REMOVED}}{{!
}}{{#BILLING}}Billing setting saved.{{/BILLING}}{{!
}}</p>{{/NOTICE}}
{{#ERRORS}}<p class="error" role="alert">Nothing was saved. Please correct the fields marked below.</p>{{/ERRORS}}

<section class="card">
<h2>Client portal login link</h2>
<p class="muted">Put this link on your website: your clients sign in there. It works only for clients who already have an account.</p>
<div class="inline">
  <label class="visually-hidden" for="login-link">Client portal login link</label>
  <input class="copy" id="login-link" type="text" readonly value="{{LOGIN_LINK}}">
  <button type="button" data-copy="login-link" hidden>Copy</button>
</div>
</section>

<section class="card">
<h2>Firm</h2>
<form method="post" action="/settings">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="name">Firm name</label>
  <input id="name" name="name" type="text" maxlength="200" required value="{{NAME}}"{{#NAME_ERR}} aria-invalid="true" aria-describedby="name-err"{{/NAME_ERR}}>
  {{#NAME_ERR}}<p class="field-error" id="name-err">{{#NAME_MISSING}}Enter the firm's name (up to 200 characters, one line).{{/NAME_MISSING}}</p>{{/NAME_ERR}}

  <label for="slug">Short name in the login link</label>
  <input id="slug" name="slug" type="text" maxlength="64" required value="{{SLUG}}" aria-describedby="slug-hint{{#SLUG_ERR}} slug-err{{/SLUG_ERR}}"{{#SLUG_ERR}} aria-invalid="true"{{/SLUG_ERR}}>
  <p class="muted" id="slug-hint">Now <code>{{SAVED_SLUG}}</code>. Changing it changes the login link above: <strong>the old link stops working</strong>, on your website and in emails already sent.</p>
  {{#SLUG_ERR}}<p class="field-error" id="slug-err">{{#SLUG_INVALID}}Use 2 to 64 lower-case letters, digits and dashes, not starting or ending with a dash.{{/SLUG_INVALID}}{{!
  }}{{#SLUG_TAKEN}}Another firm uses this short name. Choose another.{{/SLUG_TAKEN}}{{!
  }}{{#SLUG_CONFIRM}}Tick the box below to confirm that the old login link may stop working.{{/SLUG_CONFIRM}}</p>{{/SLUG_ERR}}
  <label class="check"><input type="checkbox" name="slug_ok" value="1"> I understand that changing the short name breaks the old login link</label>

  <label for="zone">Time zone</label>
  <input id="zone" name="zone" type="text" maxlength="64" required value="{{ZONE}}" aria-describedby="zone-hint{{#ZONE_ERR}} zone-err{{/ZONE_ERR}}"{{#ZONE_ERR}} aria-invalid="true"{{/ZONE_ERR}}>
  <p class="muted" id="zone-hint">An IANA name such as America/New_York. Every time on your pages, your clients' pages and in emails is shown in it.</p>
  {{#ZONE_ERR}}<p class="field-error" id="zone-err">{{#ZONE_INVALID}}This is not a time zone name we know, such as Europe/London.{{/ZONE_INVALID}}</p>{{/ZONE_ERR}}

  <label for="currency">Currency</label>
  <input id="currency" name="currency" type="text" maxlength="3" required value="{{CURRENCY}}" aria-describedby="currency-hint{{#CURRENCY_ERR}} currency-err{{/CURRENCY_ERR}}"{{#CURRENCY_ERR}} aria-invalid="true"{{/CURRENCY_ERR}}>
  <p class="muted" id="currency-hint">The ISO code: USD, EUR, GBP, CAD, AUD, NZD, CHF, JPY, ...</p>
  {{#CURRENCY_ERR}}<p class="field-error" id="currency-err">{{#CURRENCY_INVALID}}Enter a three-letter currency code Vellum knows, in capitals (USD, EUR, GBP, ...).{{/CURRENCY_INVALID}}</p>{{/CURRENCY_ERR}}

  <label for="window">Notification window (seconds)</label>
  <input id="window" name="window" type="number" min="1" max="3600" value="{{WINDOW}}" placeholder="{{DEFAULT_WINDOW}}" aria-describedby="window-hint{{#WINDOW_ERR}} window-err{{/WINDOW_ERR}}"{{#WINDOW_ERR}} aria-invalid="true"{{/WINDOW_ERR}}>
  <p class="muted" id="window-hint">Everything sent to one person within this time goes out as one email. Leave empty for the server's default ({{DEFAULT_WINDOW}} seconds).</p>
  {{#WINDOW_ERR}}<p class="field-error" id="window-err">{{#WINDOW_INVALID}}Enter a whole number of seconds from 1 to 3600, or leave it empty.{{/WINDOW_INVALID}}</p>{{/WINDOW_ERR}}

  <label class="check"><input type="checkbox" name="preview" value="1"{{#PREVIEW_ON}} checked{{/PREVIEW_ON}}> Notification emails show the first 80 characters of a message</label>
  <p class="muted">Off by default: the emails then only say that something new is waiting in the portal.</p>
  <button type="submit">Save settings</button>
</form>
</section>

<section class="card">
<h2>Billing</h2>
<form method="post" action="/settings/billing">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="check"><input type="checkbox" name="combine" value="1"{{#COMBINE_ON}} checked{{/COMBINE_ON}}> Combine outstanding invoices and trust requests for a single client into the same email envelope</label>
  <p class="muted">With this on, "Review &amp; Send Selected" puts a client's selected bills and funds requests into one email of at most 10 items (more go into further emails); off, each bill gets its own email.</p>
  <button type="submit">Save billing setting</button>
</form>
</section>

<section class="card">
<h2>Logo</h2>
<p class="muted">Shown on your pages, your clients' pages and in every email. A PNG or JPEG file of at most 1 MB and 4000 pixels a side. SVG files are not accepted.</p>
{{#LOGO}}<p><img class="logo-preview" src="{{LOGO_URL}}" alt="Your firm's logo"></p>{{/LOGO}}
{{#NO_LOGO}}<p class="empty">No logo yet.</p>{{/NO_LOGO}}
{{#LOGO_ERR}}<p class="field-error" id="logo-err" role="alert">{{#LOGO_EMPTY}}Choose a file to upload.{{/LOGO_EMPTY}}{{!
}}{{#LOGO_TOOBIG}}The logo must be at most 1 MB.{{/LOGO_TOOBIG}}{{!
}}{{#LOGO_TYPE}}The logo must be a PNG or JPEG image (SVG is not accepted).{{/LOGO_TYPE}}{{!
}}{{#LOGO_BROKEN}}This file is not a readable PNG or JPEG image.{{/LOGO_BROKEN}}{{!
}}{{#LOGO_SIZE}}The logo must be at most 4000 pixels wide and high.{{/LOGO_SIZE}}</p>{{/LOGO_ERR}}
<form method="post" action="/settings/logo" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="upload">
  <label for="logo-file">Logo file</label>
  <input id="logo-file" name="file" type="file" accept="image/png,image/jpeg"{{#LOGO_ERR}} aria-invalid="true" aria-describedby="logo-err"{{/LOGO_ERR}}>
  <button type="submit">Upload logo</button>
</form>
{{#LOGO}}<form method="post" action="/settings/logo">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="remove">
  <button type="submit" class="danger">Remove logo</button>
</form>{{/LOGO}}
</section>
{{>FOOTER}}
