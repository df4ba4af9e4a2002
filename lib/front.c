/*
 * The front door: reads one request through its transport (method, path,
 * query, cookies, a capped body), loads the session, checks access and
 * CSRF, fills the declared fields and calls the program's handler; one exit
 * path answers errors and ends a transaction left open.  FastCGI and CGI
 * requests reach it alike (run.c), so handlers cannot tell them apart.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vellum.h"
#include "internal.h"
#include "account.h"

#define QUERY_MAX	8192
#define FORM_MAX	(64 * 1024)

/* Reads at most CONTENT_LENGTH bytes through the transport. */
struct body {
	struct vl_req	*r;
	uint64_t	 left;
	int		 cut;	/* the transport ended before CONTENT_LENGTH */
};

static long
body_read(void *arg, char *buf, size_t len)
{
	struct body	*b = arg;
	long		 n;

	if (b->left == 0)
		return 0;
	if (len > b->left)
		len = (size_t)b->left;
	if ((n = b->r->read(b->r->io, buf, len)) > 0)
		b->left -= (uint64_t)n;
	else if (n == 0) {
		/* Shorter than announced (the client went away): an error,
		 * never the end of a file that is then stored cut. */
		b->cut = 1;
		return -1;
	}
	return n;
}

static enum vl_method
method_of(const char *m)
{
	if (m == NULL)
		return VL_GET;
	if (strcmp(m, "GET") == 0)
		return VL_GET;
	if (strcmp(m, "HEAD") == 0)
		return VL_HEAD;
	if (strcmp(m, "POST") == 0)
		return VL_POST;
	return VL_OTHER;
}

static enum vl_rc
read_form(struct vl_req *r, struct body *b)
{
	char	*buf;
	size_t	 want = (size_t)b->left, got = 0;
	long	 n;

	buf = vl_pool_alloc(r->pool, want + 1);
	while (got < want) {
		if ((n = body_read(b, buf + got, want - got)) <= 0)
			return VL_INVALID;	/* shorter than announced */
		got += (size_t)n;
	}
	buf[got] = '\0';
	return vl_parse_urlencoded(r->pool, buf, got, &r->form);
}

/* A multipart file part may be stored only once the form's token, sent
 * before it, has passed: a forged post writes nothing to disk. */
static int
file_ok(void *arg, const struct vl_pair *fields)
{
	struct vl_req	*r = arg;

	(void)fields;	/* the same list as r->form, which vl_csrf_check reads */
	return r->csrf_ok || (r->csrf_ok = vl_csrf_check(r));
}

/* CONTENT_LENGTH as a number into *len; VL_INVALID if it is not one. */
static enum vl_rc
body_length(struct vl_req *r, int64_t *len, const char **msg)
{
	const char	*cl = vl_req_env(r, "CONTENT_LENGTH");

	*len = 0;
	if (r->method != VL_POST || cl == NULL || *cl == '\0')
		return VL_OK;
	if (vl_strtonum(cl, 0, INT64_MAX, len) != VL_OK) {
		*msg = "The request's length is not a number.";
		return VL_INVALID;
	}
	return VL_OK;
}

