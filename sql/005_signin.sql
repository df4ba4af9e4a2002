-- Sign-in throttling per account and client address together: one row per
-- (firm, kind of account, account, address).  A stranger's failures pause
-- only the stranger's address; the account's own counters (users and
-- client_accounts: failed_logins, locked_until) keep a looser limit over
-- all addresses.  An attempt is counted before its password is checked
-- (see lib/signin.c), so parallel guesses cannot outrun the count.

CREATE TABLE login_throttle (
	firm_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('user','client') NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	addr		VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	failed		INT UNSIGNED NOT NULL DEFAULT 0,
	last_at		DATETIME(6) NOT NULL,
	locked_until	DATETIME(6) NULL,
	PRIMARY KEY (firm_id, kind, account_id, addr),
	KEY login_throttle_last (last_at)
) ENGINE=InnoDB;
