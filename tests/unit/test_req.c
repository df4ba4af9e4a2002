/*
 * req.c + out.c: the front door with a fake transport (no database, no
 * server).  A table of requests, each with the status, headers and body the
 * program must answer.
 */
#include "vectors.h"
#include "internal.h"

#include <sodium.h>

enum field { F_NAME, F_N, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "name", VL_V_LINE, 10 },
	{ "n", VL_V_ID, 20 },
};

static enum vl_rc
echo(struct vl_req *r)
{
	struct vl_buf	 b = VL_BUF_INIT;

	vl_buf_addf(&b, "name=%s n=%lld", r->fields[F_NAME].val ? r->fields[F_NAME].val : "(none)",
	    (long long)(r->fields[F_N].val ? r->fields[F_N].num : -1));
	vl_out_send(r, 200, "text/plain", b.buf, b.len);
	vl_buf_release(&b);
	return VL_OK;
}

static enum vl_rc
declined(struct vl_req *r)
{
	(void)r;
	return VL_DECLINED;
}

static enum vl_rc
silent(struct vl_req *r)
{
	(void)r;
	return VL_OK;	/* a bug: no response */
}

static const struct vl_app echo_app = { .name = "echo", .fields = fields, .nfields = FIELD__MAX,
    .access = VL_PUBLIC, .get = echo, .post = echo };
static const struct vl_app missing_app = { .name = "missing", .access = VL_PUBLIC, .get = declined };
static const struct vl_app silent_app = { .name = "silent", .access = VL_PUBLIC, .get = silent };
static const struct vl_app private_app = { .name = "private", .access = VL_FIRM_USER, .get = echo,
    .post = echo };
static const struct vl_app client_app = { .name = "client", .access = VL_CLIENT, .get = echo };
static const struct vl_app upload_app = { .name = "upload", .fields = fields, .nfields = FIELD__MAX,
    .access = VL_PUBLIC, .max_body = 100ULL * 1024 * 1024, .post = echo };
static const struct vl_app private_upload_app = { .name = "private_upload", .access = VL_FIRM_USER,
    .max_body = 100ULL * 1024 * 1024, .raw_body = 1, .post = echo };

struct fake {
	const char *const	*env;	/* "KEY=value" ... NULL */
	struct memreader	 body;
	struct vl_buf		 out;
};

