{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<h2>{{#NEW}}New {{/NEW}}{{#EDIT}}Edit {{/EDIT}}{{#TIME}}time entry{{/TIME}}{{#EXPENSE}}expense{{/EXPENSE}}</h2>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#DATE_INVALID}}Enter the date, such as 2026-03-31.{{/DATE_INVALID}}{{!
}}{{#USER_MISSING}}Choose who did the work.{{/USER_MISSING}}{{!
}}{{#DURATION_INVALID}}Enter the time as minutes (90) or hours and minutes (1:30), at least one minute and at most 99999 minutes.{{/DURATION_INVALID}}{{!
}}{{#RATE_INVALID}}Enter the hourly rate as an amount in {{CURRENCY}}, such as 250.00 (0 for no charge).{{/RATE_INVALID}}{{!
}}{{#AMOUNT_INVALID}}Enter the amount in {{CURRENCY}}, such as 42.50, more than zero.{{/AMOUNT_INVALID}}{{!
}}{{#DESCRIPTION_MISSING}}Describe the work or the expense.{{/DESCRIPTION_MISSING}}{{!
}}{{#DESCRIPTION_LONG}}The description is too long: at most 1,000 characters.{{/DESCRIPTION_LONG}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="/matters/{{MATTER_ID}}/activities/edit">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="save">
  <input type="hidden" name="kind" value="{{KIND}}">
{{#HAS_ID}}  <input type="hidden" name="id" value="{{ID}}">
{{/HAS_ID}}  <label for="date">Date</label>
  <input type="date" id="date" name="date" value="{{DATE}}" required{{#BAD_DATE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DATE}}>
{{#TIME}}  <label for="user">Who</label>
  <select id="user" name="user"{{#BAD_USER}} aria-invalid="true" aria-describedby="form-error"{{/BAD_USER}}><option value="0">Choose a person</option>{{#USER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/USER_OPTION}}</select>
  <label for="duration">Time (minutes, or hours:minutes)</label>
  <input type="text" id="duration" name="duration" value="{{DURATION}}" maxlength="8" required{{#BAD_DURATION}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DURATION}}>
  <label for="rate">Rate an hour ({{CURRENCY}})</label>
  <input type="text" id="rate" name="rate" value="{{RATE}}" inputmode="decimal" maxlength="20" required{{#BAD_RATE}} aria-invalid="true" aria-describedby="form-error"{{/BAD_RATE}}>
  <p class="muted">The amount is the time times the rate, rounded to the nearest cent (half a cent up).</p>
{{/TIME}}{{#EXPENSE}}  <label for="amount">Amount ({{CURRENCY}})</label>
  <input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" required{{#BAD_AMOUNT}} aria-invalid="true" aria-describedby="form-error"{{/BAD_AMOUNT}}>
{{/EXPENSE}}  <label for="description">Description</label>
  <textarea id="description" name="description" rows="3" required{{#BAD_DESCRIPTION}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DESCRIPTION}}>{{DESCRIPTION_TEXT}}</textarea>
  <label for="category">Category</label>
  <select id="category" name="category"><option value="0">None</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select>
{{#EXPENSE}}  <label for="document">Receipt (a document of this matter)</label>
  <select id="document" name="document"><option value="0">None</option>{{#DOCUMENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/DOCUMENT_OPTION}}</select>
{{/EXPENSE}}  <p><button type="submit">{{#NEW}}Add{{/NEW}}{{#EDIT}}Save{{/EDIT}}</button> <a class="cancel" href="/matters/{{MATTER_ID}}/activities">Cancel</a></p>
</form>
{{>FOOTER}}
