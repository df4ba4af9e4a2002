/* buf.c: growth, formatting, URL encoding. */
#include "vectors.h"

static void
test_grow_and_add(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	assert_string_equal(vl_buf_str(&b), "");
	for (i = 0; i < 10000; i++)
		vl_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(strlen(b.buf), 10000);
	assert_true(b.alloc > b.len);
	vl_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(vl_buf_str(&b), "");
	vl_buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.buf, "a\0b", 4);
	vl_buf_release(&b);
	assert_null(b.buf);
}

static void
test_addf(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		 big[5000];

	(void)state;
	vl_buf_addf(&b, "%d-%s", 42, "x");
	assert_string_equal(b.buf, "42-x");
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	vl_buf_addf(&b, "[%s]", big);	/* longer than the first guess */
	assert_int_equal(b.len, 4 + 2 + 4999);
	assert_int_equal(b.buf[b.len - 1], ']');
	vl_buf_release(&b);
}

static const struct {
	const char *in, *out;
} urlenc[] = {
	{ "", "" },
	{ "abc-_.~", "abc-_.~" },
	{ "a b&c=d", "a%20b%26c%3Dd" },
	{ "http://x/y?z", "http%3A%2F%2Fx%2Fy%3Fz" },
	{ "\xc3\xa9", "%C3%A9" },
};

static void
test_urlenc(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(urlenc); i++) {
		vl_buf_reset(&b);
		vl_buf_add_urlenc(&b, urlenc[i].in);
		assert_string_equal(vl_buf_str(&b), urlenc[i].out);
	}
	vl_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_and_add),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_urlenc),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
