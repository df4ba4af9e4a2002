/*
 * "My account": the rules behind /account (firm users) and /portal/account
 * (clients).  Everything acts for the person of the context only: the
 * statements bind the firm, the user id and the contact id (0 for the
 * other kind), so another person's session id is simply not found.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "myaccount.h"
#include "audit.h"
#include "account.h"
#include "twofactor.h"

const char *const vl_me_pw_whys[VL_ME_PW__MAX] = { "current_wrong", "new_weak", "new_mismatch" };

/* The acting person's stored hash and address (and a client's firm slug). */
static enum vl_rc
stored(struct vl_ctx *c, char **hash, char **email, char **slug)
{
	*slug = NULL;
	if (c->user_id != 0)
		return vl_db_row(c->pool, STMT_ME_USER_PW, "ii", "ss", c->firm_id, c->user_id, hash,
		    email);
	return vl_db_row(c->pool, STMT_ME_CLIENT_PW, "ii", "sss", c->firm_id, c->contact_id, hash,
	    email, slug);
}

int
vl_me_password_ok(struct vl_ctx *c, const char *pw)
{
	struct vl_tf_acct	 a = vl_tf_me(c);
	char			*hash = NULL, *email, *slug;

	if (stored(c, &hash, &email, &slug) != VL_OK || hash == NULL)
		return 0;
	return vl_signin_recheck(c, a.kind, a.firm, a.id, hash, pw) == VL_OK;
}

