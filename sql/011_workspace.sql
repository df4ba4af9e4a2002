-- The firm's workspace: the first run (a one-time setup code, only its
-- hash kept), the firm's settings (its own notification window and mail
-- preview, an uploaded logo), deactivated firm users, and invitations of
-- colleagues (their hour starts when the mailer sends them, as clients').

-- At most one setup code at a time (id is always 1); a new one replaces it.
CREATE TABLE setup_codes (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	code_hash	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	CONSTRAINT setup_codes_one CHECK (id = 1)
) ENGINE=InnoDB;

-- NULL: the configuration's notify_window.
ALTER TABLE firms
	ADD COLUMN notify_window INT UNSIGNED NULL,
	ADD COLUMN mail_preview TINYINT(1) NOT NULL DEFAULT 0,
	ADD CONSTRAINT firms_notify_window CHECK (notify_window IS NULL OR notify_window BETWEEN 1 AND 3600);

-- An uploaded logo, checked (PNG or JPEG, at most 1 MB) and kept as base64
-- text: served by its own program from /logos/<firm>.
CREATE TABLE firm_logos (
	firm_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	mime		VARCHAR(32) NOT NULL,
	data		MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	CONSTRAINT firm_logos_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

-- A deactivated user cannot sign in, reset a password or keep a session.
ALTER TABLE users ADD COLUMN deactivated_at DATETIME(6) NULL;

CREATE TABLE staff_invitations (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	role		ENUM('admin','member') NOT NULL DEFAULT 'member',
	invited_by	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NULL,
	used_at		DATETIME(6) NULL,
	notification_id	BIGINT UNSIGNED NULL,
	KEY staff_invitations_firm (firm_id, email),
	KEY staff_invitations_notification (notification_id),
	CONSTRAINT staff_invitations_norm CHECK (email = LOWER(TRIM(email))),
	CONSTRAINT staff_invitations_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;
