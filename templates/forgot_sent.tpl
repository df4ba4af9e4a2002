{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Check your email</h1>
<p class="notice" role="status">If an account exists for {{EMAIL}}, we have sent it a link to choose a new password.
The link works once and expires in {{MINUTES}} minutes.</p>
<p><a href="/login">Back to sign in</a></p>
</section>
{{>FOOTER}}
