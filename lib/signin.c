/*
 * Sign-in rules shared by firm users and clients: every attempt on a known
 * account is counted before its password is checked, one atomic UPDATE per
 * counter (so parallel guesses cannot all slip past a count read earlier),
 * first per account and address, then per account over all addresses with
 * a looser limit.  A paused, unknown or wrong answer costs one argon2id
 * verification each and looks the same, so neither timing nor the page
 * tells which accounts exist or are paused.  Firm users and clients sign
 * in through the one function here; the programs only read the form and
 * set the cookie of the session it started.
 *
 * Two-factor sign-in adds a step: a right password for an account with
 * TOTP (or a firm user whose firm requires it) starts no session but a
 * pending sign-in, a random token kept in a short-lived cookie, only its
 * hash stored, bound to the account, used once.  The code that follows is
 * counted against the same throttle before it is checked, and the
 * password's count is not cleared until it passes: knowing the password
 * buys no fresh guesses at the code.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "vellum.h"
#include "audit.h"
#include "ratelimit.h"
#include "signin.h"
#include "twofactor.h"

/* Failures from one address before that address pauses (1 min, doubling, 15 min at most). */
#define PAIR_LIMIT	5
/* Failures over all addresses before the account pauses for everyone. */
#define ACCOUNT_LIMIT	50

const char vl_signin_refused[] = "The email or password is not correct. After several "
    "failed attempts, sign-in pauses for a few minutes.";

/* Counts the attempt; VL_OK if it may go on, VL_FORBIDDEN while paused. */
static enum vl_rc
reserve(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account)
{
	const char	*k = vl_signin_kinds[kind];
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_THROTTLE_RESERVE, &n, NULL, "isisii", firm, k, account,
	    c->remote, (int64_t)PAIR_LIMIT, (int64_t)PAIR_LIMIT)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_FORBIDDEN;
	rc = vl_db_exec(kind == VL_SIGNIN_USER ? STMT_USER_LOGIN_RESERVE : STMT_CLIENT_LOGIN_RESERVE,
	    &n, NULL, "iiii", (int64_t)ACCOUNT_LIMIT, (int64_t)ACCOUNT_LIMIT, account, firm);
	if (rc != VL_OK)
		return rc;
	return n == 0 ? VL_FORBIDDEN : VL_OK;
}

/* "login" or "client_login" with what after it ("": signed in). */
static void
audit(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account, const char *what)
{
	if (kind == VL_SIGNIN_USER)
		vl_audit_as(c, firm, account, vl_pool_printf(c->pool, "login%s", what), "user", account);
	else
		vl_audit_as(c, firm, 0, vl_pool_printf(c->pool, "client_login%s", what), "contact", account);
}

/* VL_OK when pw is right for account (hash NULL: the email matched nobody);
 * else VL_DECLINED (or VL_ERR), failures and pauses audited. */
static enum vl_rc
check(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account,
    const char *hash, const char *pw)
{
	/* Made once per process, on every path, so a first call costs alike too. */
	const char	*dummy = vl_pw_dummy();
	enum vl_rc	 rc;

	if (hash == NULL) {
		(void)vl_pw_verify(dummy, pw);
		return VL_DECLINED;
	}
	/* Counted and committed (autocommit) before the slow part starts. */
	if ((rc = reserve(c, kind, firm, account)) == VL_ERR)
		return VL_ERR;
	if (rc == VL_FORBIDDEN) {
		(void)vl_pw_verify(dummy, pw);
		audit(c, kind, firm, account, "_throttled");
		return VL_DECLINED;
	}
	if (!vl_pw_verify(hash, pw)) {
		audit(c, kind, firm, account, "_failed");
		return VL_DECLINED;
	}
	return VL_OK;
}

/* After the password passed, in the sign-in's transaction. */
static enum vl_rc
clear(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account)
{
	enum vl_rc	 rc;

	rc = vl_db_exec(kind == VL_SIGNIN_USER ? STMT_USER_LOGIN_OK : STMT_CLIENT_LOGIN_OK,
	    NULL, NULL, "ii", account, firm);
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_THROTTLE_CLEAR, NULL, NULL, "isis", firm,
		    vl_signin_kinds[kind], account, c->remote);
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_THROTTLE_PURGE, NULL, NULL, "");
	return rc;
}

