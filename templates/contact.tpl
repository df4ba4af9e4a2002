{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/contacts">Contacts</a> ›</p>
<h1>{{NAME}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#EMAIL}}Login email changed. The client now signs in with it.{{/EMAIL}}{{!
}}</p>{{/NOTICE}}
<dl class="details">
  <dt>Type</dt><dd>{{KIND}}</dd>
  <dt>Email addresses</dt><dd>{{#ADDRESS}}{{ADDR}}<br>{{/ADDRESS}}</dd>
  <dt>Matters</dt><dd>{{#MATTER}}<a href="/matters/{{MID}}">{{NUMBER}}</a> {{DESCRIPTION}}<br>{{/MATTER}}</dd>
  <dt>Portal login email</dt><dd>{{LOGIN}}</dd>
</dl>
<section class="card">
<h2>Client portal login email</h2>
<p class="muted">The address this contact signs in to the client portal with. Changing it ends their current sessions.</p>
<form class="inline" method="post" action="/contacts/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="login-email">Login email</label>
  <select id="login-email" name="email">{{#ADDRESS}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ADDR}}</option>{{/ADDRESS}}</select>
  <button type="submit">Save</button>
</form>
</section>
{{>FOOTER}}
