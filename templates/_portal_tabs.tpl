{{%AUTOESCAPE context="HTML"}}<nav class="subtabs small" aria-label="This matter">
{{#TAB}}<a {{#CURRENT}}class="current" aria-current="page" {{/CURRENT}}href="{{HREF}}">{{! The label of each tab; only the tab's own expands.
}}{{#MESSAGES}}Messages{{/MESSAGES}}{{!
}}{{#DOCUMENTS}}Shared resources{{/DOCUMENTS}}{{!
}}{{#BILLS}}Bills{{/BILLS}}{{!
}}{{#CALENDAR}}Calendar{{/CALENDAR}}{{!
}}{{#TASKS}}Tasks{{/TASKS}}{{!
}}{{#NOTES}}Notes{{/NOTES}}{{!
}}{{#FORMS}}Forms{{/FORMS}}{{!
}}</a>
{{/TAB}}
</nav>
