Hello {{NAME}},

{{FIRM_NAME}} has received your payment of {{AMOUNT}} by {{METHOD}}.

Applied to: {{ITEMS}}
Recorded: {{WHEN}}

Your bills and their balances are in your secure portal:

{{LINK}}

Keep this email as your receipt.

-- 
{{FIRM_NAME}}
