{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#THANKS}}<h1>Thank you</h1>
<p role="status">Your payment is being processed. A receipt is emailed to you once the payment provider confirms it. Nothing more is owed on this link.</p>{{/THANKS}}
{{#INVALID}}<h1>This pay link cannot be used</h1>
<p>It may have expired, been withdrawn by the firm, or what it paid is settled. Sign in to your client portal to see your bills, or contact the firm for a new link.</p>{{/INVALID}}
{{>FOOTER}}
