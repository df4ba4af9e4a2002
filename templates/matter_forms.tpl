{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
{{#NOTICE}}<p class="notice" role="status">{{! The text of each notice code; only the one shown expands.
}}{{#SHARED}}Form shared with the client through the portal. The client has been told.{{/SHARED}}{{!
}}{{#UNSHARED}}Sharing stopped: the client can no longer open the form.{{/UNSHARED}}{{!
}}{{#RESHARED}}Form shared with the client again.{{/RESHARED}}</p>{{/NOTICE}}
<h2>Forms</h2>
{{#ERROR}}<p class="error" role="alert" id="form-error">{{!
}}{{#NO_PORTAL}}This matter's client portal is not open yet. Open it from the Communications tab, then share the form.{{/NO_PORTAL}}{{!
}}{{#FORMS_OFF}}The client portal of this matter does not show forms: turn on the Forms permission in the Communications tab first.{{/FORMS_OFF}}{{!
}}</p>{{/ERROR}}
{{#PICK}}<form class="inline" method="post" action="/matters/{{MATTER_ID}}/forms">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="op" value="share">
  <label for="form">Form</label>
  <select id="form" name="form"{{#BAD_FORM}} aria-invalid="true" aria-describedby="form-error"{{/BAD_FORM}}>{{#FORM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/FORM_OPTION}}</select>
  <button type="submit">Share via client portal</button>
</form>{{/PICK}}
{{#NO_FORMS}}<p class="empty">The firm has no form with fields yet. <a href="/forms/new">Make one</a>.</p>{{/NO_FORMS}}
<div class="table-scroll" role="region" aria-label="Forms of this matter" tabindex="0">
<table class="list">
<thead><tr><th>Form</th><th>Given</th><th>State</th><th>Client portal</th><th><span class="sr-only">Actions</span></th></tr></thead>
<tbody>
{{#REQUEST}}<tr><td>{{NAME}}</td><td>{{GIVEN}}</td>
<td>{{#WAITING}}Not filled in yet{{/WAITING}}{{#DRAFT}}Draft saved {{WHEN}}{{/DRAFT}}{{#SUBMITTED}}Submitted {{WHEN}} by {{WHO}}{{/SUBMITTED}}</td>
<td>{{#SHARED}}Shared{{/SHARED}}{{#NOT_SHARED}}Not shared{{/NOT_SHARED}}</td>
<td>{{#SUBMITTED}}<a href="/matters/{{MATTER_ID}}/forms/submissions/{{RID}}" aria-label="Read the answers to {{NAME}}">Read the answers</a> {{/SUBMITTED}}{{!
}}{{#SHARED}}<a href="/matters/{{MATTER_ID}}/forms?op=unshare&amp;request={{RID}}" aria-label="Stop sharing {{NAME}}">Stop sharing</a>{{/SHARED}}{{!
}}{{#NOT_SHARED}}<form class="inline" method="post" action="/matters/{{MATTER_ID}}/forms"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="op" value="reshare"><input type="hidden" name="request" value="{{RID}}"><button type="submit" aria-label="Share {{NAME}} again">Share again</button></form>{{/NOT_SHARED}}</td></tr>
{{/REQUEST}}
</tbody>
</table>
</div>
{{#NO_REQUESTS}}<p class="empty">No form has been given to this matter yet.</p>{{/NO_REQUESTS}}
{{#NO_MATCH}}<p class="empty">No more forms.</p>{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">{{#PREV}}<a rel="prev" href="{{HREF}}">Previous page</a> {{/PREV}}<span>Page {{PAGE}}</span>{{#NEXT}} <a rel="next" href="{{HREF}}">Next page</a>{{/NEXT}}</nav>
{{>FOOTER}}
