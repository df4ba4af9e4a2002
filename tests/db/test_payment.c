/*
 * The payment module (lib/payment.c) through struct vl_ctx with no
 * request: the provider's secrets sealed and never shown, money recorded
 * offline within the balance, trust apart from operating, refunds that
 * re-open a bill, a bank (ACH) payment refunded only in full, and
 * webhooks refused unless the firm's secret signed them recently, a
 * delivery seen before changing nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "vellum.h"
#include "listing.h"
#include "payment.h"
#include "stripesig.h"
#include "dbtest.h"

static int64_t	 user, contact, other, matter;
static char	 cur[4];

#define WHSEC	"whsec_dbtestsecret0123456789"

static struct vl_ctx *
as(int64_t u)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, 0, "192.0.2.10");
	return ctx;
}

static int64_t
num(const char *s)
{
	int64_t	 v = -1;

	assert_non_null(s);
	if (vl_strtonum(s, INT64_MIN, INT64_MAX, &v) != VL_OK)
		fail_msg("not a number: \"%s\"", s);
	return v;
}

/* A final bill (kind "bill" or "trust") of total for contact c. */
static int64_t
bill(const char *kind, int64_t c, int64_t total, const char *issued)
{
	static int	 seq;

	int64_t		 id;

	id = num(dbt_one("INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state,"
	    " currency, total, balance, issued_on, created_at, updated_at) VALUES (%lld, '%s',"
	    " 'PT-%s-%d', %lld, %lld, 'final', '%s', %lld, %lld, '%s', NOW(6), NOW(6));"
	    " SELECT LAST_INSERT_ID()", (long long)dbt_firm, kind, dbt_tag, ++seq, (long long)c,
	    (long long)matter, cur, (long long)total, (long long)total, issued));
	dbt_one("INSERT INTO bill_matters (bill_id, firm_id, matter_id) VALUES (%lld, %lld, %lld)",
	    (long long)id, (long long)dbt_firm, (long long)matter);
	return id;
}

/* The stand-in provider's test account ("key secret" beside the
 * configuration file, as bin/stack writes it) into key and whsec. */
static int
standin(char key[128], char whsec[128])
{
	const char	*conf = getenv("VELLUM_CONF");
	char		 path[1024], *slash;
	FILE		*f;
	int		 n;

	if (conf == NULL || strlen(conf) >= sizeof(path) - 32)
		return 0;
	snprintf(path, sizeof(path), "%s", conf);
	if ((slash = strrchr(path, '/')) == NULL)
		return 0;
	snprintf(slash + 1, sizeof(path) - (size_t)(slash + 1 - path), "standin-account");
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fscanf(f, "%127s %127s", key, whsec);
	fclose(f);
	return n == 2;
}

static int64_t
balance(int64_t b)
{
	return num(dbt_one("SELECT balance FROM bills WHERE id = %lld", (long long)b));
}

static const char *
state(int64_t b)
{
	return dbt_one("SELECT state FROM bills WHERE id = %lld", (long long)b);
}

static int
setup(void **state_)
{
	uint64_t	 id;
	char		*s;

	(void)state_;
	if (dbt_setup("test_payment") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@pay.test", dbt_tag), "Pay Tester",
	    "payment-test-password");
	contact = dbt_contact("Pay Client", vl_pool_printf(dbt_pool, "c-%s@pay.test", dbt_tag));
	other = dbt_contact("Other Client", vl_pool_printf(dbt_pool, "o-%s@pay.test", dbt_tag));
	if (user == 0 || contact == 0 || other == 0)
		return -1;
	if (vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm,
	    vl_pool_printf(dbt_pool, "PT-%s", dbt_tag), "Payments test", contact, "open") != VL_OK)
		return -1;
	matter = (int64_t)id;
	if ((s = dbt_one("SELECT currency FROM firms WHERE id = %lld", (long long)dbt_firm)) == NULL)
		return -1;
	snprintf(cur, sizeof(cur), "%s", s);
	return 0;
}

