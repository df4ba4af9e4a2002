{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<h1>No payment due</h1>
<p>{{NUMBER}} takes no payment now: it is {{STATE}}. A draft is finalised first; a paid or void one owes nothing.</p>
<p><a href="/bills/{{BILL_ID}}">Back to {{NUMBER}}</a></p>
{{>FOOTER}}
