-- Documents and shares (issue 6).
--
-- Uploads in flight: a stored file's key is recorded here, and committed,
-- before the file is renamed into the store; the transaction that records
-- the document deletes the row.  A row older than the sweep's grace period
-- therefore names a file whose upload died (killed, or its COMMIT lost), and
-- a stored file named by neither table is an orphan.  See lib/store.c.
CREATE TABLE store_pending (
	storage_key	CHAR(64) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	KEY store_pending_age (created_at)
) ENGINE=InnoDB;

-- A document or folder sent with a message is a share of its own, tied to
-- the message: listed in Shared resources, unshared alone, ended with the
-- message.
ALTER TABLE shares ADD COLUMN message_id BIGINT UNSIGNED NULL,
	ADD KEY shares_message (message_id);

-- Attachments sent before this change become such shares.
INSERT INTO shares (firm_id, portal_id, document_id, shared_by, created_at, message_id)
	SELECT m.firm_id, m.portal_id, m.document_id, m.author_user, m.created_at, m.id
	FROM messages m JOIN documents d ON d.id = m.document_id AND d.firm_id = m.firm_id
	WHERE m.deleted_at IS NULL;

-- Shares of items deleted before this change end now.
UPDATE shares s SET s.revoked_at = NOW(6) WHERE s.revoked_at IS NULL AND (
	(s.document_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id))
	OR (s.folder_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM folders f WHERE f.id = s.folder_id)));
