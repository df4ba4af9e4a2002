-- Bills, funds (trust) requests, payments, refunds, envelopes, pay links
-- and provider webhooks (SPEC F-A7, F-C1 to F-C6).  Every amount is a
-- BIGINT count of the firm's currency's minor units (lib/money.h).  Trust
-- money (funds requests) and operating money (bills) are told apart by
-- bills.kind and payments.account, and the two never share a payment:
-- a payment's items are all of one account.

ALTER TABLE firms
	-- "Combine outstanding invoices and trust requests for a single client
	-- into the same email envelope" (F-C5).
	ADD COLUMN combine_envelopes TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN next_bill_number INT UNSIGNED NOT NULL DEFAULT 1;

-- A bill (kind 'bill') or a funds request (kind 'trust').  matter_id is
-- NULL for a multi-matter bill and a contact-level funds request: both are
-- for contact_id alone and can only go by email.  balance is kept by the
-- payment module inside the transaction that records or refunds money:
-- total less what was paid and not refunded.  state: draft -> final ->
-- (partial) -> paid, or void; the portal shows a shared bill's current row.
CREATE TABLE bills (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('bill','trust') NOT NULL DEFAULT 'bill',
	number		VARCHAR(40) NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NULL,
	state		ENUM('draft','final','partial','paid','void') NOT NULL DEFAULT 'draft',
	currency	CHAR(3) NOT NULL,
	total		BIGINT NOT NULL DEFAULT 0,
	balance		BIGINT NOT NULL DEFAULT 0,
	issued_on	DATE NOT NULL,
	due_on		DATE NULL,
	memo		VARCHAR(2000) NOT NULL DEFAULT '',
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	finalised_at	DATETIME(6) NULL,
	voided_at	DATETIME(6) NULL,
	updated_at	DATETIME(6) NOT NULL,
	UNIQUE KEY bills_number (firm_id, number),
	KEY bills_state (firm_id, state, issued_on),
	KEY bills_matter (firm_id, matter_id),
	KEY bills_contact (firm_id, contact_id),
	CONSTRAINT bills_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id),
	CONSTRAINT bills_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT bills_money CHECK (total >= 0 AND balance >= 0 AND balance <= total)
) ENGINE=InnoDB;

-- The matters of a multi-matter bill (one row per matter; a single-matter
-- bill has one row too, so "bills of a matter" is one join).
CREATE TABLE bill_matters (
	bill_id		BIGINT UNSIGNED NOT NULL,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (bill_id, matter_id),
	KEY bill_matters_matter (firm_id, matter_id),
	CONSTRAINT bill_matters_bill_fk FOREIGN KEY (bill_id) REFERENCES bills (id),
	CONSTRAINT bill_matters_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id)
) ENGINE=InnoDB;

-- A bill's lines: from an activity (locked through activities.bill_id until
-- the bill is voided) or typed (a funds request's single line).
CREATE TABLE bill_lines (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	bill_id		BIGINT UNSIGNED NOT NULL,
	activity_id	BIGINT UNSIGNED NULL,
	matter_id	BIGINT UNSIGNED NULL,
	on_date		DATE NOT NULL,
	description	VARCHAR(1000) NOT NULL,
	quantity	VARCHAR(40) NOT NULL DEFAULT '',
	amount		BIGINT NOT NULL,
	position	INT UNSIGNED NOT NULL DEFAULT 0,
	KEY bill_lines_bill (firm_id, bill_id, position),
	CONSTRAINT bill_lines_bill_fk FOREIGN KEY (bill_id) REFERENCES bills (id),
	CONSTRAINT bill_lines_activity_fk FOREIGN KEY (activity_id) REFERENCES activities (id)
) ENGINE=InnoDB;

-- A bill's timeline: created, finalised, shared, unshared, sent, viewed,
-- paid, refunded, voided; detail is a short text for the firm.
CREATE TABLE bill_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	bill_id		BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(20) NOT NULL,
	detail		VARCHAR(300) NOT NULL DEFAULT '',
	user_id		BIGINT UNSIGNED NULL,
	contact_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	KEY bill_events_bill (firm_id, bill_id, created_at),
	CONSTRAINT bill_events_bill_fk FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB;

-- An envelope: one email to one client holding up to 10 items (F-C5).
CREATE TABLE envelopes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	to_email	VARCHAR(254) NOT NULL,
	subject		VARCHAR(200) NOT NULL,
	body		TEXT NOT NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	sent_at		DATETIME(6) NULL,
	KEY envelopes_firm (firm_id, created_at),
	CONSTRAINT envelopes_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id)
) ENGINE=InnoDB;

