-- Contacts, matters and activities as a firm keeps them (SPEC F-A3, F-A4,
-- F-A6): archived contacts, phones and a postal address; a matter's dates
-- and its responsible user; the firm's matter numbering; activity
-- categories; time entries and expenses.

-- An archived contact leaves the lists and the pickers; its matters and
-- portals stay as they are.  Phones and the address are free text, one
-- number or line a line, as people write them.
ALTER TABLE contacts
	ADD COLUMN archived_at DATETIME(6) NULL,
	ADD COLUMN phones VARCHAR(1000) NOT NULL DEFAULT '',
	ADD COLUMN address VARCHAR(1000) NOT NULL DEFAULT '',
	ADD KEY contacts_archived (firm_id, archived_at, name);

-- One address once per contact (a second copy could never be told apart).
ALTER TABLE contact_emails ADD UNIQUE KEY contact_emails_one (contact_id, email),
	ADD KEY contact_emails_search (firm_id, email);

-- Dates are days (the firm's calendar), not instants.  The responsible
-- user is also a row of matter_responsible (who is told of client mail).
ALTER TABLE matters
	ADD COLUMN opened_on DATE NULL,
	ADD COLUMN closed_on DATE NULL,
	ADD COLUMN responsible_id BIGINT UNSIGNED NULL,
	ADD KEY matters_status (firm_id, status, number),
	ADD KEY matters_opened (firm_id, opened_on),
	ADD KEY matters_client (firm_id, client_id),
	ADD CONSTRAINT matters_responsible_fk FOREIGN KEY (responsible_id) REFERENCES users (id);
UPDATE matters SET opened_on = DATE(created_at) WHERE opened_on IS NULL;
UPDATE matters SET closed_on = DATE(created_at) WHERE status = 'closed' AND closed_on IS NULL;
-- Rows written without a date (older tools) open today, in UTC.
ALTER TABLE matters MODIFY opened_on DATE NOT NULL DEFAULT (CURRENT_DATE);

-- The firm's matter numbers: a pattern ({YYYY} the year, {NNNN} the
-- counter zero-padded to as many digits as N's), the year the counter
-- counts in, and the last number given.  A new year starts at 1.  The row
-- is locked while a number is taken, so two creations get two numbers.
CREATE TABLE matter_numbering (
	firm_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	pattern		VARCHAR(32) NOT NULL DEFAULT '{YYYY}-{NNNN}',
	year		INT UNSIGNED NOT NULL,
	counter		BIGINT UNSIGNED NOT NULL DEFAULT 0,
	CONSTRAINT matter_numbering_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

CREATE TABLE activity_categories (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(100) NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY activity_categories_name (firm_id, name),
	CONSTRAINT activity_categories_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;

-- A time entry (minutes at a rate in minor units an hour; amount computed
-- once, rounded half up to a minor unit) or an expense (amount typed).
-- bill_id stays NULL until a bill takes the activity; only then is it
-- locked.
CREATE TABLE activities (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	kind		ENUM('time','expense') NOT NULL,
	on_date		DATE NOT NULL,
	user_id		BIGINT UNSIGNED NULL,
	minutes		INT UNSIGNED NULL,
	rate		BIGINT NULL,
	amount		BIGINT NOT NULL,
	description	VARCHAR(1000) NOT NULL,
	category_id	BIGINT UNSIGNED NULL,
	document_id	BIGINT UNSIGNED NULL,
	bill_id		BIGINT UNSIGNED NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY activities_matter (firm_id, matter_id, on_date),
	KEY activities_category (category_id),
	CONSTRAINT activities_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT activities_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT activities_category_fk FOREIGN KEY (category_id) REFERENCES activity_categories (id),
	CONSTRAINT activities_document_fk FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE SET NULL
) ENGINE=InnoDB;
