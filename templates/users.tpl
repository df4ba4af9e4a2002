{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Users</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#INVITED}}Invitation sent. The link in it works once, for one hour from when the email goes out.{{/INVITED}}{{!
}}{{#ADMIN}}Role changed: the user is now an administrator.{{/ADMIN}}{{!
}}{{#MEMBER}}Role changed: the user is now a member.{{/MEMBER}}{{!
}}{{#DEACTIVATED}}User deactivated. Their sessions have ended and they can no longer sign in.{{/DEACTIVATED}}{{!
}}{{#REACTIVATED}}User reactivated. They can sign in again.{{/REACTIVATED}}{{!
}}</p>{{/NOTICE}}
<div class="toolbar">
<form class="inline" method="get" action="/users" role="search">
  <label for="q">Find</label>
  <input id="q" name="q" type="text" maxlength="100" value="{{Q}}" placeholder="Name or email">
  <label for="status">Show</label>
  <select id="status" name="status">
    <option value="all"{{#STATUS_ALL}} selected{{/STATUS_ALL}}>All users</option>
    <option value="active"{{#STATUS_ACTIVE}} selected{{/STATUS_ACTIVE}}>Active</option>
    <option value="inactive"{{#STATUS_INACTIVE}} selected{{/STATUS_INACTIVE}}>Deactivated</option>
  </select>
  <button type="submit">Filter</button>
</form>
<p><a class="button" href="/users/invite">Invite a colleague</a></p>
</div>
<div class="table-scroll" role="region" aria-label="Users of the firm" tabindex="0">
<table class="list users">
<caption class="visually-hidden">Users of the firm</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Last sign-in</th><th scope="col">Actions</th></tr></thead>
<tbody>
{{#USER}}<tr>
  <td>{{NAME}}{{#YOU}} <span class="badge">you</span>{{/YOU}}</td>
  <td>{{EMAIL}}</td>
  <td>{{#ADMIN}}Administrator{{/ADMIN}}{{#MEMBER}}Member{{/MEMBER}}</td>
  <td>{{#ACTIVE}}Active{{/ACTIVE}}{{#INACTIVE}}Deactivated{{/INACTIVE}}</td>
  <td>{{#SEEN}}{{WHEN}}{{/SEEN}}{{#NEVER}}Never{{/NEVER}}</td>
  <td>
    <form method="post" action="/users/action">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="user" value="{{ID}}">
      {{#ADMIN}}<input type="hidden" name="op" value="member"><button type="submit">Make member</button>{{/ADMIN}}{{!
      }}{{#MEMBER}}<input type="hidden" name="op" value="admin"><button type="submit">Make administrator</button>{{/MEMBER}}
    </form>
    {{#ACTIVE}}<form method="get" action="/users/action" data-confirm="Deactivate {{NAME}}? Their sessions end at once." data-csrf="{{CSRF}}">
      <input type="hidden" name="op" value="deactivate">
      <input type="hidden" name="user" value="{{ID}}">
      <button type="submit" class="danger">Deactivate</button>
    </form>{{/ACTIVE}}
    {{#INACTIVE}}<form method="post" action="/users/action">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="op" value="reactivate">
      <input type="hidden" name="user" value="{{ID}}">
      <button type="submit">Reactivate</button>
    </form>{{/INACTIVE}}
  </td>
</tr>
{{/USER}}
</tbody>
</table>
</div>
{{#NO_USERS}}<p class="empty">No user matches this filter.</p>{{/NO_USERS}}
<nav class="pager" aria-label="Pages">
  {{#PREV}}<a href="{{HREF}}" rel="prev">Previous page</a>{{/PREV}}
  <span>Page {{PAGE}} of {{PAGES}} ({{TOTAL}} users)</span>
  {{#NEXT}}<a href="{{HREF}}" rel="next">Next page</a>{{/NEXT}}
</nav>
<section class="card">
<h2>Open invitations</h2>
{{#INVITE}}<p>{{EMAIL}} as {{ROLE}}, sent {{WHEN}}</p>
{{/INVITE}}<p class="muted">An invitation works once, for one hour from when its email goes out. Inviting the same address again replaces it.</p>
</section>
{{>FOOTER}}
