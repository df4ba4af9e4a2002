/*
 * Two-factor sign-in through struct vl_ctx, with no request: enrolment
 * confirmed by a code, a code refused once its step (or a later one) was
 * used, recovery codes used once, the second sign-in step counted against
 * the throttle and audited, another firm's account kept apart, the firm's
 * switch (admins only, who must have it first; it ends the sessions of
 * those without it), and My account's own sessions.  Each run makes its
 * own users, named with the run's tag; the firm's switch is turned off
 * again at the end (the demo firm is shared with other suites).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <liboath/oath.h>

#include "vellum.h"
#include "signin.h"
#include "dbtest.h"
#include "twofactor.h"
#include "myaccount.h"

#define PASSWORD	"twofactor-test-password"
#define REMOTE		"192.0.2.9"

static int64_t	 member, admin, plain, other_firm;
static char	*member_email, *admin_email, *plain_email;
static unsigned char	 secret[VL_TOTP_SECRET_LEN];

static struct vl_ctx *
as(int64_t u)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, 0, REMOTE);
	return ctx;
}

static int64_t
new_user(const char *who, const char *role, char **email)
{
	char		 hash[128];
	uint64_t	 id;

	*email = vl_pool_printf(dbt_pool, "%s.%s@twofactor.test", who, dbt_tag);
	assert_int_equal(vl_pw_hash(PASSWORD, hash), VL_OK);
	assert_int_equal(vl_db_exec(STMT_USER_INSERT, NULL, &id, "issss", dbt_firm, *email,
	    who, role, hash), VL_OK);
	return (int64_t)id;
}

static const char *
code(int64_t t)
{
	static char	 c[7];

	assert_int_equal(vl_totp_code(secret, sizeof(secret), vl_totp_step(t), 6, c), VL_OK);
	return c;
}

/* Enrols user: the secret of the page (base32) decoded here, as an app would. */
static void
enrol(int64_t user, struct vl_tf_codes *codes)
{
	struct vl_tf_acct	 a = { dbt_firm, VL_SIGNIN_USER, user };
	struct vl_tf_enrol	 e;
	char			*raw = NULL;
	size_t			 n = 0;

	assert_int_equal(vl_tf_begin(as(user), &a, 1, &e), VL_OK);
	assert_non_null(strstr(e.uri, "otpauth://totp/"));
	assert_non_null(strstr(e.uri, e.secret));
	assert_true(e.qr_size >= 29);
	assert_int_equal(oath_base32_decode(e.secret, strlen(e.secret), &raw, &n), OATH_OK);
	assert_int_equal(n, VL_TOTP_SECRET_LEN);
	memcpy(secret, raw, n);
	free(raw);
	/* Nothing takes effect before a right code. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_tf_confirm(as(user), &a, "000000", time(NULL) + 3600, codes), VL_DECLINED);
	vl_db_rollback();
	assert_int_equal(vl_me_totp_confirm(as(user), code(time(NULL)), codes), VL_OK);
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_twofactor") != 0)
		return -1;
	vl_db_exec(STMT_FIRM_INSERT, NULL, NULL, "ss", "Other 2FA firm",
	    vl_pool_printf(dbt_pool, "tf-%s", dbt_tag));
	other_firm = strtoll(dbt_one("SELECT id FROM firms WHERE slug = 'tf-%s'", dbt_tag), NULL, 10);
	member = new_user("member", "member", &member_email);
	admin = new_user("admin", "admin", &admin_email);
	plain = new_user("plain", "member", &plain_email);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vl_db_exec(STMT_TF_SET_REQUIRED, NULL, NULL, "ii", (int64_t)0, dbt_firm);
	dbt_teardown();
	return 0;
}

static void
test_enrol_and_reuse(void **state)
{
	struct vl_tf_acct	 a = { dbt_firm, VL_SIGNIN_USER, member };
	struct vl_tf_state	 st;
	struct vl_tf_codes	 codes;
	int64_t			 now = time(NULL);
	int			 rec;

	(void)state;
	enrol(member, &codes);
	assert_int_equal(vl_tf_state(as(member), &a, &st), VL_OK);
	assert_true(st.enrolled);
	assert_int_equal(st.recovery_left, 10);
	/* The secret is sealed: not the base32 text, nor the raw bytes. */
	assert_int_equal(strlen(dbt_one("SELECT secret FROM totp WHERE firm_id = %lld AND"
	    " account_id = %lld AND kind = 'user'", (long long)dbt_firm, (long long)member)), 120);
	/* The confirming code's step is used: the same code is refused. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_tf_verify(as(0), &a, code(now), now, &rec), VL_CONFLICT);
	/* The next step's code passes once; then it and every earlier one are refused. */
	assert_int_equal(vl_tf_verify(as(0), &a, code(now + 30), now + 30, &rec), VL_OK);
	assert_false(rec);
	assert_int_equal(vl_tf_verify(as(0), &a, code(now + 30), now + 30, &rec), VL_CONFLICT);
	assert_int_equal(vl_tf_verify(as(0), &a, code(now), now + 30, &rec), VL_CONFLICT);
	/* Two steps away: simply wrong. */
	assert_int_equal(vl_tf_verify(as(0), &a, code(now + 120), now + 60, &rec), VL_DECLINED);
	assert_int_equal(vl_tf_verify(as(0), &a, "12345x", now + 60, &rec), VL_DECLINED);
	assert_int_equal(vl_db_commit(), VL_OK);
	/* Another firm's account of the same id has nothing. */
	a.firm = other_firm;
	assert_int_equal(vl_tf_state(as(0), &a, &st), VL_OK);
	assert_false(st.enrolled);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_tf_verify(as(0), &a, code(now + 60), now + 60, &rec), VL_DECLINED);
	vl_db_rollback();
}

