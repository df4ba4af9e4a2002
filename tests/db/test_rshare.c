/*
 * The one sharing rule of portal records (lib/rshare.c), through struct
 * vl_ctx with no request: a record shared once however often it is shared,
 * opened by a participant only while shared, with the permission of its
 * kind on, and never by a removed participant, a contact of the firm who
 * does not take part, or anyone of another matter.  Notifications go
 * through the outbox inside the caller's transaction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "matter.h"
#include "portal.h"
#include "rshare.h"
#include "dbtest.h"

static int64_t	 user, contact, outsider, matter, portal, matter2;

static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, "192.0.2.9");
	ctx->name = u ? "Share Tester" : "Share Client";
	return ctx;
}

static int64_t
new_matter(const char *number, int64_t *pid)
{
	uint64_t	 id;

	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number,
	    "Sharing test", contact, "open"), VL_OK);
	if (pid != NULL) {
		int64_t	 mid = (int64_t)id;

		assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, mid,
		    user), VL_OK);
		*pid = (int64_t)id;
		assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, *pid,
		    dbt_firm, contact), VL_OK);
		return mid;
	}
	return (int64_t)id;
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_rshare") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@rshare.test", dbt_tag), "Share Tester",
	    "rshare-test-password");
	contact = dbt_contact("Share Client", vl_pool_printf(dbt_pool, "c-%s@rshare.test", dbt_tag));
	outsider = dbt_contact("Not In It", vl_pool_printf(dbt_pool, "o-%s@rshare.test", dbt_tag));
	if (user == 0 || contact == 0 || outsider == 0)
		return -1;
	matter = new_matter(vl_pool_printf(dbt_pool, "RS-%s-1", dbt_tag), &portal);
	matter2 = new_matter(vl_pool_printf(dbt_pool, "RS-%s-2", dbt_tag), NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* Shares (on) or unshares record kind/id of mid in one transaction. */
static enum vl_rc
set(int64_t mid, enum vl_record_kind kind, int64_t id, int on, int *changed)
{
	struct vl_ctx	*c = as(user, 0);
	struct vl_matter m;
	enum vl_rc	 rc;

	assert_int_equal(vl_matter_load(c, mid, &m), VL_OK);
	assert_int_equal(vl_db_begin(), VL_OK);
	rc = vl_rshare_set(c, &m, kind, id, on, "Test record", changed);
	if (rc == VL_OK)
		assert_int_equal(vl_db_commit(), VL_OK);
	else
		vl_db_rollback();
	return rc;
}

static void
test_shared_once(void **state)
{
	int	 changed = -1;

	(void)state;
	assert_int_equal(set(matter, VL_REC_NOTE, 101, 1, &changed), VL_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(set(matter, VL_REC_NOTE, 101, 1, &changed), VL_OK);
	assert_int_equal(changed, 0);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM shares WHERE portal_id = %lld AND "
	    "record_kind = 'note' AND record_id = 101 AND revoked_at IS NULL", (long long)portal), "1");
	assert_int_equal(vl_rshare_is_shared(as(user, 0), matter, VL_REC_NOTE, 101), 1);
	/* A task of the same id is another record. */
	assert_int_equal(vl_rshare_is_shared(as(user, 0), matter, VL_REC_TASK, 101), 0);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM portal_events WHERE portal_id = %lld AND "
	    "kind = 'shared' AND detail = ': Test record'", (long long)portal), "1");
}

static void
test_client_may(void **state)
{
	struct vl_client_portal p;
	int	 on[VL_PERM__MAX] = { 1, 1, 1, 1, 1, 1, 1 };

	(void)state;
	assert_int_equal(set(matter, VL_REC_TASK, 202, 1, NULL), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, 202, &p), VL_OK);
	assert_int_equal(p.portal, portal);
	/* Not shared, another kind, another matter, a firm user, a non-participant. */
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, 203, &p),
	    VL_DECLINED);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_EVENT, 202, &p),
	    VL_DECLINED);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter2, VL_REC_TASK, 202, &p),
	    VL_DECLINED);
	assert_int_equal(vl_rshare_client_may(as(user, 0), matter, VL_REC_TASK, 202, &p),
	    VL_DECLINED);
	assert_int_equal(vl_rshare_client_may(as(0, outsider), matter, VL_REC_TASK, 202, &p),
	    VL_DECLINED);
	/* The permission of the kind off: refused; on again: open again. */
	on[VL_PERM_TASKS] = 0;
	assert_int_equal(vl_portal_set_perms(as(user, 0), matter, portal, on), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, 202, &p),
	    VL_DECLINED);
	on[VL_PERM_TASKS] = 1;
	assert_int_equal(vl_portal_set_perms(as(user, 0), matter, portal, on), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, 202, &p), VL_OK);
	/* Unshared: refused at once. */
	assert_int_equal(set(matter, VL_REC_TASK, 202, 0, NULL), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, 202, &p),
	    VL_DECLINED);
}

static void
test_no_portal(void **state)
{
	int	 changed = -1;

	(void)state;
	assert_int_equal(set(matter2, VL_REC_EVENT, 301, 1, &changed), VL_CONFLICT);
	assert_int_equal(set(matter2, VL_REC_EVENT, 301, 0, &changed), VL_OK);
	assert_int_equal(changed, 0);
	/* Outside a transaction the rule refuses to run. */
	{
		struct vl_matter m;

		assert_int_equal(vl_matter_load(as(user, 0), matter, &m), VL_OK);
		assert_int_equal(vl_rshare_set(as(user, 0), &m, VL_REC_EVENT, 301, 1, "x", NULL),
		    VL_ERR);
	}
}

static void
test_removed_participant_and_reads(void **state)
{
	struct vl_client_portal p;

	(void)state;
	assert_int_equal(set(matter, VL_REC_FORM, 404, 1, NULL), VL_OK);
	assert_int_equal(vl_rshare_first_read(as(user, 0), matter, VL_REC_FORM, 404), 0);
	assert_int_equal(vl_rshare_read(as(0, contact), portal, VL_REC_FORM, 404, "Intake", 1),
	    VL_OK);
	assert_int_equal(vl_rshare_read(as(0, contact), portal, VL_REC_FORM, 404, "Intake", 1),
	    VL_OK);
	assert_true(vl_rshare_first_read(as(user, 0), matter, VL_REC_FORM, 404) > 0);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM portal_events WHERE portal_id = %lld AND "
	    "kind = 'read_item' AND detail = ': form Intake'", (long long)portal), "1");
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_REMOVE, NULL, NULL, "iii", dbt_firm, portal,
	    contact), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_FORM, 404, &p),
	    VL_DECLINED);
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, portal,
	    dbt_firm, contact), VL_OK);
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_FORM, 404, &p), VL_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_once),
		cmocka_unit_test(test_client_may),
		cmocka_unit_test(test_no_portal),
		cmocka_unit_test(test_removed_participant_and_reads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
