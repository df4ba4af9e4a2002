/*
 * Links that set a password, through struct vl_ctx with no request: a firm
 * user's reset link and a client's invitation and reset links each work
 * once (the second use is VL_DECLINED), a password too short is VL_INVALID
 * and leaves the link usable, and a use sets the password, ends the
 * account's sessions, queues the "password set" or "changed" mail and
 * writes the audit row.  Every run makes its own user, contact, matter and
 * portal, named with the run's tag.  Run by tests/run-all with VELLUM_CONF
 * pointing at the test stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "notify.h"
#include "account.h"
#include "dbtest.h"

#define OLD_PASSWORD	"account-test-old-password"
#define NEW_PASSWORD	"account-test-new-password"
#define REMOTE		"192.0.2.8"

static int64_t	 user, contact;
static char	*user_email, *login;

static struct vl_ctx *
nobody(void)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, 0, 0, 0, REMOTE);
	return ctx;
}

/* A session of the account, as a sign-in elsewhere would have left. */
static void
signed_in(enum vl_signin_kind kind, int64_t account)
{
	char	 tok[44];

	assert_int_equal(vl_sess_new(nobody(), kind, dbt_firm, account, "other/1", tok), VL_OK);
}

/* The token of the newest link mailed to email, read from its outbox row
 * (the payload carries it urlencoded, after "token%3D"). */
static char *
mailed_token(const char *email, enum vl_mail_kind kind)
{
	char	*tok;

	tok = dbt_one("SELECT SUBSTRING(payload, LOCATE('token%%3D', payload) + 8, 43)"
	    " FROM notifications WHERE recipient = '%s' AND kind = '%s' ORDER BY id DESC LIMIT 1",
	    email, vl_mail_kinds[kind]);
	assert_non_null(tok);
	assert_int_equal(strlen(tok), 43);
	return vl_pool_strdup(dbt_pool, tok);
}

/* The mailer sends the newest mail of kind to email: a client link's hour
 * starts now. */
static void
mailer_sends(const char *email, enum vl_mail_kind kind)
{
	char	*id;

	id = dbt_one("SELECT id FROM notifications WHERE recipient = '%s' AND kind = '%s'"
	    " ORDER BY id DESC LIMIT 1", email, vl_mail_kinds[kind]);
	assert_non_null(id);
	vl_account_mail_sending(vl_mail_kinds[kind], (int64_t)strtoll(id, NULL, 10));
}

static int
setup(void **state)
{
	uint64_t	 id;
	int64_t		 matter, portal;

	(void)state;
	if (dbt_setup("test_account") != 0)
		return -1;
	user_email = vl_pool_printf(dbt_pool, "u-%s@account.test", dbt_tag);
	login = vl_pool_printf(dbt_pool, "c-%s@account.test", dbt_tag);
	if ((user = dbt_user(user_email, "Account Tester", OLD_PASSWORD)) == 0)
		return -1;
	/* A client with no account yet, in a portal: what an invitation finds. */
	if ((contact = dbt_contact("Account Client", login)) == 0 ||
	    vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm,
	    vl_pool_printf(dbt_pool, "A-%s", dbt_tag), "Account test", contact, "open") != VL_OK)
		return -1;
	matter = (int64_t)id;
	if (vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, matter, user) != VL_OK)
		return -1;
	portal = (int64_t)id;
	if (vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, portal, dbt_firm,
	    contact) != VL_OK)
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
test_user_reset_once(void **state)
{
	struct vl_link	 l;
	const char	*msg;
	char		*tok;

	(void)state;
	assert_int_equal(vl_account_user_forgot(nobody(), user_email), VL_OK);
	tok = mailed_token(user_email, VL_MAIL_PASSWORD_RESET);
	assert_int_equal(vl_account_user_reset_link(nobody(), tok, &l), VL_OK);
	assert_string_equal(l.email, user_email);
	assert_int_equal(l.account, user);
	signed_in(VL_SIGNIN_USER, user);

	/* Too short, or typed differently twice: refused with a reason, the
	 * link still usable. */
	assert_int_equal(vl_account_user_reset(nobody(), tok, "short", "short", &l, &msg),
	    VL_INVALID);
	assert_non_null(msg);
	assert_string_equal(l.email, user_email);
	assert_int_equal(vl_account_user_reset(nobody(), tok, NEW_PASSWORD, "something-else-1", &l,
	    &msg), VL_INVALID);
	assert_non_null(msg);
	assert_int_equal(vl_account_user_reset_link(nobody(), tok, &l), VL_OK);

	assert_int_equal(vl_account_user_reset(nobody(), tok, NEW_PASSWORD, NEW_PASSWORD, &l, &msg),
	    VL_OK);
	assert_true(vl_pw_verify(dbt_one("SELECT pw_hash FROM users WHERE id = %lld",
	    (long long)user), NEW_PASSWORD));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)user), "0");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND kind = '%s' AND payload LIKE '%%what=changed%%'", user_email,
	    vl_mail_kinds[VL_MAIL_PASSWORD_CHANGED]), "1");
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ' ', MAX(ip)) FROM audit_log"
	    " WHERE action = 'password_reset' AND item_id = %lld", (long long)user), "1 " REMOTE);

	/* Used once: the second use and the page's lookup find nothing. */
	assert_int_equal(vl_account_user_reset(nobody(), tok, "another-password-2",
	    "another-password-2", &l, &msg), VL_DECLINED);
	assert_int_equal(vl_account_user_reset_link(nobody(), tok, &l), VL_DECLINED);
	assert_true(vl_pw_verify(dbt_one("SELECT pw_hash FROM users WHERE id = %lld",
	    (long long)user), NEW_PASSWORD));
	/* Not a token at all. */
	assert_int_equal(vl_account_user_reset(nobody(), NULL, NEW_PASSWORD, NEW_PASSWORD, &l,
	    &msg), VL_DECLINED);
	assert_int_equal(vl_account_user_reset_link(nobody(), "short", &l), VL_DECLINED);
}

