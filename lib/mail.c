/*
 * Mail: renders a notification from its templates and sends it over SMTP
 * with libcurl.  One CURL handle is kept so the connection is reused from
 * message to message (libcurl keeps it in the handle across transfers),
 * up to VL_MAIL_PER_CONNECTION emails; a connection the server closed
 * meanwhile is noticed and replaced (see vl_mail_send).  Template data arrives urlencoded (the outbox payload).
 *
 * A mail kind K has templates/mail/K.subject.tpl (one line) and
 * templates/mail/K.txt.tpl (the plain-text body), and may have
 * templates/mail/K.html.tpl.  Every email bears the firm's logo and name
 * (SPEC F-A1): a kind without its own HTML part gets its text, escaped, in
 * the firm's frame, templates/mail/_layout.html.tpl.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "mail.h"
#include "internal.h"

static CURL	*curl;
/* Emails sent over the connection libcurl keeps open in that handle. */
static long	 on_connection;

/* Sets each urlencoded pair of payload on d, the key upper-cased; a value
 * that is not empty also shows the section of its name, for templates to
 * say something only when an optional key is there (PREVIEW).  A key
 * "list.key" sets KEY in a row of section LIST: a row ends when its first
 * key comes again, so "items.a=1&items.b=2&items.a=3" makes two rows (a
 * mail that lists several things, an envelope's items). */
static enum vl_rc
set_vars(struct vl_pool *pool, struct vl_tpl *d, const char *payload)
{
	struct vl_pair	*vars = NULL, *p;
	struct vl_tpl	*to, *row = NULL;
	char		*key, *dot, *list = NULL, *first = NULL;
	size_t		 i;

	if (vl_parse_urlencoded(pool, payload, strlen(payload), &vars) != VL_OK)
		return VL_INVALID;
	for (p = vars; p; p = p->next) {
		key = vl_pool_strdup(pool, p->key);
		for (i = 0; key[i]; i++)
			key[i] = (char)toupper((unsigned char)key[i]);
		to = d;
		if ((dot = strchr(key, '.')) != NULL && dot != key && dot[1] != '\0') {
			*dot++ = '\0';
			if (row == NULL || strcmp(list, key) != 0 || strcmp(first, dot) == 0) {
				row = vl_tpl_section(d, key);
				list = key;
				first = dot;
			}
			to = row;
			key = dot;
		}
		vl_tpl_set(to, key, p->val);
		if (p->val != NULL && *p->val != '\0')
			vl_tpl_show(to, key);
	}
	return VL_OK;
}

/*
 * The text body as PARA sections (split at blank lines) of LINE sections
 * for the HTML frame; the first http(s) URL of a line becomes a link.  The
 * signature separator ("-- ") only ends a paragraph.
 */
