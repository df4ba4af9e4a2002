-- Accounts: emails are stored and compared in one normalised form (trimmed,
-- ASCII only, lower-case; see docs/security.md) in binary-collated columns,
-- so a look-alike never matches; a contact's login email is kept in a
-- column of its own with one contact per firm and address; invitations
-- remember the outbox row that carries them, and their hour starts when
-- the mailer sends it.

UPDATE users SET email = LOWER(TRIM(email));
ALTER TABLE users
	MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	ADD CONSTRAINT users_email_norm CHECK (email = LOWER(TRIM(email)));

UPDATE contact_emails SET email = LOWER(TRIM(email));
ALTER TABLE contact_emails
	MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	ADD CONSTRAINT contact_emails_norm CHECK (email = LOWER(TRIM(email)));

UPDATE contacts SET portal_email = LOWER(TRIM(portal_email)) WHERE portal_email IS NOT NULL;
ALTER TABLE contacts
	MODIFY portal_email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
	ADD CONSTRAINT contacts_portal_email_norm CHECK (portal_email = LOWER(TRIM(portal_email))),
	ADD COLUMN login_email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

-- The login email: the one the firm chose, else the primary, else the first
-- listed.  Triggers keep it current whatever writes the rows: a change to a
-- contact recomputes it, and a change to its addresses touches the contact
-- (the NULL those write is replaced by the contact's own trigger).
UPDATE contacts c SET c.login_email = COALESCE(c.portal_email, (SELECT e.email FROM contact_emails e
	WHERE e.contact_id = c.id AND e.firm_id = c.firm_id ORDER BY e.is_primary DESC, e.position, e.id LIMIT 1));
ALTER TABLE contacts ADD UNIQUE KEY contacts_login (firm_id, login_email);

CREATE TRIGGER contacts_login_insert BEFORE INSERT ON contacts FOR EACH ROW
	SET NEW.login_email = NEW.portal_email;
CREATE TRIGGER contacts_login_update BEFORE UPDATE ON contacts FOR EACH ROW
	SET NEW.login_email = COALESCE(NEW.portal_email, (SELECT e.email FROM contact_emails e
	WHERE e.contact_id = NEW.id AND e.firm_id = NEW.firm_id ORDER BY e.is_primary DESC, e.position, e.id LIMIT 1));
CREATE TRIGGER contact_emails_login_insert AFTER INSERT ON contact_emails FOR EACH ROW
	UPDATE contacts SET login_email = NULL WHERE id = NEW.contact_id;
CREATE TRIGGER contact_emails_login_update AFTER UPDATE ON contact_emails FOR EACH ROW
	UPDATE contacts SET login_email = NULL WHERE id IN (OLD.contact_id, NEW.contact_id);
CREATE TRIGGER contact_emails_login_delete AFTER DELETE ON contact_emails FOR EACH ROW
	UPDATE contacts SET login_email = NULL WHERE id = OLD.contact_id;

-- An invitation (or a client's reset link) is valid from the moment the
-- mailer sends its outbox row until an hour later: expires_at stays NULL
-- while the mail waits.
ALTER TABLE invitations
	MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	MODIFY expires_at DATETIME(6) NULL,
	ADD COLUMN notification_id BIGINT UNSIGNED NULL,
	ADD KEY invitations_notification (notification_id);