static enum vl_rc
read_body(struct vl_req *r, int64_t len, const char **msg)
{
	const char	*ct = vl_req_env(r, "CONTENT_TYPE");
	uint64_t	 max = r->app->max_body ? r->app->max_body : FORM_MAX;
	struct body	 b = { r, (uint64_t)len, 0 };
	enum vl_rc	 rc;
	int		 form, multi;

	form = ct != NULL && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
	multi = ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0;
	/* Forms are read into memory: 64 KiB, whatever the program's upload limit. */
	if (form)
		max = FORM_MAX;
	/* The limit is checked before a byte of the body is read. */
	if ((uint64_t)len > max + (multi ? 65536 : 0)) {
		*msg = "The upload is too large.";
		return VL_TOOBIG;
	}
	if (len == 0)
		return VL_OK;
	if (form)
		rc = read_form(r, &b);
	else if (multi) {
		rc = vl_parse_multipart(r->pool, ct, body_read, &b, vl_conf.tmp, max,
		    FORM_MAX, file_ok, r, &r->form, &r->uploads);
		if (rc == VL_TOOBIG)
			*msg = "The upload is too large, or the form has too many fields.";
	} else if (r->app->raw_body && ct != NULL &&
	    strncasecmp(ct, "application/octet-stream", 24) == 0) {
		/* One file as the whole body: the limit is exact, so nginx can
		 * enforce it too.  The name travels in the query string; the
		 * token in a header, checked before this. */
		const struct vl_pair *name = vl_pair_find(r->query, "name");
		if (!r->csrf_ok)
			rc = VL_FORBIDDEN;
		else
			rc = vl_read_raw(r->pool, body_read, &b, vl_conf.tmp, max,
			    name ? name->val : NULL, ct, &r->uploads);
		if (rc == VL_TOOBIG)
			*msg = "The upload is too large.";
	} else {
		*msg = "This kind of request body is not accepted.";
		rc = VL_INVALID;
	}
	if (b.cut) {
		rc = VL_INVALID;
		*msg = "The request ended before all of it arrived. Please try again.";
	}
	r->unread = b.left;
	return rc;
}

/* A provider's event is a few KiB; one past this is none of ours. */
#define SIGNED_MAX	(256 * 1024)

/* A signed_body program's body: JSON, whole, within SIGNED_MAX (checked
 * before a byte is read), with no NUL inside (a signature covers bytes,
 * the handler reads text). */
static enum vl_rc
read_signed(struct vl_req *r, int64_t len, const char **msg)
{
	const char	*ct = vl_req_env(r, "CONTENT_TYPE");
	uint64_t	 max = SIGNED_MAX;
	struct body	 b = { r, (uint64_t)len, 0 };
	size_t		 got = 0;
	long		 n;

	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0) {
		*msg = "This kind of request body is not accepted.";
		return VL_INVALID;
	}
	if ((uint64_t)len > max) {
		*msg = "The request is too large.";
		return VL_TOOBIG;
	}
	r->body = vl_pool_alloc(r->pool, (size_t)len + 1);
	while (got < (size_t)len) {
		if ((n = body_read(&b, r->body + got, (size_t)len - got)) <= 0)
			return VL_INVALID;	/* shorter than announced */
		got += (size_t)n;
	}
	r->body[got] = '\0';
	r->bodylen = got;
	r->unread = b.left;
	if (memchr(r->body, '\0', got) != NULL)
		return VL_INVALID;
	return VL_OK;
}

/* Validates each declared field; handlers see only valid values. */
static void
fields_fill(struct vl_req *r)
{
	const struct vl_app	*a = r->app;
	const struct vl_pair	*p;
	size_t			 i;

	r->fields = vl_pool_calloc(r->pool, a->nfields ? a->nfields : 1, sizeof(*r->fields));
	for (i = 0; i < a->nfields; i++) {
		if ((p = vl_pair_find(r->form, a->fields[i].name)) == NULL &&
		    (p = vl_pair_find(r->query, a->fields[i].name)) == NULL)
			continue;
		r->fields[i].present = 1;
		if (a->fields[i].valid == VL_V_STRING || a->fields[i].valid == VL_V_LINE) {
			/* Trim surrounding blanks, as people paste them. */
			char *v = p->val;
			size_t n = p->vallen;
			while (n && (*v == ' ' || *v == '\t'))
				v++, n--;
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
			    v[n - 1] == '\n' || v[n - 1] == '\r'))
				n--;
			if (vl_validate(a->fields[i].valid, v, n, a->fields[i].max, NULL))
				r->fields[i].val = vl_pool_strndup(r->pool, v, n);
			continue;
		}
		if (vl_validate(a->fields[i].valid, p->val, p->vallen, a->fields[i].max,
		    &r->fields[i].num))
			r->fields[i].val = p->val;
	}
}

