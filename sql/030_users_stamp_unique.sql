-- The users picker's stamp (023, 027) from UUID_SHORT(), as the stamps of
-- 028 and 029, not a counter: a database restored from a dump under
-- running programs brought the counter back, and the next change gave a
-- value a process could still hold a copy of other users under.  The
-- triggers are 027's otherwise (names compared as bytes).
DROP TRIGGER users_stamp_insert;
DROP TRIGGER users_stamp_update;
DROP TRIGGER users_stamp_delete;
CREATE TRIGGER users_stamp_insert AFTER INSERT ON users FOR EACH ROW
	UPDATE firms SET users_stamp = UUID_SHORT() & 0x7FFFFFFFFFFFFFFF WHERE id = NEW.firm_id;
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users FOR EACH ROW
	UPDATE firms SET users_stamp = UUID_SHORT() & 0x7FFFFFFFFFFFFFFF WHERE id IN (OLD.firm_id, NEW.firm_id)
	AND NOT (CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY) AND OLD.firm_id <=> NEW.firm_id);
CREATE TRIGGER users_stamp_delete AFTER DELETE ON users FOR EACH ROW
	UPDATE firms SET users_stamp = UUID_SHORT() & 0x7FFFFFFFFFFFFFFF WHERE id = OLD.firm_id;
UPDATE firms SET users_stamp = UUID_SHORT() & 0x7FFFFFFFFFFFFFFF;