static void
test_recovery_once(void **state)
{
	struct vl_tf_acct	 a = { dbt_firm, VL_SIGNIN_USER, member };
	struct vl_tf_state	 st;
	struct vl_tf_codes	 codes;
	char			 upper[16];
	size_t			 i;
	int			 rec = 0;

	(void)state;
	assert_int_equal(vl_me_recovery_new(as(member), &codes), VL_OK);
	for (i = 0; codes.code[3][i] != '\0'; i++)
		upper[i] = (char)(codes.code[3][i] >= 'a' && codes.code[3][i] <= 'z' ?
		    codes.code[3][i] - 32 : codes.code[3][i]);
	upper[i] = '\0';
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_tf_verify(as(0), &a, upper, time(NULL), &rec), VL_OK);
	assert_true(rec);
	assert_int_equal(vl_tf_verify(as(0), &a, codes.code[3], time(NULL), &rec), VL_DECLINED);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_tf_state(as(member), &a, &st), VL_OK);
	assert_int_equal(st.recovery_left, 9);
	/* Only hashes are stored. */
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM totp_recovery WHERE firm_id = %lld AND"
	    " account_id = %lld AND code_hash = '%s'", (long long)dbt_firm, (long long)member,
	    codes.code[4]), "0");
	/* New codes replace the old ones. */
	assert_int_equal(vl_me_recovery_new(as(member), &codes), VL_OK);
	assert_int_equal(vl_tf_state(as(member), &a, &st), VL_OK);
	assert_int_equal(st.recovery_left, 10);
	/* Someone without two-factor sign-in has none to renew. */
	assert_int_equal(vl_me_recovery_new(as(plain), &codes), VL_CONFLICT);
}

