{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
<p class="crumbs"><a href="/contacts">Contacts</a> ›</p>
<h1>{{#NEW}}New contact{{/NEW}}{{#EDIT}}Edit contact{{/EDIT}}</h1>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{! Why the form was refused; only the one shown expands.
}}{{#KIND_INVALID}}Choose whether the contact is a person or a company.{{/KIND_INVALID}}{{!
}}{{#NAME_MISSING}}Enter the contact's name.{{/NAME_MISSING}}{{!
}}{{#NAME_LONG}}The name is too long: at most 200 characters.{{/NAME_LONG}}{{!
}}{{#PHONES_LONG}}The phone numbers are too long: at most 1,000 characters in all.{{/PHONES_LONG}}{{!
}}{{#ADDRESS_LONG}}The postal address is too long: at most 1,000 characters.{{/ADDRESS_LONG}}{{!
}}{{#EMAIL_INVALID}}One of the lines under “Email addresses” is not an email address. Enter one address a line, such as name@example.com.{{/EMAIL_INVALID}}{{!
}}{{#EMAIL_TOO_MANY}}A contact can have at most 20 email addresses.{{/EMAIL_TOO_MANY}}{{!
}}{{#DOB_INVALID}}The date of birth is not a date: enter it as year-month-day, such as 1980-04-30, or leave it blank.{{/DOB_INVALID}}{{!
}}{{#DOB_FUTURE}}The date of birth is after today. Check the year.{{/DOB_FUTURE}}{{!
}}{{#LOGIN_TAKEN}}Another contact already signs in to the client portal with the first address. Put another address first.{{/LOGIN_TAKEN}}{{!
}}</p>{{/ERROR}}
<form class="card narrow" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset{{#BAD_KIND}} aria-invalid="true"{{/BAD_KIND}}>
    <legend>Type</legend>
    <label class="check"><input type="radio" name="kind" value="person"{{#IS_PERSON}} checked{{/IS_PERSON}}> Person</label>
    <label class="check"><input type="radio" name="kind" value="company"{{#IS_COMPANY}} checked{{/IS_COMPANY}}> Company</label>
  </fieldset>
  <label for="name">Name</label>
  <input type="text" id="name" name="name" value="{{NAME}}" maxlength="200" required{{#BAD_NAME}} aria-invalid="true" aria-describedby="form-error"{{/BAD_NAME}}>
{{#EMAILS_FIELD}}  <label for="emails">Email addresses, one a line (the first is primary)</label>
  <textarea id="emails" name="emails" rows="3"{{#BAD_EMAILS}} aria-invalid="true" aria-describedby="form-error"{{/BAD_EMAILS}}>{{EMAILS}}</textarea>
{{/EMAILS_FIELD}}  <label for="phones">Phone numbers, one a line</label>
  <textarea id="phones" name="phones" rows="3"{{#BAD_PHONES}} aria-invalid="true" aria-describedby="form-error"{{/BAD_PHONES}}>{{PHONES}}</textarea>
  <label for="dob">Date of birth (optional)</label>
  <input type="date" id="dob" name="dob" value="{{DOB}}" min="1900-01-01"{{#BAD_DOB}} aria-invalid="true" aria-describedby="form-error"{{/BAD_DOB}}>
  <label for="address">Postal address</label>
  <textarea id="address" name="address" rows="4"{{#BAD_ADDRESS}} aria-invalid="true" aria-describedby="form-error"{{/BAD_ADDRESS}}>{{ADDRESS}}</textarea>
  <p><button type="submit">{{#NEW}}Create contact{{/NEW}}{{#EDIT}}Save{{/EDIT}}</button> <a class="cancel" href="{{BACK}}">Cancel</a></p>
</form>
{{>FOOTER}}
