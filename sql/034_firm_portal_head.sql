-- Issue 13: the firm's portal page without its three statements on every
-- view.
--
-- Besides the feed, the page read the session with the matter, its portal
-- and permissions, the acting user's mute and the responsible users (139 us
-- of mariadbd), the participants with their accounts and addresses (93 us)
-- and what a message can attach (the matter's documents and folders, a
-- recursive statement: 70 us).  A FastCGI process now keeps all of it per
-- user and matter (lib/firmcopy.c) under the firm's facts_stamp (031: the
-- users' names), matters_stamp (028), clients_stamp (033) and the portal's
-- stamp (029), which the page's first statement reads with the session.
-- What those stamps did not yet follow, they follow from here on, each in
-- the writer's own transaction with a new UUID_SHORT() (028):
--   - a user's mute of a portal: the portal's stamp;
--   - the matter's responsible users: the firm's matters_stamp;
--   - a client's account (made, removed, its password set or cleared) and
--     a contact's addresses: the firm's clients_stamp;
--   - a document or folder added to a matter: its portals' stamps (029
--     already moves them when one is changed or removed);
--   - a matter's creation time, shown as its opening day: matters_stamp.
-- A row removed by a foreign key's cascade fires no trigger; each such
-- parent (a user, a matter, a contact) moves the same stamp itself.
-- Texts are compared as bytes.

CREATE TRIGGER portal_mutes_stamp_insert AFTER INSERT ON portal_mutes FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (NEW.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER portal_mutes_stamp_update AFTER UPDATE ON portal_mutes FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.portal_id AS p UNION SELECT NEW.portal_id) AS both_portals
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER portal_mutes_stamp_delete AFTER DELETE ON portal_mutes FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp) VALUES (OLD.portal_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);

CREATE TRIGGER matter_responsible_stamp_insert AFTER INSERT ON matter_responsible FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
CREATE TRIGGER matter_responsible_stamp_update AFTER UPDATE ON matter_responsible FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
CREATE TRIGGER matter_responsible_stamp_delete AFTER DELETE ON matter_responsible FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);

-- A failed sign-in or a lock writes client_accounts too: only a change the
-- page shows (an account with a password or without) moves the stamp.
CREATE TRIGGER client_accounts_stamp_insert AFTER INSERT ON client_accounts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER client_accounts_stamp_update AFTER UPDATE ON client_accounts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.firm_id <=> NEW.firm_id AND OLD.contact_id <=> NEW.contact_id
	    AND (OLD.pw_hash IS NULL) <=> (NEW.pw_hash IS NULL))
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER client_accounts_stamp_delete AFTER DELETE ON client_accounts FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);

CREATE TRIGGER contact_emails_stamp_insert AFTER INSERT ON contact_emails FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (NEW.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER contact_emails_stamp_update AFTER UPDATE ON contact_emails FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF
	FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.id <=> NEW.id AND OLD.firm_id <=> NEW.firm_id AND OLD.contact_id <=> NEW.contact_id
	    AND CAST(OLD.email AS BINARY) <=> CAST(NEW.email AS BINARY)
	    AND OLD.is_primary <=> NEW.is_primary AND OLD.position <=> NEW.position)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);
CREATE TRIGGER contact_emails_stamp_delete AFTER DELETE ON contact_emails FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp, facts_stamp, clients_stamp)
	VALUES (OLD.firm_id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF,
	UUID_SHORT() & 0x7FFFFFFFFFFFFFFF)
	ON DUPLICATE KEY UPDATE clients_stamp = VALUES(clients_stamp);

-- What a message can attach: the matter's documents and folders.
CREATE TRIGGER documents_portal_stamp_insert AFTER INSERT ON documents FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id = NEW.matter_id
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);
CREATE TRIGGER folders_portal_stamp_insert AFTER INSERT ON folders FOR EACH ROW
	INSERT INTO portal_stamps (portal_id, stamp)
	SELECT p.id, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM portals p WHERE p.matter_id = NEW.matter_id
	ON DUPLICATE KEY UPDATE stamp = VALUES(stamp);

-- 028's trigger with the creation time compared too.
DROP TRIGGER matters_stamp_update;
CREATE TRIGGER matters_stamp_update AFTER UPDATE ON matters FOR EACH ROW
	INSERT INTO firm_stamps (firm_id, matters_stamp)
	SELECT f, UUID_SHORT() & 0x7FFFFFFFFFFFFFFF FROM (SELECT OLD.firm_id AS f UNION SELECT NEW.firm_id) AS both_firms
	WHERE NOT (OLD.firm_id <=> NEW.firm_id
	    AND CAST(OLD.number AS BINARY) <=> CAST(NEW.number AS BINARY)
	    AND CAST(OLD.description AS BINARY) <=> CAST(NEW.description AS BINARY)
	    AND OLD.status <=> NEW.status AND OLD.client_id <=> NEW.client_id
	    AND OLD.responsible_id <=> NEW.responsible_id AND OLD.opened_on <=> NEW.opened_on
	    AND OLD.created_at <=> NEW.created_at)
	ON DUPLICATE KEY UPDATE matters_stamp = VALUES(matters_stamp);
