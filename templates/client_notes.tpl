{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/portal">Your matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{>PORTAL_TABS}}
{{#LIST}}<h2>Notes</h2>
<ul class="notes">
{{#NOTE}}<li><a href="/portal/matters/{{MATTER_ID}}/notes/{{ID}}">{{SUBJECT}}</a> <span class="muted">{{DATE}} · {{AUTHOR}}</span></li>
{{/NOTE}}
</ul>
{{#NO_NOTES}}<p class="empty">No notes have been shared with you on this matter.</p>{{/NO_NOTES}}
{{#NO_MATCH}}<p class="empty">No notes on this page.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{/LIST}}
{{#ONE}}<article class="card note">
<h2>{{SUBJECT}}</h2>
<p class="muted">{{DATE}} · {{AUTHOR}}</p>
<p class="note-body">{{#BODY}}{{LINE}}{{#BREAK}}<br>{{/BREAK}}{{/BODY}}</p>
<p><a href="/portal/matters/{{MATTER_ID}}/notes">All notes</a></p>
</article>{{/ONE}}
{{>FOOTER}}
