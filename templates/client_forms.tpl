{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal">Your matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#SUBMITTED}}Thank you: your answers have been sent to your law firm.{{/SUBMITTED}}</p>{{/NOTICE}}
{{>PORTAL_TABS}}
<h2>Forms to fill in</h2>
<div class="table-scroll" role="region" aria-label="Forms" tabindex="0">
<table class="list stack">
<thead><tr><th>Form</th><th>State</th></tr></thead>
<tbody>
{{#FORM}}<tr><td data-label="Form"><a href="/portal/matters/{{MATTER_ID}}/forms/{{RID}}">{{NAME}}</a></td>
<td data-label="State">{{#TO_FILL}}To fill in{{/TO_FILL}}{{#DRAFT}}Draft saved {{WHEN}}{{/DRAFT}}{{#SENT}}Sent {{WHEN}}{{/SENT}}</td></tr>
{{/FORM}}
</tbody>
</table>
</div>
{{#NO_FORMS}}<p class="empty">Your law firm has not asked you to fill in a form here.</p>{{/NO_FORMS}}
{{#NO_MATCH}}<p class="empty">No more forms.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
