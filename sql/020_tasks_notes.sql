-- Tasks and notes of a matter (SPEC F-A8, F-B11).  Either may be shared
-- through the portal: the share is a row of shares (record_kind 'task' or
-- 'note', migration 015), never a column here, so unticking "Share via
-- client portal" ends it the way every other kind's share ends.

-- A task: due on a day of the firm's calendar (a DATE, like a matter's
-- dates), assigned to a firm user or nobody, done or not.  Who marked it
-- done is a firm user or a client (client_may_done lets a client of the
-- portal do so on a shared task); done_at is when.
CREATE TABLE tasks (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	title		VARCHAR(200) NOT NULL,
	description	VARCHAR(4000) NOT NULL DEFAULT '',
	due_on		DATE NULL,
	assignee_id	BIGINT UNSIGNED NULL,
	priority	ENUM('low','normal','high') NOT NULL DEFAULT 'normal',
	client_may_done	TINYINT(1) NOT NULL DEFAULT 0,
	done_at		DATETIME(6) NULL,
	done_by_user	BIGINT UNSIGNED NULL,
	done_by_contact	BIGINT UNSIGNED NULL,
	created_by	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY tasks_matter (firm_id, matter_id, done_at, due_on),
	KEY tasks_assignee (firm_id, assignee_id, done_at, due_on),
	CONSTRAINT tasks_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT tasks_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id),
	CONSTRAINT tasks_done_user_fk FOREIGN KEY (done_by_user) REFERENCES users (id),
	CONSTRAINT tasks_done_contact_fk FOREIGN KEY (done_by_contact) REFERENCES contacts (id)
) ENGINE=InnoDB;

-- A note: plain text (line breaks kept; never HTML), dated by a day, with
-- its author.
CREATE TABLE notes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	subject		VARCHAR(200) NOT NULL,
	body		TEXT NOT NULL,
	on_date		DATE NOT NULL,
	author_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL,
	updated_at	DATETIME(6) NOT NULL,
	KEY notes_matter (firm_id, matter_id, on_date),
	CONSTRAINT notes_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id),
	CONSTRAINT notes_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB;
