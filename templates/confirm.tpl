{{%AUTOESCAPE context="HTML"}}{{>HEADER}}
{{>MATTER_TABS}}
<section class="card narrow confirm">
<h2>{{TITLE}}</h2>
<p class="question">{{QUESTION}}</p>
<form method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
{{#FIELD}}  <input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/FIELD}}  <button type="submit" class="danger">{{BUTTON}}</button>
  <a class="cancel" href="{{BACK}}">Cancel</a>
</form>
</section>
{{>FOOTER}}