static int
teardown(void **state_)
{
	(void)state_;
	/* the demo firm takes no payments online after this suite, as before it */
	dbt_one("DELETE FROM payment_providers WHERE firm_id = %lld", (long long)dbt_firm);
	dbt_teardown();
	return 0;
}

/* The provider's secrets: required the first time, checked, sealed (the
 * stored text is not the secret), shown as hints only, kept when left
 * blank. */
static void
test_provider(void **state_)
{
	struct vl_ctx			*c = as(user);
	struct vl_form_err		 e = { NULL, NULL };
	struct vl_pay_provider		 p;
	struct vl_pay_provider_in	 in = { "Test account", "", "", 1 };
	char				*stored;

	(void)state_;
	assert_int_equal(vl_pay_provider_get(c, &p), VL_OK);
	if (p.configured) {
		/* a rerun on the same stack: start from none */
		dbt_one("DELETE FROM payment_providers WHERE firm_id = %lld", (long long)dbt_firm);
		assert_int_equal(vl_pay_provider_get(c, &p), VL_OK);
	}
	assert_false(p.configured);
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_INVALID);
	assert_string_equal(e.code, "key_missing");
	in.secret_key = "pk_test_publishable";
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_INVALID);
	assert_string_equal(e.code, "key_invalid");
	in.secret_key = "sk_test_abc;DROP";
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_INVALID);
	assert_string_equal(e.code, "key_invalid");
	in.secret_key = "sk_test_dbtestkey0001";
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_INVALID);
	assert_string_equal(e.code, "webhook_missing");
	in.webhook_secret = "sk_test_notawebhooksecret";
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_INVALID);
	assert_string_equal(e.code, "webhook_invalid");
	in.webhook_secret = WHSEC;
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_OK);
	stored = dbt_one("SELECT CONCAT(secret_sealed, ' ', webhook_sealed) FROM payment_providers"
	    " WHERE firm_id = %lld", (long long)dbt_firm);
	assert_non_null(stored);
	assert_null(strstr(stored, "sk_test"));
	assert_null(strstr(stored, "dbtest"));
	assert_int_equal(vl_pay_provider_get(c, &p), VL_OK);
	assert_true(p.configured);
	assert_true(p.enabled);
	assert_string_equal(p.key_hint, "sk_test_\u20260001");
	assert_null(strstr(p.webhook_hint, "dbtestsecret"));
	/* blank keeps the secrets; the label changes */
	in = (struct vl_pay_provider_in){ "Renamed", NULL, "", 1 };
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_OK);
	assert_int_equal(vl_pay_provider_get(c, &p), VL_OK);
	assert_string_equal(p.label, "Renamed");
	assert_string_equal(p.key_hint, "sk_test_\u20260001");
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM audit_log WHERE firm_id = %lld AND"
	    " action = 'payment_provider_saved' AND user_id = %lld", (long long)dbt_firm,
	    (long long)user)), 2);
}

/* Offline money: refused outside the balance and the calendar, recorded
 * in the bill's account, the bill's state following; receipts go to the
 * address on file. */
