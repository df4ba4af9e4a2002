/* mail.c: rendering from the shipped templates, building and sending the message. */
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <dirent.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "vectors.h"

#include "mail.h"
#include "internal.h"
#include "notify.h"

static void
test_render_reset(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_mail_firm firm = { "Smith & <Jones>", NULL };
	struct vl_buf	 err = VL_BUF_INIT;
	const char	*p1[] = { "link=https%3A%2F%2Fportal.test%2Freset%3Ftoken%3Dabc&minutes=30" };

	(void)state;
	assert_int_equal(vl_mail_render(pool, "password_reset", p1, 1, &firm, &m, &err), VL_OK);
	assert_string_equal(vl_buf_str(&m.subject), "Reset your Smith & <Jones> portal password");
	assert_non_null(strstr(vl_buf_str(&m.text), "https://portal.test/reset?token=abc"));
	assert_non_null(strstr(vl_buf_str(&m.text), "within 30 minutes"));
	/* Plain text: nothing HTML-escaped.  Without an HTML template of its
	 * own the kind gets the text in the firm's frame, escaped, the link live. */
	assert_non_null(strstr(vl_buf_str(&m.text), "Smith & <Jones>"));
	assert_non_null(strstr(vl_buf_str(&m.html), "Smith &amp; &lt;Jones&gt;"));
	assert_null(strstr(vl_buf_str(&m.html), "<Jones>"));
	assert_non_null(strstr(vl_buf_str(&m.html),
	    "<a href=\"https://portal.test/reset?token=abc\">https://portal.test/reset?token=abc</a>"));
	vl_buf_release(&m.subject);
	vl_buf_release(&m.text);
	vl_buf_release(&m.html);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

static void
test_render_refusals(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_mail_firm firm = { "F", NULL };
	struct vl_buf	 err = VL_BUF_INIT;
	static const char *const kinds[] = { "../etc", "Password_reset", "a/b", "x.y" };
	size_t		 i;

	(void)state;
	const char *empty[] = { "" }, *bad[] = { "k=%zz" };

	for (i = 0; i < NELEM(kinds); i++)
		assert_int_equal(vl_mail_render(pool, kinds[i], empty, 1, &firm, &m, &err), VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "password_reset", bad, 1, &firm, &m, &err), VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "password_reset", empty, 0, &firm, &m, &err), VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "no_such_kind", empty, 1, &firm, &m, &err), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&err), "no_such_kind"));
	vl_buf_release(&m.subject);
	vl_buf_release(&m.text);
	vl_buf_release(&m.html);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

/*
 * A one-message SMTP server for the send tests, in a child process on a
 * loopback port: it answers libcurl, and after the end of DATA writes what
 * it got (envelope, then the message as sent, dots unstuffed) to a pipe.
 */
struct sink {
	pid_t	 pid;
	int	 fd;		/* the pipe's read end */
	int	 port;
};

static void
sink_serve(int lfd, int out)
{
	char	 buf[8192], *nl;
	size_t	 have = 0;
	ssize_t	 r;
	int	 c, data = 0;
	struct vl_buf got = VL_BUF_INIT;

	if ((c = accept(lfd, NULL, NULL)) < 0)
		_exit(1);
#define SAY(s) (void)!write(c, s "\r\n", sizeof(s "\r\n") - 1)
	SAY("220 sink ESMTP");
	for (;;) {
		if (have == sizeof(buf) - 1 || (r = read(c, buf + have, sizeof(buf) - 1 - have)) <= 0)
			_exit(1);
		have += (size_t)r;
		buf[have] = '\0';
		while ((nl = strstr(buf, "\r\n")) != NULL) {
			*nl = '\0';
			if (data && strcmp(buf, ".") == 0) {
				SAY("250 kept");
				(void)!write(out, vl_buf_str(&got), got.len);
				_exit(0);
			} else if (data) {
				vl_buf_adds(&got, buf[0] == '.' ? buf + 1 : buf);
				vl_buf_adds(&got, "\r\n");
			} else if (strncasecmp(buf, "EHLO", 4) == 0)
				SAY("250-sink\r\n250 8BITMIME");
			else if (strncasecmp(buf, "DATA", 4) == 0) {
				data = 1;
				SAY("354 go ahead");
			} else if (strncasecmp(buf, "MAIL", 4) == 0 || strncasecmp(buf, "RCPT", 4) == 0) {
				vl_buf_addf(&got, "%s\r\n", buf);
				SAY("250 ok");
			} else
				SAY("250 ok");
			have -= (size_t)(nl + 2 - buf);
			memmove(buf, nl + 2, have + 1);
		}
	}
#undef SAY
}

