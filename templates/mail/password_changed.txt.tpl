Hello,

The password of your {{FIRM_NAME}} portal account ({{EMAIL}}) was just
{{WHAT}}.

If that was you, there is nothing to do.  If it was not, choose a new
password at once with "Forgot password?" here:

{{LINK}}

and tell {{FIRM_NAME}}.

-- 
{{FIRM_NAME}}, through the Vellum client portal
