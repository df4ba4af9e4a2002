/*
 * The mailer's claims (lib/outbox.c) against the test stack's database: a
 * batch holds whole windows and single rows, each email under a lease owner
 * of its own; a window is claimed whole whatever its size and by one mailer
 * only; the check right before the send fails once another mailer holds
 * the rows or one was cancelled, and what a mailer that lost its lease
 * records changes nothing; failures back off, then park.  Run by
 * tests/run-all with the stack's mailer paused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "notify.h"
#include "mail.h"
#include "dbtest.h"

static char *
who(const char *name)
{
	return vl_pool_printf(dbt_pool, "%s-%s@outbox.test", name, dbt_tag);
}

/* n items in r's window, made due long ago so that they are claimed first. */
static void
window(const char *r, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		assert_int_equal(vl_notify_coalesced(dbt_pool, dbt_firm, VL_MAIL_CLIENT_ITEMS, r,
		    vl_pool_printf(dbt_pool, "what=item-%d&matter=T&link=x&when=w", i)), VL_OK);
	dbt_one("UPDATE notifications SET next_attempt_at = '2000-01-01' WHERE recipient = '%s'", r);
}

/* A mailer's name never used before (its leases are OWNER/1, OWNER/2...). */
static char *
own(const char *name)
{
	static int	 n;

	return vl_pool_printf(dbt_pool, "%s-%s-%d", name, dbt_tag, ++n);
}

/* Claims batches for owner until r's email comes up (other suites' rows may
 * be due too: those are handed back); its batch in *b, the email in *m. */
static int
claim_for(const char *r, const char *owner, uint64_t *seq, struct vl_outbox_batch *b,
    struct vl_outbox_mail **m)
{
	size_t	 i, j;
	int	 found;

	for (i = 0; i < 20; i++) {
		if (vl_outbox_claim(dbt_pool, owner, seq, 64, b) != VL_OK)
			return 0;
		found = 0;
		for (j = 0; j < b->n; j++)
			if (!found && strcmp(b->mails[j].to, r) == 0) {
				*m = &b->mails[j];
				found = 1;
			} else
				vl_outbox_release(&b->mails[j]);
		if (found)
			return 1;
	}
	return 0;
}

/* Makes a batch look as old as the lease: the next hold renews. */
static void
age(struct vl_outbox_batch *b)
{
	b->claimed_ms -= vl_conf.mail_lease * 1000;
}

static void
test_a_window_is_claimed_whole(void **state)
{
	struct vl_outbox_batch b, ob;
	struct vl_outbox_mail *m, *other;
	uint64_t seq = 0, oseq = 0;
	char	*r = who("big");

	(void)state;
	window(r, 120);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	assert_int_equal(m->n, 120);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sending' AND lease_owner = '%s'", r, m->lease), "120");
	/* A second mailer gets none of it. */
	assert_false(claim_for(r, own("mailer-b"), &oseq, &ob, &other));
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_OK);
	assert_int_equal(vl_outbox_record(m, VL_MAIL_SENT, ""), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sent' AND payload IS NULL", r), "120");
}

static void
test_a_batch_has_whole_windows_and_single_rows(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r[3], *s[2];
	size_t	 i, j, mine = 0;

	(void)state;
	for (i = 0; i < 3; i++)
		window(r[i] = who(vl_pool_printf(dbt_pool, "w%zu", i)), (int)(3 + i));
	for (i = 0; i < 2; i++) {
		s[i] = who(vl_pool_printf(dbt_pool, "s%zu", i));
		assert_int_equal(vl_notify(dbt_firm, VL_MAIL_PASSWORD_RESET, s[i],
		    "link=x&minutes=30"), VL_OK);
		dbt_one("UPDATE notifications SET next_attempt_at = '2000-01-01' WHERE recipient = '%s'", s[i]);
	}
	assert_int_equal(vl_outbox_claim(dbt_pool, own("mailer-a"), &seq, 64, &b), VL_OK);
	for (j = 0; j < b.n; j++) {
		m = &b.mails[j];
		for (i = 0; i < 3; i++)
			if (strcmp(m->to, r[i]) == 0) {
				assert_int_equal(m->n, 3 + i);
				mine++;
			}
		for (i = 0; i < 2; i++)
			if (strcmp(m->to, s[i]) == 0) {
				assert_int_equal(m->n, 1);
				mine++;
			}
		/* Each email its own lease owner, every row of it under it. */
		assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE lease_owner = '%s'",
		    m->lease), vl_pool_printf(dbt_pool, "%zu", m->n));
		assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_OK);
		assert_int_equal(vl_outbox_record(m, VL_MAIL_SENT, ""), VL_OK);
	}
	assert_int_equal(mine, 5);
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT lease_owner) FROM notifications"
	    " WHERE (recipient LIKE 'w_-%s@outbox.test' OR recipient LIKE 's_-%s@outbox.test')"
	    " AND status = 'sent'", dbt_tag, dbt_tag), "5");
	/* At most max emails a batch. */
	for (i = 0; i < 3; i++)
		window(who(vl_pool_printf(dbt_pool, "m%zu", i)), 2);
	assert_int_equal(vl_outbox_claim(dbt_pool, own("mailer-a"), &seq, 2, &b), VL_OK);
	assert_true(b.n >= 1 && b.n <= 2);
	for (j = 0; j < b.n; j++)
		vl_outbox_release(&b.mails[j]);
}

