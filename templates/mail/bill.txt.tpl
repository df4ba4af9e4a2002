Hello,

{{FIRM_NAME}} has sent you bill {{NUMBER}} for {{AMOUNT}}.{{#DUE}} It is due on {{DUE}}.{{/DUE}}
{{#MESSAGE}}
{{MESSAGE}}
{{/MESSAGE}}
View all bills in secure portal:
{{PORTAL}}
{{#PAY}}
Pay this bill online (this link pays this bill only and works for 90 days,
without signing in):
{{PAY}}
{{/PAY}}
-- 
{{FIRM_NAME}}