static int
cross_site(struct vl_req *r)
{
	const char *s = vl_req_env(r, "HTTP_SEC_FETCH_SITE");

	return s != NULL && strcmp(s, "cross-site") == 0;
}

#define CSRF_FAILED "This form has expired or did not come from this site. " \
	"Please go back, reload the page and try again."

enum vl_rc
vl_sess_joined(struct vl_req *r)
{
	struct vl_sess_join	*j = r->ctx->join;

	if (j == NULL)
		return VL_OK;
	r->ctx->join = NULL;
	if (j->found)
		return vl_sess_take(r, j);
	/* No row: no session, or a session and nothing to list.  A session
	 * that failed the check cannot pass it later (tokens are never
	 * reused), so an empty page for a valid one is the right page. */
	if ((r->app->access == VL_CLIENT ? vl_sess_load_client(r) : vl_sess_load(r)) == VL_ERR)
		return VL_ERR;
	if (r->sess != NULL)
		return VL_OK;
	vl_out_redirect(r, vl_signin_url(r));
	return VL_DECLINED;
}

/* "%08x%08x" of pid and n into id (17 bytes). */
static void
req_id(char id[17], uint32_t pid, uint32_t n)
{
	static const char	 digits[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < 8; i++) {
		id[i] = digits[(pid >> (28 - 4 * i)) & 0xf];
		id[8 + i] = digits[(n >> (28 - 4 * i)) & 0xf];
	}
	id[16] = '\0';
}

