/*
 * Output: the status line, security headers and cookie flags (from one
 * place each), redirects and error pages.  Bodies are rendered into a
 * buffer first, so a failed render never leaves half a page behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vellum.h"

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int
vl_rc_status(enum vl_rc rc)
{
	switch (rc) {
	case VL_OK:		return 200;
	case VL_DECLINED:	return 404;
	case VL_INVALID:	return 400;
	case VL_FORBIDDEN:	return 403;
	case VL_CONFLICT:	return 409;
	case VL_TOOBIG:		return 413;
	case VL_BUSY:		return 429;
	default:		return 500;
	}
}

/*
 * Every cookie Vellum sets, with its path.  With cookie_secure a cookie on
 * "/" gets the __Host- prefix (the browser then refuses one set by a
 * sibling host or over plain HTTP), and one on a narrower path __Secure-.
 */
static const struct {
	const char	*plain, *secure, *path;
} cookies[VL_COOKIE__MAX] = {
	[VL_COOKIE_SID] =		{ "sid", "__Host-sid", "/" },
	[VL_COOKIE_CID] =		{ "cid", "__Host-cid", "/" },
	[VL_COOKIE_PRE] =		{ "pre", "__Host-pre", "/" },
	[VL_COOKIE_PORTAL_FIRM] =	{ "portal_firm", "__Secure-portal_firm", "/portal" },
	[VL_COOKIE_PENDING] =		{ "pending", "__Host-pending", "/" },
};

const char *
vl_cookie_name(enum vl_cookie c)
{
	if ((unsigned)c >= VL_COOKIE__MAX)
		return "";
	return vl_conf.cookie_secure ? cookies[c].secure : cookies[c].plain;
}

const struct vl_pair *
vl_cookie_get(struct vl_req *r, enum vl_cookie c)
{
	return (unsigned)c >= VL_COOKIE__MAX ? NULL : vl_pair_find(r->cookies, vl_cookie_name(c));
}

void
vl_out_header(struct vl_req *r, const char *name, const char *value)
{
	char	*v = vl_strip_crlf(value);

	vl_buf_addf(&r->hdr, "%s: %s\r\n", name, v);
	free(v);
}

/* Every cookie lives for the browser session, out of scripts' reach. */
void
vl_out_cookie(struct vl_req *r, enum vl_cookie c, const char *value)
{
	char	*v;

	if ((unsigned)c >= VL_COOKIE__MAX)
		return;
	v = vl_strip_crlf(value);
	vl_buf_addf(&r->hdr, "Set-Cookie: %s=%s; Path=%s; HttpOnly; SameSite=Lax%s\r\n",
	    vl_cookie_name(c), strpbrk(v, ";, ") ? "" : v, cookies[c].path,
	    vl_conf.cookie_secure ? "; Secure" : "");
	free(v);
}

void
vl_out_cookie_clear(struct vl_req *r, enum vl_cookie c)
{
	if ((unsigned)c >= VL_COOKIE__MAX)
		return;
	vl_buf_addf(&r->hdr, "Set-Cookie: %s=; Path=%s; Max-Age=0; HttpOnly; SameSite=Lax%s\r\n",
	    vl_cookie_name(c), cookies[c].path, vl_conf.cookie_secure ? "; Secure" : "");
}

/* The security headers every dynamic response carries. */
static void
security_headers(struct vl_buf *b)
{
	vl_buf_adds(b,
	    "Content-Security-Policy: default-src 'none'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "Cross-Origin-Opener-Policy: same-origin\r\n"
	    "Cache-Control: no-store\r\n");
}

void
vl_out_send(struct vl_req *r, int status, const char *ctype, const char *body, size_t len)
{
	struct vl_buf	 h = VL_BUF_INIT;

	if (r->sent) {
		vl_err("response already sent; dropping a second one (%d)", status);
		return;
	}
	r->sent = 1;
	r->status = status;
	vl_buf_addf(&h, "Status: %d %s\r\n", status, status_text(status));
	security_headers(&h);
	vl_buf_add(&h, vl_buf_str(&r->hdr), r->hdr.len);
	if (ctype != NULL)
		vl_buf_addf(&h, "Content-Type: %s\r\nContent-Length: %zu\r\n", ctype, len);
	vl_buf_adds(&h, "\r\n");
	if (r->write(r, h.buf, h.len) != 0 ||
	    (r->method != VL_HEAD && len > 0 && r->write(r, body, len) != 0))
		vl_warn("client went away while sending the response");
	vl_buf_release(&h);
}

