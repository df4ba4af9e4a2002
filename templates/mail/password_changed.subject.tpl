Your {{FIRM_NAME}} portal password was {{WHAT}}
