{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Payments</h1>
<nav class="subtabs" aria-label="Settings">
<a href="/settings">Firm</a>
<a href="/settings/matters">Matter numbers</a>
<a href="/settings/categories">Activity categories</a>
<a href="/settings/fields">Matter fields</a>
<a href="/settings/security">Sign-in security</a>
<a class="current" aria-current="page" href="/settings/payments">Payments</a>
</nav>
{{#NOTICE}}<p class="notice" role="status">{{#SAVED}}Payment settings saved. Clients can pay bills and funds requests online.{{/SAVED}}{{#DISABLED}}Payment settings saved. Online payments are off: clients see no "Pay bill" button and pay links are refused. Payments already under way are still recorded.{{/DISABLED}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#LABEL_LONG}}The account name can be at most 200 characters.{{/LABEL_LONG}}{{!
}}{{#KEY_MISSING}}Enter the secret key of your Stripe account.{{/KEY_MISSING}}{{!
}}{{#KEY_INVALID}}That is not a secret key: it starts with sk_live_ or sk_test_ (or rk_ for a restricted key) followed by letters and digits. A publishable key (pk_) will not do.{{/KEY_INVALID}}{{!
}}{{#WEBHOOK_MISSING}}Enter the signing secret of the webhook endpoint.{{/WEBHOOK_MISSING}}{{!
}}{{#WEBHOOK_INVALID}}That is not a webhook signing secret: it starts with whsec_ followed by letters and digits.{{/WEBHOOK_INVALID}}{{!
}}</p>{{/ERROR}}
<section class="card narrow" aria-labelledby="status-h">
<h2 id="status-h">Status</h2>
{{#NOT_CONFIGURED}}<p>No payment provider is set up. Clients cannot pay online; you can still record payments received by check, cash or wire on each bill.</p>{{/NOT_CONFIGURED}}
{{#ON}}<p>Online payments are <strong>on</strong>: card and bank transfer (ACH) through Stripe's hosted payment page. Vellum never sees card or bank numbers.</p>{{/ON}}
{{#OFF}}<p>Online payments are <strong>off</strong>.</p>{{/OFF}}
<p>In your Stripe dashboard, add a webhook endpoint with this URL and the events <code>checkout.session.completed</code>, <code>checkout.session.async_payment_succeeded</code> and <code>charge.refunded</code>, then paste its signing secret below:</p>
<p><code>{{WEBHOOK_URL}}</code></p>
</section>
<form class="card narrow" method="post" action="/settings/payments">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="label">Account name (for your own reference)</label>
  <input type="text" id="label" name="label" value="{{LABEL}}" maxlength="200"{{#BAD_LABEL}} aria-invalid="true" aria-describedby="form-error"{{/BAD_LABEL}}>
  <label for="secret_key">Secret key</label>
  <input type="password" id="secret_key" name="secret_key" autocomplete="off" maxlength="200" aria-describedby="key-help"{{#BAD_SECRET_KEY}} aria-invalid="true" aria-errormessage="form-error"{{/BAD_SECRET_KEY}}>
  <p class="muted" id="key-help">{{#CONFIGURED}}Stored: {{KEY_HINT}}. Leave blank to keep it.{{/CONFIGURED}}{{#NOT_CONFIGURED}}From Stripe's dashboard, Developers, API keys.{{/NOT_CONFIGURED}} It is stored encrypted and never shown again.</p>
  <label for="webhook_secret">Webhook signing secret</label>
  <input type="password" id="webhook_secret" name="webhook_secret" autocomplete="off" maxlength="200" aria-describedby="webhook-help"{{#BAD_WEBHOOK_SECRET}} aria-invalid="true" aria-errormessage="form-error"{{/BAD_WEBHOOK_SECRET}}>
  <p class="muted" id="webhook-help">{{#WEBHOOK_CONFIGURED}}Stored: {{WEBHOOK_HINT}}. Leave blank to keep it.{{/WEBHOOK_CONFIGURED}}{{#NOT_CONFIGURED}}Starts with whsec_.{{/NOT_CONFIGURED}}</p>
  <p><input type="checkbox" id="enabled" name="enabled" value="1"{{#ENABLED_CHECKED}} checked{{/ENABLED_CHECKED}}> <label for="enabled" class="inline">Take payments online</label></p>
  <p><button type="submit">Save</button></p>
</form>
{{>FOOTER}}
