{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/billing?tab=unpaid">Billing</a> ›</p>
<h1>Bills sent</h1>
{{#NONE_CHOSEN}}<p class="error" role="alert">Choose at least one bill on the Unpaid list, then send.</p>{{/NONE_CHOSEN}}
{{#NO_WAY}}<p class="error" role="alert">Choose how to send: to the client portal, by email, or both.</p>{{/NO_WAY}}
{{#RESULTS}}<div class="table-scroll" role="region" aria-label="How each bill was sent" tabindex="0">
<table class="list">
<thead><tr><th>Bill</th><th>Client</th><th>How it was sent</th></tr></thead>
<tbody>
{{#RESULT}}<tr><td>{{#NUMBER}}<a href="/bills/{{ID}}">{{NUMBER}}</a>{{/NUMBER}}</td><td>{{CONTACT}}</td><td>{{!
}}{{#HOW_PORTAL}}Client portal{{/HOW_PORTAL}}{{!
}}{{#HOW_EMAIL}}Email{{/HOW_EMAIL}}{{!
}}{{#HOW_BOTH}}Client portal and email{{/HOW_BOTH}}{{!
}}{{#HOW_EMAIL_ONLY}}Email only: it cannot go through a portal (several matters, client level, or no open portal){{/HOW_EMAIL_ONLY}}{{!
}}{{#HOW_NO_PORTAL}}Not sent: it cannot go through a portal{{/HOW_NO_PORTAL}}{{!
}}{{#HOW_NO_EMAIL}}Not sent: no email address on file for the client{{/HOW_NO_EMAIL}}{{!
}}{{#HOW_VOID}}Not sent: it is void{{/HOW_VOID}}{{!
}}{{#HOW_NONE}}Not sent{{/HOW_NONE}}{{!
}}{{#HOW_MISSING}}Not sent: no such bill{{/HOW_MISSING}}</td></tr>
{{/RESULT}}</tbody>
</table>
</div>{{/RESULTS}}
<p><a href="/billing?tab=unpaid">Back to the Unpaid bills</a></p>
{{>FOOTER}}
