/* pw.c: argon2id hashes verify, differ per salt, and refuse wrong passwords. */
#include "vectors.h"

#include <sodium.h>

static void
test_hash_verify(void **state)
{
	static const char *const pws[] = {
		"correct horse battery", "\xc3\xa9t\xc3\xa9 password 12", "                ",
	};
	char	 h1[128], h2[128];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(pws); i++) {
		assert_int_equal(vl_pw_hash(pws[i], h1), VL_OK);
		assert_int_equal(vl_pw_hash(pws[i], h2), VL_OK);
		assert_non_null(strstr(h1, "$argon2id$"));
		assert_non_null(strstr(h1, "m=65536,t=2,p=1"));
		assert_string_not_equal(h1, h2);	/* salted */
		assert_true(vl_pw_verify(h1, pws[i]));
		assert_true(vl_pw_verify(h2, pws[i]));
		assert_false(vl_pw_verify(h1, "wrong password!"));
	}
}

static void
test_bad_inputs(void **state)
{
	(void)state;
	assert_false(vl_pw_verify(NULL, "x"));
	assert_false(vl_pw_verify("$argon2id$garbage", "x"));
	assert_false(vl_pw_verify("", ""));
	assert_false(vl_pw_verify(vl_pw_dummy(), "anything at all"));
	assert_non_null(strstr(vl_pw_dummy(), "$argon2id$"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_bad_inputs),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("pw", tests, NULL, NULL);
}
