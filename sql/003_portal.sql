-- The client portal (SPEC F-B): one portal per matter, its participants,
-- client accounts and invitations, messages, shared documents and folders,
-- read receipts and portal events.  Client sessions share the sessions
-- table with firm sessions (kind tells them apart).

-- The login email the firm chose for a contact (NULL: primary, else first).
ALTER TABLE contacts ADD COLUMN portal_email VARCHAR(254) NULL;

CREATE TABLE portals (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	opened_at	DATETIME(6) NOT NULL,
	opened_by	BIGINT UNSIGNED NOT NULL,
	perm_messages	TINYINT(1) NOT NULL DEFAULT 1,
	perm_documents	TINYINT(1) NOT NULL DEFAULT 1,
	perm_bills	TINYINT(1) NOT NULL DEFAULT 1,
	perm_calendar	TINYINT(1) NOT NULL DEFAULT 1,
	perm_tasks	TINYINT(1) NOT NULL DEFAULT 1,
	perm_notes	TINYINT(1) NOT NULL DEFAULT 1,
	perm_forms	TINYINT(1) NOT NULL DEFAULT 1,
	UNIQUE KEY portals_matter (matter_id),
	KEY portals_firm (firm_id),
	CONSTRAINT portals_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id)
) ENGINE=InnoDB;

CREATE TABLE participants (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	added_at	DATETIME(6) NOT NULL,
	removed_at	DATETIME(6) NULL,
	UNIQUE KEY participants_one (portal_id, contact_id),
	KEY participants_contact (firm_id, contact_id),
	CONSTRAINT participants_portal_fk FOREIGN KEY (portal_id) REFERENCES portals (id),
	CONSTRAINT participants_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id)
) ENGINE=InnoDB;

-- A client's account at a firm: one per contact; the password is set when
-- the invitation is accepted.
CREATE TABLE client_accounts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	pw_hash		VARCHAR(128) NULL,
	failed_logins	INT UNSIGNED NOT NULL DEFAULT 0,
	locked_until	DATETIME(6) NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY client_accounts_contact (contact_id),
	KEY client_accounts_firm (firm_id),
	CONSTRAINT client_accounts_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id)
) ENGINE=InnoDB;

CREATE TABLE invitations (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	KEY invitations_contact (firm_id, contact_id, expires_at)
) ENGINE=InnoDB;

CREATE TABLE messages (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	author_user	BIGINT UNSIGNED NULL,
	author_contact	BIGINT UNSIGNED NULL,
	body		TEXT NOT NULL,
	document_id	BIGINT UNSIGNED NULL,
	folder_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	deleted_at	DATETIME(6) NULL,
	KEY messages_portal (firm_id, portal_id, created_at),
	CONSTRAINT messages_portal_fk FOREIGN KEY (portal_id) REFERENCES portals (id)
) ENGINE=InnoDB;

-- A document or a folder shared into a portal.  A folder's documents,
-- including ones added later, are shared through it.
CREATE TABLE shares (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	document_id	BIGINT UNSIGNED NULL,
	folder_id	BIGINT UNSIGNED NULL,
	shared_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	revoked_at	DATETIME(6) NULL,
	KEY shares_portal (firm_id, portal_id, revoked_at),
	KEY shares_document (document_id),
	KEY shares_folder (folder_id),
	CONSTRAINT shares_portal_fk FOREIGN KEY (portal_id) REFERENCES portals (id)
) ENGINE=InnoDB;

-- First open of a message or document by a participant.
CREATE TABLE item_reads (
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	item_kind	ENUM('message','document') NOT NULL,
	item_id		BIGINT UNSIGNED NOT NULL,
	first_at	DATETIME(6) NOT NULL,
	PRIMARY KEY (contact_id, item_kind, item_id),
	KEY item_reads_portal (firm_id, portal_id)
) ENGINE=InnoDB;

CREATE TABLE portal_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(40) NOT NULL,
	contact_id	BIGINT UNSIGNED NULL,
	detail		VARCHAR(300) NOT NULL DEFAULT '',
	created_at	DATETIME(6) NOT NULL,
	KEY portal_events_portal (firm_id, portal_id, created_at)
) ENGINE=InnoDB;

ALTER TABLE sessions
	MODIFY user_id BIGINT UNSIGNED NULL,
	ADD COLUMN contact_id BIGINT UNSIGNED NULL,
	ADD KEY sessions_contact (contact_id);

-- Coalescing (F-B8): rows of a coalescing kind wait until their window
-- closes; the mailer sends one email for every row of the same recipient.
ALTER TABLE notifications ADD COLUMN coalesce_key VARCHAR(300) NULL,
	ADD KEY notifications_coalesce (coalesce_key, status);
