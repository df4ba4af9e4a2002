-- Calendar events (SPEC F-A8, F-B10).  An event keeps the wall-clock time
-- the firm typed and the zone it was typed in (start_local, end_local,
-- zone), not an instant: a weekly 09:00 stays 09:00 across a
-- daylight-saving change.  first_at and last_at (epoch seconds, the first
-- start and the last end over all occurrences) only narrow the rows a
-- range reads.  The rule is stored as the form chose it (freq, intv,
-- byday bits Sunday=1 .. Saturday=64, until_date or count); the RRULE text
-- is made from it.  A deleted event stays as cancelled (cancelled_at) so
-- a client it was shared with still sees it cancelled and its .ics says
-- STATUS:CANCELLED; sequence counts the changes a client was told of.
CREATE TABLE cal_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NULL,
	title		VARCHAR(200) NOT NULL,
	location	VARCHAR(200) NOT NULL DEFAULT '',
	description	VARCHAR(4000) NOT NULL DEFAULT '',
	all_day		TINYINT(1) NOT NULL DEFAULT 0,
	start_local	DATETIME NOT NULL,
	end_local	DATETIME NOT NULL,
	zone		VARCHAR(64) NOT NULL,
	freq		ENUM('none','daily','weekly','monthly') NOT NULL DEFAULT 'none',
	intv		SMALLINT UNSIGNED NOT NULL DEFAULT 1,
	byday		TINYINT UNSIGNED NOT NULL DEFAULT 0,
	until_date	DATE NULL,
	count		SMALLINT UNSIGNED NOT NULL DEFAULT 0,
	first_at	BIGINT NOT NULL,
	last_at		BIGINT NOT NULL,
	sequence	INT UNSIGNED NOT NULL DEFAULT 0,
	cancelled_at	DATETIME(6) NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY cal_events_range (firm_id, first_at, last_at),
	KEY cal_events_matter (firm_id, matter_id),
	CONSTRAINT cal_events_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id),
	CONSTRAINT cal_events_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT cal_events_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB;

-- Who attends: a firm user or a contact of the firm, one row each.
CREATE TABLE cal_attendees (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	event_id	BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NULL,
	contact_id	BIGINT UNSIGNED NULL,
	UNIQUE KEY cal_attendees_user (event_id, user_id),
	UNIQUE KEY cal_attendees_contact (event_id, contact_id),
	KEY cal_attendees_firm_user (firm_id, user_id),
	CONSTRAINT cal_attendees_event_fk FOREIGN KEY (event_id) REFERENCES cal_events (id)
	    ON DELETE CASCADE,
	CONSTRAINT cal_attendees_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT cal_attendees_contact_fk FOREIGN KEY (contact_id) REFERENCES contacts (id)
) ENGINE=InnoDB;

-- One date of a recurring event changed: cancelled, or moved to
-- start_local..end_local (wall clock, the event's zone).  occ_date is the
-- date the occurrence was planned for (its RECURRENCE-ID).
CREATE TABLE cal_exceptions (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	event_id	BIGINT UNSIGNED NOT NULL,
	occ_date	DATE NOT NULL,
	cancelled	TINYINT(1) NOT NULL DEFAULT 0,
	start_local	DATETIME NULL,
	end_local	DATETIME NULL,
	created_at	DATETIME(6) NOT NULL,
	UNIQUE KEY cal_exceptions_one (event_id, occ_date),
	KEY cal_exceptions_firm (firm_id),
	CONSTRAINT cal_exceptions_event_fk FOREIGN KEY (event_id) REFERENCES cal_events (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB;

-- A firm user's private iCalendar feed: only the hash of its token is
-- kept; revoking ends it, renewing makes a new one.
CREATE TABLE cal_feeds (
	token_hash	BINARY(32) NOT NULL PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL,
	revoked_at	DATETIME(6) NULL,
	KEY cal_feeds_user (firm_id, user_id, revoked_at),
	CONSTRAINT cal_feeds_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
