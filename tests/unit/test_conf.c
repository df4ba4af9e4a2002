/* conf.c: the configuration parser, accepted and refused files. */
#include "vectors.h"

#define SECRET "secret = 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"

static const struct {
	const char	*text;
	enum vl_rc	 rc;
	const char	*errpart;
} vec[] = {
	{ "", VL_OK, NULL },
	{ "# comment only\n\n", VL_OK, NULL },
	{ SECRET "db_name = vellum_test\nsession_idle = 5\n", VL_OK, NULL },
	{ "db_name=x", VL_OK, NULL },
	{ "  db_name  =  spaced  # trailing comment\n", VL_OK, NULL },
	{ "nonsense = 1\n", VL_INVALID, "unknown key" },
	{ "db_name\n", VL_INVALID, "expected key = value" },
	{ "session_idle = abc\n", VL_INVALID, "must be a number" },
	{ "session_idle = 0\n", VL_INVALID, "must be a number" },
	{ "db_port = 70000\n", VL_INVALID, "line 1" },
	{ "db_name = a\n\nsession_idle = -1\n", VL_INVALID, "line 3" },
	{ "secret = short\n", VL_INVALID, "64 hex" },
	{ "secret = zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", VL_INVALID, "64 hex" },
};

static void
test_vectors(void **state)
{
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		vl_conf_defaults(&c);
		vl_buf_reset(&err);
		enum vl_rc rc = vl_conf_parse(&c, vec[i].text, &err);
		if (rc != vec[i].rc)
			fail_msg("vector %zu: rc %d, want %d (%s)", i, rc, vec[i].rc, vl_buf_str(&err));
		if (vec[i].errpart && strstr(vl_buf_str(&err), vec[i].errpart) == NULL)
			fail_msg("vector %zu: error \"%s\" lacks \"%s\"", i, vl_buf_str(&err), vec[i].errpart);
		vl_conf_free(&c);
	}
	vl_buf_release(&err);
}

static void
test_values(void **state)
{
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	vl_conf_defaults(&c);
	assert_int_equal(c.session_idle, 1800);
	assert_int_equal(c.session_max, 43200);
	assert_int_equal(c.reset_ttl, 1800);
	assert_int_equal(c.cookie_secure, 1);
	assert_int_equal(vl_conf_parse(&c, SECRET "db_name = other\nsession_idle = 7\n"
	    "cookie_secure = 0\n", &err), VL_OK);
	assert_string_equal(c.db_name, "other");
	assert_int_equal(c.session_idle, 7);
	assert_int_equal(c.cookie_secure, 0);
	assert_int_equal(c.secret[0], 0x00);
	assert_int_equal(c.secret[1], 0x11);
	assert_int_equal(c.secret[31], 0xff);
	vl_conf_free(&c);
	vl_buf_release(&err);
}

static void
test_load_missing(void **state)
{
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	assert_int_equal(vl_conf_load("/nonexistent/vellum.conf", &err), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&err), "/nonexistent/vellum.conf"));
	vl_conf_free(&vl_conf);
	vl_buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_load_missing),
	};

	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
