/*
 * Sessions in MariaDB.  The cookie carries 32 random bytes (base64url); the
 * table keys on their SHA-256.  Idle and absolute limits come from the
 * configuration; last_seen is written at most once per touch interval so a
 * page view costs one read, not a read and a write.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "internal.h"
#include "sessfacts.h"

/* The kinds' names as the database stores them (sessions, sign-in codes,
 * two-factor rows); here, linked into every program, so that naming a kind
 * does not bring in the sign-in steps' code. */
const char *const vl_signin_kinds[VL_SIGNIN__MAX] = { "user", "client" };

static int64_t
touch_interval(void)
{
	int64_t	 t = vl_conf.session_idle / 10;

	return t > 60 ? 60 : t < 1 ? 1 : t;
}

/* The session named by cookie, not yet checked: token and hash, or NULL. */
static struct vl_sess *
from_cookie(struct vl_req *r, enum vl_cookie cookie, unsigned char h[32])
{
	const struct vl_pair	*ck;
	struct vl_sess		*s;

	ck = vl_cookie_get(r, cookie);
	if (ck == NULL || !vl_validate(VL_V_TOKEN, ck->val, ck->vallen, 43, NULL))
		return NULL;
	s = vl_pool_calloc(r->pool, 1, sizeof(*s));
	memcpy(s->token, ck->val, 44);
	vl_sha256(s->token, 43, h);
	return s;
}

/* Makes s the request's session and its actor the context's. */
static void
own(struct vl_req *r, struct vl_sess *s)
{
	r->sess = s;
	r->ctx->firm_id = s->firm_id;
	r->ctx->user_id = s->user_id;
	r->ctx->contact_id = s->contact_id;
	r->ctx->name = s->user_name != NULL ? s->user_name : "";
	/* Read with the session: no query of its own (vl_tz_firm). */
	r->ctx->zone = s->firm_zone;
	r->ctx->users_stamp = s->users_stamp;
	r->ctx->matters_stamp = s->matters_stamp;
}

/* After a row was found: extends it when due, then makes s the request's. */
static enum vl_rc
adopt(struct vl_req *r, struct vl_sess *s, const unsigned char h[32], int64_t stale)
{
	if (stale && vl_db_exec(STMT_SESS_TOUCH, NULL, NULL, "b", h, (size_t)32) != VL_OK)
		return VL_ERR;
	vl_csrf_token(s->token, s->csrf);
	own(r, s);
	return VL_OK;
}

enum vl_rc
vl_sess_load(struct vl_req *r)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	int64_t		 stale, facts = 0;
	enum vl_rc	 rc;

	if ((s = from_cookie(r, VL_COOKIE_SID, h)) == NULL)
		return VL_DECLINED;
	/* A FastCGI process may keep the user's and the firm's columns
	 * (lib/sessfacts.c): the session and the stamps are read alone, and
	 * the joined statement only when the copy is not the firm's now.
	 * A plain-CGI process keeps nothing: one statement. */
	if (!vl_db_is_once()) {
		rc = vl_db_row(r->pool, STMT_SESS_CHECK, "ibii", "iiiii", touch_interval(), h,
		    sizeof(h), vl_conf.session_idle, vl_conf.session_max, &s->firm_id,
		    &s->user_id, &stale, &s->matters_stamp, &facts);
		if (rc != VL_OK)
			return rc;
		s->facts_stamp = facts;
		if (vl_sess_facts_get(r->pool, s, facts))
			return adopt(r, s, h, stale);
	}
	rc = vl_db_row(r->pool, STMT_SESS_LOAD, "ibii", "iissssisssiii",
	    touch_interval(), h, sizeof(h), vl_conf.session_idle, vl_conf.session_max,
	    &s->firm_id, &s->user_id, &s->firm_name, &s->user_email,
	    &s->user_name, &s->role, &stale, &s->firm_logo, &s->firm_zone, &s->firm_slug,
	    &s->users_stamp, &s->matters_stamp, &facts);
	if (rc != VL_OK)
		return rc;
	s->facts_stamp = facts;
	if (!vl_db_is_once())
		vl_sess_facts_put(s, facts);
	return adopt(r, s, h, stale);
}