static void
test_record(void **state_)
{
	struct vl_ctx		*c = as(user);
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_pay_offline	 in = { "100.00", NULL, "check", "No. 1001" };
	int64_t			 b = bill("bill", contact, 30000, "2026-01-05"), t, p = 0;
	char			 today[11];
	static const struct {
		const char *amount, *date, *method, *code;
	} bad[] = {
		{ "300.01", NULL, "check", "amount_over" },
		{ "0", NULL, "check", "amount_zero" },
		{ "-5", NULL, "check", "amount_zero" },
		{ "12.345", NULL, "check", "amount_invalid" },
		{ "ten", NULL, "check", "amount_invalid" },
		{ "99999999999999999999", NULL, "check", "amount_invalid" },
		{ "10", "2026-02-30", "check", "date_invalid" },
		{ "10", "9999-01-01", "check", "date_future" },
		{ "10", NULL, "card", "method_invalid" },
		{ "10", NULL, "bitcoin", "method_invalid" },
	};
	size_t			 i;

	(void)state_;
	vl_date_today(c, today);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vl_pay_offline x = { bad[i].amount, bad[i].date ? bad[i].date : today,
		    bad[i].method, NULL };

		e.code = NULL;
		if (vl_pay_record(c, b, &x, &p, &e) != VL_INVALID || e.code == NULL ||
		    strcmp(e.code, bad[i].code) != 0)
			fail_msg("%s %s %s: want %s, got %s", bad[i].amount, x.date, bad[i].method,
			    bad[i].code, e.code ? e.code : "(none)");
	}
	assert_int_equal(balance(b), 30000);
	in.date = today;
	assert_int_equal(vl_pay_record(c, b, &in, &p, &e), VL_OK);
	assert_int_equal(balance(b), 20000);
	assert_string_equal(state(b), "partial");
	assert_string_equal(dbt_one("SELECT CONCAT(account, ' ', method, ' ', amount) FROM payments"
	    " WHERE id = %lld", (long long)p), "operating check 10000");
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM bill_events WHERE bill_id = %lld AND"
	    " kind = 'paid'", (long long)b)), 1);
	in.amount = "200";
	assert_int_equal(vl_pay_record(c, b, &in, &p, &e), VL_OK);
	assert_int_equal(balance(b), 0);
	assert_string_equal(state(b), "paid");
	/* a paid bill takes no more; neither does another firm's id */
	assert_int_equal(vl_pay_record(c, b, &in, &p, &e), VL_CONFLICT);
	assert_int_equal(vl_pay_record(c, 999999999, &in, &p, &e), VL_DECLINED);
	/* the receipts: to the contact's address on file, nowhere else */
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM notifications WHERE kind ="
	    " 'payment_receipt' AND recipient = 'c-%s@pay.test'", dbt_tag)), 2);
	/* a funds request's money is trust money */
	t = bill("trust", contact, 50000, "2026-01-06");
	in.amount = "500";
	assert_int_equal(vl_pay_record(c, t, &in, &p, &e), VL_OK);
	assert_string_equal(dbt_one("SELECT account FROM payments WHERE id = %lld", (long long)p),
	    "trust");
	assert_string_equal(state(t), "paid");
}

/* Refunds of offline money: partly, re-opening the bill; never more than
 * is left; nothing once all is back. */
static void
test_refund(void **state_)
{
	struct vl_ctx		*c = as(user);
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_pay_offline	 in = { "250", NULL, "wire", "" };
	struct vl_payment	 p;
	int64_t			 b = bill("bill", contact, 25000, "2026-01-07"), id = 0;
	char			 today[11];

	(void)state_;
	vl_date_today(c, today);
	in.date = today;
	assert_int_equal(vl_pay_record(c, b, &in, &id, &e), VL_OK);
	assert_string_equal(state(b), "paid");
	assert_int_equal(vl_pay_refund(c, id, "250.01", NULL, &e), VL_INVALID);
	assert_string_equal(e.code, "amount_over");
	assert_int_equal(vl_pay_refund(c, id, "0", NULL, &e), VL_INVALID);
	assert_string_equal(e.code, "amount_zero");
	assert_int_equal(vl_pay_refund(c, id, "50", "Overpaid fee", &e), VL_OK);
	assert_int_equal(balance(b), 5000);
	assert_string_equal(state(b), "partial");
	assert_int_equal(vl_pay_load(c, id, &p), VL_OK);
	assert_int_equal(p.refunded, 5000);
	assert_int_equal(p.nrefunds, 1);
	assert_string_equal(p.refunds[0].reason, "Overpaid fee");
	assert_int_equal(p.allocs[0].refunded, 5000);
	assert_int_equal(vl_pay_refund(c, id, NULL, NULL, &e), VL_OK);
	assert_int_equal(balance(b), 25000);
	assert_string_equal(state(b), "final");
	assert_int_equal(vl_pay_refund(c, id, NULL, NULL, &e), VL_CONFLICT);
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM bill_events WHERE bill_id = %lld AND"
	    " kind = 'refunded'", (long long)b)), 2);
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM notifications WHERE kind ="
	    " 'refund_receipt' AND recipient = 'c-%s@pay.test'", dbt_tag)), 2);
	/* another firm's payment is none */
	c->firm_id = dbt_firm + 100000;
	assert_int_equal(vl_pay_refund(c, id, NULL, NULL, &e), VL_DECLINED);
}

