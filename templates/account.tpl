{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>My account</h1>
<p class="muted">{{NAME}} · {{EMAIL}}</p>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#PASSWORD_CHANGED}}Your password has been changed. Your other sessions have ended, and a confirmation was sent to your email address.{{/PASSWORD_CHANGED}}{{!
}}{{#TOTP_OFF}}Two-factor sign-in is off. You now sign in with your password alone.{{/TOTP_OFF}}{{!
}}{{#SESSION_ENDED}}The session has ended. That device must sign in again.{{/SESSION_ENDED}}{{!
}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert">Nothing was changed: see the message below.</p>{{/ERROR}}
{{#ERR_REQUIRED}}<p class="error" role="alert">Your firm requires two-factor sign-in, so it cannot be removed. You can move it to a new device with "Set up on a new device".</p>{{/ERR_REQUIRED}}
{{#ERR_NOT_ENROLLED}}<p class="error" role="alert">Two-factor sign-in is off, so there are no recovery codes to replace.</p>{{/ERR_NOT_ENROLLED}}

{{#CODES}}
<section class="card block codes" aria-labelledby="codes-title">
<h2 id="codes-title">Your recovery codes</h2>
<p><strong>Two-factor sign-in is on.</strong> Save these ten recovery codes somewhere safe now: they are shown only this once. Each one signs you in once if you lose your device; any earlier codes no longer work.</p>
<ol class="recovery">{{#CODE}}<li><code>{{CODE}}</code></li>{{/CODE}}</ol>
</section>
{{/CODES}}

{{#ENROL}}
<section class="card block" aria-labelledby="enrol-title">
<h2 id="enrol-title">Set up two-factor sign-in</h2>
{{#REPLACING}}<p>Your current authenticator keeps working until you confirm the new one below.</p>{{/REPLACING}}
<ol>
<li>Open an authenticator app (for example Google Authenticator, Microsoft Authenticator, 1Password or FreeOTP) and scan this code.
<svg class="qr" role="img" aria-label="QR code for your authenticator app" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" xmlns="http://www.w3.org/2000/svg"><rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/><path fill="#000" d="{{QR}}"/></svg>
</li>
<li>If you cannot scan it, enter this key in the app instead: <code class="secret" id="secret">{{SECRET}}</code> (time-based, 6 digits).</li>
<li>Enter the 6-digit code the app shows now.</li>
</ol>
<form method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="totp_confirm">
  <label for="code">6-digit code</label>
  {{#ERR_CODE_WRONG}}<p class="error" id="code-error" role="alert">That code is not right. Check that the device's clock is correct and enter the code the app shows now.</p>{{/ERR_CODE_WRONG}}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required value="{{CODE}}"{{#ERR_CODE_WRONG}} aria-invalid="true" aria-describedby="code-error"{{/ERR_CODE_WRONG}}>
  <button type="submit">Turn on two-factor sign-in</button>
</form>
</section>
{{/ENROL}}
{{#ENROL_GONE}}<p class="error" role="alert">That set-up has expired (after 15 minutes). Start again below.</p>{{/ENROL_GONE}}

<section class="card block" aria-labelledby="tf-title">
<h2 id="tf-title">Two-factor sign-in</h2>
{{#TF_ON}}
<p><strong>On.</strong> After your password you enter a code from your authenticator app. {{RECOVERY_LEFT}} of 10 recovery codes left.</p>
<form class="inline" method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="recovery_new">
  <button type="submit">New recovery codes</button>
</form>
<form class="inline" method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="totp_start">
  <button type="submit">Set up on a new device</button>
</form>
{{#REQUIRED}}<p class="muted">Your firm requires two-factor sign-in for all firm users, so it cannot be turned off.</p>{{/REQUIRED}}
{{#REMOVABLE}}
<form method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="totp_remove">
  <label for="remove-password">Your password, to turn two-factor sign-in off</label>
  {{#ERR_REMOVE_PASSWORD}}<p class="error" id="remove-error" role="alert">That password is not correct. After several failed attempts, it pauses for a few minutes.</p>{{/ERR_REMOVE_PASSWORD}}
  <input id="remove-password" name="current" type="password" autocomplete="current-password" required{{#ERR_REMOVE_PASSWORD}} aria-invalid="true" aria-describedby="remove-error"{{/ERR_REMOVE_PASSWORD}}>
  <button type="submit" class="danger">Turn off two-factor sign-in</button>
</form>
{{/REMOVABLE}}
{{/TF_ON}}
{{#TF_OFF}}
<p><strong>Off.</strong> Add a code from an authenticator app to your password, so that a stolen password alone cannot open your account.</p>
{{/TF_OFF}}
{{#TF_OFF_REQUIRED}}
<p><strong>Off.</strong> Your firm requires it: set it up now.</p>
{{/TF_OFF_REQUIRED}}
{{#START}}<form method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="totp_start">
  <button type="submit">Set up two-factor sign-in</button>
</form>{{/START}}
</section>

<section class="card block" aria-labelledby="pw-title">
<h2 id="pw-title">Change password</h2>
<form method="post" action="{{BASE}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="password">
  <label for="current">Current password</label>
  {{#ERR_CURRENT_WRONG}}<p class="error" id="current-error" role="alert">The current password is not correct. After several failed attempts, it pauses for a few minutes.</p>{{/ERR_CURRENT_WRONG}}
  <input id="current" name="current" type="password" autocomplete="current-password" required{{#ERR_CURRENT_WRONG}} aria-invalid="true" aria-describedby="current-error"{{/ERR_CURRENT_WRONG}}>
  <label for="password">New password</label>
  {{#ERR_NEW_WEAK}}<p class="error" id="password-error" role="alert">Choose a new password of 12 to 128 characters.</p>{{/ERR_NEW_WEAK}}
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#ERR_NEW_WEAK}} aria-invalid="true" aria-describedby="password-error"{{/ERR_NEW_WEAK}}>
  <label for="confirm">Repeat the new password</label>
  {{#ERR_NEW_MISMATCH}}<p class="error" id="confirm-error" role="alert">The two new passwords do not match.</p>{{/ERR_NEW_MISMATCH}}
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="128" required{{#ERR_NEW_MISMATCH}} aria-invalid="true" aria-describedby="confirm-error"{{/ERR_NEW_MISMATCH}}>
  <button type="submit">Change password</button>
</form>
</section>

<section class="card block" aria-labelledby="sessions-title">
<h2 id="sessions-title">Where you are signed in</h2>
<table class="list sessions">
<thead><tr><th scope="col">Device</th><th scope="col">Address</th><th scope="col">Last seen</th><th scope="col">Signed in</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>
{{#SESSION}}<tr>
  <td>{{#DEVICE}}{{BROWSER}} on {{OS}}{{/DEVICE}}{{#UNKNOWN_DEVICE}}Unknown device{{/UNKNOWN_DEVICE}}{{#CURRENT}} <span class="badge">this device</span>{{/CURRENT}}<br><span class="muted">{{AGENT}}</span></td>
  <td>{{ADDRESS}}</td>
  <td>{{LAST_SEEN}}</td>
  <td>{{STARTED}}</td>
  <td><form method="post" action="{{BASE}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="op" value="end_session">
    <input type="hidden" name="session" value="{{ID}}">
    <button type="submit">{{#CURRENT}}Sign out here{{/CURRENT}}{{#OTHER}}End this session{{/OTHER}}</button>
  </form></td>
</tr>{{/SESSION}}
</tbody>
</table>
<nav class="pages" aria-label="Pages of sessions">{{#PREV_PAGE}}<a href="{{BASE}}?page={{PAGE}}">Newer sessions</a> {{/PREV_PAGE}}{{#NEXT_PAGE}}<a href="{{BASE}}?page={{PAGE}}">Older sessions</a>{{/NEXT_PAGE}}</nav>
</section>
{{>FOOTER}}