void
vl_req_handle(const struct vl_app *app, struct vl_req *r)
{
	static uint32_t	 served, pid;
	const char	*uri, *q, *msg = NULL;
	int64_t		 len = 0;
	enum vl_rc	 rc;

	r->app = app;
	vl_db_fetch_clear();
	/* Unique enough to find one request's lines: process id and a counter,
	 * eight hex digits each (by hand: this runs on every request). */
	if (pid == 0)
		pid = (uint32_t)getpid();	/* a program never forks while serving */
	req_id(r->id, pid, ++served);
	r->remote = vl_pool_strdup(r->pool, vl_req_env(r, "REMOTE_ADDR"));
	if (r->remote == NULL)
		r->remote = "-";
	vl_log_ids(r->id, r->remote);
	/* Nobody acts until a session says who (vl_sess_load). */
	r->ctx = vl_pool_alloc(r->pool, sizeof(*r->ctx));
	vl_ctx_init(r->ctx, r->pool, 0, 0, 0, r->remote);
	r->ctx->id = r->id;
	r->method = method_of(vl_req_env(r, "REQUEST_METHOD"));
	if ((uri = vl_req_env(r, "REQUEST_URI")) == NULL &&
	    (uri = vl_req_env(r, "SCRIPT_NAME")) == NULL)
		uri = "/";
	r->uri = vl_pool_strndup(r->pool, uri, strcspn(uri, "?"));
	vl_tpl_reload();

	if (r->method == VL_OTHER) {
		rc = VL_INVALID;
		msg = "This page does not accept that kind of request.";
		goto fail;
	}
	/* What is left of the body decides how the connection closes. */
	if ((rc = body_length(r, &len, &msg)) != VL_OK)
		goto fail;
	r->unread = (uint64_t)len;
	if (vl_path_unsafe(r->uri)) {
		rc = VL_INVALID;
		msg = "This address is not valid.";
		vl_warn("path with a dot segment or an encoded slash refused");
		goto fail;
	}
	q = vl_req_env(r, "QUERY_STRING");
	if (q != NULL && strlen(q) > QUERY_MAX) {
		rc = VL_INVALID;
		goto fail;
	}
	if (q != NULL && (rc = vl_parse_urlencoded(r->pool, q, strlen(q), &r->query)) != VL_OK)
		goto fail;
	(void)vl_parse_cookies(r->pool, vl_req_env(r, "HTTP_COOKIE"), &r->cookies);

	/*
	 * Who is asking comes before the body: a stranger's post is refused
	 * unread, whatever its size.  Client pages see only client sessions;
	 * firm pages only firm ones.
	 */
	if (app->sess_joined != NULL && (app->access == VL_FIRM_USER || app->access == VL_CLIENT) &&
	    r->method == VL_GET &&
	    app->sess_joined(r))
		/* The page's statement checks it (vl_sess_join): one round trip. */
		rc = vl_sess_defer(r);
	else
		rc = app->access == VL_CLIENT || (app->access == VL_PUBLIC && app->client) ?
		    vl_sess_load_client(r) : vl_sess_load(r);
	if (rc == VL_ERR)
		goto fail;
	if (app->access != VL_PUBLIC && r->sess == NULL && r->ctx->join == NULL) {
		if (r->method == VL_POST) {
			rc = VL_FORBIDDEN;
			msg = "Your session has ended. Please sign in again.";
			goto fail;
		}
		/* To sign in, then back here (the firm's own page for a client). */
		vl_out_redirect(r, vl_signin_url(r));
		goto done;
	}
	if (app->access == VL_FIRM_ADMIN && strcmp(r->sess->role, "admin") != 0) {
		rc = VL_FORBIDDEN;
		goto fail;
	}
	if (r->method == VL_POST && app->signed_body) {
		if ((rc = read_signed(r, len, &msg)) != VL_OK)
			goto fail;
	} else if (r->method == VL_POST) {
		/* A token in a header (scripts' uploads) is checked before the body. */
		if (cross_site(r) || (vl_req_env(r, "HTTP_X_CSRF_TOKEN") != NULL &&
		    !(r->csrf_ok = vl_csrf_check(r)))) {
			rc = VL_FORBIDDEN;
			msg = CSRF_FAILED;
			vl_warn("CSRF check failed on %s", r->uri);
			goto fail;
		}
		if ((rc = read_body(r, len, &msg)) != VL_OK) {
			if (rc == VL_FORBIDDEN) {
				msg = CSRF_FAILED;
				vl_warn("CSRF check failed on %s", r->uri);
			}
			goto fail;
		}
		/* A token in the form: checked once the (capped) form is read. */
		if (!r->csrf_ok && !(r->csrf_ok = vl_csrf_check(r))) {
			vl_warn("CSRF check failed on %s", r->uri);
			rc = VL_FORBIDDEN;
			msg = CSRF_FAILED;
			goto fail;
		}
	}
	fields_fill(r);
	if (r->method == VL_POST)
		rc = app->post ? app->post(r) : VL_INVALID;
	else
		rc = app->get ? app->get(r) : VL_INVALID;
	if (rc == VL_OK && !r->sent) {
		vl_err("handler returned without a response");
		rc = VL_ERR;
	}
	if (rc == VL_OK || r->sent)
		goto done;
fail:
	if (vl_db_in_tx())
		vl_db_rollback();
	/* A joined session the handler never checked: checked now, so an
	 * error page is never shown to a stranger as to a signed-in user. */
	if (r->ctx->join != NULL && !r->sent) {
		r->ctx->join = NULL;
		if ((r->app->access == VL_CLIENT ? vl_sess_load_client(r) : vl_sess_load(r)) == VL_ERR)
			rc = VL_ERR;
		else if (r->sess == NULL) {
			vl_out_redirect(r, vl_signin_url(r));
			goto done;
		}
	}
	if (!r->sent)
		vl_out_error(r, rc, msg);
done:
	if (vl_db_in_tx()) {
		vl_err("request ended inside a transaction: rolled back");
		vl_db_rollback();
	}
	/* nginx's access log records every request; this line is for debugging. */
	vl_log(VL_LOG_DEBUG, "%s %s %d", r->method == VL_POST ? "POST" : "GET", r->uri, r->status);
}