/* A bank (ACH) payment goes back only whole: refused before the provider
 * is asked. */
static void
test_ach_partial(void **state_)
{
	struct vl_ctx		*c = as(user);
	struct vl_form_err	 e = { NULL, NULL };
	int64_t			 b = bill("bill", contact, 10000, "2026-01-08"), id;

	(void)state_;
	id = num(dbt_one("INSERT INTO payments (firm_id, contact_id, account, method, amount,"
	    " currency, received_on, provider_session, provider_payment, created_at) VALUES"
	    " (%lld, %lld, 'operating', 'ach', 10000, '%s', '2000-01-03', 'cs_x', 'pi_ach_%s',"
	    " NOW(6)); SELECT LAST_INSERT_ID()", (long long)dbt_firm, (long long)contact, cur,
	    dbt_tag));
	dbt_one("INSERT INTO payment_allocations (payment_id, firm_id, bill_id, amount) VALUES"
	    " (%lld, %lld, %lld, 10000); UPDATE bills SET balance = 0, state = 'paid' WHERE id = %lld",
	    (long long)id, (long long)dbt_firm, (long long)b, (long long)b);
	assert_int_equal(vl_pay_refund(c, id, "40", NULL, &e), VL_INVALID);
	assert_string_equal(e.code, "ach_partial");
	assert_string_equal(state(b), "paid");
	assert_int_equal(num(dbt_one("SELECT refunded FROM payments WHERE id = %lld",
	    (long long)id)), 0);
}

/* A webhook: refused unless the firm's secret signed it in the last five
 * minutes; kept once by event id however often it comes. */
static void
test_webhook(void **state_)
{
	struct vl_ctx	*c = as(0);
	struct vl_buf	 h = VL_BUF_INIT;
	char		*body, *evt, *nofirm;
	int64_t		 now = (int64_t)time(NULL);
	int		 i;

	(void)state_;
	evt = vl_pool_printf(dbt_pool, "evt_db_%s", dbt_tag);
	body = vl_pool_printf(dbt_pool, "{\"id\":\"%s\",\"object\":\"event\",\"type\":"
	    "\"charge.succeeded\",\"created\":%lld,\"data\":{\"object\":{\"id\":\"ch_1\","
	    "\"metadata\":{\"firm\":\"%lld\",\"checkout\":\"1\"}}}}", evt, (long long)now,
	    (long long)dbt_firm);
	/* another secret, a stale time, a tampered body, no header */
	vl_stripesig_sign(&h, body, strlen(body), "whsec_someoneelse", now);
	assert_int_equal(vl_pay_webhook(c, vl_buf_str(&h), body, strlen(body), now), VL_FORBIDDEN);
	vl_stripesig_sign(&h, body, strlen(body), WHSEC, now - 301);
	assert_int_equal(vl_pay_webhook(as(0), vl_buf_str(&h), body, strlen(body), now),
	    VL_FORBIDDEN);
	vl_stripesig_sign(&h, body, strlen(body) - 1, WHSEC, now);
	assert_int_equal(vl_pay_webhook(as(0), vl_buf_str(&h), body, strlen(body), now),
	    VL_FORBIDDEN);
	assert_int_equal(vl_pay_webhook(as(0), NULL, body, strlen(body), now), VL_FORBIDDEN);
	assert_int_equal(vl_pay_webhook(as(0), "t=1", "{}", 2, now), VL_INVALID);
	assert_int_equal(num(dbt_one("SELECT COUNT(*) FROM webhook_events WHERE event_id = '%s'",
	    evt)), 0);
	/* a body that is no event, signed or not: refused, nothing kept */
	body[strlen(body) - 1] = ' ';
	vl_stripesig_sign(&h, body, strlen(body), WHSEC, now);
	assert_int_equal(vl_pay_webhook(as(0), vl_buf_str(&h), body, strlen(body), now),
	    VL_INVALID);
	body[strlen(body) - 1] = '}';
	/* a firm without a provider: no secret can sign for it */
	nofirm = vl_pool_printf(dbt_pool, "{\"id\":\"%s_x\",\"type\":\"charge.succeeded\","
	    "\"data\":{\"object\":{\"metadata\":{\"firm\":\"%lld\"}}}}", evt,
	    (long long)dbt_firm + 100000);
	vl_stripesig_sign(&h, nofirm, strlen(nofirm), WHSEC, now);
	assert_int_equal(vl_pay_webhook(as(0), vl_buf_str(&h), nofirm, strlen(nofirm), now),
	    VL_INVALID);
	/* the right secret, many times: one row, handled */
	for (i = 0; i < 5; i++) {
		vl_stripesig_sign(&h, body, strlen(body), WHSEC, now);
		assert_int_equal(vl_pay_webhook(as(0), vl_buf_str(&h), body, strlen(body), now), VL_OK);
	}
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ' ', SUM(handled_at IS NOT NULL))"
	    " FROM webhook_events WHERE event_id = '%s'", evt), "1 1");
	vl_buf_release(&h);
}