static void
test_client_accepts_invitation_once(void **state)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	struct vl_link	 l;
	const char	*msg;
	char		*tok, session[44];

	(void)state;
	vl_buf_add_param(&payload, "name", "Account Client");
	vl_buf_add_param(&payload, "matter", "A");
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_account_link(nobody(), dbt_firm, contact, VL_MAIL_INVITATION, &payload),
	    VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	vl_buf_release(&payload);
	tok = mailed_token(login, VL_MAIL_INVITATION);
	/* Its hour starts when the mailer sends it; unsent, it does not work. */
	assert_int_equal(vl_account_client_link(nobody(), tok, &l), VL_DECLINED);
	mailer_sends(login, VL_MAIL_INVITATION);
	assert_int_equal(vl_account_client_link(nobody(), tok, &l), VL_OK);
	assert_int_equal(l.firm, dbt_firm);
	assert_int_equal(l.account, contact);
	assert_string_equal(l.email, login);
	assert_string_equal(l.slug, "demo");
	assert_non_null(l.firm_name);

	assert_int_equal(vl_account_client_accept(nobody(), tok, "short", "short", NULL, &l,
	    session, &msg), VL_INVALID);
	assert_non_null(msg);
	assert_string_equal(l.email, login);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM client_accounts WHERE contact_id = %lld"
	    " AND pw_hash IS NOT NULL", (long long)contact), "0");

	assert_int_equal(vl_account_client_accept(nobody(), tok, NEW_PASSWORD, NEW_PASSWORD,
	    "agent/2", &l, session, &msg), VL_OK);
	assert_int_equal(strlen(session), 43);
	assert_true(vl_pw_verify(dbt_one("SELECT pw_hash FROM client_accounts WHERE firm_id = %lld"
	    " AND contact_id = %lld", (long long)dbt_firm, (long long)contact), NEW_PASSWORD));
	/* Signed in: the one session is the new one. */
	assert_string_equal(dbt_one("SELECT CONCAT(COUNT(*), ' ', MAX(user_agent)) FROM sessions"
	    " WHERE contact_id = %lld", (long long)contact), "1 agent/2");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND kind = '%s' AND payload LIKE '%%what=set%%'", login,
	    vl_mail_kinds[VL_MAIL_PASSWORD_CHANGED]), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action ="
	    " 'client_invitation_accepted' AND item_id = %lld", (long long)contact), "1");

	assert_int_equal(vl_account_client_accept(nobody(), tok, "another-password-2",
	    "another-password-2", NULL, &l, session, &msg), VL_DECLINED);
	assert_int_equal(vl_account_client_link(nobody(), tok, &l), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action ="
	    " 'client_invitation_accepted' AND item_id = %lld", (long long)contact), "1");
}

static void
test_client_reset_ends_sessions(void **state)
{
	struct vl_link	 l;
	const char	*msg;
	char		*tok, session[44];

	(void)state;
	signed_in(VL_SIGNIN_CLIENT, contact);
	signed_in(VL_SIGNIN_CLIENT, contact);
	/* Typed in capitals: the link goes to the stored address. */
	assert_int_equal(vl_account_client_forgot(nobody(), "demo",
	    vl_pool_printf(dbt_pool, "C-%s@Account.Test", dbt_tag)), VL_OK);
	tok = mailed_token(login, VL_MAIL_CLIENT_RESET);
	mailer_sends(login, VL_MAIL_CLIENT_RESET);
	assert_int_equal(vl_account_client_accept(nobody(), tok, OLD_PASSWORD, OLD_PASSWORD, NULL,
	    &l, session, &msg), VL_OK);
	/* The sessions from before are gone; only the new one is left. */
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE contact_id = %lld",
	    (long long)contact), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = '%s'"
	    " AND kind = '%s' AND payload LIKE '%%what=changed%%'", login,
	    vl_mail_kinds[VL_MAIL_PASSWORD_CHANGED]), "1");
	assert_int_equal(l.account, contact);
	assert_int_equal(vl_account_client_accept(nobody(), tok, NEW_PASSWORD, NEW_PASSWORD, NULL,
	    &l, session, &msg), VL_DECLINED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_reset_once),
		cmocka_unit_test(test_client_accepts_invitation_once),
		cmocka_unit_test(test_client_reset_ends_sessions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
