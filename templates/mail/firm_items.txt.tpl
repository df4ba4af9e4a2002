New in the client portal:

{{#ITEM}}- {{WHO}} sent {{WHAT}} in {{MATTER}}: {{LINK}}
{{/ITEM}}
-- 
Vellum, for {{FIRM_NAME}}
