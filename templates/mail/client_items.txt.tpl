Hello,

{{FIRM_NAME}} has shared with you in its secure client portal:

{{#ITEM}}- {{WHAT}} in {{MATTER}}: {{LINK}}
{{/ITEM}}
Sign in to read it. For your confidentiality this email does not carry
the content itself.

-- 
{{FIRM_NAME}}
