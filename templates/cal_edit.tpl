{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#IN_MATTER}}{{>MATTER_TABS}}{{/IN_MATTER}}
{{#IN_MATTER}}<h2>{{#NEW}}New event{{/NEW}}{{#EDIT}}Edit event{{/EDIT}}</h2>{{/IN_MATTER}}{{#FIRM}}<h1>{{#NEW}}New event{{/NEW}}{{#EDIT}}Edit event{{/EDIT}}</h1>{{/FIRM}}
{{#ERRORS}}<p class="error" role="alert">Nothing was saved. Please correct the fields marked below.</p>{{/ERRORS}}
{{#OCCURRENCE}}<section class="card narrow cal-form" aria-labelledby="occ-h">
<h3 id="occ-h">This event: {{OCC_DATE}}</h3>
<p>Move this date only, or cancel it; the other dates stay as they are.</p>
<form method="post" action="/calendar/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="move">
{{#HAS_ID}}  <input type="hidden" name="id" value="{{ID}}">
{{/HAS_ID}}  <input type="hidden" name="date" value="{{OCC_DATE}}">
  <label for="occ-start-date">Starts on</label>
  <input type="date" id="occ-start-date" name="start_date" value="{{OCC_START_DATE}}" required{{#START_ERR}} aria-invalid="true" aria-describedby="occ-start-err"{{/START_ERR}}>
{{#OCC_TIMED}}  <label for="occ-start-time">at</label>
  <input type="time" id="occ-start-time" name="start_time" value="{{OCC_START_TIME}}" required>
{{/OCC_TIMED}}  {{#START_ERR}}<p class="field-error" id="occ-start-err">Enter the start as a date and a time, such as 2026-03-31 and 09:00.</p>{{/START_ERR}}
  <label for="occ-end-date">Ends on</label>
  <input type="date" id="occ-end-date" name="end_date" value="{{OCC_END_DATE}}" required{{#END_ERR}} aria-invalid="true" aria-describedby="occ-end-err"{{/END_ERR}}>
{{#OCC_TIMED}}  <label for="occ-end-time">at</label>
  <input type="time" id="occ-end-time" name="end_time" value="{{OCC_END_TIME}}" required>
{{/OCC_TIMED}}  {{#END_ERR}}<p class="field-error" id="occ-end-err">{{#END_INVALID}}Enter the end as a date and a time.{{/END_INVALID}}{{#END_BEFORE}}The end must come after the start.{{/END_BEFORE}}{{#END_LONG}}An event lasts at most 31 days.{{/END_LONG}}</p>{{/END_ERR}}
  <p><button type="submit">Move this date</button>
  <a href="/calendar/edit?op=cancel&amp;id={{#HAS_ID}}{{ID}}{{/HAS_ID}}&amp;date={{OCC_DATE}}">Cancel this date</a></p>
</form>
</section>
<h3>All events</h3>{{/OCCURRENCE}}
<form class="card narrow cal-form" method="post" action="/calendar/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="save">
{{#HAS_ID}}  <input type="hidden" name="id" value="{{ID}}">
{{/HAS_ID}}{{#HAS_MATTER_FIELD}}  <input type="hidden" name="matter" value="{{MATTER_ID}}">
{{/HAS_MATTER_FIELD}}  <label for="title">Title</label>
  <input type="text" id="title" name="title" value="{{EVENT_TITLE}}" maxlength="200" required{{#TITLE_ERR}} aria-invalid="true" aria-describedby="title-err"{{/TITLE_ERR}}>
  {{#TITLE_ERR}}<p class="field-error" id="title-err">{{#TITLE_MISSING}}Give the event a title.{{/TITLE_MISSING}}{{#TITLE_LONG}}The title is too long: at most 200 characters.{{/TITLE_LONG}}</p>{{/TITLE_ERR}}
  <p class="check"><input type="checkbox" id="all_day" name="all_day" value="1"{{#ALL_DAY_ON}} checked{{/ALL_DAY_ON}}> <label for="all_day">All day (the times are not used)</label></p>
  <fieldset><legend>Starts</legend>
  <label for="start_date">Date</label>
  <input type="date" id="start_date" name="start_date" value="{{START_DATE}}" required{{#START_ERR}} aria-invalid="true" aria-describedby="start-err"{{/START_ERR}}>
  <label for="start_time">Time ({{ZONE}})</label>
  <input type="time" id="start_time" name="start_time" value="{{START_TIME}}"{{#START_ERR}} aria-invalid="true" aria-describedby="start-err"{{/START_ERR}}>
  {{#START_ERR}}<p class="field-error" id="start-err">Enter the start as a date and a time, such as 2026-03-31 and 09:00.</p>{{/START_ERR}}
  </fieldset>
  <fieldset><legend>Ends</legend>
  <label for="end_date">Date</label>
  <input type="date" id="end_date" name="end_date" value="{{END_DATE}}"{{#END_ERR}} aria-invalid="true" aria-describedby="end-err"{{/END_ERR}}>
  <label for="end_time">Time ({{ZONE}})</label>
  <input type="time" id="end_time" name="end_time" value="{{END_TIME}}"{{#END_ERR}} aria-invalid="true" aria-describedby="end-err"{{/END_ERR}}>
  {{#END_ERR}}<p class="field-error" id="end-err">{{#END_INVALID}}Enter the end as a date and a time.{{/END_INVALID}}{{#END_BEFORE}}The end must come after the start.{{/END_BEFORE}}{{#END_LONG}}An event lasts at most 31 days.{{/END_LONG}}</p>{{/END_ERR}}
  </fieldset>
  <fieldset><legend>Repeats</legend>
  <label for="freq">How often</label>
  <select id="freq" name="freq"{{#FREQ_ERR}} aria-invalid="true"{{/FREQ_ERR}}><option value="none"{{#FREQ_NONE}} selected{{/FREQ_NONE}}>Does not repeat</option><option value="daily"{{#FREQ_DAILY}} selected{{/FREQ_DAILY}}>Daily</option><option value="weekly"{{#FREQ_WEEKLY}} selected{{/FREQ_WEEKLY}}>Weekly</option><option value="monthly"{{#FREQ_MONTHLY}} selected{{/FREQ_MONTHLY}}>Monthly (same day of the month)</option></select>
  <label for="interval">Every (1 for every day, week or month; 2 for every other)</label>
  <input type="number" id="interval" name="interval" value="{{INTERVAL}}" min="1" max="99"{{#INTERVAL_ERR}} aria-invalid="true" aria-describedby="interval-err"{{/INTERVAL_ERR}}>
  {{#INTERVAL_ERR}}<p class="field-error" id="interval-err">Enter a number from 1 to 99.</p>{{/INTERVAL_ERR}}
  <fieldset class="days"><legend>On (weekly; the start's weekday always)</legend>
  {{#WEEKDAY_BOX}}<span class="check"><input type="checkbox" id="day{{N}}" name="day{{N}}" value="1"{{#CHECKED}} checked{{/CHECKED}}> <label for="day{{N}}">{{NAME}}</label></span>
  {{/WEEKDAY_BOX}}</fieldset>
  <fieldset><legend>Ends</legend>
  <p class="check"><input type="radio" id="ends_count" name="ends" value="count"{{#ENDS_COUNT}} checked{{/ENDS_COUNT}}> <label for="ends_count">After a number of times</label></p>
  <label for="count">Times</label>
  <input type="number" id="count" name="count" value="{{COUNT}}" min="1" max="730"{{#COUNT_ERR}} aria-invalid="true" aria-describedby="count-err"{{/COUNT_ERR}}>
  {{#COUNT_ERR}}<p class="field-error" id="count-err">Enter a number of times from 1 to 730.</p>{{/COUNT_ERR}}
  <p class="check"><input type="radio" id="ends_until" name="ends" value="until"{{#ENDS_UNTIL}} checked{{/ENDS_UNTIL}}> <label for="ends_until">On a date</label></p>
  <label for="until">Last date</label>
  <input type="date" id="until" name="until" value="{{UNTIL}}"{{#UNTIL_ERR}} aria-invalid="true" aria-describedby="until-err"{{/UNTIL_ERR}}>
  {{#UNTIL_ERR}}<p class="field-error" id="until-err">{{#UNTIL_INVALID}}Enter the last date, such as 2026-12-31.{{/UNTIL_INVALID}}{{#UNTIL_BEFORE}}The last date cannot be before the start.{{/UNTIL_BEFORE}}{{#UNTIL_FAR}}The last date can be at most 10 years after the start.{{/UNTIL_FAR}}</p>{{/UNTIL_ERR}}
  {{#ENDS_ERR}}<p class="field-error">Choose how the repeats end: after a number of times or on a date.</p>{{/ENDS_ERR}}
  </fieldset>
  </fieldset>
  <label for="location">Location</label>
  <input type="text" id="location" name="location" value="{{LOCATION_TEXT}}" maxlength="200"{{#LOCATION_ERR}} aria-invalid="true" aria-describedby="location-err"{{/LOCATION_ERR}}>
  {{#LOCATION_ERR}}<p class="field-error" id="location-err">The location is too long: at most 200 characters.</p>{{/LOCATION_ERR}}
  <label for="description">Description</label>
  <textarea id="description" name="description" rows="4"{{#DESCRIPTION_ERR}} aria-invalid="true" aria-describedby="description-err"{{/DESCRIPTION_ERR}}>{{DESCRIPTION_TEXT}}</textarea>
  {{#DESCRIPTION_ERR}}<p class="field-error" id="description-err">The description is too long: at most 4,000 characters.</p>{{/DESCRIPTION_ERR}}
  <fieldset><legend>Attendees: people of the firm</legend>
  {{#USER_BOX}}<p class="check"><input type="checkbox" id="user{{VALUE}}" name="user" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <label for="user{{VALUE}}">{{LABEL}}</label></p>
  {{/USER_BOX}}</fieldset>
  <fieldset><legend>Attendees: contacts</legend>
  {{#CONTACT_BOX}}<p class="check"><input type="checkbox" id="contact{{VALUE}}" name="contact" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <label for="contact{{VALUE}}">{{LABEL}}{{#PORTAL}} (client portal){{/PORTAL}}</label></p>
  {{/CONTACT_BOX}}<label for="contact_add">Add a contact</label>
  <select id="contact_add" name="contact"><option value="0">None</option>{{#CONTACT_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/CONTACT_OPTION}}</select>
  {{#ATTENDEES_ERR}}<p class="field-error">At most 50 attendees.</p>{{/ATTENDEES_ERR}}
  </fieldset>
{{#SHARE_BOX}}  <p class="check"><input type="checkbox" id="share" name="share" value="1"{{#SHARE_ON}} checked{{/SHARE_ON}}> <label for="share">Share via client portal</label></p>
  <p class="muted">Shared with the matter's client portal when a contact marked "client portal" attends: they see it in the portal's Calendar, get an email, and can add it to their own calendar.</p>
{{/SHARE_BOX}}  <p><button type="submit">{{#NEW}}Add event{{/NEW}}{{#EDIT}}Save all events{{/EDIT}}</button> <a class="cancel" href="{{BACK}}">Cancel</a>
{{#HAS_ID}}  <a href="/calendar/edit?op=delete&amp;id={{ID}}">Delete event</a>{{/HAS_ID}}</p>
</form>
{{>FOOTER}}
