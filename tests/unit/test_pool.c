/* pool.c: allocation, alignment, cleanups in reverse order, reuse. */
#include "vectors.h"
#include "internal.h"

static char	 order[16];
static size_t	 norder;

static void
record(void *arg)
{
	order[norder++] = *(const char *)arg;
}

static void
test_alloc_align(void **state)
{
	struct vl_pool	*p = vl_pool_new();
	size_t		 sizes[] = { 1, 3, 16, 17, 100, 2047, 2048, 2049, 9000, 100000 };
	size_t		 i;
	char		*q;

	(void)state;
	for (i = 0; i < NELEM(sizes); i++) {
		q = vl_pool_alloc(p, sizes[i]);
		assert_non_null(q);
		assert_int_equal((uintptr_t)q % 16, 0);
		memset(q, 0xab, sizes[i]);	/* ASan catches an undersized block */
	}
	assert_true(vl_pool_used(p) >= 100000);
	vl_pool_reset(p);
	assert_int_equal(vl_pool_used(p), 0);
	vl_pool_free(p);
}

static void
test_strings(void **state)
{
	struct vl_pool	*p = vl_pool_new();

	(void)state;
	assert_string_equal(vl_pool_strdup(p, "hello"), "hello");
	assert_null(vl_pool_strdup(p, NULL));
	assert_string_equal(vl_pool_strndup(p, "hello", 3), "hel");
	assert_string_equal(vl_pool_printf(p, "%s=%d", "n", 7), "n=7");
	/* Around the 128-byte stack buffer: one pass below, the heap above. */
	{
		static const size_t	 lens[] = { 0, 1, 126, 127, 128, 129, 4000 };
		char			 s[4001];
		size_t			 i;

		for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			memset(s, 'x', lens[i]);
			s[lens[i]] = '\0';
			assert_string_equal(vl_pool_printf(p, "%s", s), s);
			assert_string_equal(vl_pool_printf(p, "<%s>", s) + 1 + lens[i], ">");
		}
	}
	vl_pool_free(p);
}

static void
test_cleanups(void **state)
{
	struct vl_pool	*p = vl_pool_new();
	static char a = 'a', b = 'b', c = 'c';

	(void)state;
	norder = 0;
	vl_pool_cleanup(p, record, (void *)&a);
	vl_pool_cleanup(p, record, (void *)&b);
	vl_pool_cleanup(p, record, (void *)&c);
	vl_pool_reset(p);
	assert_int_equal(norder, 3);
	assert_memory_equal(order, "cba", 3);
	/* Reset runs them once: a second reset does nothing. */
	vl_pool_reset(p);
	assert_int_equal(norder, 3);
	/* The pool is usable after a reset, and free runs pending cleanups. */
	vl_pool_cleanup(p, record, (void *)&a);
	vl_pool_free(p);
	assert_int_equal(norder, 4);
}

static void
test_calloc_zero(void **state)
{
	struct vl_pool	*p = vl_pool_new();
	unsigned char	*z;
	size_t		 i;

	(void)state;
	memset(vl_pool_alloc(p, 64), 0xff, 64);
	vl_pool_reset(p);
	z = vl_pool_calloc(p, 8, 8);
	for (i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	vl_pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_align),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_cleanups),
		cmocka_unit_test(test_calloc_zero),
	};

	return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
