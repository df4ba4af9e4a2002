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
<p class="empty">No notes for this matter yet.</p>{{/NOTES}}{{!
}}{{#ACTIVITIES}}<h2>Activities</h2>
<p class="empty">No time entries or expenses for this matter yet.</p>{{/ACTIVITIES}}
{{/EMPTY_TAB}}
{{>FOOTER}}
