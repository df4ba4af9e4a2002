/*
 * Bills and pay links (lib/bill.c, lib/paylink.c) through struct vl_ctx
 * with no request: a bill takes a matter's unbilled activities and locks
 * them; its total is its lines'; another firm, another client or a
 * removed participant never loads it; a pay link is stored as a hash,
 * pays while its bill stands and is refused after unshare, void, expiry
 * or payment; voiding is refused while money stays on the bill and frees
 * its activities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "activity.h"
#include "bill.h"
#include "matter.h"
#include "paylink.h"
#include "portal.h"
#include "rshare.h"
#include "dbtest.h"

static int64_t	 user, contact, other, matter, portal, matter2;

static struct vl_ctx *
as(int64_t firm, int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, firm, u, c, "192.0.2.10");
	ctx->name = u ? "Bill Tester" : "Bill Client";
	return ctx;
}

static int64_t
new_matter(const char *number, int64_t client, int64_t *pid)
{
	uint64_t	 id;
	int64_t		 mid;

	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number,
	    "Billing test", client, "open"), VL_OK);
	mid = (int64_t)id;
	if (pid != NULL) {
		assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, mid,
		    user), VL_OK);
		*pid = (int64_t)id;
		assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, *pid,
		    dbt_firm, client), VL_OK);
	}
	return mid;
}

/* An expense of amount minor units on matter m; its id. */
static int64_t
expense(int64_t m, int64_t amount, const char *what)
{
	uint64_t	 id;

	assert_int_equal(vl_db_exec(STMT_ACTIVITY_INSERT, NULL, &id, "iissiiiisiii", dbt_firm, m,
	    "expense", "2026-11-02", (int64_t)0, (int64_t)0, (int64_t)-1, amount, what, (int64_t)0,
	    (int64_t)0, user), VL_OK);
	return (int64_t)id;
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_bills") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@bills.test", dbt_tag), "Bill Tester",
	    "bills-test-password");
	contact = dbt_contact("Bill Client", vl_pool_printf(dbt_pool, "c-%s@bills.test", dbt_tag));
	other = dbt_contact("Other Client", vl_pool_printf(dbt_pool, "o-%s@bills.test", dbt_tag));
	if (user == 0 || contact == 0 || other == 0)
		return -1;
	matter = new_matter(vl_pool_printf(dbt_pool, "BL-%s-1", dbt_tag), contact, &portal);
	matter2 = new_matter(vl_pool_printf(dbt_pool, "BL-%s-2", dbt_tag), contact, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* vl_bill_sum: integers only, never past the cap, no negative line. */
static void
test_sum(void **state)
{
	static const struct {
		int64_t	 a[3];
		size_t	 n;
		int	 ok;
		int64_t	 want;
	} v[] = {
		{ { 0 }, 0, 1, 0 },
		{ { 1, 2, 3 }, 3, 1, 6 },
		{ { VL_BILL_TOTAL_MAX, 0, 0 }, 3, 1, VL_BILL_TOTAL_MAX },
		{ { VL_BILL_TOTAL_MAX, 1, 0 }, 3, 0, 0 },
		{ { INT64_MAX, INT64_MAX, 0 }, 2, 0, 0 },
		{ { 5, -1, 0 }, 3, 0, 0 },
	};
	int64_t	 t;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		t = -7;
		assert_int_equal(vl_bill_sum(v[i].a, v[i].n, &t), v[i].ok);
		if (v[i].ok)
			assert_int_equal(t, v[i].want);
	}
}

