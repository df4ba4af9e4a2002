/*
 * Sign-in rules shared by firm users and clients: every attempt on a known
 * account is counted before its password is checked, one atomic UPDATE per
 * counter (so parallel guesses cannot all slip past a count read earlier),
 * first per account and address, then per account over all addresses with
 * a looser limit.  A paused, unknown or wrong answer costs one argon2id
 * verification each and looks the same, so neither timing nor the page
 * tells which accounts exist or are paused.
 */
#include <string.h>

#include "vellum.h"

/* Failures from one address before that address pauses (1 min, doubling, 15 min at most). */
#define PAIR_LIMIT	5
/* Failures over all addresses before the account pauses for everyone. */
#define ACCOUNT_LIMIT	50

const char *const vl_signin_kinds[VL_SIGNIN__MAX] = { "user", "client" };

/* Counts the attempt; VL_OK if it may go on, VL_FORBIDDEN while paused. */
static enum vl_rc
reserve(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account)
{
	const char	*k = vl_signin_kinds[kind];
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_THROTTLE_RESERVE, &n, NULL, "isisii", firm, k, account,
	    r->remote, (int64_t)PAIR_LIMIT, (int64_t)PAIR_LIMIT)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_FORBIDDEN;
	rc = vl_db_exec(kind == VL_SIGNIN_USER ? STMT_USER_LOGIN_RESERVE : STMT_CLIENT_LOGIN_RESERVE,
	    &n, NULL, "iiii", (int64_t)ACCOUNT_LIMIT, (int64_t)ACCOUNT_LIMIT, account, firm);
	if (rc != VL_OK)
		return rc;
	return n == 0 ? VL_FORBIDDEN : VL_OK;
}

static void
audit(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account, const char *what)
{
	if (kind == VL_SIGNIN_USER)
		vl_audit_as(r, firm, account, vl_pool_printf(r->pool, "login_%s", what), "user", account);
	else
		vl_audit_as(r, firm, 0, vl_pool_printf(r->pool, "client_login_%s", what), "contact", account);
}

enum vl_rc
vl_signin_check(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account,
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
	if ((rc = reserve(r, kind, firm, account)) == VL_ERR)
		return VL_ERR;
	if (rc == VL_FORBIDDEN) {
		(void)vl_pw_verify(dummy, pw);
		audit(r, kind, firm, account, "throttled");
		return VL_DECLINED;
	}
	if (!vl_pw_verify(hash, pw)) {
		audit(r, kind, firm, account, "failed");
		return VL_DECLINED;
	}
	return VL_OK;
}

enum vl_rc
vl_signin_clear(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account)
{
	enum vl_rc	 rc;

	rc = vl_db_exec(kind == VL_SIGNIN_USER ? STMT_USER_LOGIN_OK : STMT_CLIENT_LOGIN_OK,
	    NULL, NULL, "ii", account, firm);
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_THROTTLE_CLEAR, NULL, NULL, "isis", firm,
		    vl_signin_kinds[kind], account, r->remote);
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_THROTTLE_PURGE, NULL, NULL, "");
	return rc;
}
