Hello,

New for you in {{FIRM_NAME}}'s secure client portal:

{{#ITEM}}- {{WHAT}} in {{MATTER}} ({{WHEN}}): {{LINK}}
{{#PREVIEW}}  "{{PREVIEW}}"
{{/PREVIEW}}{{/ITEM}}
Sign in to read it. For your confidentiality this email does not carry
the content itself.

-- 
{{FIRM_NAME}}