static void
test_create_locks(void **state)
{
	struct vl_ctx	*c = as(dbt_firm, user, 0);
	struct vl_form_err e = { NULL, NULL };
	struct vl_activity_in in = { VL_ACT_EXPENSE, "2026-11-03", NULL, NULL, "12.00",
	    "Changed", 0, 0, 0 };
	struct vl_bill	 b;
	struct vl_bill_line *l;
	int64_t		 ids[2], id, again, out;
	size_t		 n;

	(void)state;
	ids[0] = expense(matter, 1050, "Filing fee");
	ids[1] = expense(matter, 2500, "Courier");
	assert_int_equal(vl_bill_create(c, matter, ids, 0, NULL, NULL, &id, &e), VL_INVALID);
	assert_string_equal(e.code, "activities_missing");
	assert_int_equal(vl_bill_create(c, matter, ids, 2, "2026-02-30", NULL, &id, &e), VL_INVALID);
	assert_string_equal(e.code, "due_invalid");
	assert_int_equal(vl_bill_create(c, matter, ids, 2, "2026-12-01", "Thanks", &id, &e), VL_OK);
	assert_int_equal(vl_bill_load(c, id, &b), VL_OK);
	assert_int_equal(b.total, 3550);
	assert_int_equal(b.balance, 3550);
	assert_int_equal(b.state, VL_BILL_DRAFT);
	assert_int_equal(b.matter, matter);
	assert_int_equal(vl_bill_lines(c, &b, &l, &n), VL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(l[0].description, "Filing fee");
	/* Billed: neither taken again nor changed nor deleted. */
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &again, &e), VL_CONFLICT);
	assert_int_equal(vl_activity_save(c, matter, ids[0], &in, &out, &e), VL_CONFLICT);
	assert_int_equal(vl_activity_delete(c, matter, ids[1]), VL_CONFLICT);
	/* Another matter's activity is no such activity here. */
	ids[0] = expense(matter2, 100, "Elsewhere");
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &again, &e), VL_DECLINED);
	/* The same activity twice in one list. */
	ids[1] = ids[0];
	assert_int_equal(vl_bill_create(c, matter2, ids, 2, NULL, NULL, &again, &e), VL_CONFLICT);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM activities WHERE id = %lld AND bill_id IS "
	    "NULL", (long long)ids[0]), "1");
	/* Another firm sees no such bill, nor can bill this matter. */
	assert_int_equal(vl_bill_load(as(dbt_firm + 100000, user, 0), id, &b), VL_DECLINED);
	assert_int_equal(vl_bill_create(as(dbt_firm + 100000, user, 0), matter, ids, 1, NULL, NULL,
	    &again, &e), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM bill_events WHERE bill_id = %lld AND "
	    "kind = 'created'", (long long)id), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'bill_create' "
	    "AND item_id = %lld", (long long)id), "1");
}

static void
test_multi_and_funds(void **state)
{
	struct vl_ctx	*c = as(dbt_firm, user, 0);
	struct vl_form_err e = { NULL, NULL };
	struct vl_bill	 b;
	int64_t		 ids[2], id;
	enum vl_bill_sent how;

	(void)state;
	ids[0] = expense(matter, 100, "One");
	ids[1] = expense(matter2, 200, "Two");
	/* Not the contact's matters: refused. */
	assert_int_equal(vl_bill_create_multi(c, other, ids, 2, NULL, NULL, &id, &e), VL_DECLINED);
	assert_int_equal(vl_bill_create_multi(c, contact, ids, 2, NULL, NULL, &id, &e), VL_OK);
	assert_int_equal(vl_bill_load(c, id, &b), VL_OK);
	assert_int_equal(b.matter, 0);
	assert_int_equal(b.total, 300);
	assert_int_equal(vl_bill_portal_ok(&b), 0);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM bill_matters WHERE bill_id = %lld",
	    (long long)id), "2");
	/* It cannot go through the portal: by itself nothing, in bulk by email. */
	assert_int_equal(vl_bill_share(c, id, 1), VL_CONFLICT);
	assert_int_equal(vl_bill_send(c, id, 1, 0, NULL, 0, &how), VL_OK);
	assert_int_equal(how, VL_SENT_NO_PORTAL);
	assert_int_equal(vl_bill_send(c, id, 1, 0, "Hello", 1, &how), VL_OK);
	assert_int_equal(how, VL_SENT_EMAIL_ONLY);
	/* A funds request: amounts typed, never below a minor unit or above the cap. */
	assert_int_equal(vl_bill_create_funds(c, 0, contact, "12.345", NULL, NULL, &id, &e),
	    VL_INVALID);
	assert_string_equal(e.code, "amount_invalid");
	assert_int_equal(vl_bill_create_funds(c, 0, contact, "0", NULL, NULL, &id, &e), VL_INVALID);
	assert_int_equal(vl_bill_create_funds(c, 0, contact, "99999999999999999", NULL, NULL, &id,
	    &e), VL_INVALID);
	assert_int_equal(vl_bill_create_funds(c, 0, contact + 1000000, "10", NULL, NULL, &id, &e),
	    VL_DECLINED);
	assert_int_equal(vl_bill_create_funds(c, 0, contact, "1,500.00", "2026-12-31", "Retainer",
	    &id, &e), VL_OK);
	assert_int_equal(vl_bill_load(c, id, &b), VL_OK);
	assert_int_equal(b.kind, VL_BILLK_TRUST);
	assert_int_equal(b.total, 150000);
	assert_int_equal(b.matter, 0);
	assert_int_equal(vl_bill_create_funds(c, matter, 0, "20", NULL, NULL, &id, &e), VL_OK);
	assert_int_equal(vl_bill_load(c, id, &b), VL_OK);
	assert_int_equal(b.matter, matter);
	assert_int_equal(b.contact, contact);
}

