/*
 * The domain functions through struct vl_ctx, with no request at all, as
 * the mailer, vellumctl or the API would call them: posting a message (a
 * firm user's and a client's), changing a client's login email, and
 * signing in (firm user and client), each checked in the rows it leaves.
 * Every run makes its own user, contact, matters and portals, named with
 * the run's tag.  Run by tests/run-all with VELLUM_CONF pointing at the
 * test stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "event.h"
#include "notify.h"
#include "portal.h"
#include "msg.h"
#include "signin.h"
#include "account.h"
#include "dbtest.h"

#define PASSWORD	"domain-test-password"
#define REMOTE		"192.0.2.7"

static int64_t	 user, contact, matter, portal, matter2, portal2;
static char	*user_email, *login1, *login2;

/* The context of the firm user, or of the client contact, or of nobody. */
static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, REMOTE);
	ctx->name = u ? "Domain Tester" : c ? "Domain Client" : "";
	return ctx;
}

static char *
num(int64_t n)
{
	return vl_pool_printf(dbt_pool, "%lld", (long long)n);
}

/* A matter of the contact with an open portal it takes part in. */
static void
matter_with_portal(const char *number, int64_t *mid, int64_t *pid)
{
	uint64_t	 id;

	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number,
	    "Domain test", contact, "open"), VL_OK);
	*mid = (int64_t)id;
	assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, *mid, user), VL_OK);
	*pid = (int64_t)id;
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, *pid,
	    dbt_firm, contact), VL_OK);
}

static int
setup(void **state)
{
	char		 hash[128];

	(void)state;
	if (dbt_setup("test_domain") != 0 || vl_pw_hash(PASSWORD, hash) != VL_OK)
		return -1;
	user_email = vl_pool_printf(dbt_pool, "u-%s@domain.test", dbt_tag);
	login1 = vl_pool_printf(dbt_pool, "c-%s@domain.test", dbt_tag);
	login2 = vl_pool_printf(dbt_pool, "c2-%s@domain.test", dbt_tag);
	if ((user = dbt_user(user_email, "Domain Tester", PASSWORD)) == 0 ||
	    (contact = dbt_contact("Domain Client", login1)) == 0 ||
	    vl_db_exec(STMT_CONTACT_EMAIL_INSERT, NULL, NULL, "iisii", dbt_firm, contact, login2,
	    (int64_t)0, (int64_t)1) != VL_OK ||
	    vl_db_exec(STMT_ACCOUNT_ENSURE, NULL, NULL, "ii", dbt_firm, contact) != VL_OK ||
	    vl_db_exec(STMT_ACCOUNT_SET_PASSWORD, NULL, NULL, "sii", hash, dbt_firm, contact) != VL_OK)
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
test_firm_user_posts(void **state)
{
	struct vl_msg_new n = { .body = "From the firm" };
	const char	*why;

	(void)state;
	matter_with_portal(vl_pool_printf(dbt_pool, "D-%s", dbt_tag), &matter, &portal);
	assert_int_equal(vl_msg_post(as(user, 0), matter, &n, &why), VL_OK);
	assert_string_equal(dbt_one("SELECT CONCAT(author_user, ':', body) FROM messages"
	    " WHERE portal_id = %lld", (long long)portal), vl_pool_printf(dbt_pool, "%lld:From the firm",
	    (long long)user));
	/* The client, who has an account, is told in a coalesced mail. */
	assert_string_equal(dbt_one("SELECT kind FROM notifications WHERE recipient = '%s'", login1),
	    vl_mail_kinds[VL_MAIL_CLIENT_ITEMS]);
	assert_string_equal(dbt_one("SELECT CONCAT(user_id, ':', ip) FROM audit_log WHERE item_id = %lld"
	    " AND action = 'portal_message_sent'", (long long)matter),
	    vl_pool_printf(dbt_pool, "%lld:" REMOTE, (long long)user));
}

static void
test_client_posts(void **state)
{
	struct vl_msg_new n = { .body = "From the client" };
	const char	*why;

	(void)state;
	assert_int_equal(vl_msg_post(as(0, contact), matter, &n, &why), VL_OK);
	assert_string_equal(dbt_one("SELECT author_contact FROM messages WHERE portal_id = %lld"
	    " AND body = 'From the client'", (long long)portal), num(contact));
	/* The firm user who took part is told, named with the client's name. */
	assert_string_equal(dbt_one("SELECT kind FROM notifications WHERE recipient = '%s'",
	    user_email), vl_mail_kinds[VL_MAIL_FIRM_ITEMS]);
	assert_non_null(strstr(dbt_one("SELECT payload FROM notifications WHERE recipient = '%s'",
	    user_email), "who=Domain"));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE item_id = %lld"
	    " AND action = 'client_message' AND IFNULL(user_id, 0) = 0", (long long)matter), "1");
}

