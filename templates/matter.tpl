{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#DETAILS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#CREATED}}Matter created.{{/CREATED}}{{!
}}{{#SAVED}}Matter saved.{{/SAVED}}{{!
}}{{#CLOSED}}Matter closed. Its client portal stays open: clients can still read and write there.{{/CLOSED}}{{!
}}{{#REOPENED}}Matter reopened.{{/REOPENED}}{{!
}}</p>{{/NOTICE}}
<dl class="details">
  <dt>Number</dt><dd>{{NUMBER}}</dd>
  <dt>Description</dt><dd>{{DESCRIPTION}}</dd>
  <dt>Client</dt><dd><a href="/contacts/{{CLIENT_ID}}">{{CLIENT}}</a></dd>
  <dt>Responsible</dt><dd>{{RESPONSIBLE}}</dd>
  <dt>Status</dt><dd>{{STATUS}}</dd>
  <dt>Opened</dt><dd>{{OPENED}}</dd>
{{#CLOSED_ON}}  <dt>Closed</dt><dd>{{CLOSED}}</dd>
{{/CLOSED_ON}}</dl>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/edit">Edit matter</a></p>
<form method="post" action="/matters/{{MATTER_ID}}/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#IS_OPEN}}  <input type="hidden" name="op" value="close">
  <button type="submit">Close matter</button>{{/IS_OPEN}}
{{#IS_CLOSED}}  <input type="hidden" name="op" value="reopen">
  <button type="submit">Reopen matter</button>{{/IS_CLOSED}}
</form>
{{/DETAILS}}
{{#EMPTY_TAB}}{{! The heading and text of each tab without a page yet; only the tab shown expands.
}}
{{#COMMUNICATIONS}}<h2>Communications</h2>
<p class="empty">The client portal for this matter has not been opened yet.</p>{{/COMMUNICATIONS}}{{!
}}{{#BILLS}}<h2>Bills</h2>
<p class="empty">No bills for this matter yet.</p>{{/BILLS}}{{!
}}{{#CALENDAR}}<h2>Calendar</h2>
<p class="empty">No calendar events for this matter yet.</p>{{/CALENDAR}}{{!
}}{{#TASKS}}<h2>Tasks</h2>
<p class="empty">No tasks for this matter yet.</p>{{/TASKS}}{{!
}}{{#NOTES}}<h2>Notes</h2>
<p class="empty">No notes for this matter yet.</p>{{/NOTES}}
{{/EMPTY_TAB}}
{{>FOOTER}}
