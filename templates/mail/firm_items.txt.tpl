New in the client portal:

{{#ITEM}}- {{WHO}} sent {{WHAT}} in {{MATTER}} ({{WHEN}}): {{LINK}}
{{#PREVIEW}}  "{{PREVIEW}}"
{{/PREVIEW}}{{/ITEM}}
To stop these emails for one portal, use "Mute" on its page.

-- 
Vellum, for {{FIRM_NAME}}
