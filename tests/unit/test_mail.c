/* mail.c: rendering from the shipped templates and building the message. */
#include <dirent.h>

#include "vectors.h"

#include "mail.h"

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

static void
test_message(void **state)
{
	struct vl_buf	 m = VL_BUF_INIT;
	const char	*s;

	(void)state;
	vl_mail_message(&m, "\"Firm\" <p@f.test>", "c@x.test\r\nBcc: evil@x.test",
	    "Hello\r\nBcc: evil@x.test", "<id@f.test>", "line one\nline two\n.dot line\n", NULL);
	s = vl_buf_str(&m);
	/* No header can be injected through a value. */
	assert_null(strstr(s, "\r\nBcc:"));
	assert_non_null(strstr(s, "To: c@x.testBcc: evil@x.test\r\n"));
	assert_non_null(strstr(s, "Subject: HelloBcc: evil@x.test\r\n"));
	assert_non_null(strstr(s, "Message-ID: <id@f.test>\r\n"));
	assert_non_null(strstr(s, "\r\n\r\nline one\r\nline two\r\n.dot line\r\n"));
	assert_non_null(strstr(s, "Content-Type: text/plain; charset=utf-8\r\n"));
	vl_buf_reset(&m);
	vl_mail_message(&m, "p@f.test", "c@x.test", "Caf\xc3\xa9", "<i@f>", "b\r\n", "");
	/* "Café" base64 is Q2Fmw6k= */
	assert_non_null(strstr(vl_buf_str(&m), "Subject: =?UTF-8?B?Q2Fmw6k=?=\r\n"));
	assert_non_null(strstr(vl_buf_str(&m), "\r\n\r\nb\r\n"));
	assert_null(strstr(vl_buf_str(&m), "\r\r\n"));
	vl_buf_release(&m);
}

/* Items and the firm's logo, in the invitation's text and HTML parts. */
static void
test_items_and_logo(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_mail_parts m = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_mail_firm firm = { "Demo <Law>", "/static/logos/demo.png" };
	struct vl_buf	 err = VL_BUF_INIT, msg = VL_BUF_INIT;
	const char	*inv[] = { "name=Ann&matter=M-1&link=http%3A%2F%2Fp%2Fportal%2Finvite%3Ftoken%3Dt" };
	const char	*items[] = { "what=a+new+message&matter=M-1&when=Nov+22%2C+2026+9%3A14+AM+EST&link=L1",
	    "what=a+shared+document&matter=M-2&when=Nov+22%2C+2026+9%3A15+AM+EST&link=L2" };

	(void)state;
	assert_int_equal(vl_mail_render(pool, "invitation", inv, 1, &firm, &m, &err), VL_OK);
	assert_non_null(strstr(vl_buf_str(&m.html), "<img src=\"http://127.0.0.1:8080/static/logos/demo.png\" alt=\"Demo &lt;Law&gt;\""));
	assert_non_null(strstr(vl_buf_str(&m.html), "href=\"http://p/portal/invite?token=t\""));
	assert_non_null(strstr(vl_buf_str(&m.text), "http://p/portal/invite?token=t"));
	vl_mail_message(&msg, "p@f", "c@x", vl_buf_str(&m.subject), "<i@f>", vl_buf_str(&m.text),
	    vl_buf_str(&m.html));
	assert_non_null(strstr(vl_buf_str(&msg), "Content-Type: multipart/alternative; boundary=\"=_vellum_"));
	assert_non_null(strstr(vl_buf_str(&msg), "Content-Type: text/html; charset=utf-8\r\n"));
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
	    "&minutes=30&link=http%3A%2F%2Fp%2Fportal%2Fmatters%2F1" };
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
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_items_and_logo),
		cmocka_unit_test(test_logo_in_every_kind),
	};

	return cmocka_run_group_tests_name("mail", tests, setup, NULL);
}