/* A pay link's hash only; refused once its bill is unshared. */
static void
test_paylink_unshare(void **state)
{
	struct vl_ctx	*c = as(dbt_firm, user, 0), *pub = as(0, 0, 0);
	struct vl_form_err e = { NULL, NULL };
	struct vl_paylink pl;
	struct vl_bill	 b;
	struct vl_client_portal p;
	const char	*url;
	char		 tok[44];
	int64_t		 ids[1], id;

	(void)state;
	ids[0] = expense(matter, 4200, "Advice");
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &id, &e), VL_OK);
	/* Not shared yet: the client cannot open it. */
	assert_int_equal(vl_bill_load_client(as(dbt_firm, 0, contact), id, &b, &p), VL_DECLINED);
	assert_int_equal(vl_bill_share(c, id, 1), VL_OK);
	assert_int_equal(vl_bill_load(c, id, &b), VL_OK);
	assert_int_equal(b.state, VL_BILL_FINAL);		/* sharing finalised it */
	assert_int_equal(vl_bill_load_client(as(dbt_firm, 0, contact), id, &b, &p), VL_OK);
	assert_int_equal(p.portal, portal);
	/* Another contact of the firm, not taking part: no such bill. */
	assert_int_equal(vl_bill_load_client(as(dbt_firm, 0, other), id, &b, &p), VL_DECLINED);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_paylink_issue(c, contact, id, 0, tok, &url), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_non_null(strstr(url, tok));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM pay_links WHERE bill_id = %lld AND "
	    "token_hash = UNHEX(SHA2('%s', 256)) AND expires_at > NOW() + INTERVAL 89 DAY AND "
	    "expires_at < NOW() + INTERVAL 91 DAY", (long long)id, tok), "1");
	/* The token itself is nowhere. */
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM pay_links WHERE HEX(token_hash) = HEX('%s')",
	    tok), "0");
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_OK);
	assert_int_equal(pl.bill, id);
	assert_int_equal(pl.firm, dbt_firm);
	assert_int_equal(pl.contact, contact);
	assert_int_equal(vl_paylink_check(c, tok, &pl), VL_OK);
	/* Another firm's check does not find it; malformed tokens are refused. */
	assert_int_equal(vl_paylink_check(as(dbt_firm + 100000, 0, 0), tok, &pl), VL_DECLINED);
	assert_int_equal(vl_paylink_check(pub, "short", &pl), VL_DECLINED);
	assert_int_equal(vl_paylink_check(pub, NULL, &pl), VL_DECLINED);
	tok[0] = tok[0] == 'A' ? 'B' : 'A';
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
	tok[0] = tok[0] == 'A' ? 'B' : 'A';
	assert_int_equal(vl_bill_share(c, id, 0), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
	assert_int_equal(pl.bill, 0);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM pay_links WHERE bill_id = %lld AND "
	    "revoked_at IS NOT NULL", (long long)id), "1");
	assert_int_equal(vl_bill_load_client(as(dbt_firm, 0, contact), id, &b, &p), VL_DECLINED);
	/* Shared again: the old link stays revoked. */
	assert_int_equal(vl_bill_share(c, id, 1), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
}

static void
test_paylink_void_expiry_paid(void **state)
{
	struct vl_ctx	*c = as(dbt_firm, user, 0), *pub = as(0, 0, 0);
	struct vl_form_err e = { NULL, NULL };
	struct vl_paylink pl;
	char		 tok[44], tok2[44], tok3[44];
	int64_t		 ids[1], id, id2;

	(void)state;
	ids[0] = expense(matter, 900, "Copies");
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &id, &e), VL_OK);
	/* A draft pays nothing. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_paylink_issue(c, contact, id, 0, tok, NULL), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
	assert_int_equal(vl_bill_finalise(c, id), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_OK);
	/* Expired. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_paylink_issue(c, contact, id, 0, tok2, NULL), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_non_null(dbt_one("UPDATE pay_links SET expires_at = NOW(6) - INTERVAL 1 SECOND "
	    "WHERE token_hash = UNHEX(SHA2('%s', 256))", tok2));
	assert_int_equal(vl_paylink_check(pub, tok2, &pl), VL_DECLINED);
	/* Money on it: not voided. */
	assert_non_null(dbt_one("INSERT INTO payments (firm_id, contact_id, account, method, amount, "
	    "currency, received_on, created_at) VALUES (%lld, %lld, 'operating', 'check', 900, 'USD', "
	    "CURDATE(), NOW(6))", (long long)dbt_firm, (long long)contact));
	assert_non_null(dbt_one("INSERT INTO payment_allocations (payment_id, firm_id, bill_id, "
	    "amount) SELECT MAX(id), %lld, %lld, 900 FROM payments WHERE contact_id = %lld",
	    (long long)dbt_firm, (long long)id, (long long)contact));
	assert_int_equal(vl_bill_void(c, id), VL_CONFLICT);
	/* Paid (what the payment module does): the link pays nothing more. */
	assert_non_null(dbt_one("UPDATE bills SET balance = 0, state = 'paid' WHERE id = %lld",
	    (long long)id));
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
	/* Fully refunded: voided, the activity freed, the link revoked. */
	assert_non_null(dbt_one("UPDATE payment_allocations SET refunded = amount WHERE bill_id = "
	    "%lld", (long long)id));
	assert_non_null(dbt_one("UPDATE bills SET balance = total, state = 'final' WHERE id = %lld",
	    (long long)id));
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_OK);
	assert_int_equal(vl_bill_void(c, id), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok, &pl), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM pay_links WHERE bill_id = %lld AND "
	    "revoked_at IS NULL", (long long)id), "0");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM activities WHERE id = %lld AND bill_id IS "
	    "NULL", (long long)ids[0]), "1");
	assert_int_equal(vl_bill_void(c, id), VL_OK);		/* once is enough */
	assert_int_equal(vl_bill_share(c, id, 1), VL_CONFLICT);
	/* The freed activity goes on a new bill. */
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &id2, &e), VL_OK);
	assert_int_equal(vl_bill_finalise(c, id2), VL_OK);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_paylink_issue(c, contact, id2, 0, tok3, NULL), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_paylink_check(pub, tok3, &pl), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'bill_void' AND "
	    "item_id = %lld", (long long)id), "1");
}

