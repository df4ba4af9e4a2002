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
{{/CLOSED_ON}}{{#CUSTOM}}  <dt>{{LABEL}}</dt><dd>{{#HAS_VALUE}}{{VALUE}}{{/HAS_VALUE}}{{#NO_VALUE}}<span class="muted">Not filled in</span>{{/NO_VALUE}}</dd>
{{/CUSTOM}}</dl>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/edit">Edit matter</a></p>
<form method="post" action="/matters/{{MATTER_ID}}/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#IS_OPEN}}  <input type="hidden" name="op" value="close">
  <button type="submit">Close matter</button>{{/IS_OPEN}}
{{#IS_CLOSED}}  <input type="hidden" name="op" value="reopen">
  <button type="submit">Reopen matter</button>{{/IS_CLOSED}}
</form>
{{/DETAILS}}
{{>FOOTER}}