static const char *
fake_getenv(struct vl_req *r, const char *k)
{
	struct fake	*f = r->io;
	size_t		 n = strlen(k);
	const char *const *e;

	for (e = f->env; *e; e++)
		if (strncmp(*e, k, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static long
fake_read(void *io, char *buf, size_t len)
{
	return memreader_read(&((struct fake *)io)->body, buf, len);
}

static int
fake_write(struct vl_req *r, const char *p, size_t n)
{
	vl_buf_add(&((struct fake *)r->io)->out, p, n);
	return 0;
}

/* Runs one request; returns the response text (caller frees) and how much body was left unread. */
static char *
run(const struct vl_app *app, const char *const *env, const char *body, size_t *unread)
{
	struct vl_pool	*pool = vl_pool_new();
	struct fake	 f = { env, { body ? body : "", body ? strlen(body) : 0, 0 }, VL_BUF_INIT };
	struct vl_req	 r;

	memset(&r, 0, sizeof(r));
	r.pool = pool;
	r.getenv = fake_getenv;
	r.read = fake_read;
	r.write = fake_write;
	r.io = &f;
	vl_req_handle(app, &r);
	vl_buf_release(&r.hdr);
	vl_pool_free(pool);
	if (unread)
		*unread = f.body.left;
	return f.out.buf ? f.out.buf : vl_xstrdup("");
}

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct {
	const char		*name;
	const struct vl_app	*app;
	const char *const	*env;
	const char		*body;
	const char		*status;	/* the Status line's start */
	const char		*want;		/* must appear in the response */
	int			 body_untouched;
} vec[] = {
	{ "GET with fields", &echo_app, ENV("REQUEST_METHOD=GET", "QUERY_STRING=name=bob&n=5"),
	  NULL, "Status: 200", "name=bob n=5", 0 },
	{ "blanks trimmed", &echo_app, ENV("REQUEST_METHOD=GET", "QUERY_STRING=name=+bob+"),
	  NULL, "Status: 200", "name=bob n=-1", 0 },
	{ "invalid values are absent", &echo_app, ENV("REQUEST_METHOD=GET", "QUERY_STRING=name=far+too+long+a+name&n=0"),
	  NULL, "Status: 200", "name=(none) n=-1", 0 },
	{ "bad escape", &echo_app, ENV("REQUEST_METHOD=GET", "QUERY_STRING=name=%zz"),
	  NULL, "Status: 400", "Bad Request", 0 },
	{ "unknown method", &echo_app, ENV("REQUEST_METHOD=PUT"), "x", "Status: 400",
	  "does not accept that kind of request", 1 },
	{ "POST without CSRF", &echo_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=8"), "name=bob",
	  "Status: 403", "did not come from this site", 0 },
	{ "too long, refused before reading", &echo_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=999999999"), "name=bob",
	  "Status: 413", "too large", 1 },
	{ "length not a number", &echo_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=12x"), "name=bob",
	  "Status: 400", "not a number", 1 },
	{ "body shorter than announced", &echo_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=100"), "name=bob",
	  "Status: 400", "Bad Request", 0 },
	{ "unknown body type", &echo_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=text/plain",
	  "CONTENT_LENGTH=3"), "abc", "Status: 400", "not accepted", 1 },
	{ "handler says not found", &missing_app, ENV("REQUEST_METHOD=GET"), NULL,
	  "Status: 404", "does not exist", 0 },
	{ "handler forgot to answer", &silent_app, ENV("REQUEST_METHOD=GET"), NULL,
	  "Status: 500", "Something went wrong", 0 },
	{ "signed out, firm page", &private_app, ENV("REQUEST_METHOD=GET"), NULL,
	  "Status: 303", "Location: /login\r\n", 0 },
	{ "signed out, firm POST: refused before the body is read", &private_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=1"), "x",
	  "Status: 403", "session has ended", 1 },
	{ "signed out, upload: refused before the body is read", &private_upload_app,
	  ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=multipart/form-data; boundary=b", "CONTENT_LENGTH=78"),
	  "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc\r\n--b--\r\n",
	  "Status: 403", "session has ended", 1 },
	{ "signed out, huge upload: 403, not 413", &private_upload_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/octet-stream", "CONTENT_LENGTH=999999999999"), "x",
	  "Status: 403", "session has ended", 1 },
	{ "a form over 64 KiB where uploads may be 100 MB", &upload_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=65537"), "name=bob",
	  "Status: 413", "too large", 1 },
	{ "a wrong CSRF header refuses before the body is read", &upload_app, ENV("REQUEST_METHOD=POST",
	  "CONTENT_TYPE=application/x-www-form-urlencoded", "CONTENT_LENGTH=8",
	  "HTTP_X_CSRF_TOKEN=0000000000000000000000000000000000000000000000000000000000000000"), "name=bob",
	  "Status: 403", "did not come from this site", 1 },
	{ "signed out, client page", &client_app, ENV("REQUEST_METHOD=GET",
	  "HTTP_COOKIE=__Host-sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), NULL, "Status: 303",
	  "Location: /portal/login\r\n", 0 },
	{ "an encoded slash in the path", &echo_app, ENV("REQUEST_METHOD=GET",
	  "REQUEST_URI=/matters/2%2f..%2f1"), NULL, "Status: 400", "This address is not valid", 0 },
	{ "an encoded dot segment in the path", &echo_app, ENV("REQUEST_METHOD=GET",
	  "REQUEST_URI=/matters/2/%2E%2e/1?x=1"), NULL, "Status: 400", "This address is not valid", 0 },
	{ "stale session cookie of the wrong shape", &private_app, ENV("REQUEST_METHOD=GET",
	  "HTTP_COOKIE=__Host-sid=short"), NULL, "Status: 303", "Location: /login", 0 },
};

static void
test_vectors(void **state)
{
	size_t	 i, unread;
	char	*out;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		out = run(vec[i].app, vec[i].env, vec[i].body, &unread);
		if (strncmp(out, vec[i].status, strlen(vec[i].status)) != 0 ||
		    strstr(out, vec[i].want) == NULL)
			fail_msg("\"%s\": got\n%s", vec[i].name, out);
		/* Every response carries the security headers. */
		assert_non_null(strstr(out, "Content-Security-Policy: default-src 'none'"));
		assert_non_null(strstr(out, "X-Content-Type-Options: nosniff\r\n"));
		assert_non_null(strstr(out, "X-Frame-Options: DENY\r\n"));
		assert_non_null(strstr(out, "Cache-Control: no-store\r\n"));
		if (vec[i].body_untouched && vec[i].body != NULL)
			assert_int_equal(unread, strlen(vec[i].body));
		free(out);
	}
}

/* Paths the server and the program could read apart, and their neighbours. */
static void
test_path_unsafe(void **state)
{
	static const struct {
		const char	*path;
		int		 unsafe;
	} v[] = {
		{ "/", 0 }, { "/matters/12", 0 }, { "/matters/12/documents", 0 },
		{ "/static/vellum.css", 0 }, { "/a.b/c", 0 }, { "/.well-known/x", 0 },
		{ "/...", 0 }, { "/a/.../b", 0 }, { "/%2e%2e%2e", 0 }, { "/a%2", 0 }, { "/a%", 0 },
		{ "/%2", 0 }, { "/matters/1%2", 0 }, { "/%252f", 0 }, { "/%252e%252e", 0 },
		{ "/matters/2/../1", 1 }, { "/matters/2/./1", 1 }, { "/matters/2/..", 1 },
		{ "/..", 1 }, { "/.", 1 }, { "..", 1 },
		{ "/matters/2/%2e%2e/1", 1 }, { "/matters/2/%2E./1", 1 }, { "/matters/2/.%2e/1", 1 },
		{ "/matters/2/%2e/1", 1 },
		{ "/matters/2%2f..%2f1", 1 }, { "/matters/2%2F..%2F1", 1 }, { "/matters%2f1", 1 },
		{ "/matters/1%2fdocuments", 1 }, { "/%2f", 1 }, { "/a/%2Fb", 1 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++)
		if (vl_path_unsafe(v[i].path) != v[i].unsafe)
			fail_msg("\"%s\": want %d", v[i].path, v[i].unsafe);
}

/* A signed-out form: GET sets the pre-session cookie, POST with it passes. */
static void
test_presession_csrf_roundtrip(void **state)
{
	char	 pre[44], tok[65], body[256], cookie[128], len[32], *out;

	(void)state;
	vl_token_new(pre);
	vl_csrf_token(pre, tok);
	snprintf(body, sizeof(body), "csrf=%s&name=eve&n=7", tok);
	snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=__Host-pre=%s", pre);
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", strlen(body));
	out = run(&echo_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    len, cookie), body, NULL);
	assert_non_null(strstr(out, "Status: 200"));
	assert_non_null(strstr(out, "name=eve n=7"));
	free(out);
	/* A script's upload carries the token in a header instead of a field. */
	snprintf(body, sizeof(body), "name=hdr");
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", strlen(body));
	{
		char hdr[100];
		snprintf(hdr, sizeof(hdr), "HTTP_X_CSRF_TOKEN=%s", tok);
		out = run(&echo_app, ENV("REQUEST_METHOD=POST",
		    "CONTENT_TYPE=application/x-www-form-urlencoded", len, cookie, hdr), body, NULL);
		assert_non_null(strstr(out, "Status: 200"));
		assert_non_null(strstr(out, "name=hdr"));
		free(out);
	}
	snprintf(body, sizeof(body), "csrf=%s&name=eve&n=7", tok);
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", strlen(body));
	/* The same from another site is refused even with the right token. */
	out = run(&echo_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    len, cookie, "HTTP_SEC_FETCH_SITE=cross-site"), body, NULL);
	assert_non_null(strstr(out, "Status: 403"));
	free(out);
}

/* Multipart: a file before the token makes no temp file; fields are capped
 * in number and in total size. */
static void
test_multipart_limits(void **state)
{
	char		 pre[44], tok[65], cookie[128], len[32], *out;
	struct vl_buf	 body = VL_BUF_INIT;
	int		 i;

	(void)state;
	vl_token_new(pre);
	vl_csrf_token(pre, tok);
	snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=__Host-pre=%s", pre);
	/* The temp directory does not exist: opening a temp file would be a 500. */
	free(vl_conf.tmp);
	vl_conf.tmp = vl_xstrdup("/nonexistent/vellum-test");
#define PART(b, name) vl_buf_addf(b, "--b\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n", name)
	vl_buf_adds(&body, "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
	    "early file\r\n");
	PART(&body, "csrf");
	vl_buf_addf(&body, "%s\r\n--b--\r\n", tok);
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", body.len);
	out = run(&upload_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=multipart/form-data; boundary=b",
	    len, cookie), body.buf, NULL);
	if (strncmp(out, "Status: 403", 11) != 0)
		fail_msg("file before the token: got\n%s", out);
	free(out);

	vl_buf_reset(&body);
	PART(&body, "csrf");
	vl_buf_addf(&body, "%s\r\n", tok);
	for (i = 0; i < 2000; i++) {
		PART(&body, "f");
		vl_buf_adds(&body, "x\r\n");
	}
	vl_buf_adds(&body, "--b--\r\n");
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", body.len);
	out = run(&upload_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=multipart/form-data; boundary=b",
	    len, cookie), body.buf, NULL);
	if (strncmp(out, "Status: 413", 11) != 0)
		fail_msg("2000 fields: got\n%s", out);
	free(out);

	vl_buf_reset(&body);
	PART(&body, "csrf");
	vl_buf_addf(&body, "%s\r\n", tok);
	for (i = 0; i < 4; i++) {
		PART(&body, "t");
		vl_buf_grow(&body, 60000);
		memset(body.buf + body.len, 't', 60000);
		body.len += 60000;
		body.buf[body.len] = '\0';
		vl_buf_adds(&body, "\r\n");
	}
	vl_buf_adds(&body, "--b--\r\n");
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", body.len);
	out = run(&upload_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=multipart/form-data; boundary=b",
	    len, cookie), body.buf, NULL);
	if (strncmp(out, "Status: 413", 11) != 0)
		fail_msg("240 KB of fields: got\n%s", out);
	free(out);

	/* Within the limits, fields arrive. */
	vl_buf_reset(&body);
	PART(&body, "csrf");
	vl_buf_addf(&body, "%s\r\n", tok);
	PART(&body, "name");
	vl_buf_adds(&body, "mp\r\n--b--\r\n");
	snprintf(len, sizeof(len), "CONTENT_LENGTH=%zu", body.len);
	out = run(&upload_app, ENV("REQUEST_METHOD=POST", "CONTENT_TYPE=multipart/form-data; boundary=b",
	    len, cookie), body.buf, NULL);
	if (strstr(out, "name=mp") == NULL)
		fail_msg("a small form: got\n%s", out);
	free(out);
