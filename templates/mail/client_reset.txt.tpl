Hello,

To choose a new password for {{FIRM_NAME}}'s client portal, open this link
(it works once, for one hour):

{{LINK}}

If you did not ask for this, ignore this email.

-- 
{{FIRM_NAME}}
