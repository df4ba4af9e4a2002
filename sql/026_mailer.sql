-- Issue 13: the mailer claims a batch of emails at once, each email's rows
-- under a lease owner of their own (the mailer's name and the email's
-- number); every later step of an email (the check before it is sent, the
-- outcome, a release) finds its rows by that owner.  Without this index
-- each of those statements read the whole table.
ALTER TABLE notifications ADD KEY notifications_lease (lease_owner);
