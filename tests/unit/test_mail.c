/* mail.c: rendering from the shipped templates and building the message. */
#include "vectors.h"

#include "mail.h"

static void
test_render_reset(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_buf	 subj = VL_BUF_INIT, body = VL_BUF_INIT, err = VL_BUF_INIT;

	(void)state;
	const char *p1[] = { "link=https%3A%2F%2Fportal.test%2Freset%3Ftoken%3Dabc&minutes=30" };

	assert_int_equal(vl_mail_render(pool, "password_reset", p1, 1,
	    "Smith & <Jones>", &subj, &body, &err), VL_OK);
	assert_string_equal(vl_buf_str(&subj), "Reset your Smith & <Jones> portal password");
	assert_non_null(strstr(vl_buf_str(&body), "https://portal.test/reset?token=abc"));
	assert_non_null(strstr(vl_buf_str(&body), "within 30 minutes"));
	/* Plain text: nothing HTML-escaped. */
	assert_non_null(strstr(vl_buf_str(&body), "Smith & <Jones>"));
	vl_buf_release(&subj);
	vl_buf_release(&body);
	vl_buf_release(&err);
	vl_pool_free(pool);
}

static void
test_render_refusals(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_buf	 subj = VL_BUF_INIT, body = VL_BUF_INIT, err = VL_BUF_INIT;
	static const char *const kinds[] = { "../etc", "Password_reset", "a/b", "x.y" };
	size_t		 i;

	(void)state;
	const char *empty[] = { "" }, *bad[] = { "k=%zz" };

	for (i = 0; i < NELEM(kinds); i++)
		assert_int_equal(vl_mail_render(pool, kinds[i], empty, 1, "F", &subj, &body, &err),
		    VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "password_reset", bad, 1, "F", &subj, &body, &err),
	    VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "password_reset", empty, 0, "F", &subj, &body, &err),
	    VL_INVALID);
	assert_int_equal(vl_mail_render(pool, "no_such_kind", empty, 1, "F", &subj, &body, &err), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&err), "no_such_kind"));
	vl_buf_release(&subj);
	vl_buf_release(&body);
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
	    "Hello\r\nBcc: evil@x.test", "<id@f.test>", "line one\nline two\n.dot line\n");
	s = vl_buf_str(&m);
	/* No header can be injected through a value. */
	assert_null(strstr(s, "\r\nBcc:"));
	assert_non_null(strstr(s, "To: c@x.testBcc: evil@x.test\r\n"));
	assert_non_null(strstr(s, "Subject: HelloBcc: evil@x.test\r\n"));
	assert_non_null(strstr(s, "Message-ID: <id@f.test>\r\n"));
	assert_non_null(strstr(s, "\r\n\r\nline one\r\nline two\r\n.dot line\r\n"));
	assert_non_null(strstr(s, "Content-Type: text/plain; charset=utf-8\r\n"));
	vl_buf_reset(&m);
	vl_mail_message(&m, "p@f.test", "c@x.test", "Caf\xc3\xa9", "<i@f>", "b\r\n");
	/* "Café" base64 is Q2Fmw6k= */
	assert_non_null(strstr(vl_buf_str(&m), "Subject: =?UTF-8?B?Q2Fmw6k=?=\r\n"));
	assert_non_null(strstr(vl_buf_str(&m), "\r\n\r\nb\r\n"));
	assert_null(strstr(vl_buf_str(&m), "\r\r\n"));
	vl_buf_release(&m);
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
	};

	return cmocka_run_group_tests_name("mail", tests, setup, NULL);
}
