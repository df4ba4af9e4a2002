{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<section class="card narrow confirm">
{{! Under a matter's tabs (which hold the <h1>) the title is an <h2>; on a page of its own, the <h1>.
}}{{#IN_MATTER}}<h2>{{TITLE}}</h2>{{/IN_MATTER}}{{#OWN_PAGE}}<h1>{{TITLE}}</h1>{{/OWN_PAGE}}
<p class="question">{{QUESTION}}</p>
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#FIELD}}  <input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/FIELD}}  <button type="submit" class="danger">{{BUTTON}}</button>
  <a class="cancel" href="{{BACK}}">Cancel</a>
</form>
</section>
{{>FOOTER}}
