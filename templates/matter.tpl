{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#DETAILS}}
<dl class="details">
  <dt>Number</dt><dd>{{NUMBER}}</dd>
  <dt>Description</dt><dd>{{DESCRIPTION}}</dd>
  <dt>Client</dt><dd>{{CLIENT}}</dd>
  <dt>Status</dt><dd>{{STATUS}}</dd>
  <dt>Opened</dt><dd>{{OPENED}}</dd>
</dl>
{{/DETAILS}}
{{#EMPTY_TAB}}
<h2>{{LABEL}}</h2>
<p class="empty">{{MESSAGE}}</p>
{{/EMPTY_TAB}}
{{>FOOTER}}
