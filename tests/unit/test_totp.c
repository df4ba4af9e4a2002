/* totp.c: RFC 6238 codes, the window and reuse rules, recovery codes. */
#include <string.h>

#include "vectors.h"

#include "totp.h"

/* RFC 6238 appendix B, the SHA-1 rows (secret "12345678901234567890"). */
static const struct {
	int64_t		 time;
	const char	*code;
} rfc[] = {
	{ 59, "94287082" },
	{ 1111111109, "07081804" },
	{ 1111111111, "14050471" },
	{ 1234567890, "89005924" },
	{ 2000000000, "69279037" },
	{ 20000000000, "65353130" },
};

static const unsigned char key20[] = "12345678901234567890";

static void
test_rfc_vectors(void **state)
{
	char	 out[9];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rfc) / sizeof(rfc[0]); i++) {
		assert_int_equal(vl_totp_code(key20, 20, vl_totp_step(rfc[i].time), 8, out), VL_OK);
		assert_string_equal(out, rfc[i].code);
	}
	/* Six digits are the last six of the eight. */
	assert_int_equal(vl_totp_code(key20, 20, vl_totp_step(59), 6, out), VL_OK);
	assert_string_equal(out, "287082");
	assert_int_equal(vl_totp_code(key20, 20, 1, 5, out), VL_INVALID);
	assert_int_equal(vl_totp_code(key20, 20, 1, 9, out), VL_INVALID);
}

static const char *
code_at(int64_t step)
{
	static char	 c[7];

	assert_int_equal(vl_totp_code(key20, 20, step, 6, c), VL_OK);
	return c;
}

/* now is the middle of step 1000; last is the last step used. */
static const struct {
	int64_t		 code_step;	/* the step whose code is typed */
	int64_t		 now;
	int64_t		 last;
	int64_t		 want;
} window[] = {
	{ 1000, 30000 + 15, 0, 1000 },		/* now */
	{ 999, 30000 + 15, 0, 999 },		/* one step late: accepted */
	{ 1001, 30000 + 15, 0, 1001 },		/* one step early (clock skew) */
	{ 998, 30000 + 15, 0, 0 },		/* two late: refused */
	{ 1002, 30000 + 15, 0, 0 },		/* two early: refused */
	{ 999, 30000, 0, 999 },			/* the first second of 1000 */
	{ 1001, 30000 + 29, 0, 1001 },		/* the last second of 1000 */
	{ 998, 30000 + 29, 0, 0 },
	{ 1000, 30000 + 15, 1000, -1 },		/* used already */
	{ 999, 30000 + 15, 1000, -1 },		/* earlier than one used */
	{ 1000, 30000 + 15, 999, 1000 },	/* later than the last used */
	{ 1001, 30000 + 15, 1000, 1001 },
};

static void
test_window(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(window) / sizeof(window[0]); i++)
		assert_int_equal(vl_totp_check(key20, 20, window[i].now, window[i].last,
		    code_at(window[i].code_step)), window[i].want);
}

static void
test_reuse(void **state)
{
	char	 c[7];
	int64_t	 now = 1700000000, last = 0, got;

	(void)state;
	assert_int_equal(vl_totp_code(key20, 20, vl_totp_step(now), 6, c), VL_OK);
	got = vl_totp_check(key20, 20, now, last, c);
	assert_int_equal(got, vl_totp_step(now));
	last = got;
	/* The same code again, in the same step or the next: refused. */
	assert_int_equal(vl_totp_check(key20, 20, now, last, c), -1);
	assert_int_equal(vl_totp_check(key20, 20, now + VL_TOTP_STEP, last, c), -1);
	/* Once outside the window it is simply wrong. */
	assert_int_equal(vl_totp_check(key20, 20, now + 2 * VL_TOTP_STEP, last, c), 0);
}

static const char *const not_codes[] = {
	"", "12345", "1234567", "12345a", " 123456", "123456 ", "12 456", "-12345", "１２３４５６", NULL,
};