static void
frame_text(struct vl_pool *pool, struct vl_tpl *d, const char *text)
{
	struct vl_tpl	*para = NULL, *line;
	const char	*p = text, *eol, *url, *https, *http;
	char		*l;
	size_t		 n, ul;

	while (*p) {
		eol = p + strcspn(p, "\n");
		n = (size_t)(eol - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		l = vl_pool_strndup(pool, p, n);
		p = *eol ? eol + 1 : eol;
		if (n == 0 || strcmp(l, "-- ") == 0) {
			para = NULL;
			continue;
		}
		if (para == NULL)
			para = vl_tpl_section(d, "PARA");
		line = vl_tpl_section(para, "LINE");
		https = strstr(l, "https://");
		http = strstr(l, "http://");
		url = https && (!http || https < http) ? https : http;
		vl_tpl_set(line, "AFTER", "");
		if (url == NULL) {
			vl_tpl_set(line, "BEFORE", l);
			continue;
		}
		ul = strcspn(url, " \t<>\"()");
		vl_tpl_set(line, "BEFORE", vl_pool_strndup(pool, l, (size_t)(url - l)));
		vl_tpl_set(vl_tpl_section(line, "URL"), "HREF", vl_pool_strndup(pool, url, ul));
		vl_tpl_set(line, "AFTER", url + ul);
	}
}

enum vl_rc
vl_mail_render(struct vl_pool *pool, const char *kind, const char *const *payloads, size_t n,
    const struct vl_mail_firm *firm, struct vl_mail_parts *out, struct vl_buf *err)
{
	struct vl_buf	*subject = &out->subject, *body = &out->text;
	struct vl_tpl	*d;
	const char	*file;
	size_t		 i;
	enum vl_rc	 rc = VL_OK;

	for (i = 0; kind[i]; i++)
		if (!islower((unsigned char)kind[i]) && kind[i] != '_')
			return VL_INVALID;
	if (n == 0)
		return VL_INVALID;
	if ((d = vl_tpl_new(pool)) == NULL)
		return VL_ERR;
	vl_tpl_set(d, "FIRM_NAME", firm->name);
	vl_tpl_set(d, "BASE_URL", vl_conf.base_url);
	if (firm->logo != NULL && *firm->logo != '\0') {
		/* A logo path on this portal becomes an absolute URL for mail readers. */
		struct vl_tpl *l = vl_tpl_section(d, "LOGO");
		vl_tpl_set(l, "LOGO_URL", *firm->logo == '/' ? vl_pool_printf(pool, "%s%s",
		    vl_conf.base_url, firm->logo) : firm->logo);
	}
	vl_tpl_set_int(d, "COUNT", (long long)n);
	vl_tpl_show(d, n == 1 ? "ONE" : "MANY");
	/* The first item's values also stand at the top, for single mails. */
	if (set_vars(pool, d, payloads[0]) != VL_OK)
		rc = VL_INVALID;
	for (i = 0; rc == VL_OK && i < n; i++)
		if (set_vars(pool, vl_tpl_section(d, "ITEM"), payloads[i]) != VL_OK)
			rc = VL_INVALID;
	file = vl_pool_printf(pool, "mail/%s.subject.tpl", kind);
	if (rc == VL_OK && vl_tpl_expand(file, VL_TPL_TEXT, d, subject, err) != VL_TPL_OK)
		rc = VL_ERR;
	file = vl_pool_printf(pool, "mail/%s.txt.tpl", kind);
	if (rc == VL_OK && vl_tpl_expand(file, VL_TPL_TEXT, d, body, err) != VL_TPL_OK)
		rc = VL_ERR;
	/* The kind's own HTML part, else its text in the firm's frame. */
	file = vl_pool_printf(pool, "mail/%s.html.tpl", kind);
	if (rc == VL_OK && vl_tpl_check(file, VL_TPL_HTML, NULL) == VL_TPL_NOTFOUND) {
		frame_text(pool, d, vl_buf_str(body));
		file = "mail/_layout.html.tpl";
	}
	if (rc == VL_OK && vl_tpl_expand(file, VL_TPL_HTML, d, &out->html, err) != VL_TPL_OK)
		rc = VL_ERR;
	/* A subject is one line: keep the first, without CR or LF. */
	if (rc == VL_OK) {
		subject->len = strcspn(vl_buf_str(subject), "\r\n");
		if (subject->buf)
			subject->buf[subject->len] = '\0';
	}
	return rc;
}

/* Appends text with bare LF turned into CRLF (libcurl's quoted-printable
 * encoder keeps CRLF as a line break but would encode a lone LF). */
static void
add_crlf(struct vl_buf *out, const char *body)
{
	const char	*p = body, *nl;

	/* A line at a time: a character at a time was a fifth of the
	 * mailer's instructions (callgrind, 10-item emails). */
	while ((nl = strchr(p, '\n')) != NULL) {
		vl_buf_add(out, p, (size_t)(nl - p));
		if (nl == body || nl[-1] != '\r')
			vl_buf_addc(out, '\r');
		vl_buf_addc(out, '\n');
		p = nl + 1;
	}
	vl_buf_adds(out, p);
}

static int
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * RFC 2047 encoded words (base64 of the UTF-8 text), folded: each word is
 * at most 64 characters (39 bytes of text), well inside the 75 allowed, so
 * a header line stays short however long the text; a word never ends
 * inside a UTF-8 sequence, as RFC 2047 requires.
 */
static void
add_words(struct vl_buf *out, const char *s)
{
	char	 b64[sodium_base64_ENCODED_LEN(39, sodium_base64_VARIANT_ORIGINAL)];
	size_t	 n = strlen(s), take;

	do {
		take = n < 39 ? n : 39;
		while (take < n && take > 1 && ((unsigned char)s[take] & 0xc0) == 0x80)
			take--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s, take,
		    sodium_base64_VARIANT_ORIGINAL);
		vl_buf_addf(out, "=?UTF-8?B?%s?=", b64);
		s += take;
		n -= take;
		if (n > 0)
			vl_buf_adds(out, "\r\n ");
	} while (n > 0);
}

