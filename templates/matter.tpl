{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/matters">Matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
<nav class="subtabs">
{{#TAB}}{{#CURRENT}}<a class="current" aria-current="page" href="/matters/{{ID}}?tab={{KEY}}">{{LABEL}}</a>{{/CURRENT}}{{#OTHER}}<a href="/matters/{{ID}}?tab={{KEY}}">{{LABEL}}</a>{{/OTHER}}
{{/TAB}}
</nav>
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