/* The account the typed address names: a firm user's anywhere, a client's
 * at the firm of slug.  VL_OK, VL_DECLINED (nobody) or VL_ERR. */
static enum vl_rc
lookup(struct vl_ctx *c, enum vl_signin_kind kind, const char *slug, const char *email,
    int64_t *firm, int64_t *account, char **hash)
{
	char		*name;
	int64_t		 locked;
	enum vl_rc	 rc;

	/* "locked" is not used: the count in check() decides, atomically. */
	if (kind == VL_SIGNIN_USER)
		return vl_db_row(c->pool, STMT_USER_BY_EMAIL, "s", "iisi", email, account, firm,
		    hash, &locked);
	if (slug == NULL)
		return VL_DECLINED;
	if ((rc = vl_db_row(c->pool, STMT_FIRM_BY_SLUG_NAME, "s", "is", slug, firm, &name)) != VL_OK)
		return rc;
	return vl_db_row(c->pool, STMT_CLIENT_BY_EMAIL, "ss", "isi", slug, email, account, hash,
	    &locked);
}

/* After a right password: whether a second step follows and, if so, its
 * pending token in out (the counters stay as they are until it passes). */
static enum vl_rc
second_step(struct vl_ctx *c, enum vl_signin_kind kind, struct vl_signed_in *out)
{
	struct vl_tf_acct	 a = { out->firm, kind, out->account };
	struct vl_tf_state	 st;
	unsigned char		 h[32];
	enum vl_rc		 rc;

	out->step = VL_STEP_DONE;
	if ((rc = vl_tf_state(c, &a, &st)) != VL_OK)
		return rc;
	if (st.enrolled)
		out->step = VL_STEP_CODE;
	else if (st.required)
		out->step = VL_STEP_ENROL;
	else
		return VL_OK;
	vl_token_new(out->token);
	vl_sha256(out->token, 43, h);
	(void)vl_db_exec(STMT_PENDING_PURGE, NULL, NULL, "");
	if ((rc = vl_db_exec(STMT_PENDING_INSERT, NULL, NULL, "bisisi", h, sizeof(h), out->firm,
	    vl_signin_kinds[kind], out->account, out->step == VL_STEP_CODE ? "code" : "enrol",
	    (int64_t)VL_PENDING_TTL)) != VL_OK) {
		sodium_memzero(out->token, sizeof(out->token));
		return VL_ERR;
	}
	audit(c, kind, out->firm, out->account, out->step == VL_STEP_CODE ? "_password_ok" :
	    "_password_ok_enrol");
	return VL_OK;
}

enum vl_rc
vl_signin_pending(struct vl_ctx *c, enum vl_signin_kind kind, const char *token,
    struct vl_tf_acct *a, enum vl_signin_step *step)
{
	unsigned char	 h[32];
	char		*k, *purpose;
	enum vl_rc	 rc;

	memset(a, 0, sizeof(*a));
	if (!vl_token_hash(token, h))
		return VL_DECLINED;
	if ((rc = vl_db_row(c->pool, STMT_PENDING_LOOKUP, "b", "isis", h, sizeof(h), &a->firm, &k,
	    &a->id, &purpose)) != VL_OK)
		return rc;
	/* A firm user's pending sign-in is no client's, nor the reverse. */
	if (strcmp(k, vl_signin_kinds[kind]) != 0)
		return VL_DECLINED;
	a->kind = kind;
	*step = strcmp(purpose, "enrol") == 0 ? VL_STEP_ENROL : VL_STEP_CODE;
	return VL_OK;
}

/* The session of a sign-in whose every step passed, inside its transaction. */
static enum vl_rc
finish(struct vl_ctx *c, enum vl_signin_kind kind, const char *agent, struct vl_signed_in *out)
{
	enum vl_rc	 rc;

	if ((rc = clear(c, kind, out->firm, out->account)) != VL_OK ||
	    (rc = kind == VL_SIGNIN_USER ?
	    vl_db_exec(STMT_RESET_VOID_USER, NULL, NULL, "i", out->account) :
	    vl_db_exec(STMT_INVITE_VOID_CONTACT, NULL, NULL, "ii", out->firm, out->account)) != VL_OK)
		return rc;
	return vl_sess_new(c, kind, out->firm, out->account, agent, out->token);
}