static void
test_post_refusals(void **state)
{
	struct vl_msg_new empty = { .body = "" }, two = { .body = "x", .doc = 1, .folder = 1 };
	struct vl_msg_new doc = { .body = "x", .doc = 1 };
	const int	 off[VL_PERM__MAX] = { [VL_PERM_MESSAGES] = 0, [VL_PERM_DOCUMENTS] = 1 };
	const int	 on[VL_PERM__MAX] = { 1, 1 };
	const char	*why;

	(void)state;
	assert_int_equal(vl_msg_post(as(user, 0), matter, &empty, &why), VL_INVALID);
	assert_non_null(why);
	assert_int_equal(vl_msg_post(as(user, 0), matter, &two, &why), VL_INVALID);
	assert_non_null(why);
	/* A client attaches only a new upload; nobody at all posts nothing. */
	assert_int_equal(vl_msg_post(as(0, contact), matter, &doc, &why), VL_FORBIDDEN);
	assert_int_equal(vl_msg_post(as(0, 0), matter, &doc, &why), VL_FORBIDDEN);
	/* Without the Messages permission the client cannot write. */
	assert_int_equal(vl_portal_set_perms(as(user, 0), matter, portal, off), VL_OK);
	assert_int_equal(vl_msg_post(as(0, contact), matter, &doc, &why), VL_FORBIDDEN);
	assert_int_equal(vl_portal_set_perms(as(user, 0), matter, portal, on), VL_OK);
	/* Another firm's matter id is simply not found. */
	assert_int_equal(vl_msg_post(as(user, 0), (int64_t)1 << 50, &doc, &why),
	    VL_DECLINED);
}

static void
test_login_email_in_every_portal(void **state)
{
	const char	*msg;

	(void)state;
	matter_with_portal(vl_pool_printf(dbt_pool, "E-%s", dbt_tag), &matter2, &portal2);
	assert_string_equal(dbt_one("SELECT login_email FROM contacts WHERE id = %lld",
	    (long long)contact), login1);
	assert_int_equal(vl_account_set_login(as(user, 0), contact, login2, &msg), VL_OK);
	assert_string_equal(dbt_one("SELECT login_email FROM contacts WHERE id = %lld",
	    (long long)contact), login2);
	/* Both portals the contact takes part in record it. */
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT portal_id) FROM portal_events"
	    " WHERE contact_id = %lld AND kind = '%s' AND portal_id IN (%lld, %lld)", (long long)contact,
	    vl_portal_events[VL_EV_LOGIN_EMAIL_CHANGED], (long long)portal, (long long)portal2), "2");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'set_email'"
	    " AND item_id = %lld", (long long)contact), "1");
	/* Not one of the contact's addresses: refused, with a reason. */
	assert_int_equal(vl_account_set_login(as(user, 0), contact, "nobody@domain.test", &msg),
	    VL_INVALID);
	assert_non_null(msg);
}

static void
test_firm_user_signs_in(void **state)
{
	struct vl_signed_in in;

	(void)state;
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_USER, NULL, "nobody@domain.test", PASSWORD,
	    NULL, &in), VL_DECLINED);
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_USER, NULL, user_email, "wrong-password-1",
	    NULL, &in), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"
	    " AND item_id = %lld", (long long)user), "1");
	/* Typed in capitals: stored addresses are normalised. */
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_USER, NULL,
	    vl_pool_printf(dbt_pool, "U-%s@Domain.Test", dbt_tag), PASSWORD, "agent/1", &in), VL_OK);
	assert_int_equal(in.firm, dbt_firm);
	assert_int_equal(in.account, user);
	assert_int_equal(strlen(in.token), 43);
	assert_string_equal(dbt_one("SELECT CONCAT(ip, ' ', user_agent) FROM sessions"
	    " WHERE user_id = %lld", (long long)user), REMOTE " agent/1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login'"
	    " AND item_id = %lld", (long long)user), "1");
	assert_string_equal(dbt_one("SELECT failed_logins FROM users WHERE id = %lld",
	    (long long)user), "0");
}

static void
test_client_signs_in(void **state)
{
	struct vl_signed_in in;

	(void)state;
	/* The old login email no longer signs in; a wrong firm knows nobody. */
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_CLIENT, "demo", login1, PASSWORD, NULL, &in),
	    VL_DECLINED);
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_CLIENT, "no-such-firm", login2, PASSWORD,
	    NULL, &in), VL_DECLINED);
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_CLIENT, "demo", login2, "wrong-password-1",
	    NULL, &in), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action ="
	    " 'client_login_failed' AND item_id = %lld", (long long)contact), "1");
	assert_int_equal(vl_signin(as(0, 0), VL_SIGNIN_CLIENT, "demo", login2, PASSWORD, NULL, &in),
	    VL_OK);
	assert_int_equal(in.account, contact);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE contact_id = %lld",
	    (long long)contact), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'client_login'"
	    " AND item_id = %lld", (long long)contact), "1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_firm_user_posts),
		cmocka_unit_test(test_client_posts),
		cmocka_unit_test(test_post_refusals),
		cmocka_unit_test(test_login_email_in_every_portal),
		cmocka_unit_test(test_firm_user_signs_in),
		cmocka_unit_test(test_client_signs_in),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
