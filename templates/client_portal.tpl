{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<nav class="switcher" aria-label="Your matters">
{{#MATTER}}{{#CURRENT}}<a class="current" aria-current="page" href="/portal/matters/{{ID}}">{{NUMBER}} · {{DESCRIPTION}}</a>{{/CURRENT}}{{#OTHER}}<a href="/portal/matters/{{ID}}">{{NUMBER}} · {{DESCRIPTION}}</a>{{/OTHER}}
{{/MATTER}}
</nav>
{{#NO_MATTERS}}<h1>Your matters</h1>
<p class="empty">Nothing has been shared with you yet.</p>{{/NO_MATTERS}}
{{#CHOOSE}}<h1>Your matters</h1>
<p>Choose a matter above.</p>{{/CHOOSE}}
{{#IN_MATTER}}
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#SENT}}Sent. Your law firm has been told.{{/SENT}}{{!
}}</p>{{/NOTICE}}
{{>PORTAL_TABS}}
{{#VIEW_MESSAGES}}
{{#LATEST}}<p class="pager"><a href="{{HREF}}">Latest messages</a></p>{{/LATEST}}
{{#EARLIER}}<p class="pager"><a href="{{HREF}}">Earlier messages</a></p>{{/EARLIER}}
<ol class="feed">
{{#MESSAGE}}<li class="message {{SIDE}}">
  <div class="meta"><strong>{{WHO}}</strong> <time>{{WHEN}}</time>{{#NEW}} <span class="badge">new</span>{{/NEW}}</div>
  {{#BILL}}<div class="attachment">A bill was shared with you: <a href="/portal/bills/{{BILL_ID}}">Bill {{BILL_NUMBER}}</a></div>{{/BILL}}{{#FUNDS}}<div class="attachment">A funds request was shared with you: <a href="/portal/bills/{{BILL_ID}}">Funds request {{BILL_NUMBER}}</a></div>{{/FUNDS}}<div class="body">{{BODY}}</div>
  {{#DOC}}<div class="attachment">Attachment: <a href="/portal/documents/{{DOC_ID}}">{{DOC_NAME}}</a></div>{{/DOC}}
  {{#FOLDER}}<div class="attachment">Shared folder: {{FOLDER_NAME}} (see Shared resources)</div>{{/FOLDER}}
</li>
{{/MESSAGE}}
</ol>
<form class="composer" method="post" action="/portal/matters/{{MATTER_ID}}/reply" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="reply">Message</label>
  <textarea id="reply" name="body" rows="4" maxlength="20000"></textarea>
  <label for="reply-file">Attach a document</label>
  <input id="reply-file" name="file" type="file">
  <button type="submit">Send</button>
</form>
{{/VIEW_MESSAGES}}
{{#VIEW_SHARED}}
<div class="table-scroll" role="region" aria-label="Shared documents" tabindex="0">
<table class="list stack">
<thead><tr><th>Document</th><th>Folder</th><th>Size</th><th>Added</th><th><span class="sr-only">Open</span></th></tr></thead>
<tbody>
{{#SHARED}}<tr><td>{{NAME}}</td><td data-label="Folder">{{FOLDER}}</td><td data-label="Size">{{SIZE}}</td><td data-label="Added">{{WHEN}}</td>
<td><a href="/portal/documents/{{DOC_ID}}">View</a> · <a href="/portal/documents/{{DOC_ID}}">Download</a></td></tr>
{{/SHARED}}
</tbody>
</table>
</div>
{{#NOTHING_SHARED}}<p class="empty">No documents have been shared with you in this matter.</p>{{/NOTHING_SHARED}}
{{/VIEW_SHARED}}
{{#NOTHING_HERE}}<p class="empty">Your law firm has not shared anything here yet.</p>{{/NOTHING_HERE}}
{{/IN_MATTER}}
{{>FOOTER}}
