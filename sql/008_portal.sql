-- The portal's audience: a matter's responsible users (its responsible
-- attorneys), told by email whenever a client writes in the matter's portal
-- whether or not they took part in it, and per-user mutes of a portal
-- (a muted user gets no email about it).

CREATE TABLE matter_responsible (
	firm_id		BIGINT UNSIGNED NOT NULL,
	matter_id	BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (matter_id, user_id),
	KEY matter_responsible_user (firm_id, user_id),
	CONSTRAINT matter_responsible_matter_fk FOREIGN KEY (matter_id) REFERENCES matters (id) ON DELETE CASCADE,
	CONSTRAINT matter_responsible_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE portal_mutes (
	firm_id		BIGINT UNSIGNED NOT NULL,
	portal_id	BIGINT UNSIGNED NOT NULL,
	user_id		BIGINT UNSIGNED NOT NULL,
	muted_at	DATETIME(6) NOT NULL,
	PRIMARY KEY (portal_id, user_id),
	KEY portal_mutes_user (firm_id, user_id),
	CONSTRAINT portal_mutes_portal_fk FOREIGN KEY (portal_id) REFERENCES portals (id),
	CONSTRAINT portal_mutes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
