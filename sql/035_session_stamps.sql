-- Issue 13: a firm user's session statement on one table.
--
-- Every firm page reads its session with the firm's stamps (028, 031,
-- 033), which a FastCGI process checks its copies against.  That was the
-- session's row and the firm_stamps row, two tables by primary key, and
-- the second table was a fifth of mariadbd's CPU for the statement: 21.5
-- against 15 us an execution, two clients at once (docs/performance.md,
-- "Ninth round").  So a firm user's session row now carries the firm's
-- three stamps itself, and the statement reads that row alone.
--
-- The copy is kept in the writer's own transaction, as the stamps are:
--   - whenever firm_stamps gets a row or changes, the firm's user sessions
--     take its values (the stamps only move through these triggers);
--   - a new user session takes the firm's stamps as it is inserted.
-- The read of firm_stamps inside an INSERT is a locking read (InnoDB reads
-- the last committed row under a shared lock in any statement other than a
-- SELECT), so a session inserted while another transaction moves a stamp
-- either waits for it and reads the new value, or holds it back until the
-- session is committed, and the move's UPDATE then includes the new row.
-- The lock order is firm_stamps, then sessions, in both.
--
-- Clients' sessions are not copied to (their stamps stay 0 and their page
-- statements keep the join): a firm has a few users' sessions, and may
-- have thousands of its clients', each of which a stamp move would write.
-- A move writes each live session of the firm's users; sessions past their
-- limits are removed by the sign-in's housekeeping (SESS_PURGE).
ALTER TABLE sessions
	ADD COLUMN matters_stamp BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN facts_stamp BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN clients_stamp BIGINT NOT NULL DEFAULT 0;
UPDATE sessions s JOIN firm_stamps st ON st.firm_id = s.firm_id
	SET s.matters_stamp = st.matters_stamp, s.facts_stamp = st.facts_stamp,
	s.clients_stamp = st.clients_stamp
	WHERE s.user_id IS NOT NULL;
CREATE TRIGGER sessions_stamps_insert BEFORE INSERT ON sessions FOR EACH ROW
	SET NEW.matters_stamp = IF(NEW.user_id IS NULL, 0,
	    COALESCE((SELECT st.matters_stamp FROM firm_stamps st WHERE st.firm_id = NEW.firm_id), 0)),
	NEW.facts_stamp = IF(NEW.user_id IS NULL, 0,
	    COALESCE((SELECT st.facts_stamp FROM firm_stamps st WHERE st.firm_id = NEW.firm_id), 0)),
	NEW.clients_stamp = IF(NEW.user_id IS NULL, 0,
	    COALESCE((SELECT st.clients_stamp FROM firm_stamps st WHERE st.firm_id = NEW.firm_id), 0));
CREATE TRIGGER firm_stamps_sessions_insert AFTER INSERT ON firm_stamps FOR EACH ROW
	UPDATE sessions SET matters_stamp = NEW.matters_stamp, facts_stamp = NEW.facts_stamp,
	    clients_stamp = NEW.clients_stamp
	WHERE firm_id = NEW.firm_id AND user_id IS NOT NULL;
CREATE TRIGGER firm_stamps_sessions_update AFTER UPDATE ON firm_stamps FOR EACH ROW
	UPDATE sessions SET matters_stamp = NEW.matters_stamp, facts_stamp = NEW.facts_stamp,
	    clients_stamp = NEW.clients_stamp
	WHERE firm_id = NEW.firm_id AND user_id IS NOT NULL;
