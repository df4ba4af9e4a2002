/*
 * The audit chain through struct vl_ctx, with no request: rows appended
 * alone and inside a caller's transaction (rolled back, they vanish and
 * the head does not move), the matter found from the item (never across
 * firms), eight processes appending at once (one chain, no fork), the
 * page's filter and keyset paging.  Each run makes a firm of its own.
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auditlog.h"
#include "dbtest.h"
#include "internal.h"
#include "audit.h"

static int64_t	 firm, matter, demo_matter, user;

static struct vl_ctx *
as_user(void)
{
	struct vl_ctx	*c = vl_pool_calloc(dbt_pool, 1, sizeof(*c));

	vl_ctx_init(c, dbt_pool, firm, user, 0, "198.51.100.4");
	return c;
}

static int64_t
count(const char *where)
{
	int64_t	 n = -1;

	vl_strtonum(dbt_one("SELECT COUNT(*) FROM audit_log WHERE firm_id = %lld%s",
	    (long long)firm, where), 0, INT64_MAX, &n);
	return n;
}

static void
intact(int64_t rows)
{
	struct vl_audit_check	 chk;

	assert_int_equal(vl_auditlog_verify(dbt_pool, firm, &chk), VL_OK);
	assert_int_equal(chk.rows, rows);
	assert_null(chk.what);
	assert_int_equal(strlen(chk.head), 64);
}

static int
setup(void **state)
{
	uint64_t	 id;
	char		 hash[128];

	(void)state;
	if (dbt_setup("test_audit") != 0 || vl_pw_hash("audit-test-password", hash) != VL_OK)
		return -1;
	if (vl_db_exec(STMT_FIRM_INSERT, NULL, &id, "ss", "Audit Test",
	    vl_pool_printf(dbt_pool, "audit-%s", dbt_tag)) != VL_OK)
		return -1;
	firm = (int64_t)id;
	if (vl_db_exec(STMT_USER_INSERT, NULL, &id, "issss", firm,
	    vl_pool_printf(dbt_pool, "a-%s@audit.test", dbt_tag), "Audrey Audit", "admin",
	    hash) != VL_OK)
		return -1;
	user = (int64_t)id;
	if (vl_db_exec(STMT_CONTACT_INSERT, NULL, &id, "iss", firm, "person", "Audit Client") != VL_OK ||
	    vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", firm, "AT-1", "Audit matter",
	    (int64_t)id, "open") != VL_OK)
		return -1;
	matter = (int64_t)id;
	if (vl_db_row(dbt_pool, STMT_AUDIT_MATTER_BY_NUMBER, "is", "i", dbt_firm, "2026-0001",
	    &demo_matter) != VL_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

static void
test_append_alone_and_in_a_transaction(void **state)
{
	(void)state;
	intact(0);
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0, "login", "user", user, 0), VL_OK);
	intact(1);
	assert_string_equal(dbt_one("SELECT CONCAT(seq, ' ', ip, ' ', HEX(hash) = (SELECT HEX(hash)"
	    " FROM audit_heads WHERE firm_id = %lld)) FROM audit_log WHERE firm_id = %lld",
	    (long long)firm, (long long)firm), "1 198.51.100.4 1");
	/* Rolled back with the change it records: no row, the head unmoved. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0, "portal_opened", "matter",
	    matter, 0), VL_OK);
	vl_db_rollback();
	assert_int_equal(count(""), 1);
	intact(1);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0, "portal_opened", "matter",
	    matter, 0), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	intact(2);
	/* Text longer than its column is cut, as it is hashed. */
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0,
	    "an_action_name_that_goes_on_and_on_and_on_well_past_sixty_four_bytes_in_all",
	    "user", user, 0), VL_OK);
	intact(3);
}

