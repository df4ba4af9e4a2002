{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#IN_MATTER}}{{>MATTER_TABS}}{{/IN_MATTER}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#ADDED}}Event added.{{/ADDED}}{{#SAVED}}Event saved.{{/SAVED}}{{#DELETED}}Event deleted; anyone it was shared with sees it cancelled.{{/DELETED}}{{!
}}{{#MOVED}}This date of the event moved.{{/MOVED}}{{#CANCELLED}}This date of the event cancelled.{{/CANCELLED}}</p>{{/NOTICE}}
{{#FIRM}}<h1>Calendar</h1>{{/FIRM}}{{#IN_MATTER}}<h2>Calendar</h2>{{/IN_MATTER}}
<p class="actions"><a class="button" href="/calendar/edit{{#IN_MATTER}}?matter={{MATTER_ID}}{{/IN_MATTER}}">New event</a>
{{#FIRM}}<a href="/calendar/settings">My calendar feed</a>{{/FIRM}}</p>
<form class="inline search" method="get" action="{{BASE}}">
  <label for="view">View</label>
  <select id="view" name="view"><option value="month"{{#MONTH}} selected{{/MONTH}}>Month</option><option value="agenda"{{#AGENDA}} selected{{/AGENDA}}>Agenda</option></select>
  <label for="date">From</label>
  <input type="date" id="date" name="date" value="{{VIEW_DATE}}">
{{#FIRM}}  <label for="user">Whose</label>
  <select id="user" name="user"><option value="0">Everyone's</option>{{#USER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/USER_OPTION}}</select>
{{/FIRM}}  <button type="submit">Show</button>
</form>
<nav class="pager" aria-label="Calendar pages">
  <a href="{{BASE}}?view={{VIEW}}&amp;date={{PREV_DATE}}{{#USER_FILTER}}&amp;user={{USER}}{{/USER_FILTER}}">Previous</a>
  <a href="{{BASE}}?view={{VIEW}}&amp;date={{TODAY_DATE}}{{#USER_FILTER}}&amp;user={{USER}}{{/USER_FILTER}}">Today</a>
  <a href="{{BASE}}?view={{VIEW}}&amp;date={{NEXT_DATE}}{{#USER_FILTER}}&amp;user={{USER}}{{/USER_FILTER}}">Next</a>
</nav>
<h3 id="cal-title">{{TITLE_MONTH}}</h3>
<p class="muted">Times are in {{ZONE}}.</p>
{{#MONTH}}<div class="table-scroll" role="region" aria-labelledby="cal-title" tabindex="0">
<table class="cal-month">
<thead><tr>{{#WEEKDAY}}<th scope="col">{{NAME}}</th>{{/WEEKDAY}}</tr></thead>
<tbody>
{{#WEEK}}<tr>{{#DAY}}<td class="{{#OTHER_MONTH}}other {{/OTHER_MONTH}}{{#TODAY}}today {{/TODAY}}{{#EMPTY}}empty{{/EMPTY}}"><span class="day-number" aria-hidden="true">{{DAY_NUMBER}}</span><span class="sr-only day-name">{{DAY_NAME}}</span>
{{#HAS_ITEMS}}<ul class="cal-items">{{#ITEM}}<li{{#MOVED}} class="moved"{{/MOVED}}><a href="/calendar/edit?id={{EVENT}}{{#RECURRING}}&amp;date={{DATE}}{{/RECURRING}}"><span class="cal-time">{{TIME}}</span> {{TITLE}}</a>{{#MOVED}} <span class="tag">moved</span>{{/MOVED}}{{#RECURRING}} <span class="tag">repeats</span>{{/RECURRING}}</li>{{/ITEM}}</ul>{{/HAS_ITEMS}}</td>{{/DAY}}</tr>
{{/WEEK}}</tbody>
</table>
</div>{{/MONTH}}
{{#AGENDA}}<div class="cal-agenda">
{{#AGENDA_DAY}}{{#HAS_ITEMS}}<h4>{{DAY_NAME}}</h4>
<ul class="cal-items">{{#ITEM}}<li{{#MOVED}} class="moved"{{/MOVED}}><a href="/calendar/edit?id={{EVENT}}{{#RECURRING}}&amp;date={{DATE}}{{/RECURRING}}">{{TITLE}}</a>
  <span class="cal-when">{{WHEN}}</span> <span class="muted">{{LOCATION}}</span> {{#HAS_MATTER}}<span class="muted">· <a href="/matters/{{MATTER}}/calendar">{{NUMBER}}</a></span>{{/HAS_MATTER}}{{#MOVED}} <span class="tag">moved</span>{{/MOVED}}{{#RECURRING}} <span class="tag">repeats</span>{{/RECURRING}}</li>
{{/ITEM}}</ul>
{{/HAS_ITEMS}}{{/AGENDA_DAY}}</div>{{/AGENDA}}
{{#NO_EVENTS}}<p class="empty">No events in these dates.</p>{{/NO_EVENTS}}
{{>FOOTER}}