enum vl_rc
vl_me_password(struct vl_ctx *c, const unsigned char cur[32], const char *current, const char *pw,
    const char *confirm, enum vl_me_pw_why *why)
{
	struct vl_tf_acct	 a = vl_tf_me(c);
	char			 hash[128], *old = NULL, *email = NULL, *slug = NULL;
	enum vl_rc		 rc;

	if ((rc = stored(c, &old, &email, &slug)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	/* The shape of the new one first: a typo costs no count. */
	if (pw == NULL || !vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL)) {
		*why = VL_ME_PW_WEAK;
		return VL_INVALID;
	}
	if (confirm == NULL || strcmp(pw, confirm) != 0) {
		*why = VL_ME_PW_MISMATCH;
		return VL_INVALID;
	}
	if (old == NULL || (rc = vl_signin_recheck(c, a.kind, a.firm, a.id, old,
	    current != NULL ? current : "")) == VL_DECLINED) {
		*why = VL_ME_PW_CURRENT;
		return VL_INVALID;
	}
	if (rc != VL_OK || vl_pw_hash(pw, hash) != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_begin()) != VL_OK)
		goto out;
	if ((rc = a.kind == VL_SIGNIN_USER ?
	    vl_db_exec(STMT_USER_SET_PASSWORD, NULL, NULL, "sii", hash, a.id, a.firm) :
	    vl_db_exec(STMT_ME_CLIENT_SET_PASSWORD, NULL, NULL, "sii", hash, a.firm, a.id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_ME_SESSIONS_END_OTHERS, NULL, NULL, "iiib", c->firm_id,
	    c->user_id, c->contact_id, cur, (size_t)32)) != VL_OK ||
	    (rc = vl_account_password_changed(c, a.firm, email, slug, 0)) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	if (a.kind == VL_SIGNIN_USER)
		vl_audit_as(c, a.firm, a.id, "password_changed", "user", a.id);
	else
		vl_audit_as(c, a.firm, 0, "client_password_changed", "contact", a.id);
	rc = vl_db_commit();
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum vl_rc
vl_me_totp_confirm(struct vl_ctx *c, const char *code, struct vl_tf_codes *codes)
{
	struct vl_tf_acct	 a = vl_tf_me(c);
	enum vl_rc		 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_tf_confirm(c, &a, code, (int64_t)time(NULL), codes)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

enum vl_rc
vl_me_totp_remove(struct vl_ctx *c, const char *pw)
{
	struct vl_tf_acct	 a = vl_tf_me(c);
	enum vl_rc		 rc;

	/* While the firm requires it a firm user may replace it, not drop it. */
	if (a.kind == VL_SIGNIN_USER && vl_tf_required(c, a.firm) != 0)
		return VL_CONFLICT;
	if (!vl_me_password_ok(c, pw))
		return VL_INVALID;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_tf_remove(c, &a)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

enum vl_rc
vl_me_recovery_new(struct vl_ctx *c, struct vl_tf_codes *codes)
{
	struct vl_tf_acct	 a = vl_tf_me(c);
	enum vl_rc		 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_tf_recovery_new(c, &a, codes)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

enum vl_rc
vl_me_sessions(struct vl_ctx *c, const unsigned char cur[32], int64_t page,
    struct vl_me_session **list, size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_me_session	 s;
	char			*addr, *agent;
	int64_t			 current;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	*list = vl_pool_calloc(c->pool, 50, sizeof(**list));
	if ((rc = vl_db_query(c->pool, STMT_ME_SESSIONS, &rows, "biiiiii", cur, (size_t)32,
	    c->firm_id, c->user_id, c->contact_id, vl_conf.session_idle, vl_conf.session_max,
	    page * 50)) != VL_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	while ((got = vl_db_next(rows, "issiii", &s.id, &addr, &agent, &s.last_seen, &s.started,
	    &current)) > 0) {
		if (*n == 50) {
			*more = 1;
			break;
		}
		s.address = addr != NULL ? addr : "";
		s.agent = agent != NULL ? agent : "";
		s.current = current != 0;
		vl_me_device(s.agent, &s.browser, &s.os);
		(*list)[(*n)++] = s;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_me_end_session(struct vl_ctx *c, const unsigned char cur[32], int64_t id, int *current)
{
	int64_t		 is = 0;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	*current = 0;
	if ((rc = vl_db_row(c->pool, STMT_ME_SESSION_IS, "biiii", "i", cur, (size_t)32, id,
	    c->firm_id, c->user_id, c->contact_id, &is)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_ME_SESSION_END, &n, NULL, "iiii", id, c->firm_id, c->user_id,
	    c->contact_id)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_DECLINED;	/* ended meanwhile */
	*current = is != 0;
	if (c->user_id != 0)
		vl_audit(c, "session_ended", "session", id);
	else
		vl_audit_as(c, c->firm_id, 0, "client_session_ended", "contact", c->contact_id);
	return VL_OK;
}

/* Browsers and systems, each known by a mark in its User-Agent; the first
 * match wins, so the more specific marks come first (Edge and Opera say
 * "Chrome" too, Chrome says "Safari", an iPhone says "like Mac OS X",
 * Android says "Linux"). */
static const struct {
	const char	*mark, *name;
} browsers[] = {
	{ "Edg/", "Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" },
	{ "FxiOS/", "Firefox" }, { "CriOS/", "Chrome" }, { "Chrome/", "Chrome" },
	{ "Version/", "Safari" }, { "curl/", "curl" },
}, systems[] = {
	{ "iPhone", "iOS" }, { "iPad", "iPadOS" }, { "Android", "Android" },
	{ "Windows", "Windows" }, { "CrOS", "ChromeOS" }, { "Mac OS X", "macOS" },
	{ "Macintosh", "macOS" }, { "Linux", "Linux" },
};

void
vl_me_device(const char *agent, const char **browser, const char **os)
{
	size_t	 i;

	*browser = *os = NULL;
	if (agent == NULL)
		return;
	for (i = 0; *browser == NULL && i < sizeof(browsers) / sizeof(browsers[0]); i++)
		if (strstr(agent, browsers[i].mark) != NULL)
			*browser = browsers[i].name;
	for (i = 0; *os == NULL && i < sizeof(systems) / sizeof(systems[0]); i++)
		if (strstr(agent, systems[i].mark) != NULL)
			*os = systems[i].name;
}
