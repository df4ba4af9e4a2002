-- Vellum base schema: firms, users, contacts, matters, sessions, password
-- resets, the notifications outbox and the audit log.
-- Every firm-owned row carries firm_id; every query binds it.

CREATE TABLE firms (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(200) NOT NULL,
	slug		VARCHAR(64) NOT NULL,
	logo_url	VARCHAR(500) NULL,
	time_zone	VARCHAR(64) NOT NULL DEFAULT 'UTC',
	currency	CHAR(3) NOT NULL DEFAULT 'USD',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY firms_slug (slug)
) ENGINE=InnoDB;

CREATE TABLE users (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	role		ENUM('admin','member') NOT NULL DEFAULT 'member',
	pw_hash		VARCHAR(128) NOT NULL,
	failed_logins	INT UNSIGNED NOT NULL DEFAULT 0,
	locked_until	DATETIME(6) NULL,
	last_login_at	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY users_email (email),
	KEY users_firm (firm_id),
	CONSTRAINT users_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

CREATE TABLE contacts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('person','company') NOT NULL DEFAULT 'person',
	name		VARCHAR(200) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY contacts_firm (firm_id, name),
	CONSTRAINT contacts_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

-- A contact's addresses keep their listed order (position); at most one is
-- primary, which the application enforces when it sets one.
CREATE TABLE contact_emails (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) NOT NULL,
	is_primary	TINYINT(1) NOT NULL DEFAULT 0,
	position	INT UNSIGNED NOT NULL DEFAULT 0,
	KEY contact_emails_contact (contact_id, position),
	CONSTRAINT contact_emails_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE matters (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	number		VARCHAR(32) NOT NULL,
	description	VARCHAR(500) NOT NULL,
	client_id	BIGINT UNSIGNED NOT NULL,
	status		ENUM('open','closed') NOT NULL DEFAULT 'open',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY matters_number (firm_id, number),
	CONSTRAINT matters_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id),
	CONSTRAINT matters_client_fk FOREIGN KEY (client_id) REFERENCES contacts (id)
) ENGINE=InnoDB;

-- Sessions: the cookie holds 32 random bytes; only their SHA-256 is stored.
CREATE TABLE sessions (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	last_seen	DATETIME(6) NOT NULL,
	ip		VARCHAR(64) NOT NULL DEFAULT '',
	user_agent	VARCHAR(255) NOT NULL DEFAULT '',
	KEY sessions_user (user_id),
	KEY sessions_seen (last_seen),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE password_resets (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	KEY password_resets_user (user_id, created_at),
	CONSTRAINT password_resets_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The transactional outbox the mailer drains (see docs/architecture.md).
CREATE TABLE notifications (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(40) NOT NULL,
	recipient	VARCHAR(254) NOT NULL,
	payload		TEXT NULL,
	message_id	VARCHAR(190) NOT NULL,
	status		ENUM('queued','sending','sent','retry','dead') NOT NULL DEFAULT 'queued',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at	DATETIME(6) NOT NULL,
	lease_until	DATETIME(6) NULL,
	lease_owner	VARCHAR(64) NULL,
	last_error	VARCHAR(500) NULL,
	created_at	DATETIME(6) NOT NULL,
	sent_at		DATETIME(6) NULL,
	UNIQUE KEY notifications_message_id (message_id),
	KEY notifications_due (status, next_attempt_at),
	CONSTRAINT notifications_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NULL,
	action		VARCHAR(64) NOT NULL,
	item		VARCHAR(64) NOT NULL DEFAULT '',
	item_id		BIGINT UNSIGNED NULL,
	ip		VARCHAR(64) NOT NULL DEFAULT '',
	created_at	DATETIME(6) NOT NULL,
	KEY audit_firm (firm_id, created_at)
) ENGINE=InnoDB;
