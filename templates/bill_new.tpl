{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{#OF_MATTER}}{{>MATTER_TABS}}
<h2>New bill</h2>{{/OF_MATTER}}
{{#OF_CONTACT}}<p class="crumbs"><a href="/contacts/{{CONTACT_ID}}">{{CONTACT}}</a> ›</p>
<h1>New bill for several matters of {{CONTACT}}</h1>
<p class="muted">A bill of several matters goes to the client by email only, not through a matter's portal.</p>{{/OF_CONTACT}}
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#ACTIVITIES_MISSING}}Choose at least one activity to bill.{{/ACTIVITIES_MISSING}}{{!
}}{{#ACTIVITIES_MANY}}Choose at most 1,000 activities for one bill.{{/ACTIVITIES_MANY}}{{!
}}{{#TOTAL_LARGE}}These activities add up to more than one bill can hold.{{/TOTAL_LARGE}}{{!
}}{{#TAKEN}}One of these activities was billed or changed meanwhile. The list below is as it stands now: check it and make the bill again.{{/TAKEN}}{{!
}}{{#DUE_INVALID}}Enter the due date as a date, such as 2026-12-31, or leave it empty.{{/DUE_INVALID}}{{!
}}{{#MEMO_LONG}}The note is too long: at most 2,000 characters.{{/MEMO_LONG}}{{!
}}</p>{{/ERROR}}
{{#NO_ACTIVITIES}}<p class="empty">There are no unbilled activities to bill.</p>{{/NO_ACTIVITIES}}
{{#HAS_ACTIVITIES}}<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div role="group" aria-labelledby="acts-legend"{{#BAD_ACTIVITIES}} aria-describedby="form-error"{{/BAD_ACTIVITIES}}>
  <h3 id="acts-legend">Unbilled activities to put on the bill</h3>
  <div class="table-scroll" role="region" aria-label="Unbilled activities" tabindex="0">
  <table class="list">
  <thead><tr><th><span class="sr-only">Bill it</span></th><th>Date</th><th>Matter</th><th>Type</th><th>Description</th><th>Hours</th><th>Amount</th></tr></thead>
  <tbody>
{{#ACTIVITY}}  <tr><td><input type="checkbox" name="id" value="{{ID}}" id="act-{{ID}}"{{#CHOSEN}} checked{{/CHOSEN}}></td><td><label for="act-{{ID}}">{{DATE}}</label></td><td>{{MATTER_NUMBER}}</td><td>{{#TIME}}Time{{/TIME}}{{#EXPENSE}}Expense{{/EXPENSE}}</td><td>{{DESCRIPTION}}</td><td>{{QUANTITY}}</td><td>{{AMOUNT}}</td></tr>
{{/ACTIVITY}}  </tbody>
  </table>
  </div>
  </div>
  <div class="card narrow">
  <label for="due">Due date (optional)</label>
  <input type="date" id="due" name="due" value="{{DUE}}"{{#BAD_DUE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DUE}}>
  <label for="memo">Note on the bill (optional)</label>
  <textarea id="memo" name="memo" rows="3" maxlength="2000"{{#BAD_MEMO}} aria-invalid="true" aria-describedby="form-error"{{/BAD_MEMO}}>{{MEMO_TEXT}}</textarea>
  <p class="muted">The chosen activities are locked while the bill holds them: they can be changed again only if the bill is voided. The bill starts as a draft.</p>
  <p><button type="submit">Create bill</button> {{#OF_MATTER}}<a class="cancel" href="/matters/{{MATTER_ID}}/bills">Cancel</a>{{/OF_MATTER}}{{#OF_CONTACT}}<a class="cancel" href="/contacts/{{CONTACT_ID}}">Cancel</a>{{/OF_CONTACT}}</p>
  </div>
</form>{{/HAS_ACTIVITIES}}
{{>FOOTER}}
