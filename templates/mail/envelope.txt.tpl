{{#BODY}}{{BODY}}

{{/BODY}}{{#ITEMS}}- {{NUMBER}}: {{AMOUNT}}
  View: {{VIEW}}
{{#PAY}}  Pay: {{PAY}}
{{/PAY}}{{/ITEMS}}{{#PAYALL}}
Pay All (every item above, in one payment):
{{PAYALL}}
{{/PAYALL}}
View all bills in secure portal:
{{PORTAL}}

-- 
{{FIRM_NAME}}
