{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
{{#EXPIRED}}
<h1>Sign in again</h1>
<p class="error" role="alert">This sign-in has expired or was already completed. Sign-ins wait five minutes for the code.</p>
<p><a href="{{SIGNIN}}">Back to sign-in</a></p>
{{/EXPIRED}}
{{#CODE_FORM}}
<h1>Enter the 6-digit code</h1>
<p>Open your authenticator app and enter the code it shows for this account.</p>
{{#ERR_CODE}}<p class="error" id="code-error" role="alert">That code is not right, or it was used already. Wait for the next code and try again. After several failed attempts, sign-in pauses for a few minutes.</p>{{/ERR_CODE}}
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="next" value="{{NEXT}}">
  <label for="code">6-digit code</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="32" required autofocus{{#ERR_CODE}} aria-invalid="true" aria-describedby="code-error"{{/ERR_CODE}}>
  <p class="muted">Lost your device? Enter one of your recovery codes (like <code>abcde-fghjk</code>) instead; each works once.</p>
  <button type="submit">Sign in</button>
</form>
<p><a href="{{SIGNIN}}">Cancel</a></p>
{{/CODE_FORM}}
{{#ENROL_FORM}}
<h1>Set up two-factor sign-in</h1>
<p>Your firm requires a code from an authenticator app at every sign-in. Set it up to continue.</p>
<ol>
<li>Scan this code with an authenticator app (for example Google Authenticator, Microsoft Authenticator, 1Password or FreeOTP).
<svg class="qr" role="img" aria-label="QR code for your authenticator app" viewBox="0 0 {{QR_SIZE}} {{QR_SIZE}}" xmlns="http://www.w3.org/2000/svg"><rect width="{{QR_SIZE}}" height="{{QR_SIZE}}" fill="#fff"/><path fill="#000" d="{{QR}}"/></svg>
</li>
<li>Or enter this key in the app: <code class="secret" id="secret">{{SECRET}}</code> (time-based, 6 digits).</li>
<li>Enter the 6-digit code the app shows now.</li>
</ol>
{{#ERR_ENROL_CODE}}<p class="error" id="code-error" role="alert">That code is not right. Check that the device's clock is correct and enter the code the app shows now.</p>{{/ERR_ENROL_CODE}}
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="next" value="{{NEXT}}">
  <label for="code">6-digit code</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required{{#ERR_ENROL_CODE}} aria-invalid="true" aria-describedby="code-error"{{/ERR_ENROL_CODE}}>
  <button type="submit">Turn on and sign in</button>
</form>
{{/ENROL_FORM}}
{{#CODES}}
<h1>Two-factor sign-in is on</h1>
<p>Save these ten recovery codes somewhere safe now: they are shown only this once. Each one signs you in once if you lose your device.</p>
<ol class="recovery">{{#CODE}}<li><code>{{CODE}}</code></li>{{/CODE}}</ol>
<p><a class="button" href="{{CONTINUE}}">I have saved them: continue</a></p>
{{/CODES}}
</section>
{{>FOOTER}}