void
vl_mail_header_text(struct vl_buf *out, const char *text)
{
	char	*t = vl_strip_crlf(text);

	/* Plain ASCII stays readable; 900 leaves room for the name within
	 * the 998 bytes a header line may have. */
	if (ascii(t) && strlen(t) <= 900)
		vl_buf_adds(out, t);
	else
		add_words(out, t);
	free(t);
}

void
vl_mail_header_from(struct vl_buf *out, const char *name, const char *addr)
{
	char	*n = vl_strip_crlf(name), *a = vl_strip_crlf(addr);
	char	*p;

	if (*n == '\0')
		vl_buf_addf(out, "<%s>", a);
	else if (ascii(n) && strlen(n) <= 200) {
		/* A quoted string: quotes and backslashes inside are escaped. */
		vl_buf_addc(out, '"');
		for (p = n; *p; p++) {
			if (*p == '"' || *p == '\\')
				vl_buf_addc(out, '\\');
			vl_buf_addc(out, *p);
		}
		vl_buf_addf(out, "\" <%s>", a);
	} else {
		add_words(out, n);
		vl_buf_addf(out, " <%s>", a);
	}
	free(n);
	free(a);
}

/* Moves line to the header list *h: 0, or -1 when libcurl is out of memory. */
static int
add_header(struct curl_slist **h, struct vl_buf *line)
{
	struct curl_slist *n;

	n = curl_slist_append(*h, vl_buf_str(line));
	vl_buf_reset(line);
	if (n == NULL)
		return -1;
	*h = n;
	return 0;
}

/*
 * The message: our headers on top (libcurl adds MIME-Version and the
 * Content-Type with its boundary), then a multipart/alternative body whose
 * parts are quoted-printable UTF-8, so no line of it is longer than 76
 * characters whatever the text, and non-ASCII needs no 8BITMIME.
 */
static curl_mime *
build(const struct vl_mail_msg *m, struct curl_slist **hdrs, struct vl_buf *text,
    struct vl_buf *html)
{
	struct vl_buf	 line = VL_BUF_INIT;
	curl_mime	*mime;
	curl_mimepart	*part;
	char		 date[64];
	char		*v;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 bad = 0;

	/* Every value is stripped of CR and LF: nothing can add a header. */
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	vl_buf_addf(&line, "Date: %s", date);
	bad |= add_header(hdrs, &line);
	vl_buf_adds(&line, "From: ");
	vl_mail_header_from(&line, m->from_name, m->from_addr);
	bad |= add_header(hdrs, &line);
	v = vl_strip_crlf(m->to);
	vl_buf_addf(&line, "To: %s", v);
	free(v);
	bad |= add_header(hdrs, &line);
	vl_buf_adds(&line, "Subject: ");
	vl_mail_header_text(&line, m->subject);
	bad |= add_header(hdrs, &line);
	v = vl_strip_crlf(m->msgid);
	vl_buf_addf(&line, "Message-ID: %s", v);
	free(v);
	bad |= add_header(hdrs, &line);
	vl_buf_adds(&line, "Auto-Submitted: auto-generated");
	bad |= add_header(hdrs, &line);
	/* The top part's type; libcurl appends its boundary. */
	vl_buf_adds(&line, "Content-Type: multipart/alternative");
	bad |= add_header(hdrs, &line);
	vl_buf_release(&line);
	if (bad)
		return NULL;