void
vl_out_redirect(struct vl_req *r, const char *location)
{
	vl_out_header(r, "Location", location);
	vl_out_send(r, 303, NULL, NULL, 0);
}

static void
html_escape(struct vl_buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': vl_buf_adds(b, "&lt;"); break;
		case '>': vl_buf_adds(b, "&gt;"); break;
		case '&': vl_buf_adds(b, "&amp;"); break;
		case '"': vl_buf_adds(b, "&quot;"); break;
		case '\'': vl_buf_adds(b, "&#39;"); break;
		default: vl_buf_addc(b, *s);
		}
}

static const char *
default_message(int status)
{
	switch (status) {
	case 400: return "The request could not be understood. Please check what you entered and try again.";
	case 403: return "You do not have access to this page.";
	case 404: return "This page does not exist, or you do not have access to it.";
	case 405: return "This page does not accept that kind of request.";
	case 409: return "This change conflicts with another one. Please reload and try again.";
	case 413: return "The upload is too large.";
	case 429: return "Too many attempts from your address. Please wait a few minutes and try again.";
	default: return "Something went wrong on our side. Please try again in a moment.";
	}
}

void
vl_out_error(struct vl_req *r, enum vl_rc rc, const char *message)
{
	int		 status = vl_rc_status(rc);
	struct vl_buf	 body = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d;

	if (message == NULL)
		message = default_message(status);
	if ((d = vl_tpl_new(r->pool)) != NULL) {
		vl_tpl_set_int(d, "STATUS", status);
		vl_tpl_set(d, "STATUS_TEXT", status_text(status));
		vl_tpl_set(d, "MESSAGE", message);
		if (vl_tpl_expand("error.tpl", VL_TPL_HTML, d, &body, &err) != VL_TPL_OK) {
			vl_err("%s", vl_buf_str(&err));
			vl_buf_reset(&body);
		}
	}
	if (body.len == 0) {
		/* Built in, so this page cannot be broken on disk. */
		vl_buf_addf(&body, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%d %s</title></head><body><main><h1>%s</h1><p>", status,
		    status_text(status), status_text(status));
		html_escape(&body, message);
		vl_buf_adds(&body, "</p><p><a href=\"/\">Back to the start page</a></p></main></body></html>\n");
	}
	vl_out_send(r, status, "text/html; charset=utf-8", body.buf, body.len);
	vl_buf_release(&body);
	vl_buf_release(&err);
}

enum vl_rc
vl_out_file(struct vl_req *r, const char *path, const char *mime, const char *filename)
{
	struct vl_buf	 h = VL_BUF_INIT, cd = VL_BUF_INIT;
	struct stat	 st;
	char		 chunk[65536];
	const char	*p;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		vl_err("download %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return VL_DECLINED;
	}
	/* An ASCII fallback name, and the exact name as RFC 5987 UTF-8. */
	vl_buf_adds(&cd, "attachment; filename=\"");
	for (p = filename; *p; p++)
		vl_buf_addc(&cd, (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') ? *p : '_');
	vl_buf_adds(&cd, "\"; filename*=UTF-8''");
	vl_buf_add_urlenc(&cd, filename);
	vl_out_header(r, "Content-Disposition", cd.buf);
	vl_out_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
	r->sent = 1;
	r->status = 200;
	vl_buf_addf(&h, "Status: 200 OK\r\n");
	security_headers(&h);
	vl_buf_add(&h, vl_buf_str(&r->hdr), r->hdr.len);
	vl_buf_addf(&h, "Content-Type: %s\r\nContent-Length: %lld\r\n\r\n", mime,
	    (long long)st.st_size);
	if (r->write(r, h.buf, h.len) == 0 && r->method != VL_HEAD)
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			if (r->write(r, chunk, (size_t)n) != 0) {
				vl_warn("client went away during a download");
				break;
			}
	close(fd);
	vl_buf_release(&h);
	vl_buf_release(&cd);
	return VL_OK;
}
