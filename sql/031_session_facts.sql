-- Issue 13: the session's statement without the user's and the firm's rows.
--
-- Every firm page reads its session first.  That statement joined four
-- tables by primary key (the session, its user, its firm and the firm's
-- stamps), and MariaDB's cost for it is mostly the joins: 42 against 26
-- us of mariadbd's CPU for the session and the stamps alone.  What it read
-- of the user (email, name, role, not deactivated) and of the firm (name,
-- logo, zone, slug, users_stamp) changes rarely, so a FastCGI process keeps
-- them (lib/sessfacts.c) under the firm's facts_stamp, and the session's
-- statement reads the session and the firm's stamps only.  The session's
-- own row, its expiry and the matters_stamp are still read every time.
--
-- facts_stamp moves, in the writer's transaction, whenever a user of the
-- firm is added or removed, or changes in a column the session statement
-- reads (firm, email, name, role, deactivation), and whenever the firm's
-- row changes in one (name, logo, zone, slug, users_stamp).  Texts are
-- compared as bytes.  The columns here and in SESS_LOAD (lib/sql/auth.def)
-- go together: a column read there and not compared here would be kept
-- past its change.
--
-- A new UUID_SHORT() as firm_stamps' other stamp (028): never handed out
-- twice, whatever is restored.  A missing row or a 0 is no copy.
ALTER TABLE firm_stamps ADD COLUMN facts_stamp BIGINT NOT NULL DEFAULT 0;
INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp)
	SELECT id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM firms
	ON DUPLICATE KEY UPDATE facts_stamp = VALUES(facts_stamp);
CREATE TRIGGER facts_stamp_user_insert AFTER INSERT ON users FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE facts_stamp = VALUES(facts_stamp);
CREATE TRIGGER facts_stamp_user_update AFTER UPDATE ON users FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.id <=> NEW.id AND OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.email AS BINARY) <=> CAST(NEW.email AS BINARY)
	    AND CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY)
	    AND CAST(OLD.role AS BINARY) <=> CAST(NEW.role AS BINARY)
	    AND OLD.deactivated_at <=> NEW.deactivated_at)
	ON DUPLICATE KEY UPDATE facts_stamp = VALUES(facts_stamp);
CREATE TRIGGER facts_stamp_user_delete AFTER DELETE ON users FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE facts_stamp = VALUES(facts_stamp);
CREATE TRIGGER facts_stamp_firm_update AFTER UPDATE ON firms FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.id AS f UNION SELECT NEW.id) AS both_ids
	WHERE NOT (OLD.id <=> NEW.id
	    AND CAST(OLD.name AS BINARY) <=> CAST(NEW.name AS BINARY)
	    AND CAST(OLD.logo_url AS BINARY) <=> CAST(NEW.logo_url AS BINARY)
	    AND CAST(OLD.time_zone AS BINARY) <=> CAST(NEW.time_zone AS BINARY)
	    AND CAST(OLD.slug AS BINARY) <=> CAST(NEW.slug AS BINARY)
	    AND OLD.users_stamp <=> NEW.users_stamp)
	ON DUPLICATE KEY UPDATE facts_stamp = VALUES(facts_stamp);
