/*
 * The mailer's claims (lib/outbox.c) against the test stack's database: a
 * window is claimed whole whatever its size and by one mailer only; a lease
 * renewed right before the send fails once another mailer holds the rows,
 * and what a mailer that lost its lease records changes nothing.  Run by
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

static void
test_a_window_is_claimed_whole(void **state)
{
	struct vl_outbox_mail m, other;
	char	*r = who("big");

	(void)state;
	window(r, 120);
	assert_int_equal(vl_outbox_claim(dbt_pool, "mailer-a", &m), VL_OK);
	assert_string_equal(m.to, r);
	assert_int_equal(m.n, 120);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sending' AND lease_owner = 'mailer-a'", r), "120");
	/* A second mailer gets none of it. */
	if (vl_outbox_claim(dbt_pool, "mailer-b", &other) == VL_OK) {
		assert_string_not_equal(other.to, r);
		vl_outbox_release(&other, "mailer-b");
	}
	assert_int_equal(vl_outbox_renew(&m, "mailer-a"), VL_OK);
	assert_int_equal(vl_outbox_record(&m, "mailer-a", VL_MAIL_SENT, ""), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sent'", r), "120");
}

static void
test_a_lost_lease_is_not_renewed(void **state)
{
	struct vl_outbox_mail m, b;
	char	*r = who("lost");

	(void)state;
	window(r, 3);
	assert_int_equal(vl_outbox_claim(dbt_pool, "mailer-a", &m), VL_OK);
	assert_string_equal(m.to, r);
	/* Mailer a stalls past its lease; mailer b claims the window again. */
	dbt_one("UPDATE notifications SET lease_until = NOW(6) - INTERVAL 1 SECOND WHERE recipient = '%s'", r);
	assert_int_equal(vl_outbox_claim(dbt_pool, "mailer-b", &b), VL_OK);
	assert_string_equal(b.to, r);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.rows[0].attempts, m.rows[0].attempts + 1);
	/* a's renewal before sending fails: it must not send. */
	assert_int_equal(vl_outbox_renew(&m, "mailer-a"), VL_CONFLICT);
	/* Whatever a records or hands back changes nothing of b's claim. */
	vl_outbox_release(&m, "mailer-a");
	assert_int_equal(vl_outbox_record(&m, "mailer-a", VL_MAIL_RETRY, "late"), VL_OK);
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ':', MIN(lease_owner)) FROM notifications"
	    " WHERE recipient = '%s' AND status = 'sending'", r), "3:mailer-b");
	assert_int_equal(vl_outbox_renew(&b, "mailer-b"), VL_OK);
	assert_int_equal(vl_outbox_record(&b, "mailer-b", VL_MAIL_SENT, ""), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sent'", r), "3");
}

static void
test_one_row_of_a_window_lost(void **state)
{
	struct vl_outbox_mail m;
	char	*r = who("part");

	(void)state;
	window(r, 4);
	assert_int_equal(vl_outbox_claim(dbt_pool, "mailer-a", &m), VL_OK);
	assert_string_equal(m.to, r);
	dbt_one("UPDATE notifications SET lease_owner = 'mailer-c', attempts = attempts + 1"
	    " WHERE id = %lld", (long long)m.rows[2].id);
	assert_int_equal(vl_outbox_renew(&m, "mailer-a"), VL_CONFLICT);
}

static void
test_renewal_extends_the_lease(void **state)
{
	struct vl_outbox_mail m;
	char	*r = who("renew");

	(void)state;
	window(r, 1);
	assert_int_equal(vl_outbox_claim(dbt_pool, "mailer-a", &m), VL_OK);
	assert_string_equal(m.to, r);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), lease_until) BETWEEN %lld - 2 AND %lld"
	    " FROM notifications WHERE recipient = '%s'", (long long)vl_conf.mail_lease,
	    (long long)vl_conf.mail_lease, r), "1");
	dbt_one("UPDATE notifications SET lease_until = NOW(6) + INTERVAL 1 SECOND WHERE recipient = '%s'", r);
	assert_int_equal(vl_outbox_renew(&m, "mailer-a"), VL_OK);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), lease_until) >= %lld - 2"
	    " FROM notifications WHERE recipient = '%s'", (long long)vl_conf.mail_lease, r), "1");
	vl_outbox_release(&m, "mailer-a");
	assert_string_equal(dbt_one("SELECT CONCAT(status, ':', attempts) FROM notifications"
	    " WHERE recipient = '%s'", r), "retry:0");
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
		cmocka_unit_test(test_a_lost_lease_is_not_renewed),
		cmocka_unit_test(test_one_row_of_a_window_lost),
		cmocka_unit_test(test_renewal_extends_the_lease),
	};

	return cmocka_run_group_tests_name("outbox", tests, setup, teardown);
}