static void
test_second_step(void **state)
{
	struct vl_signed_in	 in, out;
	struct vl_tf_codes	 codes, rec;
	char			 pending[44];
	int64_t			 now = time(NULL);

	(void)state;
	/* The earlier tests used steps up to now + 1: start this one afresh. */
	dbt_one("UPDATE totp SET last_step = 0 WHERE firm_id = %lld AND kind = 'user'"
	    " AND account_id = %lld", (long long)dbt_firm, (long long)member);
	assert_int_equal(vl_me_recovery_new(as(member), &rec), VL_OK);
	/* The right password starts no session: a pending step. */
	assert_int_equal(vl_signin(as(0), VL_SIGNIN_USER, NULL, member_email, PASSWORD, "test",
	    &in), VL_OK);
	assert_int_equal(in.step, VL_STEP_CODE);
	memcpy(pending, in.token, sizeof(pending));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)member), "0");
	/* Not a client's pending sign-in. */
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_CLIENT, pending, code(now), "test",
	    &codes, &out), VL_DECLINED);
	/* A wrong code: refused, audited, counted (with the password's attempt). */
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, pending, "000000", "test", &codes,
	    &out), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login_code_failed'"
	    " AND user_id = %lld", (long long)member), "1");
	assert_string_equal(dbt_one("SELECT failed FROM login_throttle WHERE kind = 'user'"
	    " AND account_id = %lld AND addr = '%s'", (long long)member, REMOTE), "2");
	/* The right code: signed in, the counts cleared. */
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, pending, code(now), "test", &codes,
	    &out), VL_OK);
	assert_int_equal(out.account, member);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)member), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM login_throttle WHERE kind = 'user'"
	    " AND account_id = %lld", (long long)member), "0");
	/* The pending token worked once. */
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, pending, rec.code[0], "test",
	    &codes, &out), VL_DECLINED);
	/* A new sign-in with the same code: refused (its step was used). */
	assert_int_equal(vl_signin(as(0), VL_SIGNIN_USER, NULL, member_email, PASSWORD, "test",
	    &in), VL_OK);
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, code(now), "test",
	    &codes, &out), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login_code_reused'"
	    " AND user_id = %lld", (long long)member), "1");
	/* Five failures from one address pause it: a right recovery code is
	 * refused too, and left unused. */
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, "abcde-fghjk", "t", &codes,
	    &out), VL_DECLINED);
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, "222222", "t", &codes, &out),
	    VL_DECLINED);
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, "333333", "t", &codes, &out),
	    VL_DECLINED);
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, rec.code[0], "t",
	    &codes, &out), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login_throttled'"
	    " AND user_id = %lld", (long long)member), "1");
	/* Once the pause is over (cleared here), the same code signs in. */
	vl_db_exec(STMT_THROTTLE_CLEAR, NULL, NULL, "isis", dbt_firm, "user", member, REMOTE);
	assert_int_equal(vl_signin_code(as(0), VL_SIGNIN_USER, in.token, rec.code[0], "t",
	    &codes, &out), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login_recovery_code'"
	    " AND user_id = %lld", (long long)member), "1");
}

static void
test_required(void **state)
{
	struct vl_tf_codes	 codes;
	struct vl_signed_in	 in, out;
	struct vl_ctx		*c = as(admin);
	char			 tok[44];

	(void)state;
	/* A member may not; an admin without it may not either. */
	assert_int_equal(vl_tf_set_required(as(member), 1), VL_FORBIDDEN);
	assert_int_equal(vl_tf_set_required(c, 1), VL_CONFLICT);
	assert_int_equal(vl_tf_required(c, dbt_firm), 0);
	/* A session of a user without it, ended by the switch. */
	assert_int_equal(vl_sess_new(as(plain), VL_SIGNIN_USER, dbt_firm, plain, "test", tok), VL_OK);
	enrol(admin, &codes);
	assert_int_equal(vl_tf_set_required(c, 1), VL_OK);
	assert_int_equal(vl_tf_required(c, dbt_firm), 1);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)plain), "0");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'settings_2fa_required'"
	    " AND user_id = %lld", (long long)admin), "1");
	/* While required, it cannot be removed (replacing it is allowed). */
	assert_int_equal(vl_me_totp_remove(as(member), PASSWORD), VL_CONFLICT);
	/* The user without it: after the password, the enrolment step. */
	assert_int_equal(vl_signin(as(0), VL_SIGNIN_USER, NULL, plain_email, PASSWORD, "t", &in), VL_OK);
	assert_int_equal(in.step, VL_STEP_ENROL);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld",
	    (long long)plain), "0");
	assert_int_equal(vl_tf_set_required(c, 0), VL_OK);
	assert_int_equal(vl_tf_required(c, dbt_firm), 0);
	/* Optional again: removal takes the password, counted if wrong. */
	assert_int_equal(vl_me_totp_remove(as(member), "not the password!"), VL_INVALID);
	assert_int_equal(vl_me_totp_remove(as(member), PASSWORD), VL_OK);
	assert_int_equal(vl_signin(as(0), VL_SIGNIN_USER, NULL, member_email, PASSWORD, "t", &out),
	    VL_OK);
	assert_int_equal(out.step, VL_STEP_DONE);
}