CREATE TABLE envelope_items (
	envelope_id	BIGINT UNSIGNED NOT NULL,
	firm_id		BIGINT UNSIGNED NOT NULL,
	bill_id		BIGINT UNSIGNED NOT NULL,
	position	INT UNSIGNED NOT NULL,
	PRIMARY KEY (envelope_id, bill_id),
	KEY envelope_items_bill (firm_id, bill_id),
	CONSTRAINT envelope_items_env_fk FOREIGN KEY (envelope_id) REFERENCES envelopes (id),
	CONSTRAINT envelope_items_bill_fk FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB;

-- A firm's payment provider (F-C4).  The secret key and webhook signing
-- secret are sealed with a key derived from the server secret, as hex.
CREATE TABLE payment_providers (
	firm_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	kind		ENUM('stripe') NOT NULL DEFAULT 'stripe',
	account_label	VARCHAR(200) NOT NULL DEFAULT '',
	secret_sealed	VARCHAR(600) NOT NULL,
	webhook_sealed	VARCHAR(600) NOT NULL,
	enabled		TINYINT(1) NOT NULL DEFAULT 1,
	updated_by	BIGINT UNSIGNED NULL,
	updated_at	DATETIME(6) NOT NULL
) ENGINE=InnoDB;

-- A signed pay link: only its hash is kept.  It pays one bill (bill_id) or
-- one envelope (envelope_id, "Pay All"), expires, and is revoked when its
-- bill is unshared or voided.
CREATE TABLE pay_links (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	bill_id		BIGINT UNSIGNED NULL,
	envelope_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	expires_at	DATETIME(6) NOT NULL,
	revoked_at	DATETIME(6) NULL,
	KEY pay_links_bill (firm_id, bill_id),
	KEY pay_links_envelope (firm_id, envelope_id)
) ENGINE=InnoDB;

-- Money received: online (a provider's checkout, recorded from a verified
-- webhook only) or offline ("Record payment").  account says where it went:
-- 'operating' for bills, 'trust' for funds requests, never both.
-- method 'card' or 'ach' online; 'check', 'cash', 'wire', 'other' offline.
CREATE TABLE payments (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	account		ENUM('operating','trust') NOT NULL,
	method		ENUM('card','ach','check','cash','wire','other') NOT NULL,
	amount		BIGINT NOT NULL,
	refunded	BIGINT NOT NULL DEFAULT 0,
	currency	CHAR(3) NOT NULL,
	received_on	DATE NOT NULL,
	reference	VARCHAR(200) NOT NULL DEFAULT '',
	provider_session VARCHAR(255) NULL,
	provider_payment VARCHAR(255) NULL,
	recorded_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY payments_provider (firm_id, provider_payment),
	KEY payments_contact (firm_id, contact_id, created_at),
	KEY payments_day (firm_id, received_on),
	CONSTRAINT payments_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id),
	CONSTRAINT payments_money CHECK (amount > 0 AND refunded >= 0 AND refunded <= amount)
) ENGINE=InnoDB;

-- How a payment is spread over bills (one row per bill it paid).
CREATE TABLE payment_allocations (
	payment_id	BIGINT UNSIGNED NOT NULL,
	firm_id		BIGINT UNSIGNED NOT NULL,
	bill_id		BIGINT UNSIGNED NOT NULL,
	amount		BIGINT NOT NULL,
	refunded	BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (payment_id, bill_id),
	KEY payment_allocations_bill (firm_id, bill_id),
	CONSTRAINT payment_allocations_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id),
	CONSTRAINT payment_allocations_bill_fk FOREIGN KEY (bill_id) REFERENCES bills (id),
	CONSTRAINT payment_allocations_money CHECK (amount > 0 AND refunded >= 0 AND refunded <= amount)
) ENGINE=InnoDB;

CREATE TABLE refunds (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	payment_id	BIGINT UNSIGNED NOT NULL,
	amount		BIGINT NOT NULL,
	reason		VARCHAR(500) NOT NULL DEFAULT '',
	provider_refund	VARCHAR(255) NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	KEY refunds_payment (firm_id, payment_id),
	CONSTRAINT refunds_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id),
	CONSTRAINT refunds_money CHECK (amount > 0)
) ENGINE=InnoDB;

-- A checkout started from a pay link or the portal's "Pay bill": what the
-- client chose to pay, so the webhook records exactly that.
CREATE TABLE checkouts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	contact_id	BIGINT UNSIGNED NOT NULL,
	account		ENUM('operating','trust') NOT NULL,
	amount		BIGINT NOT NULL,
	currency	CHAR(3) NOT NULL,
	bills		VARCHAR(2000) NOT NULL,
	provider_session VARCHAR(255) NULL,
	created_at	DATETIME(6) NOT NULL,
	completed_at	DATETIME(6) NULL,
	UNIQUE KEY checkouts_session (provider_session),
	KEY checkouts_firm (firm_id, created_at)
) ENGINE=InnoDB;

-- Every webhook delivery verified, by the provider's event id: a delivery
-- seen before changes nothing.  The body is kept for `vellumctl` replay.
CREATE TABLE webhook_events (
	event_id	VARCHAR(255) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	type		VARCHAR(100) NOT NULL,
	body		MEDIUMTEXT NOT NULL,
	received_at	DATETIME(6) NOT NULL,
	handled_at	DATETIME(6) NULL,
	KEY webhook_events_firm (firm_id, received_at)
) ENGINE=InnoDB;
