/*
 * mail.c's TLS decision: mail crosses a network only over TLS (STARTTLS
 * required, or smtps); only a server on loopback may be spoken to in the
 * clear, and not with credentials.
 */
#include "vectors.h"

#include "mail.h"
#include "internal.h"

static const struct {
	const char		*url;
	int			 credentials;
	enum vl_mail_tls	 want;
} vectors[] = {
	/* loopback: the clear is fine without credentials */
	{ "smtp://127.0.0.1:1025", 0, VL_TLS_NONE },
	{ "smtp://127.0.0.1", 0, VL_TLS_NONE },
	{ "smtp://127.8.9.10:25", 0, VL_TLS_NONE },
	{ "smtp://localhost:25", 0, VL_TLS_NONE },
	{ "smtp://LOCALHOST", 0, VL_TLS_NONE },
	{ "smtp://[::1]:25", 0, VL_TLS_NONE },
	{ "smtp://[::ffff:127.0.0.1]:25", 0, VL_TLS_NONE },
	{ "SMTP://127.0.0.1", 0, VL_TLS_NONE },
	/* credentials never travel in the clear */
	{ "smtp://127.0.0.1:1025", 1, VL_TLS_STARTTLS },
	{ "smtp://localhost", 1, VL_TLS_STARTTLS },
	/* any other host: STARTTLS required */
	{ "smtp://mail.example.com:587", 0, VL_TLS_STARTTLS },
	{ "smtp://mail.example.com", 1, VL_TLS_STARTTLS },
	{ "smtp://10.0.0.5:25", 0, VL_TLS_STARTTLS },
	{ "smtp://192.168.1.1", 0, VL_TLS_STARTTLS },
	{ "smtp://128.0.0.1", 0, VL_TLS_STARTTLS },
	{ "smtp://[::2]:25", 0, VL_TLS_STARTTLS },
	{ "smtp://[2001:db8::1]", 0, VL_TLS_STARTTLS },
	{ "smtp://0.0.0.0", 0, VL_TLS_STARTTLS },
	/* names that only look like loopback */
	{ "smtp://127.0.0.1.example.com", 0, VL_TLS_STARTTLS },
	{ "smtp://localhost.example.com", 0, VL_TLS_STARTTLS },
	{ "smtp://mylocalhost", 0, VL_TLS_STARTTLS },
	{ "smtp://user@evil.example:25", 0, VL_TLS_STARTTLS },
	/* implicit TLS */
	{ "smtps://mail.example.com:465", 0, VL_TLS_IMPLICIT },
	{ "smtps://mail.example.com", 1, VL_TLS_IMPLICIT },
	{ "smtps://127.0.0.1:465", 0, VL_TLS_IMPLICIT },
	/* not an SMTP URL: nothing is sent */
	{ "http://mail.example.com", 0, VL_TLS_REFUSE },
	{ "file:///etc/passwd", 0, VL_TLS_REFUSE },
	{ "mail.example.com:25", 0, VL_TLS_REFUSE },
	{ "smtp://", 0, VL_TLS_REFUSE },
	{ "", 0, VL_TLS_REFUSE },
	{ NULL, 0, VL_TLS_REFUSE },
};

static void
test_decision(void **state)
{
	struct vl_buf	 why = VL_BUF_INIT;
	enum vl_mail_tls got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vectors); i++) {
		vl_buf_reset(&why);
		got = vl_mail_tls(vectors[i].url, vectors[i].credentials, &why);
		if (got != vectors[i].want)
			fail_msg("%s (credentials %d): got %d, want %d", vectors[i].url ?
			    vectors[i].url : "(null)", vectors[i].credentials, (int)got,
			    (int)vectors[i].want);
		/* A refusal always says why, for the log line. */
		if (got == VL_TLS_REFUSE)
			assert_true(why.len > 0);
	}
	vl_buf_release(&why);
}

/* A remote server configured in the clear is not sent to without TLS:
 * vl_mail_send asks libcurl for TLS or nothing (checked here through the
 * refusal path, which needs no server). */
static void
test_refusal_sends_nothing(void **state)
{
	struct vl_mail_msg msg = { "F", "p@f.test", "c@x.test", "x", "<i@f>", "body\n", NULL };
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	free(vl_conf.smtp_url);
	vl_conf.smtp_url = vl_xstrdup("http://relay.example.com");
	assert_int_equal(vl_mail_send(&msg, &err), VL_MAIL_RETRY);
	assert_non_null(strstr(vl_buf_str(&err), "not sent"));
	vl_buf_release(&err);
	vl_mail_shutdown();
}

static int
setup(void **state)
{
	(void)state;
	vl_conf_defaults(&vl_conf);
	vl_log_init("test_mail_tls", VL_LOG_ERR);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vl_conf_free(&vl_conf);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decision),
		cmocka_unit_test(test_refusal_sends_nothing),
	};

	return cmocka_run_group_tests_name("mail_tls", tests, setup, teardown);
}
