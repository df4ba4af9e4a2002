-- Issue 13: a page's pickers without a statement of their own.
--
-- users_stamp changes whenever the firm's list of users as pickers show it
-- (ids and names) changes; the session statement reads it with the firm,
-- and a process keeps the users picker until the stamp it was read under
-- is no longer the firm's.  Triggers keep it, so every writer counts,
-- whichever program or tool it is (and the tests' own SQL).  A name
-- unchanged (sign-ins, roles, deactivation) leaves the firm row alone: the
-- WHERE is then false before any row is read, so no lock is taken.
ALTER TABLE firms ADD COLUMN users_stamp BIGINT NOT NULL DEFAULT 1;
CREATE TRIGGER users_stamp_insert AFTER INSERT ON users FOR EACH ROW
	UPDATE firms SET users_stamp = users_stamp + 1 WHERE id = NEW.firm_id;
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users FOR EACH ROW
	UPDATE firms SET users_stamp = users_stamp + 1 WHERE id IN (OLD.firm_id, NEW.firm_id)
	AND NOT (OLD.name <=> NEW.name AND OLD.firm_id <=> NEW.firm_id);
CREATE TRIGGER users_stamp_delete AFTER DELETE ON users FOR EACH ROW
	UPDATE firms SET users_stamp = users_stamp + 1 WHERE id = OLD.firm_id;

-- A message's readers by the message: the firm's feed reads them for every
-- message it shows, and without this index each lookup walked every read
-- receipt of the firm (item_reads_portal starts with firm_id), a cost that
-- grew with messages times receipts (about 15 us a row at 200 receipts).
ALTER TABLE item_reads ADD KEY item_reads_item (item_kind, item_id, first_at);

-- The mailer's next due row (MAIL_CLAIM_SELECT) in index order, one status
-- at a time: the claim reads one entry instead of sorting the queue.
ALTER TABLE notifications ADD KEY notifications_claim (status, next_attempt_at, coalesce_key);
