-- The users picker's stamp (023) moves when a user's name changes at all.
-- 023 compared the names with <=>, which follows the column's collation:
-- "ann smith" -> "Ann Smith", "Jose" -> "José" or a trailing blank compared
-- equal, the stamp stayed, and every process kept showing the old spelling
-- (attack-users-stamp.test.mjs).  The names are compared as bytes.
DROP TRIGGER users_stamp_update;
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users FOR EACH ROW
	UPDATE firms SET users_stamp = users_stamp + 1 WHERE id IN (OLD.firm_id, NEW.firm_id)
	AND NOT (CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY) AND OLD.firm_id <=> NEW.firm_id);
