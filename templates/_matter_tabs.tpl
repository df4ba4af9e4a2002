{{%AUTOESCAPE context="HTML"}}<p class="crumbs"><a href="/matters">Matters</a> ›</p>
<h1>{{NUMBER}} · {{DESCRIPTION}}</h1>
<nav class="subtabs" aria-label="Matter">
{{#TAB}}<a {{#CURRENT}}class="current" aria-current="page" {{/CURRENT}}href="{{HREF}}">{{! The label of each tab; only the tab's own expands.
}}{{#DETAILS}}Details{{/DETAILS}}{{!
}}{{#COMMUNICATIONS}}Communications{{/COMMUNICATIONS}}{{!
}}{{#DOCUMENTS}}Documents{{/DOCUMENTS}}{{!
}}{{#BILLS}}Bills{{/BILLS}}{{!
}}{{#CALENDAR}}Calendar{{/CALENDAR}}{{!
}}{{#TASKS}}Tasks{{/TASKS}}{{!
}}{{#NOTES}}Notes{{/NOTES}}{{!
}}{{#FORMS}}Forms{{/FORMS}}{{!
}}{{#ACTIVITIES}}Activities{{/ACTIVITIES}}{{!
}}</a>
{{/TAB}}
</nav>
