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

static int64_t
touch_interval(void)
{
	int64_t	 t = vl_conf.session_idle / 10;

	return t > 60 ? 60 : t < 1 ? 1 : t;
}

/* The session named by cookie, not yet checked: token and hash, or NULL. */
static struct vl_sess *
from_cookie(struct vl_req *r, const char *cookie, unsigned char h[32])
{
	const struct vl_pair	*ck;
	struct vl_sess		*s;

	ck = vl_pair_find(r->cookies, vl_cookie_name(cookie));
	if (ck == NULL || !vl_validate(VL_V_TOKEN, ck->val, ck->vallen, 43, NULL))
		return NULL;
	s = vl_pool_calloc(r->pool, 1, sizeof(*s));
	memcpy(s->token, ck->val, 44);
	vl_sha256(s->token, 43, h);
	return s;
}

/* After a row was found: extends it when due, then makes s the request's. */
static enum vl_rc
adopt(struct vl_req *r, struct vl_sess *s, const unsigned char h[32], int64_t stale)
{
	if (stale && vl_db_exec(STMT_SESS_TOUCH, NULL, NULL, "b", h, (size_t)32) != VL_OK)
		return VL_ERR;
	vl_csrf_token(s->token, s->csrf);
	r->sess = s;
	return VL_OK;
}

/*
 * A fresh session with a new random token (any old one is ended).  *ua gets
 * the browser's User-Agent as the column takes it: any bytes arrive, so
 * invalid UTF-8 is replaced and the text cut between characters.
 */
static struct vl_sess *
fresh(struct vl_req *r, int client, unsigned char h[32], const char **ua)
{
	struct vl_sess	*s;

	vl_sess_end(r);
	s = vl_pool_calloc(r->pool, 1, sizeof(*s));
	s->client = client;
	vl_token_new(s->token);
	vl_sha256(s->token, 43, h);
	*ua = vl_utf8_clean(r->pool, vl_req_env(r, "HTTP_USER_AGENT"), 255);
	return s;
}

enum vl_rc
vl_sess_load(struct vl_req *r)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	int64_t		 stale;
	enum vl_rc	 rc;

	if ((s = from_cookie(r, "sid", h)) == NULL)
		return VL_DECLINED;
	rc = vl_db_row(r->pool, STMT_SESS_LOAD, "ibii", "iissssi",
	    touch_interval(), h, sizeof(h), vl_conf.session_idle, vl_conf.session_max,
	    &s->firm_id, &s->user_id, &s->firm_name, &s->user_email,
	    &s->user_name, &s->role, &stale);
	return rc != VL_OK ? rc : adopt(r, s, h, stale);
}

enum vl_rc
vl_sess_start(struct vl_req *r, int64_t firm_id, int64_t user_id)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	const char	*ua;
	enum vl_rc	 rc;

	/* A new token on every sign-in; any old one is dropped. */
	s = fresh(r, 0, h, &ua);
	rc = vl_db_exec(STMT_SESS_INSERT, NULL, NULL, "biiss", h, sizeof(h),
	    firm_id, user_id, r->remote, ua);
	if (rc != VL_OK)
		return rc;
	s->firm_id = firm_id;
	s->user_id = user_id;
	vl_csrf_token(s->token, s->csrf);
	r->sess = s;
	vl_out_cookie(r, "sid", s->token, 1);
	return VL_OK;
}

enum vl_rc
vl_sess_load_client(struct vl_req *r)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	int64_t		 stale;
	enum vl_rc	 rc;

	if ((s = from_cookie(r, "cid", h)) == NULL)
		return VL_DECLINED;
	s->client = 1;
	s->role = "client";
	rc = vl_db_row(r->pool, STMT_SESS_LOAD_CLIENT, "ibii", "iissssi",
	    touch_interval(), h, sizeof(h), vl_conf.session_idle, vl_conf.session_max,
	    &s->firm_id, &s->contact_id, &s->firm_name, &s->firm_slug, &s->user_email,
	    &s->user_name, &stale);
	return rc != VL_OK ? rc : adopt(r, s, h, stale);
}

enum vl_rc
vl_sess_start_client(struct vl_req *r, int64_t firm_id, int64_t contact_id, const char *slug)
{
	struct vl_sess	*s;
	unsigned char	 h[32];
	const char	*ua;
	enum vl_rc	 rc;

	s = fresh(r, 1, h, &ua);
	rc = vl_db_exec(STMT_SESS_INSERT_CLIENT, NULL, NULL, "biiss", h, sizeof(h),
	    firm_id, contact_id, r->remote, ua);
	if (rc != VL_OK)
		return rc;
	s->firm_id = firm_id;
	s->contact_id = contact_id;
	s->role = "client";
	vl_csrf_token(s->token, s->csrf);
	r->sess = s;
	vl_out_cookie(r, "cid", s->token, 1);
	/* Remembers the firm's sign-in page for the next visit (not a secret). */
	if (slug != NULL)
		vl_out_header(r, "Set-Cookie", vl_pool_printf(r->pool,
		    "portal_firm=%s; Path=/portal; HttpOnly; SameSite=Lax%s", slug,
		    vl_conf.cookie_secure ? "; Secure" : ""));
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
	vl_out_cookie_clear(r, r->sess->client ? "cid" : "sid");
	r->sess = NULL;
}
