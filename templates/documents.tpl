{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#UPLOADED}}Upload complete.{{/UPLOADED}}{{!
}}{{#FOLDER}}Folder created.{{/FOLDER}}{{!
}}{{#RENAMED}}Renamed.{{/RENAMED}}{{!
}}{{#MOVED}}Moved.{{/MOVED}}{{!
}}{{#DELETED}}Deleted.{{/DELETED}}{{!
}}{{#SHARED}}Shared. The client portal's participants can open it now.{{/SHARED}}{{!
}}{{#UNSHARED}}Sharing stopped.{{/UNSHARED}}{{!
}}</p>{{/NOTICE}}
<nav class="path" aria-label="Folder">
{{#AT_ROOT}}<strong>Documents</strong>{{/AT_ROOT}}{{#IN_FOLDER}}<a href="/matters/{{MATTER_ID}}/documents">Documents</a>{{/IN_FOLDER}}
{{#CRUMB}} › <a href="/matters/{{MATTER_ID}}/documents?folder={{ID}}">{{NAME}}</a>{{/CRUMB}}
{{#CRUMB_HERE}} › <strong>{{NAME}}</strong>{{/CRUMB_HERE}}
</nav>
<div class="toolbar">
  <form class="inline" method="post" action="/matters/{{MATTER_ID}}/documents/action">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="op" value="new_folder">
    <input type="hidden" name="folder" value="{{FOLDER_ID}}">
    <label for="new-folder-name">Folder name</label>
    <input id="new-folder-name" name="name" type="text" maxlength="200" required>
    <button type="submit">New folder</button>
  </form>
  <form class="inline upload" method="post" action="/matters/{{MATTER_ID}}/documents/upload" enctype="multipart/form-data" data-upload>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="folder" value="{{FOLDER_ID}}">
    <label for="upload-files">Files (up to 100 MB each)</label>
    <input id="upload-files" name="file" type="file" multiple required>
    <button type="submit">Upload</button>
    <div class="progress" aria-live="polite"></div>
  </form>
</div>
<div class="table-scroll" role="region" aria-label="Documents and folders" tabindex="0">
<table class="list docs">
<thead><tr><th>Name</th><th>Size</th><th>Type</th><th>Added</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#SUBFOLDER}}<tr class="folder">
  <td><a href="/matters/{{MATTER_ID}}/documents?folder={{ID}}">📁 {{NAME}}</a>{{#SHARED}} <span class="badge">shared</span>{{/SHARED}}</td><td></td><td>Folder</td><td></td>
  <td><details><summary>Actions</summary>
    <form method="post" action="/matters/{{MATTER_ID}}/documents/action">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="rename">
      <input type="hidden" name="kind" value="folder"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <input name="name" type="text" maxlength="200" value="{{NAME}}" aria-label="New name" required>
      <button type="submit">Rename</button>
    </form>
    <form method="post" action="/matters/{{MATTER_ID}}/documents/action">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="move">
      <input type="hidden" name="kind" value="folder"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <select name="target" aria-label="Move to">{{#TARGET}}<option value="{{TID}}">{{TPATH}}</option>{{/TARGET}}</select>
      <button type="submit">Move</button>
    </form>
    {{#CAN_SHARE}}<form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Share {{NAME}} with the client portal? Its participants can open everything in it and are told by email." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="share">
      <input type="hidden" name="kind" value="folder"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit">Share via client portal</button>
    </form>{{/CAN_SHARE}}
    {{#CAN_UNSHARE}}<form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Stop sharing {{NAME}}? The client can no longer open it." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="unshare">
      <input type="hidden" name="kind" value="folder"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit">Stop sharing</button>
    </form>{{/CAN_UNSHARE}}
    <form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Delete the folder {{NAME}} and everything in it?" data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="delete">
      <input type="hidden" name="kind" value="folder"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit" class="danger">Delete</button>
    </form>
  </details></td>
</tr>
{{/SUBFOLDER}}
{{#DOC}}<tr class="doc">
  <td><a href="/documents/{{ID}}/download">{{NAME}}</a>{{#SHARED}} <span class="badge">shared</span>{{/SHARED}}</td><td>{{SIZE}}</td><td>{{MIME}}</td><td>{{CREATED}}</td>
  <td><details><summary>Actions</summary>
    <a href="/documents/{{ID}}/download">Download</a>
    <form method="post" action="/matters/{{MATTER_ID}}/documents/action">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="rename">
      <input type="hidden" name="kind" value="document"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <input name="name" type="text" maxlength="200" value="{{NAME}}" aria-label="New name" required>
      <button type="submit">Rename</button>
    </form>
    <form method="post" action="/matters/{{MATTER_ID}}/documents/action">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="move">
      <input type="hidden" name="kind" value="document"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <select name="target" aria-label="Move to">{{#TARGET}}<option value="{{TID}}">{{TPATH}}</option>{{/TARGET}}</select>
      <button type="submit">Move</button>
    </form>
    {{#CAN_SHARE}}<form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Share {{NAME}} with the client portal? Its participants can open it and are told by email." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="share">
      <input type="hidden" name="kind" value="document"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit">Share via client portal</button>
    </form>{{/CAN_SHARE}}
    {{#CAN_UNSHARE}}<form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Stop sharing {{NAME}}? The client can no longer open it." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="unshare">
      <input type="hidden" name="kind" value="document"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit">Stop sharing</button>
    </form>{{/CAN_UNSHARE}}
    <form method="get" action="/matters/{{MATTER_ID}}/documents/action" data-confirm="Delete {{NAME}}?" data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="delete">
      <input type="hidden" name="kind" value="document"><input type="hidden" name="id" value="{{ID}}">
      <input type="hidden" name="folder" value="{{FOLDER_ID}}">
      <button type="submit" class="danger">Delete</button>
    </form>
  </details></td>
</tr>
{{/DOC}}
</tbody>
</table>
</div>
{{#EMPTY}}<p class="empty">This folder is empty.</p>{{/EMPTY}}
{{>FOOTER}}