/* A later item of the same recipient comes due while an earlier window is
 * still being sent: the claim takes the new row only, never the rows a live
 * lease holds (the claim re-checks each row, not just the window's key). */
static void
test_held_rows_of_a_key_stay_held(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r = who("held");

	(void)state;
	window(r, 3);
	dbt_one("UPDATE notifications SET status = 'sending', lease_owner = 'busy-mailer/7', attempts = 1,"
	    " lease_until = NOW(6) + INTERVAL 1 HOUR WHERE recipient = '%s' ORDER BY id LIMIT 2", r);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	assert_int_equal(m->n, 1);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND lease_owner = 'busy-mailer/7' AND status = 'sending'", r), "2");
	vl_outbox_release(m);
}

static void
test_a_lost_lease_is_not_held(void **state)
{
	struct vl_outbox_batch ba, bb;
	struct vl_outbox_mail *m, *n;
	uint64_t sa = 0, sb = 0;
	char	*r = who("lost");

	(void)state;
	window(r, 3);
	assert_true(claim_for(r, own("mailer-a"), &sa, &ba, &m));
	/* Mailer a stalls past its lease; mailer b claims the window again. */
	dbt_one("UPDATE notifications SET lease_until = NOW(6) - INTERVAL 1 SECOND WHERE recipient = '%s'", r);
	assert_true(claim_for(r, own("mailer-b"), &sb, &bb, &n));
	assert_int_equal(n->n, 3);
	assert_int_equal(n->rows[0].attempts, m->rows[0].attempts + 1);
	/* a's check before sending fails, young batch or old: it must not send. */
	assert_int_equal(vl_outbox_hold(dbt_pool, &ba, m), VL_CONFLICT);
	age(&ba);
	assert_int_equal(vl_outbox_hold(dbt_pool, &ba, m), VL_CONFLICT);
	/* Whatever a records or hands back changes nothing of b's claim. */
	vl_outbox_release(m);
	assert_int_equal(vl_outbox_record(m, VL_MAIL_RETRY, "late"), VL_OK);
	assert_int_equal(vl_outbox_record(m, VL_MAIL_SENT, ""), VL_OK);
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ':', MIN(lease_owner)) FROM notifications"
	    " WHERE recipient = '%s' AND status = 'sending'", r), vl_pool_printf(dbt_pool, "3:%s", n->lease));
	assert_int_equal(vl_outbox_hold(dbt_pool, &bb, n), VL_OK);
	assert_int_equal(vl_outbox_record(n, VL_MAIL_SENT, ""), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sent'", r), "3");
}

static void
test_one_row_of_a_window_lost(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r = who("part");

	(void)state;
	window(r, 4);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	dbt_one("UPDATE notifications SET lease_owner = 'mailer-c/1', attempts = attempts + 1"
	    " WHERE id = %lld", (long long)m->rows[2].id);
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_CONFLICT);
	age(&b);
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_CONFLICT);
	vl_outbox_release(m);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'retry'", r), "3");
}

/* A row cancelled while a mailer holds it (a removed participant's news, a
 * voided invitation: OUTBOX_CANCEL_*) is not sent, and a failed attempt
 * recorded afterwards does not bring it back. */
