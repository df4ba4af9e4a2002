/* util.c: bounded number parsing, tokens, hashing, constant-time compare. */
#include "vectors.h"

#include <sodium.h>

static const struct {
	const char	*in;
	int64_t		 min, max;
	enum vl_rc	 rc;
	int64_t		 want;
} nums[] = {
	{ "0", 0, 10, VL_OK, 0 },
	{ "10", 0, 10, VL_OK, 10 },
	{ "11", 0, 10, VL_INVALID, 0 },
	{ "-1", 0, 10, VL_INVALID, 0 },
	{ "-5", -10, 10, VL_OK, -5 },
	{ "", 0, 10, VL_INVALID, 0 },
	{ "-", -10, 10, VL_INVALID, 0 },
	{ "12a", 0, 100, VL_INVALID, 0 },
	{ " 1", 0, 100, VL_INVALID, 0 },
	{ "1 ", 0, 100, VL_INVALID, 0 },
	{ "+1", 0, 100, VL_INVALID, 0 },
	{ "9223372036854775807", 0, INT64_MAX, VL_OK, INT64_MAX },
	{ "9223372036854775808", 0, INT64_MAX, VL_INVALID, 0 },
	{ "-9223372036854775808", INT64_MIN, 0, VL_OK, INT64_MIN },
	{ "-9223372036854775809", INT64_MIN, 0, VL_INVALID, 0 },
	{ "99999999999999999999999", 0, INT64_MAX, VL_INVALID, 0 },
	{ "0000000000000000000001", 0, 10, VL_INVALID, 0 },	/* too many digits */
	{ "007", 0, 10, VL_OK, 7 },
};

static void
test_strtonum(void **state)
{
	size_t	 i;
	int64_t	 v;

	(void)state;
	for (i = 0; i < NELEM(nums); i++) {
		v = -42;
		enum vl_rc rc = vl_strtonum(nums[i].in, nums[i].min, nums[i].max, &v);
		if (rc != nums[i].rc)
			fail_msg("vector %zu \"%s\": rc %d, want %d", i, nums[i].in, rc, nums[i].rc);
		if (rc == VL_OK)
			assert_int_equal(v, nums[i].want);
		else
			assert_int_equal(v, -42);	/* untouched on failure */
	}
	assert_int_equal(vl_strtonum(NULL, 0, 1, &v), VL_INVALID);
}

static void
test_tokens(void **state)
{
	char	 a[44], b[44];
	size_t	 i;

	(void)state;
	vl_token_new(a);
	vl_token_new(b);
	assert_int_equal(strlen(a), 43);
	assert_string_not_equal(a, b);
	for (i = 0; i < 43; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", a[i]));
	assert_true(vl_validate(VL_V_TOKEN, a, 43, 43, NULL));
}

static void
test_sha256_hex(void **state)
{
	unsigned char	 h[32];
	char		 hex[65];

	(void)state;
	vl_sha256("abc", 3, h);
	vl_hex(h, 32, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	vl_sha256("", 0, h);
	vl_hex(h, 32, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_streq_ct(void **state)
{
	(void)state;
	assert_true(vl_streq_ct("abc", "abc"));
	assert_false(vl_streq_ct("abc", "abd"));
	assert_false(vl_streq_ct("abc", "ab"));
	assert_false(vl_streq_ct("", "a"));
	assert_true(vl_streq_ct("", ""));
	assert_false(vl_streq_ct(NULL, "a"));
	assert_false(vl_streq_ct("a", NULL));
}

static void
test_strip_crlf(void **state)
{
	char	*s;

	(void)state;
	s = vl_strip_crlf("Subject\r\nBcc: evil@x.test");
	assert_string_equal(s, "SubjectBcc: evil@x.test");
	free(s);
	s = vl_strip_crlf(NULL);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strtonum),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_sha256_hex),
		cmocka_unit_test(test_streq_ct),
		cmocka_unit_test(test_strip_crlf),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
