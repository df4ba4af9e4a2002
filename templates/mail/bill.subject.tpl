{{FIRM_NAME}}: bill {{NUMBER}} for {{AMOUNT}}
