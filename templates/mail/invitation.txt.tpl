Hello {{NAME}},

{{FIRM_NAME}} has shared something with you about {{MATTER}} through its
secure client portal.

Open this link to choose a password and see it (the link works once,
for one hour):

{{LINK}}

If the link has expired, the firm's next message will bring a new one.

-- 
{{FIRM_NAME}}