static void
test_matter_of_the_item(void **state)
{
	(void)state;
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0, "portal_opened", "matter",
	    matter, 0), VL_OK);
	assert_string_equal(dbt_one("SELECT matter_id FROM audit_log WHERE firm_id = %lld ORDER BY id"
	    " DESC LIMIT 1", (long long)firm), vl_pool_printf(dbt_pool, "%lld", (long long)matter));
	/* Another firm's matter is no matter of this firm's row. */
	assert_int_equal(vl_auditlog_append(as_user(), firm, user, 0, "portal_opened", "matter",
	    demo_matter, 0), VL_OK);
	assert_string_equal(dbt_one("SELECT COALESCE(matter_id, 'none') FROM audit_log WHERE"
	    " firm_id = %lld ORDER BY id DESC LIMIT 1", (long long)firm), "none");
	/* Named by the caller (a deleted item's). */
	vl_audit_in(as_user(), matter, "document_deleted", "document", 999999999);
	assert_string_equal(dbt_one("SELECT CONCAT(action, ' ', matter_id) FROM audit_log WHERE"
	    " firm_id = %lld ORDER BY id DESC LIMIT 1", (long long)firm),
	    vl_pool_printf(dbt_pool, "document_deleted %lld", (long long)matter));
	intact(count(""));
}

/* Eight processes, each with its own connection, append 25 rows each. */
static void
test_appends_at_once(void **state)
{
	pid_t	 kids[8];
	int	 i, j, st, ok = 1;
	int64_t	 before = count("");

	(void)state;
	vl_db_close();
	for (i = 0; i < 8; i++) {
		if ((kids[i] = fork()) == 0) {
			struct vl_pool	*p = vl_pool_new();
			struct vl_ctx	 c;
			vl_ctx_init(&c, p, firm, user, 0, "203.0.113.9");
			for (j = 0; j < 25; j++)
				if (vl_auditlog_append(&c, firm, user, 0, "login_failed", "user", user,
				    0) != VL_OK)
					_exit(1);
			_exit(0);
		}
		assert_true(kids[i] > 0);
	}
	for (i = 0; i < 8; i++)
		ok &= waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	assert_true(ok);
	assert_int_equal(count(""), before + 200);
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT seq) = COUNT(*) AND MAX(seq) = COUNT(*)"
	    " FROM audit_log WHERE firm_id = %lld", (long long)firm), "1");
	intact(before + 200);
}

static void
test_filter_and_pages(void **state)
{
	struct vl_audit_filter	 f;
	struct vl_audit_entry	*e;
	enum vl_audit_field	 bad;
	struct vl_ctx		*c = as_user();
	int64_t			 total = count(""), seen = 0, before = 0, last = INT64_MAX;
	size_t			 n, i;
	int			 more, pages = 0;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(vl_auditlog_filter(c, &f, &bad), VL_OK);
	do {
		assert_int_equal(vl_auditlog_page(c, &f, before, &e, &n, &more), VL_OK);
		for (i = 0; i < n; i++) {
			assert_true(e[i].id < last);	/* newest first, no repeats */
			last = e[i].id;
			assert_string_equal(e[i].user, "Audrey Audit");
		}
		seen += (int64_t)n;
		pages++;
		assert_true(n == VL_AUDIT_PAGE || !more);
		before = n ? e[n - 1].id : 0;
	} while (more && pages < 100);
	assert_int_equal(seen, total);
	assert_int_equal(pages, (total + VL_AUDIT_PAGE - 1) / VL_AUDIT_PAGE);
	/* By matter: the rows of AT-1. */
	f.matter = "AT-1";
	assert_int_equal(vl_auditlog_filter(c, &f, &bad), VL_OK);
	assert_int_equal(vl_auditlog_page(c, &f, 0, &e, &n, &more), VL_OK);
	assert_int_equal(n, 3);	/* opened twice (a third rolled back), the deletion */
	/* Another firm's matter number and user are this firm's "none". */
	f.matter = "2026-0001";
	assert_int_equal(vl_auditlog_filter(c, &f, &bad), VL_INVALID);
	assert_int_equal(bad, VL_AF_MATTER);
	f.matter = NULL;
	f.user = dbt_one("SELECT id FROM users WHERE firm_id = %lld LIMIT 1", (long long)dbt_firm);
	assert_int_equal(vl_auditlog_filter(c, &f, &bad), VL_INVALID);
	assert_int_equal(bad, VL_AF_USER);
	f.user = "";
	f.from = "2026-05-01";
	f.to = "2026-04-30";
	assert_int_equal(vl_auditlog_filter(c, &f, &bad), VL_INVALID);
	assert_int_equal(bad, VL_AF_TO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_alone_and_in_a_transaction),
		cmocka_unit_test(test_matter_of_the_item),
		cmocka_unit_test(test_appends_at_once),
		cmocka_unit_test(test_filter_and_pages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
