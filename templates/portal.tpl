{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#OPENED}}The client portal is open. Add participants, then send a message or share documents.{{/OPENED}}{{!
}}{{#SENT}}Message sent.{{/SENT}}{{!
}}{{#DELETED}}Message deleted.{{/DELETED}}{{!
}}{{#SHARED}}Shared.{{/SHARED}}{{!
}}{{#UNSHARED}}Sharing stopped.{{/UNSHARED}}{{!
}}{{#ADDED}}Participant added.{{/ADDED}}{{!
}}{{#REMOVED}}Participant removed. Their access ended.{{/REMOVED}}{{!
}}{{#EMAIL}}Login email changed.{{/EMAIL}}{{!
}}{{#PERMS}}Permissions saved.{{/PERMS}}{{!
}}{{#MUTED}}Muted: you get no email about this portal.{{/MUTED}}{{!
}}{{#UNMUTED}}Unmuted: you get email about this portal again.{{/UNMUTED}}{{!
}}</p>{{/NOTICE}}
{{#NOT_OPEN}}
<section class="card">
<h2>Client portal</h2>
<p>Share messages and documents with the client through a secure portal for this matter.
Once opened, a portal stays open: you end access item by item, or per participant.</p>
<form method="post" action="/matters/{{MATTER_ID}}/portal/action">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="open">
  <button type="submit">Go to client portal</button>
</form>
</section>
{{/NOT_OPEN}}
{{#OPEN}}
<div class="portal">
<div class="portal-main">
<nav class="subtabs small" aria-label="Client portal">
{{#VIEW_MESSAGES}}<a class="current" aria-current="page" href="/matters/{{MATTER_ID}}/portal">Messages</a><a href="/matters/{{MATTER_ID}}/portal?view=shared">Shared resources</a>{{/VIEW_MESSAGES}}
{{#VIEW_SHARED}}<a href="/matters/{{MATTER_ID}}/portal">Messages</a><a class="current" aria-current="page" href="/matters/{{MATTER_ID}}/portal?view=shared">Shared resources</a>{{/VIEW_SHARED}}
</nav>
{{#VIEW_MESSAGES}}
<p class="toggle">{{#EVENTS_OFF}}<a href="/matters/{{MATTER_ID}}/portal?events=1">Show all client portal events</a>{{/EVENTS_OFF}}{{#EVENTS_ON}}<a href="/matters/{{MATTER_ID}}/portal">Show all client portal events <span aria-hidden="true">✓</span><span class="sr-only"> (shown: follow to hide them)</span></a>{{/EVENTS_ON}}</p>
{{#LATEST}}<p class="pager"><a href="{{HREF}}">Latest messages</a></p>{{/LATEST}}
{{#EARLIER}}<p class="pager"><a href="{{HREF}}">Earlier messages</a></p>{{/EARLIER}}
<form method="get" action="/matters/{{MATTER_ID}}/portal/action" data-confirm="Delete message? It disappears for the client." data-csrf="{{CSRF}}">
<input type="hidden" name="op" value="delete_message">
<ol class="feed">
{{#MESSAGE}}{{#EVENT}}<li class="event"><time>{{WHEN}}</time> {{WHO}} {{WHAT}}{{DETAIL}}</li>
{{/EVENT}}<li class="message {{SIDE}}" id="m{{ID}}">
  <div class="meta"><strong>{{WHO}}</strong> <time>{{WHEN}}</time></div>
  <div class="body">{{BODY}}</div>
  {{#DOC}}<div class="attachment">Attachment: <a href="/documents/{{DOC_ID}}/download">{{DOC_NAME}}</a></div>{{/DOC}}
  {{#FOLDER}}<div class="attachment">Shared folder: {{FOLDER_NAME}}</div>{{/FOLDER}}
  {{#READ}}<div class="read">Read by {{READERS}}</div>{{/READ}}{{#UNREAD}}<div class="read">Not read yet</div>{{/UNREAD}}
  <button type="submit" name="message" value="{{ID}}" class="icon" title="Delete message" aria-label="Delete message">🗑</button>
</li>
{{/MESSAGE}}{{#TAIL_EVENT}}<li class="event"><time>{{WHEN}}</time> {{WHO}} {{WHAT}}{{DETAIL}}</li>
{{/TAIL_EVENT}}
</ol>
</form>
{{#NO_MESSAGES}}<p class="empty">No messages yet.</p>{{/NO_MESSAGES}}
<form class="composer" method="post" action="/matters/{{MATTER_ID}}/portal/action" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="send">
  <label for="message">Message</label>
  <textarea id="message" name="body" rows="4" maxlength="20000"></textarea>
  <fieldset>
    <legend>Attach a document</legend>
    <label for="attach-doc">A document of this matter</label>
    <select id="attach-doc" name="document"><option value="0">None</option>{{#DOC_CHOICE}}<option value="{{ID}}">{{NAME}}</option>{{/DOC_CHOICE}}</select>
    <label for="attach-file">Or upload a new one</label>
    <input id="attach-file" name="file" type="file">
    <label for="attach-folder">Or share a whole folder instead</label>
    <select id="attach-folder" name="folder"><option value="0">None</option>{{#FOLDER_CHOICE}}<option value="{{ID}}">{{NAME}}</option>{{/FOLDER_CHOICE}}</select>
  </fieldset>
  <button type="submit">Send</button>
</form>
{{/VIEW_MESSAGES}}
{{#VIEW_SHARED}}
<div class="table-scroll" role="region" aria-label="Shared with the client" tabindex="0">
<table class="list">
<thead><tr><th>Shared</th><th>Since</th><th>Opened by</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#SHARE}}<tr>
  <td>{{#IS_DOC}}<a href="/documents/{{DOC_ID}}/download">{{NAME}}</a>{{/IS_DOC}}{{#IS_FOLDER}}<a href="/matters/{{MATTER_ID}}/documents?folder={{FOLDER_ID}}">📁 {{NAME}}</a>{{/IS_FOLDER}}</td>
  <td>{{WHEN}}</td><td>{{#READ}}{{READERS}}{{/READ}}</td>
  <td>{{#IS_DOC}}<a href="/documents/{{DOC_ID}}/download">View</a>{{/IS_DOC}}{{#IS_FOLDER}}<a href="/matters/{{MATTER_ID}}/documents?folder={{FOLDER_ID}}">View</a>{{/IS_FOLDER}}
    <details><summary>More</summary>
    <form method="get" action="/matters/{{MATTER_ID}}/portal/action" data-confirm="Stop sharing {{NAME}}? The client can no longer open it." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="unshare">
      <input type="hidden" name="share" value="{{SHARE_ID}}">
      <button type="submit">Stop sharing</button>
    </form></details></td>
</tr>
{{/SHARE}}
</tbody>
</table>
</div>
{{#NO_SHARES}}<p class="empty">Nothing shared yet.</p>{{/NO_SHARES}}
<form class="inline" method="post" action="/matters/{{MATTER_ID}}/portal/action">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="share">
  <label for="share-doc">Share a document</label>
  <select id="share-doc" name="document"><option value="0">—</option>{{#DOC_CHOICE}}<option value="{{ID}}">{{NAME}}</option>{{/DOC_CHOICE}}</select>
  <label for="share-folder">or a folder</label>
  <select id="share-folder" name="folder"><option value="0">—</option>{{#FOLDER_CHOICE}}<option value="{{ID}}">{{NAME}}</option>{{/FOLDER_CHOICE}}</select>
  <button type="submit">Share</button>
</form>
{{/VIEW_SHARED}}
</div>
<aside class="portal-side">
<h2>Participants</h2>
<ul class="participants">
{{#PARTICIPANT}}<li>
  <strong>{{NAME}}</strong><br><span class="muted">{{STATE}}</span>
  <form method="post" action="/matters/{{MATTER_ID}}/portal/action">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="set_email">
    <input type="hidden" name="contact" value="{{CONTACT_ID}}">
    <label for="login-{{CONTACT_ID}}">Login email</label>
    <select id="login-{{CONTACT_ID}}" name="email">{{#ADDRESS}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ADDR}}</option>{{/ADDRESS}}</select>
    <button type="submit">Save</button>
  </form>
  <form method="get" action="/matters/{{MATTER_ID}}/portal/action" data-confirm="Remove {{NAME}}? Their access ends at once." data-csrf="{{CSRF}}">
    <input type="hidden" name="op" value="remove_participant">
    <input type="hidden" name="contact" value="{{CONTACT_ID}}">
    <button type="submit" class="danger">Remove participant</button>
  </form>
</li>
{{/PARTICIPANT}}
</ul>
<h3 id="add-participant">Add a participant</h3>
<form method="get" action="/matters/{{MATTER_ID}}/portal#add-participant" role="search" aria-labelledby="add-participant">
  {{#VIEW_SHARED}}<input type="hidden" name="view" value="shared">{{/VIEW_SHARED}}
  <label for="find-contact">Contact's name or email</label>
  <input id="find-contact" name="find" type="search" maxlength="100" value="{{FIND}}">
  <button type="submit">Find</button>
</form>
{{#FOUND_ALL}}<p class="muted" role="status">Contacts matching “{{FIND}}” who do not take part yet:</p>{{/FOUND_ALL}}
{{#FOUND_MORE}}<p class="muted" role="status">The first 20 contacts matching “{{FIND}}”; type more of the name or address to narrow them.</p>{{/FOUND_MORE}}
{{#FOUND_NONE}}<p class="muted" role="status">No contact matching “{{FIND}}” is left to add. A new person is added under Contacts first.</p>{{/FOUND_NONE}}
<ul class="candidates">
{{#CANDIDATE}}<li>
  <form method="post" action="/matters/{{MATTER_ID}}/portal/action">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="add_participant">
    <input type="hidden" name="contact" value="{{CONTACT_ID}}">
    <strong>{{NAME}}</strong> <span class="muted">{{EMAIL}}</span>
    <button type="submit" aria-label="Add {{NAME}} as a participant">Add</button>
  </form>
</li>
{{/CANDIDATE}}
</ul>
<h2>Permissions</h2>
<form method="post" action="/matters/{{MATTER_ID}}/portal/action">
  <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="permissions">
  <p class="muted">What the client sees. Without Documents, documents attached to messages still open from the feed.</p>
  {{#PERM}}<label class="check"><input type="checkbox" name="perm_{{PERM}}" value="1"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/PERM}}
  <button type="submit">Save permissions</button>
</form>
<h2>Email</h2>
<p class="muted">When a client writes, an email goes to the matter's responsible users and to everyone at the firm who took part in this portal, unless they muted it.</p>
<p class="responsible">Responsible: {{#RESPONSIBLE}}{{NAME}}{{#RESPONSIBLE_separator}}, {{/RESPONSIBLE_separator}}{{/RESPONSIBLE}}{{#NO_RESPONSIBLE}}nobody named{{/NO_RESPONSIBLE}}</p>
<form method="post" action="/matters/{{MATTER_ID}}/portal/action">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#UNMUTED}}<input type="hidden" name="op" value="mute"><button type="submit" aria-pressed="false">Mute</button> <span class="muted">You get email about this portal.</span>{{/UNMUTED}}
  {{#MUTED}}<input type="hidden" name="op" value="unmute"><button type="submit" aria-pressed="true">Unmute</button> <span class="muted">Muted: you get no email about this portal.</span>{{/MUTED}}
</form>
<h2>Share client portal login link</h2>
<p class="muted">Clients with an account sign in here; put it on your website.</p>
<input class="copy" type="text" readonly value="{{LOGIN_LINK}}" aria-label="Client portal login link">
</aside>
</div>
{{/OPEN}}
{{>FOOTER}}
