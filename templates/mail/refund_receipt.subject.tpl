Refund issued: {{AMOUNT}}