#undef PART
	vl_buf_release(&body);
}

static void
test_head_has_no_body(void **state)
{
	char	*out;

	(void)state;
	out = run(&echo_app, ENV("REQUEST_METHOD=HEAD", "QUERY_STRING=name=x"), NULL, NULL);
	assert_non_null(strstr(out, "Status: 200"));
	assert_non_null(strstr(out, "Content-Length: 11\r\n"));
	assert_null(strstr(out, "name=x"));
	free(out);
}

static void
test_cookie_flags(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_req	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool;
	vl_conf.cookie_secure = 1;
	vl_out_cookie(&r, VL_COOKIE_SID, "abc");
	assert_string_equal(vl_buf_str(&r.hdr),
	    "Set-Cookie: __Host-sid=abc; Path=/; HttpOnly; SameSite=Lax; Secure\r\n");
	vl_buf_reset(&r.hdr);
	vl_out_cookie_clear(&r, VL_COOKIE_PRE);
	assert_non_null(strstr(vl_buf_str(&r.hdr), "__Host-pre=; Path=/; Max-Age=0"));
	vl_buf_reset(&r.hdr);
	vl_conf.cookie_secure = 0;
	vl_out_cookie(&r, VL_COOKIE_SID, "abc");
	assert_string_equal(vl_buf_str(&r.hdr), "Set-Cookie: sid=abc; Path=/; HttpOnly; SameSite=Lax\r\n");
	/* A cookie of a narrower path: its own path, and __Secure- when secure. */
	vl_buf_reset(&r.hdr);
	vl_out_cookie(&r, VL_COOKIE_PORTAL_FIRM, "demo");
	assert_string_equal(vl_buf_str(&r.hdr),
	    "Set-Cookie: portal_firm=demo; Path=/portal; HttpOnly; SameSite=Lax\r\n");
	vl_buf_reset(&r.hdr);
	vl_conf.cookie_secure = 1;
	vl_out_cookie(&r, VL_COOKIE_PORTAL_FIRM, "demo");
	assert_string_equal(vl_buf_str(&r.hdr),
	    "Set-Cookie: __Secure-portal_firm=demo; Path=/portal; HttpOnly; SameSite=Lax; Secure\r\n");
	/* A value cannot add attributes or another cookie. */
	vl_buf_reset(&r.hdr);
	vl_out_cookie(&r, VL_COOKIE_PORTAL_FIRM, "x; Domain=evil.test");
	assert_non_null(strstr(vl_buf_str(&r.hdr), "__Secure-portal_firm=; Path=/portal"));
	assert_null(strstr(vl_buf_str(&r.hdr), "evil"));
	assert_string_equal(vl_cookie_name(VL_COOKIE_CID), "__Host-cid");
	/* Header values cannot carry a new header. */
	vl_buf_reset(&r.hdr);
	vl_out_header(&r, "Location", "/x\r\nSet-Cookie: evil=1");
	assert_string_equal(vl_buf_str(&r.hdr), "Location: /xSet-Cookie: evil=1\r\n");
	vl_buf_release(&r.hdr);
	vl_pool_free(pool);
}

static void
test_rc_status(void **state)
{
	static const int want[VL_RC__MAX] = { 200, 404, 400, 403, 409, 413, 429, 500 };
	int	 rc;

	(void)state;
	for (rc = 0; rc < VL_RC__MAX; rc++)
		assert_int_equal(vl_rc_status((enum vl_rc)rc), want[rc]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_path_unsafe),
		cmocka_unit_test(test_presession_csrf_roundtrip),
		cmocka_unit_test(test_multipart_limits),
		cmocka_unit_test(test_head_has_no_body),
		cmocka_unit_test(test_cookie_flags),
		cmocka_unit_test(test_rc_status),
	};

	if (sodium_init() < 0)
		return 1;
	vl_conf_defaults(&vl_conf);
	randombytes_buf(vl_conf.secret, sizeof(vl_conf.secret));
	vl_log_init("test_req", VL_LOG_ERR);
	return cmocka_run_group_tests_name("req", tests, NULL, NULL);
}
