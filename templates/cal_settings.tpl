{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#REVOKED}}Your calendar feed was turned off. Calendars subscribed to it no longer get your events.{{/REVOKED}}</p>{{/NOTICE}}
<h1>My calendar feed</h1>
<p>A private address your desktop or phone calendar can subscribe to: it shows your events (those you attend or made) from 90 days back to a year ahead, and follows changes.</p>
{{#NEW_FEED}}<div class="card" role="status">
  <p><strong>Your feed's address is shown only this once.</strong> Copy it into your calendar program now ("Subscribe to calendar" or "Add calendar from URL"). Anyone who has it can read your events: keep it private.</p>
  <label for="feed_url">Feed address</label>
  <input type="text" id="feed_url" value="{{FEED_URL}}" readonly>
</div>{{/NEW_FEED}}
{{#HAS_FEED}}<p>You have a feed, made {{SINCE}}.</p>
<form method="post" action="/calendar/settings" class="inline">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="new">
  <button type="submit">Renew the address (the old one stops working)</button>
</form>
<form method="post" action="/calendar/settings" class="inline">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="revoke">
  <button type="submit" class="danger">Turn the feed off</button>
</form>{{/HAS_FEED}}
{{#NO_FEED}}<p>You have no feed.</p>
<form method="post" action="/calendar/settings">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="new">
  <button type="submit">Make my feed address</button>
</form>{{/NO_FEED}}
<p><a href="/calendar">Back to the calendar</a></p>
{{>FOOTER}}