static void
test_own_sessions(void **state)
{
	struct vl_me_session	*list;
	struct vl_ctx		*c = as(member);
	unsigned char		 h[32];
	char			 t1[44], t2[44], t3[44];
	size_t			 n;
	int			 more, cur;
	int64_t			 other_id;

	(void)state;
	vl_db_exec(STMT_SESS_DELETE_USER, NULL, NULL, "ii", member, dbt_firm);
	assert_int_equal(vl_sess_new(c, VL_SIGNIN_USER, dbt_firm, member,
	    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", t1), VL_OK);
	assert_int_equal(vl_sess_new(c, VL_SIGNIN_USER, dbt_firm, member,
	    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1", t2),
	    VL_OK);
	assert_int_equal(vl_sess_new(as(admin), VL_SIGNIN_USER, dbt_firm, admin, "x", t3), VL_OK);
	vl_sha256(t1, 43, h);
	assert_int_equal(vl_me_sessions(c, h, 0, &list, &n, &more), VL_OK);
	assert_int_equal(n, 2);
	assert_false(more);
	assert_true(list[0].current + list[1].current == 1);
	assert_string_equal(list[0].address, REMOTE);
	/* Another person's session is not found, and stays. */
	other_id = strtoll(dbt_one("SELECT id FROM sessions WHERE user_id = %lld", (long long)admin),
	    NULL, 10);
	assert_int_equal(vl_me_end_session(c, h, other_id, &cur), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE id = %lld",
	    (long long)other_id), "1");
	/* One's other session ends; then the current one, said so. */
	assert_int_equal(vl_me_end_session(c, h, list[list[0].current ? 1 : 0].id, &cur), VL_OK);
	assert_false(cur);
	assert_int_equal(vl_me_end_session(c, h, list[list[0].current ? 0 : 1].id, &cur), VL_OK);
	assert_true(cur);
}

static const struct {
	const char	*agent, *browser, *os;
} devices[] = {
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
	    " Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge", "Windows" },
	{ "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
	    " Version/17.5 Safari/605.1.15", "Safari", "macOS" },
	{ "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
	    " Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome", "Android" },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
	    " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "iOS" },
	{ "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux" },
	{ "curl/8.5.0", "curl", NULL },
	{ "", NULL, NULL },
	{ "\xff\xfe garbage", NULL, NULL },
};

static void
test_device(void **state)
{
	const char	*b, *o;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		vl_me_device(devices[i].agent, &b, &o);
		if (devices[i].browser == NULL)
			assert_null(b);
		else
			assert_string_equal(b, devices[i].browser);
		if (devices[i].os == NULL)
			assert_null(o);
		else
			assert_string_equal(o, devices[i].os);
	}
	vl_me_device(NULL, &b, &o);
	assert_null(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enrol_and_reuse),
		cmocka_unit_test(test_recovery_once),
		cmocka_unit_test(test_second_step),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_own_sessions),
		cmocka_unit_test(test_device),
	};

	return cmocka_run_group_tests_name("twofactor", tests, setup, teardown);
}
