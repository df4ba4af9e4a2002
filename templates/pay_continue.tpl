{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<meta http-equiv="refresh" content="0; url={{URL}}">
<h1>Secure payment page</h1>
<p role="status">Taking you to the payment provider's secure page to pay by card or bank transfer. This site never sees your card or bank details.</p>
<p><a class="button" href="{{URL}}">Continue to the secure payment page</a></p>
{{>FOOTER}}
