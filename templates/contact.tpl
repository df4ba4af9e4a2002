{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/contacts">Contacts</a> ›</p>
<h1>{{NAME}}{{#ARCHIVED}} <span class="tag">archived</span>{{/ARCHIVED}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#EMAIL}}Login email changed. The client now signs in with it.{{/EMAIL}}{{!
}}{{#CREATED}}Contact created.{{/CREATED}}{{!
}}{{#SAVED}}Contact details saved.{{/SAVED}}{{!
}}{{#ADDED}}Email address added at the end of the list.{{/ADDED}}{{!
}}{{#CHANGED}}Email address changed.{{/CHANGED}}{{!
}}{{#REMOVED}}Email address removed.{{/REMOVED}}{{!
}}{{#PRIMARY}}Primary email address changed.{{/PRIMARY}}{{!
}}{{#MOVED}}Email addresses reordered.{{/MOVED}}{{!
}}{{#ARCHIVED}}Contact archived. It no longer shows in the contacts list or as a client to choose; its matters and portals are unchanged.{{/ARCHIVED}}{{!
}}{{#RESTORED}}Contact restored from the archive.{{/RESTORED}}{{!
}}</p>{{/NOTICE}}
{{#ERROR}}<p class="error" role="alert" id="email-error">{{! Why a change was refused; only the one shown expands.
}}{{#EMAIL_INVALID}}“{{TYPED}}” is not an email address. Enter an address such as name@example.com.{{/EMAIL_INVALID}}{{!
}}{{#EMAIL_DUPLICATE}}This contact already has the address “{{TYPED}}”.{{/EMAIL_DUPLICATE}}{{!
}}{{#EMAIL_TOO_MANY}}A contact can have at most 20 email addresses. Remove one first.{{/EMAIL_TOO_MANY}}{{!
}}{{#LOGIN_REMOVE}}This address is the one the contact signs in to the client portal with. Choose another login email below first, then remove it.{{/LOGIN_REMOVE}}{{!
}}{{#LOGIN_TAKEN}}Another contact already signs in to the client portal with that address, so it cannot become this contact's login email.{{/LOGIN_TAKEN}}{{!
}}</p>{{/ERROR}}
<p class="actions"><a class="button" href="/contacts/{{ID}}/edit">Edit details</a>
<a href="/matters/new?client={{ID}}">New matter for this contact</a></p>
<dl class="details">
  <dt>Type</dt><dd>{{#PERSON}}Person{{/PERSON}}{{#COMPANY}}Company{{/COMPANY}}</dd>
  <dt>Phone numbers</dt><dd class="pre">{{#PHONES}}{{TEXT}}{{/PHONES}}</dd>
  <dt>Postal address</dt><dd class="pre">{{#ADDRESS_TEXT}}{{TEXT}}{{/ADDRESS_TEXT}}</dd>
  <dt>Date of birth</dt><dd>{{#DOB}}<time datetime="{{TEXT}}">{{TEXT}}</time>{{/DOB}}</dd>
  <dt>Matters</dt><dd>{{#MATTER}}<a href="/matters/{{MID}}">{{NUMBER}}</a> {{DESCRIPTION}}<br>{{/MATTER}}</dd>
  <dt>Portal login email</dt><dd>{{#LOGIN}}{{LOGIN}}{{/LOGIN}}{{#NO_LOGIN}}(no email address){{/NO_LOGIN}}</dd>
</dl>
<section class="card">
<h2>Email addresses</h2>
<p class="muted">The primary address comes first, then the others in their order. Changing or removing the address the contact signs in to the client portal with ends their sessions and cancels invitations sent to it.</p>
{{#NO_ADDRESSES}}<p class="empty">No email addresses yet.</p>{{/NO_ADDRESSES}}
<ol class="addresses">
{{#ADDRESS}}<li><form class="inline" method="post" action="/contacts/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="id" value="{{EID}}">
  <label for="email-{{EID}}">Address {{N}}{{#PRIMARY}} (primary){{/PRIMARY}}{{#IS_LOGIN}} (portal login){{/IS_LOGIN}}</label>
  <input type="email" id="email-{{EID}}" name="email" value="{{ADDR}}" maxlength="254">
  <button type="submit" name="op" value="change_email">Save</button>
  {{#NOT_PRIMARY}}<button type="submit" name="op" value="primary_email">Make primary</button>{{/NOT_PRIMARY}}
  {{#UP}}<button type="submit" name="op" value="up" aria-label="Move {{ADDR}} up">Up</button>{{/UP}}
  {{#DOWN}}<button type="submit" name="op" value="down" aria-label="Move {{ADDR}} down">Down</button>{{/DOWN}}
  <button type="submit" name="op" value="remove_email" class="danger">Remove</button>
</form></li>
{{/ADDRESS}}
</ol>
<form class="inline" method="post" action="/contacts/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="add_email">
  <label for="new-email">Add an address</label>
  <input type="email" id="new-email" name="email" value="{{ADD_TYPED}}" maxlength="254"{{#BAD_EMAIL}} aria-invalid="true" aria-describedby="email-error"{{/BAD_EMAIL}}>
  <button type="submit">Add</button>
</form>
</section>
<section class="card">
<h2>Client portal login email</h2>
<p class="muted">The address this contact signs in to the client portal with. Changing it ends their current sessions.</p>
<form class="inline" method="post" action="/contacts/{{ID}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="login">
  <label for="login-email">Login email</label>
  <select id="login-email" name="email">{{#CHOICE}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ADDR}}</option>{{/CHOICE}}</select>
  <button type="submit">Save</button>
</form>
</section>
<section class="card">
<h2>Archive</h2>
{{#ACTIVE}}<p class="muted">An archived contact leaves the contacts list and cannot be chosen as a new matter's client. Its matters, portals and sign-in stay as they are.</p>
<form method="post" action="/contacts/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="archive"><button type="submit">Archive contact</button></form>{{/ACTIVE}}
{{#ARCHIVED}}<p class="muted">This contact is archived.</p>
<form method="post" action="/contacts/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="unarchive"><button type="submit">Restore contact</button></form>{{/ARCHIVED}}
</section>
{{>FOOTER}}