static void
sink_start(struct sink *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t	 len = sizeof(a);
	char		 url[64];
	int		 lfd, p[2];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((lfd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&a, &len), 0);
	assert_int_equal(pipe(p), 0);
	s->port = ntohs(a.sin_port);
	assert_true((s->pid = fork()) >= 0);
	if (s->pid == 0) {
		close(p[0]);
		alarm(20);
		sink_serve(lfd, p[1]);
	}
	close(lfd);
	close(p[1]);
	s->fd = p[0];
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", s->port);
	free(vl_conf.smtp_url);
	vl_conf.smtp_url = vl_xstrdup(url);
}

/* What the sink got, after the send; the connection is closed for the next. */
static void
sink_read(struct sink *s, struct vl_buf *out)
{
	char	 buf[4096];
	ssize_t	 r;
	int	 st;

	while ((r = read(s->fd, buf, sizeof(buf))) > 0)
		vl_buf_add(out, buf, (size_t)r);
	close(s->fd);
	assert_int_equal(waitpid(s->pid, &st, 0), s->pid);
	vl_mail_shutdown();
}

/* The body of the part whose Content-Type starts with type, quoted-printable
 * decoded (test-only decoder: soft breaks and =XX). */
static void
part_body(const char *msg, const char *type, struct vl_buf *out)
{
	const char	*p, *end;
	char		 hex[3] = { 0 };

	assert_non_null(p = strstr(msg, type));
	assert_non_null(p = strstr(p, "\r\n\r\n"));
	p += 4;
	assert_non_null(end = strstr(p, "\r\n--"));
	while (p < end) {
		if (*p != '=') {
			vl_buf_addc(out, *p++);
			continue;
		}
		if (p[1] == '\r' && p[2] == '\n') {
			p += 3;
			continue;
		}
		hex[0] = p[1];
		hex[1] = p[2];
		vl_buf_addc(out, (char)strtol(hex, NULL, 16));
		p += 3;
	}
}

