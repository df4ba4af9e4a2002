-- The audit log as a hash chain, and what its page filters on.
--
-- Each firm's rows form one chain: a row's hash is the SHA-256 of the
-- previous row's hash and the row's own canonical content (lib/auditlog.c),
-- numbered by seq from 1.  audit_heads holds each firm's last seq and hash:
-- a new row locks its firm's head (SELECT ... FOR UPDATE) in the same
-- transaction that inserts it, so two requests at once cannot fork the
-- chain.  Rows written before this migration keep seq NULL: they predate
-- the chain and `vellumctl audit verify` counts them apart.
--
-- contact_id is the acting client (firm users are in user_id); matter_id is
-- the matter the item belongs to, kept with the row so that the page can
-- filter by matter even after the item is deleted.
ALTER TABLE audit_log
	ADD COLUMN contact_id BIGINT UNSIGNED NULL AFTER user_id,
	ADD COLUMN matter_id BIGINT UNSIGNED NULL AFTER item_id,
	ADD COLUMN seq BIGINT UNSIGNED NULL,
	ADD COLUMN hash BINARY(32) NULL,
	ADD UNIQUE KEY audit_chain (firm_id, seq),
	ADD KEY audit_page (firm_id, id),
	ADD KEY audit_user (firm_id, user_id, id),
	ADD KEY audit_matter (firm_id, matter_id, id);

CREATE TABLE audit_heads (
	firm_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	seq		BIGINT UNSIGNED NOT NULL,
	hash		BINARY(32) NOT NULL,
	CONSTRAINT audit_heads_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB;
