-- Issue 13: a client's Messages page without its eight-table head on every
-- view.
--
-- The page's first statement read the client's session with its contact
-- and firm, every matter whose portal the client takes part in (the
-- switcher) with each portal's permissions, and the stamps: 130 us of
-- mariadbd an execution.  A FastCGI process keeps what it read per client
-- (lib/clientcopy.c) under the firm's facts_stamp (031: the firm's row),
-- matters_stamp (028: the matters' numbers and descriptions) and this
-- clients_stamp, and the page's first statement reads the session, those
-- stamps and the current matter's portal stamp alone.
--
-- clients_stamp moves, in the writer's transaction, whenever any of the
-- firm's participants is added, changed (removed) or deleted, any of its
-- portals is opened, changed (a permission) or deleted, and whenever a
-- contact is deleted or changes in a column the head reads (its firm, its
-- name, its login email: kept by 004's triggers from its addresses).
-- Texts are compared as bytes.  A new UUID_SHORT() each time (028).
ALTER TABLE firm_stamps ADD COLUMN clients_stamp BIGINT NOT NULL DEFAULT 0;
INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM firms
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_participant_insert AFTER INSERT ON participants FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_participant_update AFTER UPDATE ON participants FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_participant_delete AFTER DELETE ON participants FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_portal_insert AFTER INSERT ON portals FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_portal_update AFTER UPDATE ON portals FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_portal_delete AFTER DELETE ON portals FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_contact_update AFTER UPDATE ON contacts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.id <=> NEW.id AND OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY)
	    AND CAST(OLD.login_email AS BINARY) <=> CAST(NEW.login_email AS BINARY))
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER clients_stamp_contact_delete AFTER DELETE ON contacts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
