Reset your {{FIRM_NAME}} portal password
