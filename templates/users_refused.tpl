{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<section class="card narrow">
<h1>Not changed</h1>
{{#LAST_ADMIN}}<p class="error" role="alert">This is the firm's last active administrator. Make another user an administrator first: a firm always keeps one who can manage its users and settings.</p>{{/LAST_ADMIN}}
<p><a href="/users">Back to Users</a></p>
</section>
{{>FOOTER}}
