{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>Audit log</h1>
<p class="muted">Who did what, and when: sign-ins, sharing, deletions, participants and more, newest first. Times are in the firm's time zone.</p>
{{#INVALID}}<p class="error" role="alert">{{!
}}{{#BAD_USER}}Choose a user of the firm.{{/BAD_USER}}{{!
}}{{#BAD_MATTER}}No matter has this number.{{/BAD_MATTER}}{{!
}}{{#BAD_FROM}}"From" must be a date like 2026-01-31.{{/BAD_FROM}}{{!
}}{{#BAD_TO}}"To" must be a date like 2026-01-31, on or after "From".{{/BAD_TO}}{{!
}}</p>{{/INVALID}}
<form class="inline filter" method="get" action="/audit">
  <label for="f-user">User</label>
  <select id="f-user" name="user"{{#BAD_USER}} aria-invalid="true"{{/BAD_USER}}><option value="">Anyone</option>{{#USER}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/USER}}</select>
  <label for="f-matter">Matter number</label>
  <input id="f-matter" name="matter" value="{{MATTER}}" maxlength="32" size="12"{{#BAD_MATTER}} aria-invalid="true"{{/BAD_MATTER}}>
  <label for="f-from">From</label>
  <input id="f-from" type="date" name="from" value="{{FROM}}"{{#BAD_FROM}} aria-invalid="true"{{/BAD_FROM}}>
  <label for="f-to">To</label>
  <input id="f-to" type="date" name="to" value="{{TO}}"{{#BAD_TO}} aria-invalid="true"{{/BAD_TO}}>
  <button type="submit">Filter</button>
  <a href="/audit">Clear</a>
  <a href="/audit.csv?{{QUERY}}" download>Download CSV</a>
</form>
<div class="table-scroll" role="region" aria-label="Audit log entries" tabindex="0">
<table class="list">
<thead><tr><th>When</th><th>Who</th><th>Action</th><th>Item</th><th>Matter</th><th>Address</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td>{{WHEN}}</td><td>{{#BY_USER}}{{NAME}}{{/BY_USER}}{{#BY_CLIENT}}{{NAME}} (client){{/BY_CLIENT}}{{#BY_NOBODY}}—{{/BY_NOBODY}}</td><td><code>{{ACTION}}</code></td><td>{{ITEM}}{{#ITEM_ID}} #{{ID}}{{/ITEM_ID}}</td><td>{{#IN_MATTER}}<a href="/matters/{{MID}}">{{NUMBER}}</a>{{/IN_MATTER}}</td><td>{{IP}}</td></tr>
{{/ENTRY}}
</tbody>
</table>
</div>
{{#NO_ENTRIES}}<p class="empty">No entries match this filter.</p>{{/NO_ENTRIES}}
<nav class="pager" aria-label="Pages">{{#NEWEST}}<a href="/audit?{{QUERY}}">Newest</a> {{/NEWEST}}{{#OLDER}}<a rel="next" href="/audit?{{QUERY}}{{AMP}}before={{BEFORE}}">Older entries</a>{{/OLDER}}</nav>
{{>FOOTER}}
