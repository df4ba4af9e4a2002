-- Two-factor sign-in (TOTP, RFC 6238) for firm users and clients, the
-- pending step between a right password and the code, the firm's "require
-- it for every firm user" switch, and an id for each session so that a
-- person can list and end their own (the token's hash never leaves the
-- database).  Accounts are named as in login_throttle: kind 'user' is a
-- users.id, kind 'client' a contacts.id.

ALTER TABLE firms ADD COLUMN require_2fa TINYINT(1) NOT NULL DEFAULT 0;

ALTER TABLE sessions
	ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	ADD UNIQUE KEY sessions_id (id),
	ADD KEY sessions_firm_user (firm_id, user_id);

-- One row an account once it starts enrolling.  Secrets are sealed with a
-- key derived from the server secret (lib/twofactor.c) and kept as hex:
-- a copy of the database alone does not give the codes.  secret is NULL
-- until a first code confirms the enrolment; pending holds the secret
-- being enrolled (for 15 minutes).  last_step is the highest time step
-- accepted: a code of that step or an earlier one is refused.
CREATE TABLE totp (
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('user','client') NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	secret		VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NULL,
	enrolled_at	DATETIME(6) NULL,
	last_step	BIGINT NOT NULL DEFAULT 0,
	pending		VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NULL,
	pending_at	DATETIME(6) NULL,
	PRIMARY KEY (firm_id, kind, account_id),
	CONSTRAINT totp_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

-- Ten single-use recovery codes an account, stored as keyed BLAKE2b hashes.
CREATE TABLE totp_recovery (
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('user','client') NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	code_hash	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	PRIMARY KEY (firm_id, kind, account_id, code_hash)
) ENGINE=InnoDB;

-- After a right password, before the code: a random token (only its hash
-- here) in a short-lived cookie, bound to the account, used once.
-- purpose 'code' asks for a code, 'enrol' (the firm requires two-factor
-- sign-in and the user has none yet) for an enrolment first.
CREATE TABLE signin_pending (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('user','client') NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	purpose		ENUM('code','enrol') NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	KEY signin_pending_expires (expires_at)
) ENGINE=InnoDB;