	if ((mime = curl_mime_init(curl)) == NULL)
		return NULL;
	add_crlf(text, m->text ? m->text : "");
	if ((part = curl_mime_addpart(mime)) == NULL ||
	    curl_mime_data(part, vl_buf_str(text), text->len) != CURLE_OK ||
	    curl_mime_type(part, "text/plain; charset=utf-8") != CURLE_OK ||
	    curl_mime_encoder(part, "quoted-printable") != CURLE_OK)
		goto fail;
	if (m->html != NULL && *m->html != '\0') {
		add_crlf(html, m->html);
		if ((part = curl_mime_addpart(mime)) == NULL ||
		    curl_mime_data(part, vl_buf_str(html), html->len) != CURLE_OK ||
		    curl_mime_type(part, "text/html; charset=utf-8") != CURLE_OK ||
		    curl_mime_encoder(part, "quoted-printable") != CURLE_OK)
			goto fail;
	}
	return mime;
fail:
	curl_mime_free(mime);
	return NULL;
}

/* 1 if host (as libcurl's URL parser gives it) names this machine's loopback. */
static int
loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;
	char		 h[INET6_ADDRSTRLEN + 2];
	size_t		 n = strlen(host);

	if (strcasecmp(host, "localhost") == 0 || strcasecmp(host, "localhost.") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (n < 3 || n - 2 >= sizeof(h) || host[0] != '[' || host[n - 1] != ']')
		return 0;
	memcpy(h, host + 1, n - 2);
	h[n - 2] = '\0';
	if (inet_pton(AF_INET6, h, &a6) != 1)
		return 0;
	if (IN6_IS_ADDR_LOOPBACK(&a6))
		return 1;
	return IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127;
}

enum vl_mail_tls
vl_mail_tls(const char *url, int credentials, struct vl_buf *why)
{
	enum vl_mail_tls	 t = VL_TLS_REFUSE;
	CURLU			*u;
	char			*scheme = NULL, *host = NULL;

	if (url == NULL || (u = curl_url()) == NULL) {
		vl_buf_adds(why, "no SMTP URL");
		return VL_TLS_REFUSE;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || *host == '\0')
		vl_buf_adds(why, "the SMTP URL has no scheme or host");
	else if (strcasecmp(scheme, "smtps") == 0)
		t = VL_TLS_IMPLICIT;
	else if (strcasecmp(scheme, "smtp") != 0)
		vl_buf_addf(why, "\"%s\" is not an SMTP URL scheme", scheme);
	else if (credentials || !loopback(host))
		t = VL_TLS_STARTTLS;
	else
		t = VL_TLS_NONE;
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return t;
}

/*
 * One transfer on the kept handle.  A connection reused from the last email
 * may have been closed by the server since (an idle timeout, a limit of its
 * own) in a way libcurl only sees when it writes; when such a transfer
 * fails before the server answered anything (no SMTP reply at all, so not
 * even MAIL FROM was accepted and the message cannot have been taken), it
 * is tried once more on a new connection instead of waiting out a retry.
 */
static CURLcode
perform(long *code)
{
	CURLcode	 c;
	long		 fresh = 0;

	*code = 0;
	c = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
	curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &fresh);
	if (c != CURLE_OK && fresh == 0 && *code == 0 && (c == CURLE_SEND_ERROR ||
	    c == CURLE_RECV_ERROR || c == CURLE_GOT_NOTHING || c == CURLE_WEIRD_SERVER_REPLY)) {
		vl_info("the SMTP connection was closed by the server; sending on a new one");
		curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
		c = curl_easy_perform(curl);
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
		curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &fresh);
	}
	/* Counted from the connection this email went over. */
	on_connection = fresh > 0 ? 1 : on_connection + 1;
	if (on_connection >= VL_MAIL_PER_CONNECTION)
		on_connection = 0;	/* FORBID_REUSE closed it */
	return c;
}

