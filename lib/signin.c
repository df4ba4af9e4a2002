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
 */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "signin.h"

/* Failures from one address before that address pauses (1 min, doubling, 15 min at most). */
#define PAIR_LIMIT	5
/* Failures over all addresses before the account pauses for everyone. */
#define ACCOUNT_LIMIT	50

const char *const vl_signin_kinds[VL_SIGNIN__MAX] = { "user", "client" };

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

enum vl_rc
vl_signin(struct vl_ctx *c, enum vl_signin_kind kind, const char *slug, const char *typed,
    const char *pw, const char *agent, struct vl_signed_in *out)
{
	const char	*email;
	char		*hash = NULL;
	enum vl_rc	 rc;

	memset(out, 0, sizeof(*out));
	/* Stored addresses are normalised; one that cannot be is unknown. */
	if ((email = vl_email_norm(c->pool, typed != NULL ? typed : "")) == NULL)
		email = "";
	if ((rc = lookup(c, kind, slug, email, &out->firm, &out->account, &hash)) == VL_ERR)
		return rc;
	if ((rc = check(c, kind, out->firm, out->account, rc == VL_OK ? hash : NULL,
	    pw != NULL ? pw : "")) != VL_OK)
		return rc;
	/* The sign-in's writes stand or fall together; signing in voids the
	 * account's open reset links. */
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = clear(c, kind, out->firm, out->account)) != VL_OK ||
	    (rc = kind == VL_SIGNIN_USER ?
	    vl_db_exec(STMT_RESET_VOID_USER, NULL, NULL, "i", out->account) :
	    vl_db_exec(STMT_INVITE_VOID_CONTACT, NULL, NULL, "ii", out->firm, out->account)) != VL_OK ||
	    (rc = vl_sess_new(c, kind, out->firm, out->account, agent, out->token)) != VL_OK) {
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
