{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Note added.{{/ADDED}}{{#SAVED}}Note saved.{{/SAVED}}{{#DELETED}}Note deleted.{{/DELETED}}</p>{{/NOTICE}}
<h2>Notes</h2>
<p class="actions"><a class="button" href="/matters/{{MATTER_ID}}/notes/edit">Add note</a></p>
{{#NOTE}}<article class="card note">
<h3>{{SUBJECT}}</h3>
<p class="muted">{{DATE}} · {{AUTHOR}}{{#SHARED}} · <span class="badge">Shared</span>{{/SHARED}}{{#VIEWED}} · Viewed by {{WHO}} on {{WHEN}}{{/VIEWED}}</p>
<p class="note-body">{{#BODY}}{{LINE}}{{#BREAK}}<br>{{/BREAK}}{{/BODY}}</p>
<p><a href="/matters/{{MATTER_ID}}/notes/edit?id={{ID}}">Edit<span class="sr-only">: {{SUBJECT}}</span></a> <a href="/matters/{{MATTER_ID}}/notes/edit?op=delete&amp;id={{ID}}">Delete<span class="sr-only">: {{SUBJECT}}</span></a></p>
</article>
{{/NOTE}}
{{#NO_NOTES}}<p class="empty">No notes for this matter yet.</p>{{/NO_NOTES}}
{{#NO_MATCH}}<p class="empty">No notes on this page.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