static void
test_send_and_view(void **state)
{
	struct vl_ctx	*c = as(dbt_firm, user, 0), *cl = as(dbt_firm, 0, contact);
	struct vl_form_err e = { NULL, NULL };
	struct vl_bill	 b, *rows;
	struct vl_client_portal p;
	struct vl_bill_filter f = { VL_BILL_FINAL, contact, matter, NULL, NULL, 1 };
	struct vl_bill_totals t;
	enum vl_bill_sent how;
	int64_t		 ids[1], id;
	size_t		 n;
	int		 more;

	(void)state;
	ids[0] = expense(matter, 777, "Send me");
	assert_int_equal(vl_bill_create(c, matter, ids, 1, NULL, NULL, &id, &e), VL_OK);
	assert_int_equal(vl_bill_send(c, id, 1, 1, "Please pay", 0, &how), VL_OK);
	assert_int_equal(how, VL_SENT_BOTH);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE kind = 'bill' AND "
	    "recipient = 'c-%s@bills.test' AND payload LIKE '%%message=Please%%20pay%%'", dbt_tag), "1");
	assert_int_equal(vl_bill_load_client(cl, id, &b, &p), VL_OK);
	assert_int_equal(vl_bill_viewed(cl, &b, &p, 1), VL_OK);
	assert_int_equal(vl_bill_viewed(cl, &b, &p, 1), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM bill_events WHERE bill_id = %lld AND "
	    "kind = 'viewed'", (long long)id), "1");
	assert_int_equal(vl_bill_of_portal(cl, &p, 1, &rows, &n, &more), VL_OK);
	assert_true(n >= 1);
	assert_int_equal(vl_bill_find(c, &f, &rows, &n, &more), VL_OK);
	assert_true(n >= 1);
	assert_int_equal(vl_bill_totals(c, &f, &t), VL_OK);
	assert_true(t.count[VL_BILL_FINAL] >= 1);
	f.from = "2026-13-01";
	assert_int_equal(vl_bill_find(c, &f, &rows, &n, &more), VL_INVALID);
	/* Bills permission off: the client no longer opens it. */
	assert_non_null(dbt_one("UPDATE portals SET perm_bills = 0 WHERE id = %lld",
	    (long long)portal));
	assert_int_equal(vl_bill_load_client(cl, id, &b, &p), VL_DECLINED);
	assert_non_null(dbt_one("UPDATE portals SET perm_bills = 1 WHERE id = %lld",
	    (long long)portal));
	/* A removed participant neither. */
	assert_non_null(dbt_one("UPDATE participants SET removed_at = NOW(6) WHERE portal_id = %lld "
	    "AND contact_id = %lld", (long long)portal, (long long)contact));
	assert_int_equal(vl_bill_load_client(cl, id, &b, &p), VL_DECLINED);
	assert_non_null(dbt_one("UPDATE participants SET removed_at = NULL WHERE portal_id = %lld "
	    "AND contact_id = %lld", (long long)portal, (long long)contact));
	assert_int_equal(vl_bill_load_client(cl, id, &b, &p), VL_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sum),
		cmocka_unit_test(test_create_locks),
		cmocka_unit_test(test_multi_and_funds),
		cmocka_unit_test(test_paylink_unshare),
		cmocka_unit_test(test_paylink_void_expiry_paid),
		cmocka_unit_test(test_send_and_view),
	};

	return cmocka_run_group_tests_name("bills", tests, setup, teardown);
}
