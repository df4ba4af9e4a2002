{{FIRM_NAME}} invites you to its secure client portal
