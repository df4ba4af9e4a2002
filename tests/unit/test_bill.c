/* bill.c's pure parts: a bill's total from its lines, a bill's path. */
#include "vectors.h"

#include "bill.h"

static const struct {
	const char	*name;
	int64_t		 a[4];
	size_t		 n;
	int		 ok;
	int64_t		 want;
} sums[] = {
	{ "no lines", { 0 }, 0, 1, 0 },
	{ "three lines", { 12345, 2500, 5 }, 3, 1, 14850 },
	{ "zero lines count", { 0, 0, 0 }, 3, 1, 0 },
	{ "exactly the cap", { VL_BILL_TOTAL_MAX - 1, 1 }, 2, 1, VL_BILL_TOTAL_MAX },
	{ "one past the cap", { VL_BILL_TOTAL_MAX, 1 }, 2, 0, 0 },
	{ "a line past the cap", { VL_BILL_TOTAL_MAX + 1 }, 1, 0, 0 },
	{ "would overflow int64", { INT64_MAX, INT64_MAX }, 2, 0, 0 },
	{ "a negative line", { 100, -1 }, 2, 0, 0 },
	{ "INT64_MIN", { INT64_MIN }, 1, 0, 0 },
};

static void
test_sum(void **state)
{
	int64_t	 t;
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(sums); i++) {
		t = -7;
		if (vl_bill_sum(sums[i].a, sums[i].n, &t) != sums[i].ok)
			fail_msg("%s: %s", sums[i].name, sums[i].ok ? "refused" : "accepted");
		if (sums[i].ok && t != sums[i].want)
			fail_msg("%s: %lld, want %lld", sums[i].name, (long long)t, (long long)sums[i].want);
		if (!sums[i].ok && t != -7)
			fail_msg("%s: the total was written", sums[i].name);
	}
}

static const struct {
	const char	*path, *prefix;
	int64_t		 id;
	int		 pdf;
} paths[] = {
	{ "/bills/12", "/bills/", 12, 0 },
	{ "/bills/12.pdf", "/bills/", 12, 1 },
	{ "/portal/bills/7.pdf", "/portal/bills/", 7, 1 },
	{ "/bills/12/send", "/bills/", 0, 0 },
	{ "/bills/12.pdfx", "/bills/", 0, 0 },
	{ "/bills/12.PDF", "/bills/", 0, 0 },
	{ "/bills/.pdf", "/bills/", 0, 0 },
	{ "/bills/", "/bills/", 0, 0 },
	{ "/bills/0", "/bills/", 0, 0 },
	{ "/bills/-3", "/bills/", 0, 0 },
	{ "/bills/9223372036854775807", "/bills/", INT64_MAX, 0 },
	{ "/bills/9223372036854775808", "/bills/", 0, 0 },
	{ "/bills/123456789012345678901234", "/bills/", 0, 0 },
	{ "/other/12", "/bills/", 0, 0 },
	{ NULL, "/bills/", 0, 0 },
};

static void
test_path_id(void **state)
{
	size_t	 i;
	int	 pdf;

	(void)state;
	for (i = 0; i < NELEM(paths); i++) {
		pdf = -1;
		assert_int_equal(vl_bill_path_id(paths[i].path, paths[i].prefix, &pdf), paths[i].id);
		if (paths[i].id != 0)
			assert_int_equal(pdf, paths[i].pdf);
	}
}

static void
test_names(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < VL_BILL_STATE__MAX; i++)
		assert_int_equal(vl_bill_state_of(vl_bill_states[i]), i);
	assert_int_equal(vl_bill_state_of("unpaid"), VL_BILL_STATE__MAX);
	assert_int_equal(vl_bill_state_of(NULL), VL_BILL_STATE__MAX);
	assert_string_equal(vl_bill_kinds[VL_BILLK_TRUST], "trust");
	assert_string_equal(vl_bill_evs[VL_BEV_VIEWED], "viewed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sum),
		cmocka_unit_test(test_path_id),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("bill", tests, NULL, NULL);
}