static void
test_a_cancelled_row_is_not_sent(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r = who("cancel");

	(void)state;
	window(r, 2);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	dbt_one("UPDATE notifications SET status = 'dead', payload = NULL, lease_until = NULL,"
	    " last_error = 'cancelled' WHERE id = %lld", (long long)m->rows[1].id);
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_CONFLICT);
	assert_int_equal(vl_outbox_record(m, VL_MAIL_RETRY, "failed"), VL_OK);
	assert_string_equal(dbt_one("SELECT status FROM notifications WHERE id = %lld",
	    (long long)m->rows[1].id), "dead");
	assert_string_equal(dbt_one("SELECT CONCAT(status, ':', lease_owner IS NULL) FROM notifications"
	    " WHERE id = %lld", (long long)m->rows[0].id), "retry:1");
}

static void
test_renewal_extends_the_lease(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r = who("renew");

	(void)state;
	window(r, 1);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), lease_until) BETWEEN %lld - 2 AND %lld"
	    " FROM notifications WHERE recipient = '%s'", (long long)vl_conf.mail_lease,
	    (long long)vl_conf.mail_lease, r), "1");
	dbt_one("UPDATE notifications SET lease_until = NOW(6) + INTERVAL 1 SECOND WHERE recipient = '%s'", r);
	/* Young, the batch is only checked; old, the lease is renewed. */
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_OK);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), lease_until) <= 1"
	    " FROM notifications WHERE recipient = '%s'", r), "1");
	age(&b);
	assert_int_equal(vl_outbox_hold(dbt_pool, &b, m), VL_OK);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), lease_until) >= %lld - 2"
	    " FROM notifications WHERE recipient = '%s'", (long long)vl_conf.mail_lease, r), "1");
	vl_outbox_release(m);
	assert_string_equal(dbt_one("SELECT CONCAT(status, ':', attempts) FROM notifications"
	    " WHERE recipient = '%s'", r), "retry:0");
}

static void
test_failures_back_off_then_park(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m;
	uint64_t seq = 0;
	char	*r = who("fail");

	(void)state;
	window(r, 2);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	assert_int_equal(vl_outbox_record(m, VL_MAIL_RETRY, "421 busy"), VL_OK);
	/* Not lost: waiting for its next attempt, half to all of the base. */
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ':', MIN(TIMESTAMPDIFF(SECOND, NOW(6),"
	    " next_attempt_at) >= %lld / 2 - 1), ':', MIN(last_error)) FROM notifications"
	    " WHERE recipient = '%s' AND status = 'retry' AND lease_owner IS NULL",
	    (long long)vl_conf.mail_backoff_base, r), "2:1:421 busy");
	/* The last attempt allowed: parked for an admin to see. */
	dbt_one("UPDATE notifications SET next_attempt_at = '2000-01-01', attempts = %lld - 1"
	    " WHERE recipient = '%s'", (long long)vl_conf.mail_max_attempts, r);
	assert_true(claim_for(r, own("mailer-a"), &seq, &b, &m));
	assert_int_equal(vl_outbox_record(m, VL_MAIL_RETRY, "421 busy"), VL_OK);
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ':', MIN(status)) FROM notifications"
	    " WHERE recipient = '%s'", r), "2:dead");
}

static int
setup(void **state)
{
	(void)state;
	return dbt_setup("test_outbox");
}

static int
teardown(void **state)
{
	(void)state;
	dbt_one("DELETE FROM notifications WHERE recipient LIKE '%%-%s@outbox.test'", dbt_tag);
	dbt_teardown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_window_is_claimed_whole),
		cmocka_unit_test(test_a_batch_has_whole_windows_and_single_rows),
		cmocka_unit_test(test_held_rows_of_a_key_stay_held),
		cmocka_unit_test(test_a_lost_lease_is_not_held),
		cmocka_unit_test(test_one_row_of_a_window_lost),
		cmocka_unit_test(test_a_cancelled_row_is_not_sent),
		cmocka_unit_test(test_renewal_extends_the_lease),
		cmocka_unit_test(test_failures_back_off_then_park),
	};

	return cmocka_run_group_tests_name("outbox", tests, setup, teardown);
}
