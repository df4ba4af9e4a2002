-- Issue 13: the bills shared into a client's Messages page kept with the
-- feed's latest page (lib/feedcopy.c), under the portal's stamp (029).
--
-- The page shows each bill shared live into the portal by its number and
-- kind, at the time of its share.  A share made, revoked or removed
-- already moves the portal's stamp (029's triggers on shares); these move
-- it when a shared bill's number or kind changes or the bill is removed,
-- for every portal it is shared into, live or not (texts compared as
-- bytes).  Spelled out in each trigger, as 029's are.
CREATE TRIGGER bills_portal_stamp_update AFTER UPDATE ON bills FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT s.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM shares s
	WHERE s.record_kind = 'bill' AND s.record_id IN (OLD.id, NEW.id)
	AND s.firm_id IN (OLD.firm_id, NEW.firm_id)
	AND NOT (OLD.id <=> NEW.id AND OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.number AS BINARY) <=> CAST(NEW.number AS BINARY) AND OLD.kind <=> NEW.kind)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER bills_portal_stamp_delete AFTER DELETE ON bills FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT s.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM shares s
	WHERE s.record_kind = 'bill' AND s.record_id = OLD.id AND s.firm_id = OLD.firm_id
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
