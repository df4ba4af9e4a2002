{{WHO}} invites you to {{FIRM_NAME}} on Vellum
