-- Issue 13: the Messages pages' feeds without their statement on every view.
--
-- A portal's stamp changes whenever its feed could show something else: a
-- message written, changed or deleted, a receipt (item_reads) written or
-- removed, a share made, revoked or removed (an attachment shows only while
-- shared), a document or folder of its matter renamed, moved or removed.
-- The Messages pages read it with the session and the portal; a process
-- keeps the latest page of a feed (lib/feedcopy.c) with the stamps it was
-- read under (this one, and the firm's users_stamp and matters_stamp for
-- the authors' and readers' names: 023, 028) and uses it only while all
-- three are still the database's.  Any change to those rows moves it (no
-- column is left out), in the writer's own transaction, with a new
-- UUID_SHORT() (028: never handed out twice).  A missing row reads as 0, under
-- which no copy is kept.  Nothing refers to portal_stamps (see 028).
-- Each trigger spells its statement out: a stored procedure would share
-- it, but mariadb-dump leaves routines out unless asked (--routines), and a
-- database restored without one would refuse every write to these tables.
CREATE TABLE portal_stamps (
	portal_id	BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	stamp		BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO portal_stamps (portal_id, stamp) SELECT id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals;

CREATE TRIGGER messages_portal_stamp_insert AFTER INSERT ON messages FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (NEW.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER messages_portal_stamp_update AFTER UPDATE ON messages FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.portal_id AS p UNION SELECT NEW.portal_id) AS both_portals
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER messages_portal_stamp_delete AFTER DELETE ON messages FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (OLD.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);

CREATE TRIGGER item_reads_portal_stamp_insert AFTER INSERT ON item_reads FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (NEW.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER item_reads_portal_stamp_update AFTER UPDATE ON item_reads FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.portal_id AS p UNION SELECT NEW.portal_id) AS both_portals
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER item_reads_portal_stamp_delete AFTER DELETE ON item_reads FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (OLD.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);

CREATE TRIGGER shares_portal_stamp_insert AFTER INSERT ON shares FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (NEW.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER shares_portal_stamp_update AFTER UPDATE ON shares FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.portal_id AS p UNION SELECT NEW.portal_id) AS both_portals
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER shares_portal_stamp_delete AFTER DELETE ON shares FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (OLD.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);

-- A message's attachment names a document or folder of the portal's matter.
CREATE TRIGGER documents_portal_stamp_update AFTER UPDATE ON documents FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id IN (OLD.matter_id, NEW.matter_id)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER documents_portal_stamp_delete AFTER DELETE ON documents FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id = OLD.matter_id
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER folders_portal_stamp_update AFTER UPDATE ON folders FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id IN (OLD.matter_id, NEW.matter_id)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER folders_portal_stamp_delete AFTER DELETE ON folders FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id = OLD.matter_id
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