enum vl_rc
vl_sess_load_client(struct vl_req *r)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	int64_t		 stale;
	enum vl_rc	 rc;

	if ((s = from_cookie(r, VL_COOKIE_CID, h)) == NULL)
		return VL_DECLINED;
	s->client = 1;
	s->role = "client";
	rc = vl_db_row(r->pool, STMT_SESS_LOAD_CLIENT, "ibii", "iissssiss",
	    touch_interval(), h, sizeof(h), vl_conf.session_idle, vl_conf.session_max,
	    &s->firm_id, &s->contact_id, &s->firm_name, &s->firm_slug, &s->user_email,
	    &s->user_name, &stale, &s->firm_logo, &s->firm_zone);
	return rc != VL_OK ? rc : adopt(r, s, h, stale);
}

enum vl_rc
vl_sess_defer(struct vl_req *r)
{
	struct vl_sess_join	*j;
	struct vl_sess		*s;
	unsigned char		 h[32];

	if ((s = from_cookie(r, r->app->access == VL_CLIENT ? VL_COOKIE_CID : VL_COOKIE_SID, h)) ==
	    NULL)
		return VL_DECLINED;
	if (r->app->access == VL_CLIENT) {
		s->client = 1;
		s->role = "client";
	}
	j = vl_pool_calloc(r->pool, 1, sizeof(*j));
	memcpy(j->hash, h, sizeof(j->hash));
	j->touch = touch_interval();
	j->idle = vl_conf.session_idle;
	j->max = vl_conf.session_max;
	j->s = s;
	r->ctx->join = j;
	return VL_OK;
}

enum vl_rc
vl_sess_take(struct vl_req *r, struct vl_sess_join *j)
{
	return adopt(r, j->s, j->hash, j->stale);
}

/*
 * The one starter for firm users and clients.  The browser's User-Agent is
 * stored as the column takes it: any bytes arrive, so invalid UTF-8 is
 * replaced and the text cut between characters.
 */
enum vl_rc
vl_sess_new(struct vl_ctx *c, enum vl_signin_kind kind, int64_t firm, int64_t account,
    const char *agent, char token[44])
{
	unsigned char	 h[32];
	enum vl_rc	 rc;

	vl_token_new(token);
	vl_sha256(token, 43, h);
	rc = vl_db_exec(kind == VL_SIGNIN_CLIENT ? STMT_SESS_INSERT_CLIENT : STMT_SESS_INSERT,
	    NULL, NULL, "biiss", h, sizeof(h), firm, account, c->remote,
	    vl_utf8_clean(c->pool, agent, 255));
	if (rc != VL_OK)
		sodium_memzero(token, 44);
	return rc;
}

void
vl_sess_adopt(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account,
    const char token[44], const char *slug)
{
	struct vl_sess	*s;

	/* A new token on every sign-in; any old one is dropped. */
	vl_sess_end(r);
	s = vl_pool_calloc(r->pool, 1, sizeof(*s));
	s->client = kind == VL_SIGNIN_CLIENT;
	memcpy(s->token, token, sizeof(s->token));
	s->firm_id = firm;
	if (s->client) {
		s->contact_id = account;
		s->role = "client";
	} else
		s->user_id = account;
	vl_csrf_token(s->token, s->csrf);
	own(r, s);
	vl_out_cookie(r, s->client ? VL_COOKIE_CID : VL_COOKIE_SID, s->token);
	/* Remembers the firm's sign-in page for the next visit (not a secret). */
	if (s->client && slug != NULL)
		vl_out_cookie(r, VL_COOKIE_PORTAL_FIRM, slug);
}

enum vl_rc
vl_sess_start(struct vl_req *r, enum vl_signin_kind kind, int64_t firm, int64_t account,
    const char *slug)
{
	char		 token[44];
	enum vl_rc	 rc;

	if ((rc = vl_sess_new(r->ctx, kind, firm, account, vl_req_env(r, "HTTP_USER_AGENT"),
	    token)) != VL_OK)
		return rc;
	vl_sess_adopt(r, kind, firm, account, token, slug);
	sodium_memzero(token, sizeof(token));
	return VL_OK;
}

void
vl_sess_end(struct vl_req *r)
{
	unsigned char	 h[32];

	if (r->sess == NULL)
		return;
	vl_sha256(r->sess->token, 43, h);
	(void)vl_db_exec(STMT_SESS_DELETE, NULL, NULL, "b", h, sizeof(h));
	sodium_memzero(r->sess->token, sizeof(r->sess->token));
	vl_out_cookie_clear(r, r->sess->client ? VL_COOKIE_CID : VL_COOKIE_SID);
	r->sess = NULL;
	r->ctx->firm_id = r->ctx->user_id = r->ctx->contact_id = 0;
	r->ctx->name = "";
	r->ctx->zone = NULL;
	r->ctx->users_stamp = 0;
	r->ctx->matters_stamp = 0;
}
