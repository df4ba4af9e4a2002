-- One sharing rule for every kind of portal item (SPEC F-A8): calendar
-- events, tasks, notes, intake forms and bills are shared through the same
-- shares table as documents and folders, so a client opens an item only
-- while it has a live share, the portal's permission for its kind is on and
-- the client takes part.  Reads of them are tracked like documents'.
ALTER TABLE shares
	ADD COLUMN record_kind ENUM('event','task','note','form','bill') NULL,
	ADD COLUMN record_id BIGINT UNSIGNED NULL,
	ADD KEY shares_record (firm_id, record_kind, record_id, revoked_at);

ALTER TABLE item_reads MODIFY item_kind
	ENUM('message','document','event','task','note','form','bill') NOT NULL;
