/* valid.c: every validator against accepted and refused vectors. */
#include "vectors.h"

static const struct {
	enum vl_valid	 v;
	const char	*in;
	size_t		 max;
	int		 ok;
	int64_t		 num;
} vec[] = {
	{ VL_V_LINE, "hello", 10, 1, 0 },
	{ VL_V_LINE, "", 10, 1, 0 },
	{ VL_V_LINE, "hello world", 10, 0, 0 },		/* too long */
	{ VL_V_LINE, "a\nb", 10, 0, 0 },
	{ VL_V_LINE, "a\tb", 10, 1, 0 },
	{ VL_V_LINE, "a\x7f", 10, 0, 0 },
	{ VL_V_LINE, "caf\xc3\xa9", 10, 1, 0 },
	{ VL_V_LINE, "\xc3", 10, 0, 0 },			/* truncated UTF-8 */
	{ VL_V_LINE, "\xc0\xaf", 10, 0, 0 },		/* overlong */
	{ VL_V_LINE, "\xed\xa0\x80", 10, 0, 0 },	/* surrogate */
	{ VL_V_LINE, "\xf4\x90\x80\x80", 10, 0, 0 },	/* past U+10FFFF */
	{ VL_V_LINE, "\xf0\x9f\x98\x80", 10, 1, 0 },	/* emoji */
	{ VL_V_STRING, "line1\r\nline2", 20, 1, 0 },
	{ VL_V_STRING, "bell\a", 20, 0, 0 },
	{ VL_V_EMAIL, "a@b.co", 254, 1, 0 },
	{ VL_V_EMAIL, "first.last+tag@sub.example.org", 254, 1, 0 },
	{ VL_V_EMAIL, "no-at.example.org", 254, 0, 0 },
	{ VL_V_EMAIL, "@example.org", 254, 0, 0 },
	{ VL_V_EMAIL, "a@", 254, 0, 0 },
	{ VL_V_EMAIL, "a@b", 254, 0, 0 },
	{ VL_V_EMAIL, "a@b@c.org", 254, 0, 0 },
	{ VL_V_EMAIL, "a b@c.org", 254, 0, 0 },
	{ VL_V_EMAIL, "a@c..org", 254, 0, 0 },
	{ VL_V_EMAIL, "a@.c.org", 254, 0, 0 },
	{ VL_V_EMAIL, "a@c.org.", 254, 0, 0 },
	{ VL_V_EMAIL, "a\r\n@c.org", 254, 0, 0 },
	{ VL_V_EMAIL, "<a@c.org>", 254, 0, 0 },
	{ VL_V_INT, "0", 20, 1, 0 },
	{ VL_V_INT, "42", 20, 1, 42 },
	{ VL_V_INT, "-1", 20, 0, 0 },
	{ VL_V_INT, "", 20, 0, 0 },
	{ VL_V_INT, "1e3", 20, 0, 0 },
	{ VL_V_ID, "1", 20, 1, 1 },
	{ VL_V_ID, "0", 20, 0, 0 },
	{ VL_V_ID, "99999999999999999999", 20, 0, 0 },
	{ VL_V_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_Q", 43, 1, 0 },
	{ VL_V_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_", 43, 0, 0 },
	{ VL_V_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_=", 43, 0, 0 },
	{ VL_V_PASSWORD, "twelve chars", 128, 1, 0 },
	{ VL_V_PASSWORD, "eleven char", 128, 0, 0 },
	{ VL_V_BOOL, "1", 2, 1, 1 },
	{ VL_V_BOOL, "on", 2, 1, 1 },
	{ VL_V_BOOL, "0", 2, 1, 0 },
	{ VL_V_BOOL, "yes", 3, 0, 0 },
};

static void
test_vectors(void **state)
{
	size_t	 i;
	int64_t	 num;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		num = 0;
		int ok = vl_validate(vec[i].v, vec[i].in, strlen(vec[i].in), vec[i].max, &num);
		if (ok != vec[i].ok)
			fail_msg("vector %zu (%d, \"%s\"): %d, want %d", i, vec[i].v, vec[i].in, ok, vec[i].ok);
		if (ok)
			assert_int_equal(num, vec[i].num);
	}
}

static void
test_nul_and_null(void **state)
{
	enum vl_valid	 v;
	int64_t		 num;

	(void)state;
	for (v = 0; v < VL_V__MAX; v++) {
		assert_false(vl_validate(v, NULL, 0, 10, &num));
		assert_false(vl_validate(v, "a\0b", 3, 10, &num));
	}
	assert_false(vl_validate(VL_V__MAX, "x", 1, 10, &num));
}

static void
test_password_bounds(void **state)
{
	char	 pw[200];

	(void)state;
	memset(pw, 'p', sizeof(pw));
	assert_true(vl_validate(VL_V_PASSWORD, pw, 128, 128, NULL));
	assert_false(vl_validate(VL_V_PASSWORD, pw, 129, 200, NULL));
	assert_true(vl_validate(VL_V_PASSWORD, pw, 12, 128, NULL));
	assert_false(vl_validate(VL_V_PASSWORD, pw, 11, 128, NULL));
}

/* vl_utf8_clean: any bytes in, valid UTF-8 without controls out, never
 * longer than max and never cut inside a character. */
static const struct {
	const char	*in;
	size_t		 max;
	const char	*out;
} clean[] = {
	{ "Mozilla/5.0 (X11)", 255, "Mozilla/5.0 (X11)" },
	{ "", 255, "" },
	{ "bad \xff\xfe agent", 255, "bad ?? agent" },
	{ "cut \xc3", 255, "cut ?" },
	{ "caf\xc3\xa9", 5, "caf\xc3\xa9" },
	{ "caf\xc3\xa9", 4, "caf" },			/* no half character */
	{ "\xf0\x9f\x98\x80x", 3, "" },
	{ "\xed\xa0\x80", 255, "???" },			/* a surrogate */
	{ "\xc0\xaf", 255, "??" },			/* overlong */
	{ "tab\tnew\nline\x7f", 255, "tab?new?line?" },
	{ "abcdef", 3, "abc" },
};

static void
test_utf8_clean(void **state)
{
	struct vl_pool	*p = vl_pool_new();
	char		 ua[300];
	char		*out;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(clean); i++) {
		out = vl_utf8_clean(p, clean[i].in, clean[i].max);
		if (strcmp(out, clean[i].out) != 0)
			fail_msg("clean #%zu: got \"%s\"", i, out);
	}
	assert_string_equal(vl_utf8_clean(p, NULL, 10), "");
	/* 254 ASCII bytes then a two-byte character: cut before it. */
	memset(ua, 'a', 254);
	memcpy(ua + 254, "\xc3\xa9zz", 5);
	out = vl_utf8_clean(p, ua, 255);
	assert_int_equal(strlen(out), 254);
	assert_true(vl_utf8_valid(out, strlen(out)));
	vl_pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_nul_and_null),
		cmocka_unit_test(test_password_bounds),
		cmocka_unit_test(test_utf8_clean),
	};

	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
