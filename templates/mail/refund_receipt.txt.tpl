Hello {{NAME}},

{{FIRM_NAME}} has refunded {{AMOUNT}} of your payment by {{METHOD}}.

Refunded from: {{ITEMS}}
Recorded: {{WHEN}}

A card refund usually reaches your statement within 5 to 10 business days;
a bank transfer refund within a few business days.  Your bills and their
balances are in your secure portal:

{{LINK}}

Keep this email as your receipt.

-- 
{{FIRM_NAME}}