static void
test_header_text(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT, dec = VL_BUF_INIT, long_s = VL_BUF_INIT;
	unsigned char	 bin[64];
	size_t		 binlen, i;
	const char	*p, *q;
	char		*w;

	(void)state;
	vl_mail_header_text(&b, "Hello\r\nBcc: evil@x.test");
	assert_string_equal(vl_buf_str(&b), "HelloBcc: evil@x.test");
	vl_buf_reset(&b);
	/* "Café" base64 is Q2Fmw6k= */
	vl_mail_header_text(&b, "Caf\xc3\xa9");
	assert_string_equal(vl_buf_str(&b), "=?UTF-8?B?Q2Fmw6k=?=");
	vl_buf_reset(&b);
	/* A long non-ASCII subject: several words, each within 75 characters,
	 * none ending inside a UTF-8 sequence, together the whole text. */
	for (i = 0; i < 40; i++)
		vl_buf_adds(&long_s, "\xc3\xa9t\xc3\xa9 ");
	vl_mail_header_text(&b, vl_buf_str(&long_s));
	for (p = vl_buf_str(&b); *p; p = *q ? q + 3 : q) {
		q = strstr(p, "\r\n ");
		if (q == NULL)
			q = p + strlen(p);
		assert_true(q - p <= 75);
		assert_memory_equal(p, "=?UTF-8?B?", 10);
		assert_memory_equal(q - 2, "?=", 2);
		w = strndup(p + 10, (size_t)(q - p - 12));
		assert_int_equal(sodium_base642bin(bin, sizeof(bin), w, strlen(w), NULL, &binlen,
		    NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		assert_true(vl_utf8_valid((const char *)bin, binlen));
		vl_buf_add(&dec, bin, binlen);
		free(w);
	}
	assert_string_equal(vl_buf_str(&dec), vl_buf_str(&long_s));
	vl_buf_reset(&b);
	vl_mail_header_from(&b, "Smith \"The\" \\Firm", "p@f.test");
	assert_string_equal(vl_buf_str(&b), "\"Smith \\\"The\\\" \\\\Firm\" <p@f.test>");
	vl_buf_reset(&b);
	vl_mail_header_from(&b, "M\xc3\xbcller\r\n", "p@f.test\r\nBcc: x");
	assert_string_equal(vl_buf_str(&b), "=?UTF-8?B?TcO8bGxlcg==?= <p@f.testBcc: x>");
	vl_buf_reset(&b);
	vl_mail_header_from(&b, "", "p@f.test");
	assert_string_equal(vl_buf_str(&b), "<p@f.test>");
	vl_buf_release(&b);
	vl_buf_release(&dec);
	vl_buf_release(&long_s);
}

/*
 * A message through libcurl to the sink: headers right and not injectable,
 * multipart/alternative of quoted-printable parts, no line over 76
 * characters however long the text's, and the text back intact.
 */
static void
test_send(void **state)
{
	struct sink	 s;
	struct vl_buf	 got = VL_BUF_INIT, longline = VL_BUF_INIT, text = VL_BUF_INIT,
			 html = VL_BUF_INIT, body = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_mail_msg m;
	const char	*g, *p, *q;
	size_t		 i;

	(void)state;
	for (i = 0; i < 250; i++)
		vl_buf_adds(&longline, "word\xc3\xa9 ");	/* 1750 bytes on one line */
	vl_buf_addf(&text, "line one\n%s\n.dot line\n= sign\r\nlast\n", vl_buf_str(&longline));
	vl_buf_addf(&html, "<p><img src=\"http://p/static/logos/demo.png\" alt=\"Demo\"></p>\n"
	    "<p>%s</p>\n", vl_buf_str(&longline));
	m = (struct vl_mail_msg){ "Caf\xc3\xa9 & Co", "portal@f.test", "c@x.test\r\nBcc: evil@x.test",
	    "Caf\xc3\xa9 \xe2\x80\x94 news\r\nBcc: evil@x.test", "<id@f.test>",
	    vl_buf_str(&text), vl_buf_str(&html) };
	sink_start(&s);
	assert_int_equal(vl_mail_send(&m, &err), VL_MAIL_SENT);
	sink_read(&s, &got);
	g = vl_buf_str(&got);
	assert_non_null(strstr(g, "MAIL FROM:<portal@f.test>"));
	assert_non_null(strstr(g, "RCPT TO:<c@x.testBcc: evil@x.test>"));
	/* No header can be injected through a value. */
	assert_null(strstr(g, "\r\nBcc:"));
	assert_non_null(strstr(g, "\r\nFrom: =?UTF-8?B?Q2Fmw6kgJiBDbw==?= <portal@f.test>\r\n"));
	assert_non_null(strstr(g, "\r\nTo: c@x.testBcc: evil@x.test\r\n"));
	assert_non_null(strstr(g, "\r\nSubject: =?UTF-8?B?Q2Fmw6kg4oCUIG5ld3NCY2M6IGV2aWxAeC50ZXN0?=\r\n"));
	assert_non_null(strstr(g, "\r\nMessage-ID: <id@f.test>\r\n"));
	assert_non_null(strstr(g, "\r\nDate: "));
	assert_non_null(strstr(g, "\r\nAuto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(g, "\r\nMime-Version: 1.0\r\n"));
	assert_non_null(strstr(g, "\r\nContent-Type: multipart/alternative; boundary="));
	assert_null(strstr(g, "multipart/mixed"));
	assert_non_null(p = strstr(g, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"));
	assert_non_null(q = strstr(g, "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"));
	assert_true(p < q);	/* the plainest alternative first */
	/* Every line of the message is short (libcurl's boundary makes its
	 * header line longer): the 998-byte limit is far away. */
	for (p = g; (q = strstr(p, "\r\n")) != NULL; p = q + 2)
		if (q - p > 78 && strncmp(p, "Content-Type: multipart/", 24) != 0)
			fail_msg("a line of %d bytes: %.40s...", (int)(q - p), p);
	if (getenv("VL_SHOW_MAIL"))
		fputs(g, stderr);
	/* The text comes back intact: every line, CRLF for LF, the dot line
	 * (unstuffed by the sink), the long line whole. */
	part_body(g, "Content-Type: text/plain", &body);
	assert_non_null(strstr(vl_buf_str(&body), "line one\r\n"));
	assert_non_null(strstr(vl_buf_str(&body), "\r\n.dot line\r\n= sign\r\nlast"));
	vl_buf_reset(&longline);
	for (i = 0; i < 250; i++)
		vl_buf_adds(&longline, "word\xc3\xa9 ");
	assert_non_null(strstr(vl_buf_str(&body), vl_buf_str(&longline)));
	vl_buf_reset(&body);
	part_body(g, "Content-Type: text/html", &body);
	assert_non_null(strstr(vl_buf_str(&body), "<img src=\"http://p/static/logos/demo.png\" alt=\"Demo\">"));
	assert_non_null(strstr(vl_buf_str(&body), vl_buf_str(&longline)));
	vl_buf_release(&got);
	vl_buf_release(&longline);
	vl_buf_release(&text);
	vl_buf_release(&html);
	vl_buf_release(&body);
	vl_buf_release(&err);
}

/* A plain ASCII subject stays readable; a text-only message is still one
 * well-formed alternative. */
static void
test_send_plain(void **state)
{
	struct sink	 s;
	struct vl_buf	 got = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_mail_msg m = { "Firm", "p@f.test", "c@x.test", "Hello there", "<i@f>",
	    "b\n", NULL };

	(void)state;
	sink_start(&s);
	assert_int_equal(vl_mail_send(&m, &err), VL_MAIL_SENT);
	sink_read(&s, &got);
	assert_non_null(strstr(vl_buf_str(&got), "\r\nSubject: Hello there\r\n"));
	assert_non_null(strstr(vl_buf_str(&got), "\r\nFrom: \"Firm\" <p@f.test>\r\n"));
	assert_non_null(strstr(vl_buf_str(&got), "Content-Type: text/plain; charset=utf-8\r\n"));
	assert_null(strstr(vl_buf_str(&got), "text/html"));
	vl_buf_reset(&got);
	/* A long non-ASCII subject goes out folded, one encoded word a line. */
	m.subject = "\xc3\x89tat de votre dossier : nouveaux documents partag\xc3\xa9s "
	    "et un message de votre avocat";
	sink_start(&s);
	assert_int_equal(vl_mail_send(&m, &err), VL_MAIL_SENT);
	sink_read(&s, &got);
	assert_non_null(strstr(vl_buf_str(&got), "\r\nSubject: =?UTF-8?B?w4l0YXQg"));
	assert_non_null(strstr(vl_buf_str(&got), "?=\r\n =?UTF-8?B?"));
	vl_buf_release(&got);
	vl_buf_release(&err);
}

/* Items and the firm's logo, in the invitation's text and HTML parts. */
static void
test_items_and_logo(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_mail_firm firm = { "Demo <Law>", "/static/logos/demo.png" };
	struct vl_buf	 err = VL_BUF_INIT, msg = VL_BUF_INIT, body = VL_BUF_INIT;
	struct vl_mail_msg mm;
	struct sink	 s;
	const char	*inv[] = { "name=Ann&matter=M-1&link=http%3A%2F%2Fp%2Fportal%2Finvite%3Ftoken%3Dt" };
	const char	*items[] = { "what=a+new+message&matter=M-1&when=Nov+22%2C+2026+9%3A14+AM+EST&link=L1",
	    "what=a+shared+document&matter=M-2&when=Nov+22%2C+2026+9%3A15+AM+EST&link=L2" };

	(void)state;
	assert_int_equal(vl_mail_render(pool, "invitation", inv, 1, &firm, &m, &err), VL_OK);
	assert_non_null(strstr(vl_buf_str(&m.html), "<img src=\"http://127.0.0.1:8080/static/logos/demo.png\" alt=\"Demo &lt;Law&gt;\""));
	assert_non_null(strstr(vl_buf_str(&m.html), "href=\"http://p/portal/invite?token=t\""));
	assert_non_null(strstr(vl_buf_str(&m.text), "http://p/portal/invite?token=t"));
	/* Sent, the HTML part carries the logo (quoted-printable: = is =3D). */
	sink_start(&s);
	mm = (struct vl_mail_msg){ firm.name, "p@f", "c@x", vl_buf_str(&m.subject), "<i@f>",
	    vl_buf_str(&m.text), vl_buf_str(&m.html) };
	assert_int_equal(vl_mail_send(&mm, &err), VL_MAIL_SENT);
	sink_read(&s, &msg);
	assert_non_null(strstr(vl_buf_str(&msg), "Content-Type: text/html; charset=utf-8\r\n"));
	part_body(vl_buf_str(&msg), "Content-Type: text/html", &body);
	assert_non_null(strstr(vl_buf_str(&body), "<img src=\"http://127.0.0.1:8080/static/logos/demo.png\" alt=\"Demo &lt;Law&gt;\""));
	vl_buf_reset(&m.subject);
	vl_buf_reset(&m.text);
	vl_buf_reset(&m.html);
	assert_int_equal(vl_mail_render(pool, "client_items", items, 2, &firm, &m, &err), VL_OK);
	assert_string_equal(vl_buf_str(&m.subject), "2 new items in your Demo <Law> client portal");
	assert_non_null(strstr(vl_buf_str(&m.text), "- a new message in M-1 (Nov 22, 2026 9:14 AM EST): L1\n"
	    "- a shared document in M-2 (Nov 22, 2026 9:15 AM EST): L2\n"));
	vl_buf_reset(&m.subject);
	vl_buf_reset(&m.text);
	assert_int_equal(vl_mail_render(pool, "client_items", items, 1, &firm, &m, &err), VL_OK);
	assert_string_equal(vl_buf_str(&m.subject), "New in your Demo <Law> client portal");
	vl_buf_release(&m.subject);
	vl_buf_release(&m.text);
	vl_buf_release(&m.html);
	vl_buf_release(&msg);
	vl_buf_release(&body);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

/* A payload's "list.key" pairs make one row a repetition of the first key:
 * an envelope lists each item with its own View and Pay. */
static void
test_list_rows(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_firm firm = { "Demo Law", NULL };
	struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_buf	 err = VL_BUF_INIT;
	const char	*pl[] = { "subject=Your+bills&body=Hello&portal=http%3A%2F%2Fp%2Fportal"
	    "&payall=http%3A%2F%2Fp%2Fpay%2Fall"
	    "&items.number=11&items.kind=bill&items.amount=%2410.00&items.view=http%3A%2F%2Fp%2Fv11"
	    "&items.pay=http%3A%2F%2Fp%2Fpay%2F11"
	    "&items.number=12&items.kind=trust&items.amount=%2420.00&items.view=http%3A%2F%2Fp%2Fv12"
	    "&items.pay=" };
	const char	*t;

	(void)state;
	assert_int_equal(vl_mail_render(pool, "envelope", pl, 1, &firm, &m, &err), VL_OK);
	t = vl_buf_str(&m.text);
	assert_string_equal(vl_buf_str(&m.subject), "Your bills");
	assert_non_null(strstr(t, "- 11: $10.00\n  View: http://p/v11\n  Pay: http://p/pay/11\n"));
	/* The second item has no pay link: no Pay line. */
	assert_non_null(strstr(t, "- 12: $20.00\n  View: http://p/v12\n\n"));
	assert_non_null(strstr(t, "Pay All"));
	assert_non_null(strstr(t, "http://p/pay/all"));
	vl_buf_release(&m.subject);
	vl_buf_release(&m.text);
	vl_buf_release(&m.html);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

/* Every kind of email bears the firm's logo and name in an HTML part. */
static void
test_logo_in_every_kind(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_firm firm = { "Demo <Law>", "/static/logos/demo.png" };
	struct vl_buf	 err = VL_BUF_INIT;
	const char	*pl[] = { "name=Ann&matter=M-1&what=a+new+message&who=Ann&when=Nov+22%2C+2026+9%3A14+AM+EST"
	    "&minutes=30&link=http%3A%2F%2Fp%2Fportal%2Fmatters%2F1"
	    "&portal=http%3A%2F%2Fp%2Fportal%2Fmatters%2F1&number=7&subject=Bills" };
	struct dirent	*e;
	DIR		*dir;
	char		 kind[64];
	size_t		 l, n = 0;

	(void)state;
	assert_non_null(dir = opendir("templates/mail"));
	while ((e = readdir(dir)) != NULL) {
		struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
		l = strlen(e->d_name);
		if (l <= 12 || strcmp(e->d_name + l - 12, ".subject.tpl") != 0 ||
		    l - 12 >= sizeof(kind))
			continue;
		snprintf(kind, sizeof(kind), "%.*s", (int)(l - 12), e->d_name);
		if (vl_mail_render(pool, kind, pl, 1, &firm, &m, &err) != VL_OK)
			fail_msg("%s: %s", kind, vl_buf_str(&err));
		if (strstr(vl_buf_str(&m.html), "<img src=\"http://127.0.0.1:8080/static/logos/demo.png\" "
		    "alt=\"Demo &lt;Law&gt;\"") == NULL)
			fail_msg("%s: no logo in the HTML part: %s", kind, vl_buf_str(&m.html));
		if (strstr(vl_buf_str(&m.html), "href=\"http://p/portal/matters/1\"") == NULL)
			fail_msg("%s: the link is not live in the HTML part", kind);
		vl_buf_release(&m.subject);
		vl_buf_release(&m.text);
		vl_buf_release(&m.html);
		n++;
	}
	closedir(dir);
	assert_true(n >= 5);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

/* 1 if marker is one the renderer sets for every kind, or a section. */
static int
common_marker(const char *m)
{
	static const char *const common[] = { "FIRM_NAME", "BASE_URL", "LOGO_URL", "COUNT",
	    "ONE", "MANY", "ITEM", "LOGO",
	    "PREVIEW",	/* an optional key of the item mails (the firm's setting) */
	    NULL };
	size_t	 i;

	for (i = 0; common[i] != NULL; i++)
		if (strcmp(m, common[i]) == 0)
			return 1;
	return 0;
}

/* 1 if marker is KEY in capitals for a key of kind. */
static int
key_marker(enum vl_mail_kind kind, const char *m)
{
	const char *const *k;
	size_t		 i;

	for (k = vl_mail_keys[kind]; *k != NULL; k++) {
		/* "list.key": the list's section and its key are markers. */
		if (strchr(*k, '.') != NULL) {
			for (i = 0; (*k)[i] != '.' && m[i] == toupper((unsigned char)(*k)[i]); i++)
				;
			if ((*k)[i] == '.' && m[i] == '\0')
				return 1;
			for (i = 0; (*k)[i] != '.'; i++)
				;
			if (strcasecmp(*k + i + 1, m) == 0)
				return 1;
			continue;
		}
		for (i = 0; (*k)[i] != '\0' && m[i] == toupper((unsigned char)(*k)[i]); i++)
			;
		if ((*k)[i] == '\0' && m[i] == '\0')
			return 1;
	}
	return 0;
}

/* The kinds' table and the templates agree: every mail template is of a
 * kind in the table, each kind has a subject and a text, and its
 * templates use only its payload keys (and what the renderer sets). */
static void
test_kinds_and_keys(void **state)
{
	static const char *const parts[] = { ".subject.tpl", ".txt.tpl", ".html.tpl" };
	struct dirent	*e;
	DIR		*dir;
	char		 path[256], text[8192], m[64], kind[64];
	const char	*p;
	size_t		 i, j, l, got;
	FILE		*f;

	(void)state;
	assert_non_null(dir = opendir("templates/mail"));
	while ((e = readdir(dir)) != NULL) {
		l = strlen(e->d_name);
		if (l <= 12 || strcmp(e->d_name + l - 12, ".subject.tpl") != 0 || l - 12 >= sizeof(kind))
			continue;
		snprintf(kind, sizeof(kind), "%.*s", (int)(l - 12), e->d_name);
		if (vl_mail_kind_of(kind) == VL_MAIL_KIND__MAX)
			fail_msg("templates/mail/%s: a kind missing from vl_mail_kinds", kind);
	}
	closedir(dir);
	for (i = 0; i < VL_MAIL_KIND__MAX; i++) {
		assert_int_equal(vl_mail_kind_of(vl_mail_kinds[i]), i);
		for (j = 0; j < sizeof(parts) / sizeof(parts[0]); j++) {
			snprintf(path, sizeof(path), "templates/mail/%s%s", vl_mail_kinds[i], parts[j]);
			if ((f = fopen(path, "r")) == NULL) {
				if (j < 2)
					fail_msg("%s: missing", path);
				continue;
			}
			got = fread(text, 1, sizeof(text) - 1, f);
			fclose(f);
			text[got] = '\0';
			for (p = strstr(text, "{{"); p != NULL; p = strstr(p + 2, "{{")) {
				if (p[2] == '%' || p[2] == '!')
					continue;
				l = p[2] == '#' || p[2] == '/' || p[2] == '^' ? 3 : 2;
				for (got = 0; got + 1 < sizeof(m) && (isupper((unsigned char)p[l + got]) ||
				    isdigit((unsigned char)p[l + got]) || p[l + got] == '_'); got++)
					m[got] = p[l + got];
				m[got] = '\0';
				if (!common_marker(m) && !key_marker(i, m))
					fail_msg("%s: {{%s}} is no payload key of %s", path, m,
					    vl_mail_kinds[i]);
			}
		}
	}
}

static int
setup(void **state)
{
	(void)state;
	vl_conf_defaults(&vl_conf);
	return vl_tpl_init(NULL, "templates");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_reset),
		cmocka_unit_test(test_render_refusals),
		cmocka_unit_test(test_header_text),
		cmocka_unit_test(test_send),
		cmocka_unit_test(test_send_plain),
		cmocka_unit_test(test_items_and_logo),
		cmocka_unit_test(test_logo_in_every_kind),
		cmocka_unit_test(test_list_rows),
		cmocka_unit_test(test_kinds_and_keys),
	};

	return cmocka_run_group_tests_name("mail", tests, setup, NULL);
}