/* A checkout: at the provider (the stand-in's account) for what the client
 * chose, never 0 or above the balance, never trust and operating money
 * together, never another contact's bill; nothing is paid until the
 * provider's webhook says so. */
static void
test_checkout(void **state_)
{
	struct vl_ctx			*c = as(user);
	struct vl_form_err		 e = { NULL, NULL };
	struct vl_pay_provider_in	 in = { "Stand-in", NULL, NULL, 1 };
	char				 key[128], whsec[128];
	const char			*url = NULL;
	int64_t				 b = bill("bill", contact, 40000, "2026-02-01");
	int64_t				 t = bill("trust", contact, 10000, "2026-02-02");
	int64_t				 o = bill("bill", other, 10000, "2026-02-03"), both[2];

	(void)state_;
	assert_true(standin(key, whsec));
	in.secret_key = key;
	in.webhook_secret = whsec;
	/* payments off: no checkout */
	in.enabled = 0;
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_OK);
	assert_int_equal(vl_pay_checkout(c, contact, &b, 1, NULL, "http://127.0.0.1/back", &url, &e),
	    VL_FORBIDDEN);
	in.enabled = 1;
	assert_int_equal(vl_pay_provider_save(c, &in, &e), VL_OK);
	assert_int_equal(vl_pay_checkout(c, contact, &b, 1, "400.01", "http://127.0.0.1/back", &url,
	    &e), VL_INVALID);
	assert_string_equal(e.code, "amount_over");
	assert_int_equal(vl_pay_checkout(c, contact, &b, 1, "0.00", "http://127.0.0.1/back", &url, &e),
	    VL_INVALID);
	assert_string_equal(e.code, "amount_zero");
	both[0] = b;
	both[1] = t;
	assert_int_equal(vl_pay_checkout(c, contact, both, 2, NULL, "http://127.0.0.1/back", &url, &e),
	    VL_CONFLICT);
	assert_int_equal(vl_pay_checkout(c, contact, &o, 1, NULL, "http://127.0.0.1/back", &url, &e),
	    VL_DECLINED);
	assert_int_equal(vl_pay_checkout(c, contact, &b, 1, "125.50", "http://127.0.0.1/back", &url,
	    &e), VL_OK);
	assert_non_null(url);
	assert_non_null(strstr(url, "/c/pay/cs_test_"));
	assert_string_equal(dbt_one("SELECT CONCAT(amount, ' ', account, ' ', bills, ' ',"
	    " provider_session LIKE 'cs_test_%%', ' ', completed_at IS NULL) FROM checkouts WHERE"
	    " firm_id = %lld ORDER BY id DESC LIMIT 1", (long long)dbt_firm),
	    vl_pool_printf(dbt_pool, "12550 operating %lld 1 1", (long long)b));
	/* the browser's return marks nothing: the bill owes the same */
	assert_int_equal(balance(b), 40000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provider),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_refund),
		cmocka_unit_test(test_ach_partial),
		cmocka_unit_test(test_webhook),
		cmocka_unit_test(test_checkout),
	};

	return cmocka_run_group_tests_name("payment (db)", tests, setup, teardown);
}