enum vl_mail_result
vl_mail_send(const struct vl_mail_msg *m, struct vl_buf *err)
{
	struct curl_slist	*rcpt = NULL, *hdrs = NULL;
	struct vl_buf		 why = VL_BUF_INIT, text = VL_BUF_INIT, html = VL_BUF_INIT;
	curl_mime		*mime = NULL;
	enum vl_mail_tls	 tls;
	enum vl_mail_result	 res = VL_MAIL_RETRY;
	char			*envfrom = NULL, *to = NULL;
	long			 code = 0, limit;
	CURLcode		 c;

	tls = vl_mail_tls(vl_conf.smtp_url, vl_conf.smtp_user != NULL, &why);
	if (tls == VL_TLS_REFUSE) {
		vl_err("smtp_url: %s; refusing to send: mail goes only over TLS, or in the clear "
		    "to a server on loopback", vl_buf_str(&why));
		vl_buf_addf(err, "not sent: %s", vl_buf_str(&why));
		vl_buf_release(&why);
		return VL_MAIL_RETRY;	/* an admin can fix the configuration */
	}
	vl_buf_release(&why);
	if (curl == NULL && (curl = curl_easy_init()) == NULL) {
		vl_buf_adds(err, "libcurl failed to start");
		return VL_MAIL_RETRY;
	}
	curl_easy_reset(curl);
	to = vl_strip_crlf(m->to);
	if ((rcpt = curl_slist_append(NULL, to)) == NULL ||
	    (mime = build(m, &hdrs, &text, &html)) == NULL) {
		vl_buf_adds(err, "out of memory building the message");
		goto out;
	}
	envfrom = vl_strip_crlf(m->from_addr);
	curl_easy_setopt(curl, CURLOPT_URL, vl_conf.smtp_url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* A host whose CA bundle is not where the build machine keeps it. */
	if (vl_conf.smtp_ca_file != NULL && *vl_conf.smtp_ca_file != '\0')
		curl_easy_setopt(curl, CURLOPT_CAINFO, vl_conf.smtp_ca_file);
	if (vl_conf.smtp_user != NULL) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, vl_conf.smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, vl_conf.smtp_password);
	}
	/* CURLUSESSL_ALL: without STARTTLS the send fails; it never falls back. */
	if (tls != VL_TLS_NONE)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envfrom);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	/* For SMTP these are the message's headers; a leading dot in the
	 * body is stuffed by libcurl. */
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
	/* The lease was renewed just before: the send ends well inside it, so no
	 * other mailer can take the rows while this one may still deliver them. */
	limit = (long)(vl_conf.mail_lease * 2 / 3);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, limit < 10 ? limit : 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, limit);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	/* The last email a connection carries closes it (QUIT). */
	if (on_connection >= VL_MAIL_PER_CONNECTION - 1)
		curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
	c = perform(&code);
	if (c == CURLE_OK)
		res = VL_MAIL_SENT;
	else if (c == CURLE_USE_SSL_FAILED) {
		vl_err("the SMTP server at %s offers no STARTTLS; refusing to send in the clear "
		    "to a server that is not on loopback", vl_conf.smtp_url);
		vl_buf_adds(err, "not sent: the SMTP server offers no STARTTLS");
	} else {
		vl_buf_addf(err, "%s (SMTP %ld)", curl_easy_strerror(c), code);
		/* A permanent refusal (5xx) will not get better by trying again. */
		if (code >= 500 && code < 600)
			res = VL_MAIL_DEAD;
	}
out:
	/* The handle keeps only the connection: no pointer into what is freed. */
	curl_easy_reset(curl);
	curl_mime_free(mime);
	curl_slist_free_all(hdrs);
	curl_slist_free_all(rcpt);
	free(envfrom);
	free(to);
	vl_buf_release(&text);
	vl_buf_release(&html);
	return res;
}

void
vl_mail_shutdown(void)
{
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl = NULL;
}
