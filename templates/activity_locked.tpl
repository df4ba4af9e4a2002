{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<section class="card narrow">
<h2>This activity is on a bill</h2>
<p class="error" role="alert">A time entry or expense that a bill holds can no longer be changed or deleted, so that the bill and its activities always agree. Nothing was changed.</p>
<p><a href="/matters/{{MATTER_ID}}/activities">Back to the activities</a></p>
</section>
{{>FOOTER}}