enum vl_rc
vl_signin_code(struct vl_ctx *c, enum vl_signin_kind kind, const char *token, const char *code,
    const char *agent, struct vl_tf_codes *codes, struct vl_signed_in *out)
{
	struct vl_tf_acct	 a;
	enum vl_signin_step	 step;
	unsigned char		 h[32];
	uint64_t		 n = 0;
	int			 recovery = 0;
	enum vl_rc		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = vl_signin_pending(c, kind, token, &a, &step)) != VL_OK)
		return rc;
	out->firm = a.firm;
	out->account = a.id;
	/* Counted and committed before the code is looked at. */
	if ((rc = reserve(c, kind, a.firm, a.id)) == VL_ERR)
		return rc;
	if (rc == VL_FORBIDDEN) {
		audit(c, kind, a.firm, a.id, "_throttled");
		return VL_DECLINED;
	}
	vl_sha256(token, 43, h);
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_PENDING_USE, &n, NULL, "bi", h, sizeof(h), a.firm)) != VL_OK)
		goto fail;
	if (n != 1) {
		rc = VL_DECLINED;	/* used or expired meanwhile */
		goto fail;
	}
	if (step == VL_STEP_ENROL)
		rc = codes != NULL ? vl_tf_confirm(c, &a, code, (int64_t)time(NULL), codes) :
		    VL_DECLINED;
	else
		rc = vl_tf_verify(c, &a, code, (int64_t)time(NULL), &recovery);
	if (rc == VL_DECLINED || rc == VL_CONFLICT) {
		vl_db_rollback();
		audit(c, kind, a.firm, a.id, rc == VL_CONFLICT ? "_code_reused" : "_code_failed");
		return VL_DECLINED;
	}
	if (rc != VL_OK || (rc = finish(c, kind, agent, out)) != VL_OK)
		goto fail;
	audit(c, kind, a.firm, a.id, recovery ? "_recovery_code" : "");
	if (vl_db_commit() != VL_OK) {
		memset(out->token, 0, sizeof(out->token));
		return VL_ERR;
	}
	return VL_OK;
fail:
	vl_db_rollback();
	memset(out->token, 0, sizeof(out->token));
	return rc == VL_DECLINED ? VL_DECLINED : VL_ERR;
}

enum vl_rc
vl_signin_recheck(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account,
    const char *hash, const char *pw)
{
	enum vl_rc	 rc;

	if ((rc = check(c, kind, firm, account, hash, pw != NULL ? pw : "")) != VL_OK)
		return rc;
	return clear(c, kind, firm, account);
}

enum vl_rc
vl_signin(struct vl_ctx *c, enum vl_signin_kind kind, const char *slug, const char *typed,
    const char *pw, const char *agent, struct vl_signed_in *out)
{
	const char	*email;
	char		*hash = NULL;
	enum vl_rc	 rc;

	memset(out, 0, sizeof(*out));
	/* Per address first, whatever the account: each attempt costs a hash. */
	if ((rc = vl_rate_hit(c, VL_RATE_SIGNIN)) != VL_OK)
		return rc;
	/* Stored addresses are normalised; one that cannot be is unknown. */
	if ((email = vl_email_norm(c->pool, typed != NULL ? typed : "")) == NULL)
		email = "";
	if ((rc = lookup(c, kind, slug, email, &out->firm, &out->account, &hash)) == VL_ERR)
		return rc;
	if ((rc = check(c, kind, out->firm, out->account, rc == VL_OK ? hash : NULL,
	    pw != NULL ? pw : "")) != VL_OK)
		return rc;
	if ((rc = second_step(c, kind, out)) != VL_OK || out->step != VL_STEP_DONE)
		return rc;
	/* The sign-in's writes stand or fall together; signing in voids the
	 * account's open reset links. */
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if (finish(c, kind, agent, out) != VL_OK) {
		vl_db_rollback();
		return VL_ERR;
	}
	audit(c, kind, out->firm, out->account, "");
	if (vl_db_commit() != VL_OK) {
		memset(out->token, 0, sizeof(out->token));
		return VL_ERR;
	}
	return VL_OK;
}

void
vl_signout(struct vl_ctx *c)
{
	if (c->user_id != 0)
		vl_audit(c, "logout", "user", c->user_id);
}
