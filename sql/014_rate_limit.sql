-- Requests per client address to the pages that cost the most or mail
-- someone (sign-in, password reset, invitation and reset links), counted in
-- the database so that the limit holds without nginx (plain CGI on shared
-- hosting: every request a new process, nothing kept in memory).  One row
-- a (zone, address): a count and when its window began (see lib/ratelimit.c).

CREATE TABLE rate_limit (
	zone		ENUM('signin','reset','link') NOT NULL,
	addr		VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	hits		INT UNSIGNED NOT NULL,
	since		DATETIME(6) NOT NULL,
	PRIMARY KEY (zone, addr),
	KEY rate_limit_since (since)
) ENGINE=InnoDB;
