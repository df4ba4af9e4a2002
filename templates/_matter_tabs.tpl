{{%AUTOESCAPE context="HTML"}}<p class="crumbs"><a href="/matters">Matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
<nav class="subtabs">
{{#TAB}}{{#CURRENT}}<a class="current" aria-current="page" href="{{HREF}}">{{LABEL}}</a>{{/CURRENT}}{{#OTHER}}<a href="{{HREF}}">{{LABEL}}</a>{{/OTHER}}
{{/TAB}}
</nav>
