/*
 * Coalescing rules (F-B8, F-E4) against the real database of the test
 * stack: the first item opens a window, items inside it join, an item after
 * it opens a new one, recipients never share a window, and claimed rows of
 * a window come back together after a mailer dies.  Run by tests/run-all
 * with VELLUM_CONF pointing at the test stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "notify.h"
#include "dbtest.h"
#include "mail.h"

static char *
who(const char *name)
{
	return vl_pool_printf(dbt_pool, "%s-%s@coalesce.test", name, dbt_tag);
}

static void
queue(const char *recipient, const char *item)
{
	assert_int_equal(vl_notify_coalesced(dbt_pool, dbt_firm, VL_MAIL_CLIENT_ITEMS, recipient,
	    vl_pool_printf(dbt_pool, "what=%s&matter=T&link=x&when=w", item)), VL_OK);
}

static void
test_first_item_opens_a_window(void **state)
{
	char	*r = who("a");

	(void)state;
	queue(r, "one");
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, created_at, next_attempt_at) FROM notifications"
	    " WHERE recipient = '%s'", r), vl_pool_printf(dbt_pool, "%lld", (long long)vl_conf.notify_window));
	assert_string_equal(dbt_one("SELECT coalesce_key FROM notifications WHERE recipient = '%s'", r),
	    vl_pool_printf(dbt_pool, "client_items:%lld:%s", (long long)dbt_firm, r));
}

static void
test_items_inside_join_it(void **state)
{
	char	*r = who("b");

	(void)state;
	queue(r, "one");
	queue(r, "two");
	queue(r, "three");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'", r), "3");
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT next_attempt_at) FROM notifications"
	    " WHERE recipient = '%s'", r), "1");
}

static void
test_item_after_the_window_opens_another(void **state)
{
	char	*r = who("c");

	(void)state;
	queue(r, "one");
	/* The window's end passes (as if the minute had gone by). */
	dbt_one("UPDATE notifications SET next_attempt_at = NOW(6) - INTERVAL 1 SECOND,"
	    " status = 'sent' WHERE recipient = '%s'", r);
	queue(r, "two");
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT next_attempt_at) FROM notifications"
	    " WHERE recipient = '%s'", r), "2");
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, NOW(6), MAX(next_attempt_at)) >= %lld - 1"
	    " FROM notifications WHERE recipient = '%s'", (long long)vl_conf.notify_window, r), "1");
	/* A window whose end has passed but is not yet sent is closed too. */
	dbt_one("UPDATE notifications SET next_attempt_at = NOW(6) - INTERVAL 1 SECOND"
	    " WHERE recipient = '%s' AND status = 'queued'", r);
	queue(r, "three");
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT next_attempt_at) FROM notifications"
	    " WHERE recipient = '%s'", r), "3");
}

static void
test_recipients_never_share_a_window(void **state)
{
	char	*r1 = who("d1"), *r2 = who("d2");

	(void)state;
	queue(r1, "one");
	queue(r2, "one");
	queue(r1, "two");
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT coalesce_key) FROM notifications"
	    " WHERE recipient IN ('%s', '%s')", r1, r2), "2");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'", r1), "2");
	/* The same address at another kind (dbt_firm mail) is another window. */
	assert_int_equal(vl_notify_coalesced(dbt_pool, dbt_firm, VL_MAIL_FIRM_ITEMS, r1,
	    "what=x&matter=T&link=x&who=y&when=z"),
	    VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT coalesce_key) FROM notifications"
	    " WHERE recipient = '%s'", r1), "2");
}

/* Claims batches with the mailer's own function until recipient r's email
 * comes up (other suites' rows may be due too: those are handed back). */
static int
claim_for(const char *r, const char *owner, struct vl_outbox_batch *b, struct vl_outbox_mail **m)
{
	static uint64_t seq;
	size_t	 i, j;
	int	 found;

	for (i = 0; i < 20; i++) {
		if (vl_outbox_claim(dbt_pool, owner, &seq, 64, b) != VL_OK)
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

static void
test_a_dead_mailers_window_comes_back_whole(void **state)
{
	struct vl_outbox_batch b;
	struct vl_outbox_mail *m, dead;
	char	*r = who("e"), *alive = who("f");

	(void)state;
	queue(r, "one");
	queue(r, "two");
	queue(alive, "three");
	/* A mailer claimed r's window, then died: its lease ran out.  Another
	 * mailer is still sending alive's window: its lease holds. */
	dbt_one("UPDATE notifications SET status = 'sending', lease_owner = 'dead-mailer/1',"
	    " lease_until = NOW(6) - INTERVAL 1 SECOND, attempts = 1,"
	    " next_attempt_at = NOW(6) - INTERVAL 1 SECOND WHERE recipient = '%s'", r);
	dbt_one("UPDATE notifications SET status = 'sending', lease_owner = 'busy-mailer/1',"
	    " lease_until = NOW(6) + INTERVAL 1 HOUR, attempts = 1,"
	    " next_attempt_at = NOW(6) - INTERVAL 1 SECOND WHERE recipient = '%s'", alive);
	/* The mailer's real claim takes the dead one's window back, whole. */
	assert_true(claim_for(r, vl_pool_printf(dbt_pool, "live-mailer-%s-%d", dbt_tag, __LINE__), &b, &m));
	assert_int_equal(m->n, 2);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sending' AND lease_owner = '%s' AND sent_at IS NULL", r, m->lease), "2");
	/* The dead mailer is fenced: it can neither hold nor record. */
	dead = *m;
	dead.lease = "dead-mailer/1";
	assert_int_not_equal(vl_outbox_hold(dbt_pool, &b, &dead), VL_OK);
	(void)vl_outbox_record(&dead, VL_MAIL_SENT, "");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND status = 'sent'", r), "0");
	vl_outbox_release(m);
	/* A live lease is never taken over. */
	assert_false(claim_for(alive, vl_pool_printf(dbt_pool, "live-mailer-%s-%d", dbt_tag, __LINE__), &b, &m));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND lease_owner = 'busy-mailer/1'", alive), "1");
}

static int
setup(void **state)
{
	(void)state;
	return dbt_setup("test_coalesce");
}

static int
teardown(void **state)
{
	(void)state;
	/* The rows go, so the stack's mailer does not send to these addresses. */
	dbt_one("DELETE FROM notifications WHERE recipient LIKE '%%-%s@coalesce.test'", dbt_tag);
	dbt_teardown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_item_opens_a_window),
		cmocka_unit_test(test_items_inside_join_it),
		cmocka_unit_test(test_item_after_the_window_opens_another),
		cmocka_unit_test(test_recipients_never_share_a_window),
		cmocka_unit_test(test_a_dead_mailers_window_comes_back_whole),
	};

	return cmocka_run_group_tests_name("coalesce", tests, setup, teardown);
}
