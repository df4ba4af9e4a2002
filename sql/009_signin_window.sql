-- The per-account count of failed sign-ins counts within a window (an hour
-- from the first failure of the window; see lib/signin.c): failures older
-- than that no longer add up, so one slow stranger cannot reach the limit.
ALTER TABLE users ADD COLUMN failed_since DATETIME(6) NULL AFTER failed_logins;
ALTER TABLE client_accounts ADD COLUMN failed_since DATETIME(6) NULL AFTER failed_logins;
