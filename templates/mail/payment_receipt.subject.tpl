Payment received: {{AMOUNT}}, thank you
