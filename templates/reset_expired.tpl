{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>This link has expired</h1>
<p class="error" role="alert">This password reset link has expired or was already used.</p>
<p><a href="/forgot">Request a new link</a></p>
</section>
{{>FOOTER}}
