Reset your {{FIRM_NAME}} client portal password
