/* payment.c's pure rules: a payment spread over items oldest first, a
 * refund taken back latest first, a bill's state for its balance. */
#include "vectors.h"

#include "payment.h"

#define DAY	86400

static const struct {
	const char		*name;
	int64_t			 amount;
	size_t			 n;
	struct vl_pay_item	 items[4];
	int64_t			 want[4], left;
} alloc[] = {
	{ "one item, in full", 1000, 1, { { 1, 0, 1000 } }, { 1000 }, 0 },
	{ "one item, part", 400, 1, { { 1, 0, 1000 } }, { 400 }, 0 },
	{ "one item, over", 1500, 1, { { 1, 0, 1000 } }, { 1000 }, 500 },
	{ "oldest first", 1500, 3, { { 3, 3 * DAY, 1000 }, { 1, 1 * DAY, 1000 }, { 2, 2 * DAY, 1000 } },
	    { 0, 1000, 500 }, 0 },
	{ "same day: lower id first", 700, 2, { { 9, DAY, 500 }, { 4, DAY, 500 } }, { 200, 500 }, 0 },
	{ "Pay All: every item in full", 3000, 3, { { 1, 0, 1000 }, { 2, DAY, 1500 }, { 3, 2 * DAY, 500 } },
	    { 1000, 1500, 500 }, 0 },
	{ "never above a balance", 5000, 2, { { 1, 0, 1000 }, { 2, DAY, 1500 } }, { 1000, 1500 }, 2500 },
	{ "a paid item gets nothing", 800, 2, { { 1, 0, 0 }, { 2, DAY, 1000 } }, { 0, 800 }, 0 },
	{ "no items", 800, 0, { { 0, 0, 0 } }, { 0 }, 800 },
	{ "one cent", 1, 2, { { 1, DAY, 5 }, { 2, 0, 5 } }, { 0, 1 }, 0 },
	{ "zero refused", 0, 1, { { 1, 0, 1000 } }, { 0 }, -1 },
	{ "negative refused", -5, 1, { { 1, 0, 1000 } }, { 0 }, -1 },
	{ "negative balance refused", 5, 2, { { 1, 0, 1000 }, { 2, 0, -1 } }, { 0, 0 }, -1 },
	{ "sum overflowing refused", 5, 2, { { 1, 0, INT64_MAX }, { 2, 0, 1 } }, { 0, 0 }, -1 },
	{ "huge amounts", INT64_MAX, 2, { { 1, 0, INT64_MAX / 2 }, { 2, DAY, INT64_MAX / 2 } },
	    { INT64_MAX / 2, INT64_MAX / 2 }, 1 },
};

static void
test_allocate(void **state)
{
	int64_t	 out[4], left;
	size_t	 i, j;

	(void)state;
	for (i = 0; i < NELEM(alloc); i++) {
		memset(out, 0x55, sizeof(out));
		left = vl_pay_allocate(alloc[i].amount, alloc[i].items, alloc[i].n, out);
		if (left != alloc[i].left)
			fail_msg("%s: left %lld, want %lld", alloc[i].name, (long long)left,
			    (long long)alloc[i].left);
		for (j = 0; j < alloc[i].n; j++)
			if (out[j] != alloc[i].want[j])
				fail_msg("%s: item %zu got %lld, want %lld", alloc[i].name, j,
				    (long long)out[j], (long long)alloc[i].want[j]);
	}
}

static const struct {
	const char	*name;
	int64_t		 amount;
	size_t		 n;
	int64_t		 open[4], want[4];
	int		 ok;
} unalloc[] = {
	{ "all of one", 1000, 1, { 1000 }, { 1000 }, 1 },
	{ "part of one", 250, 1, { 1000 }, { 250 }, 1 },
	{ "latest first", 1200, 3, { 1000, 1000, 500 }, { 0, 700, 500 }, 1 },
	{ "all of every item", 2500, 3, { 1000, 1000, 500 }, { 1000, 1000, 500 }, 1 },
	{ "skips what is refunded", 600, 3, { 1000, 0, 500 }, { 100, 0, 500 }, 1 },
	{ "above the sum refused", 2501, 3, { 1000, 1000, 500 }, { 0, 0, 0 }, 0 },
	{ "zero refused", 0, 1, { 1000 }, { 0 }, 0 },
	{ "negative refused", -1, 1, { 1000 }, { 0 }, 0 },
	{ "negative open refused", 1, 2, { 1000, -1 }, { 0, 0 }, 0 },
	{ "nothing open", 1, 0, { 0 }, { 0 }, 0 },
};

static void
test_unallocate(void **state)
{
	int64_t	 out[4];
	size_t	 i, j;
	int	 ok;

	(void)state;
	for (i = 0; i < NELEM(unalloc); i++) {
		memset(out, 0x55, sizeof(out));
		ok = vl_pay_unallocate(unalloc[i].amount, unalloc[i].open, unalloc[i].n, out);
		if (ok != unalloc[i].ok)
			fail_msg("%s: %d, want %d", unalloc[i].name, ok, unalloc[i].ok);
		for (j = 0; j < unalloc[i].n; j++)
			if (out[j] != unalloc[i].want[j])
				fail_msg("%s: allocation %zu got %lld, want %lld", unalloc[i].name, j,
				    (long long)out[j], (long long)unalloc[i].want[j]);
	}
}

static void
test_state(void **state)
{
	(void)state;
	assert_string_equal(vl_pay_state_for(1000, 0), "paid");
	assert_string_equal(vl_pay_state_for(1000, 1), "partial");
	assert_string_equal(vl_pay_state_for(1000, 999), "partial");
	assert_string_equal(vl_pay_state_for(1000, 1000), "final");
	assert_string_equal(vl_pay_state_for(0, 0), "paid");
}

static void
test_methods(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < VL_PM__MAX; i++)
		assert_int_equal(vl_pay_method_of(vl_pay_methods[i]), i);
	assert_int_equal(vl_pay_method_of("bitcoin"), VL_PM__MAX);
	assert_int_equal(vl_pay_method_of(NULL), VL_PM__MAX);
	assert_int_equal(vl_pay_method_of("CARD"), VL_PM__MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocate),
		cmocka_unit_test(test_unallocate),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_methods),
	};

	return cmocka_run_group_tests_name("payment", tests, NULL, NULL);
}