static void
test_malformed(void **state)
{
	size_t	 i;

	(void)state;
	assert_true(vl_totp_is_code("000000"));
	for (i = 0; not_codes[i] != NULL; i++) {
		assert_false(vl_totp_is_code(not_codes[i]));
		assert_int_equal(vl_totp_check(key20, 20, 30015, 0, not_codes[i]), 0);
	}
	assert_false(vl_totp_is_code(NULL));
	assert_int_equal(vl_totp_check(key20, 20, 30015, 0, NULL), 0);
}

static void
test_base32_uri(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		*b32, *uri;

	(void)state;
	b32 = vl_totp_base32(pool, key20, 20);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	uri = vl_totp_uri(pool, "Demo & Co", "a+b@x.test", b32);
	assert_string_equal(uri, "otpauth://totp/Demo%20%26%20Co:a%2Bb%40x.test"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Demo%20%26%20Co"
	    "&algorithm=SHA1&digits=6&period=30");
	vl_pool_free(pool);
}

static void
test_qr(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		*path;
	int		 size = 0;

	(void)state;
	path = vl_totp_qr_path(pool, "otpauth://totp/X:y?secret=GEZDGNBVGY3TQOJQ", &size);
	assert_non_null(path);
	/* At least version 2 (25 modules) and the quiet zone. */
	assert_true(size >= 25 + 8);
	/* The top-left finder pattern starts at the quiet zone's edge, 7 wide. */
	assert_true(strncmp(path, "M4 4h7v1h-7z", 12) == 0);
	/* Only the path's own characters: nothing to escape in an attribute. */
	assert_true(strspn(path, "Mhvz0123456789 -") == strlen(path));
	vl_pool_free(pool);
}

static void
test_recovery(void **state)
{
	unsigned char	 key[32], h1[32], h2[32];
	char		 code[VL_TOTP_RECOVERY_LEN + 1], other[VL_TOTP_RECOVERY_LEN + 1], loose[32];
	size_t		 i;

	(void)state;
	memset(key, 7, sizeof(key));
	vl_totp_recovery_new(code);
	vl_totp_recovery_new(other);
	assert_int_equal(strlen(code), VL_TOTP_RECOVERY_LEN);
	assert_int_equal(code[5], '-');
	assert_string_not_equal(code, other);
	assert_true(vl_totp_recovery_hash(code, key, h1));
	/* Typed loosely: upper case, blanks, no dash. */
	for (i = 0; code[i] != '\0'; i++)
		loose[i] = code[i] == '-' ? ' ' : (char)(code[i] >= 'a' && code[i] <= 'z' ?
		    code[i] - 'a' + 'A' : code[i]);
	loose[i] = '\0';
	assert_true(vl_totp_recovery_hash(loose, key, h2));
	assert_memory_equal(h1, h2, 32);
	assert_true(vl_totp_recovery_hash(other, key, h2));
	assert_memory_not_equal(h1, h2, 32);
	/* Another key, another hash: the database alone cannot be searched. */
	key[0] = 8;
	assert_true(vl_totp_recovery_hash(code, key, h2));
	assert_memory_not_equal(h1, h2, 32);
	assert_false(vl_totp_recovery_hash("abcde-abcd", key, h2));
	assert_false(vl_totp_recovery_hash("abcde-abcdef", key, h2));
	assert_false(vl_totp_recovery_hash("abcde-abcd0", key, h2));	/* 0 is not used */
	assert_false(vl_totp_recovery_hash("123456", key, h2));
	assert_false(vl_totp_recovery_hash("", key, h2));
	assert_false(vl_totp_recovery_hash(NULL, key, h2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_vectors),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_base32_uri),
		cmocka_unit_test(test_qr),
		cmocka_unit_test(test_recovery),
	};

	return cmocka_run_group_tests_name("totp", tests, NULL, NULL);
}
