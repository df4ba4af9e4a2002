{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
{{>PORTAL_TABS}}
<h2>Calendar</h2>
<p class="muted">Upcoming first. Times are in {{ZONE}}. Download an event to add it to your own calendar.</p>
{{#EVENT_ROW}}<article class="card cal-event{{#CANCELLED}} cancelled{{/CANCELLED}}">
  <h3>{{TITLE}}{{#CANCELLED}} <span class="badge">Cancelled</span>{{/CANCELLED}}</h3>
  <p><span class="cal-when">{{WHEN}}</span>{{#RECURRING}} <span class="tag">repeats</span>{{/RECURRING}}{{#MOVED}} <span class="tag">moved</span>{{/MOVED}}</p>
  <p class="muted">{{LOCATION}}</p>
  <p><a href="/portal/events/{{EVENT}}.ics" download>Download {{TITLE}} (.ics)</a></p>
</article>
{{/EVENT_ROW}}
{{#NO_EVENTS}}<p class="empty">No events have been shared with you on this matter.</p>{{/NO_EVENTS}}
{{#NO_MATCH}}<p class="empty">No more events.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
