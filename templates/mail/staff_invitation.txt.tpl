Hello,

{{WHO}} invites you to join {{FIRM_NAME}} on Vellum, its client portal,
as {{ROLE}}.

Choose your name and password here (the link works once, for one hour
from when this email was sent):

{{LINK}}

If you did not expect this invitation, ignore this email.

-- 
{{FIRM_NAME}}
