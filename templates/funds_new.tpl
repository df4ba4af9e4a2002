{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#OF_MATTER}}{{>MATTER_TABS}}
<h2>Request funds</h2>{{/OF_MATTER}}
{{#OF_CONTACT}}<p class="crumbs"><a href="/contacts/{{CONTACT_ID}}">{{CONTACT}}</a> ›</p>
<h1>Request funds from {{CONTACT}}</h1>
<p class="muted">A client-level request goes to the client by email only, not through a matter's portal.</p>{{/OF_CONTACT}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 1500.00, more than zero.{{/AMOUNT_INVALID}}{{!
}}{{#DUE_INVALID}}Enter the due date as a date, such as 2026-12-31, or leave it empty.{{/DUE_INVALID}}{{!
}}{{#MEMO_LONG}}The memo is too long: at most 2,000 characters.{{/MEMO_LONG}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="amount">Amount ({{CURRENCY}})</label>
  <input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required{{#BAD_AMOUNT}} aria-invalid="true" aria-describedby="form-error"{{/BAD_AMOUNT}}>
  <label for="due">Due date (optional)</label>
  <input type="date" id="due" name="due" value="{{DUE}}"{{#BAD_DUE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DUE}}>
  <label for="memo">Memo (what the client reads)</label>
  <textarea id="memo" name="memo" rows="3" maxlength="2000"{{#BAD_MEMO}} aria-invalid="true" aria-describedby="form-error"{{/BAD_MEMO}}>{{MEMO_TEXT}}</textarea>
  <p class="muted">Payments of a funds request are held in trust, apart from payments of bills.</p>
  <p><button type="submit">Create funds request</button> {{#OF_MATTER}}<a class="cancel" href="/matters/{{MATTER_ID}}/bills">Cancel</a>{{/OF_MATTER}}{{#OF_CONTACT}}<a class="cancel" href="/contacts/{{CONTACT_ID}}">Cancel</a>{{/OF_CONTACT}}</p>
</form>
{{>FOOTER}}
