Hello,

Someone asked to reset the password of your {{FIRM_NAME}} portal account.
To choose a new password, open this link within {{MINUTES}} minutes:

{{LINK}}

The link works once. If you did not ask for this, ignore this email:
your password stays as it is.

-- 
{{FIRM_NAME}}, through the Vellum client portal
