-- Issue 13: the matters list's first page without its joins on every view.
--
-- A firm's matters_stamp changes whenever its matters list could show
-- something else: a matter added, removed or changed in a column the list
-- shows, or a client renamed.  The session statement reads it with the
-- firm; a process keeps the list's first page (lib/matterscopy.c) with the
-- stamps it was read under (this one and users_stamp, for the responsible
-- users' names) and uses it only while both are still the firm's.
-- Triggers keep it, in the writer's own transaction, so every writer
-- counts (the programs, vellumctl's import, the tests' own SQL).  Texts are
-- compared as bytes, so a change of case or accent moves it too (027).  A
-- write that changes nothing the list shows leaves it alone.
--
-- A table of its own, not a column of firms: every insert of a row that
-- refers to its firm (a matter among them) holds a shared lock on the
-- firm's row for its foreign key, so two creations at once, each holding
-- that lock and each then updating the firm's row, would deadlock.
-- Nothing refers to firm_stamps.  A missing row reads as 0, which no copy
-- is ever kept under; the first change writes it.
--
-- A stamp is a new UUID_SHORT() (the server's id, its start time in
-- seconds and a counter; the top bit dropped to fit a signed BIGINT), not
-- a counter or a sequence: those come back to old values when a database
-- is restored from a dump under running programs, and a process would
-- then take a value it kept a copy under, with other rows, for its own.
-- A UUID_SHORT() is never handed out twice by a server, whatever is
-- restored.
CREATE TABLE firm_stamps (
	firm_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	matters_stamp	BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO firm_stamps (firm_id, matters_stamp) SELECT id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM firms;
CREATE TRIGGER matters_stamp_insert AFTER INSERT ON matters FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp) VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
CREATE TRIGGER matters_stamp_update AFTER UPDATE ON matters FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.number AS BINARY) <=> CAST(NEW.number AS BINARY)
	    AND CAST(OLD.description AS BINARY) <=> CAST(NEW.description AS BINARY)
	    AND OLD.status <=> NEW.status AND OLD.client_id <=> NEW.client_id
	    AND OLD.responsible_id <=> NEW.responsible_id AND OLD.opened_on <=> NEW.opened_on)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
CREATE TRIGGER matters_stamp_delete AFTER DELETE ON matters FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp) VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
-- A client's name is on each of its matters' rows.
CREATE TRIGGER contacts_matters_stamp AFTER UPDATE ON contacts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY))
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
