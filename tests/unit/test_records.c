/*
 * The pure parts of contacts, matters and activities, driven by tables:
 * search patterns, dates, paging, matter number patterns and numbers,
 * durations, time amounts and their rounding, amounts for forms, sorts.
 */
#include "vectors.h"

#include "activity.h"
#include "listing.h"
#include "matters.h"
#include "money.h"

static const struct {
	const char	*q;
	int		 lower;
	const char	*want;
} likes[] = {
	{ NULL, 0, "%" },
	{ "", 0, "%" },
	{ "smith", 0, "%smith%" },
	{ "Smith", 1, "%smith%" },
	{ "Smith", 0, "%Smith%" },
	{ "100%", 0, "%100\\%%" },
	{ "a_b", 0, "%a\\_b%" },
	{ "back\\slash", 0, "%back\\\\slash%" },
	{ "%_\\", 0, "%\\%\\_\\\\%" },
	{ "Ünïcode", 1, "%Ünïcode%" },
};

static void
test_like(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	const char	*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(likes); i++) {
		got = vl_like_contains(pool, likes[i].q, likes[i].lower);
		if (strcmp(got, likes[i].want) != 0)
			fail_msg("%zu: \"%s\" gave \"%s\", want \"%s\"", i, likes[i].q ? likes[i].q :
			    "(null)", got, likes[i].want);
	}
	vl_pool_free(pool);
}

static const struct {
	const char	*s;
	int		 ok;
} dates[] = {
	{ "2026-11-22", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 }, { "1900-01-01", 1 },
	{ "9999-12-31", 1 }, { "2026-12-31", 1 }, { "2026-04-30", 1 },
	{ "2023-02-29", 0 }, { "1900-02-29", 0 }, { "2026-04-31", 0 }, { "2026-13-01", 0 },
	{ "2026-00-10", 0 }, { "2026-01-00", 0 }, { "1899-12-31", 0 }, { "2026-1-01", 0 },
	{ "2026/01/01", 0 }, { "2026-01-01 ", 0 }, { " 2026-01-01", 0 }, { "20260101", 0 },
	{ "", 0 }, { NULL, 0 }, { "2026-01-0a", 0 }, { "+026-01-01", 0 }, { "2026-01-01x", 0 },
};

static void
test_dates(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(dates); i++)
		if (vl_date_valid(dates[i].s) != dates[i].ok)
			fail_msg("%zu: \"%s\" should be %s", i, dates[i].s ? dates[i].s : "(null)",
			    dates[i].ok ? "valid" : "refused");
	assert_string_equal(vl_date_iso(pool, 0), "1970-01-01");
	assert_string_equal(vl_date_iso(pool, 1795305600), "2026-11-22");
	assert_string_equal(vl_date_iso(pool, 951782400), "2000-02-29");
	vl_pool_free(pool);
}

static void
test_pages(void **state)
{
	static const struct { int64_t page, offset; } v[] = {
		{ -5, 0 }, { 0, 0 }, { 1, 0 }, { 2, 50 }, { 3, 100 },
		{ VL_PAGE_MAX, (VL_PAGE_MAX - 1) * 50 }, { VL_PAGE_MAX + 1, (VL_PAGE_MAX - 1) * 50 },
		{ INT64_MAX, (VL_PAGE_MAX - 1) * 50 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++)
		if (vl_page_offset(v[i].page) != v[i].offset)
			fail_msg("%zu: page %lld gave offset %lld", i, (long long)v[i].page,
			    (long long)vl_page_offset(v[i].page));
}

static const struct {
	const char	*pattern;
	int64_t		 year, counter;
	const char	*want;		/* NULL: refused */
} numbers[] = {
	{ "{YYYY}-{NNNN}", 2026, 1, "2026-0001" },
	{ "{YYYY}-{NNNN}", 2026, 42, "2026-0042" },
	{ "{YYYY}-{NNNN}", 2026, 9999, "2026-9999" },
	{ "{YYYY}-{NNNN}", 2026, 10000, "2026-10000" },	/* wider keeps its digits */
	{ "{YY}/{NNN}", 2026, 7, "26/007" },
	{ "M-{N}", 2026, 3, "M-3" },
	{ "{NNNNNNNNN}", 2026, 12, "000000012" },
	{ "LIT {YYYY}.{NN} #x", 2030, 5, "LIT 2030.05 #x" },
	{ "{NNNN}-{YYYY}", 2026, 1, "0001-2026" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXY{NNNN}", 2026, 1, "ABCDEFGHIJKLMNOPQRSTUVWXY0001" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXY{NNNN}", 2026, 123456789, NULL },	/* past 32 bytes */
	{ "{YYYY}", 2026, 1, NULL },		/* no counter */
	{ "{NN}-{NN}", 2026, 1, NULL },		/* two counters */
	{ "{YYYY}-{YY}-{N}", 2026, 1, NULL },	/* two years */
	{ "{NNNNNNNNNN}", 2026, 1, NULL },	/* ten N's */
	{ "{}", 2026, 1, NULL },
	{ "{N", 2026, 1, NULL },
	{ "{n}", 2026, 1, NULL },
	{ "{YYY}-{N}", 2026, 1, NULL },
	{ "<b>{N}</b>", 2026, 1, NULL },
	{ "a%{N}", 2026, 1, NULL },
	{ " {N}", 2026, 1, NULL },
	{ "{N} ", 2026, 1, NULL },
	{ "", 2026, 1, NULL },
	{ NULL, 2026, 1, NULL },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ123{N}", 2026, 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ1231" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234{N}", 2026, 1, NULL },	/* pattern past 32 bytes */
	{ "{YYYY}-{NNNN}", 2026, -1, NULL },
};

static void
test_numbers(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	const char	*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(numbers); i++) {
		got = vl_number_format(pool, numbers[i].pattern, numbers[i].year, numbers[i].counter);
		if ((got == NULL) != (numbers[i].want == NULL) ||
		    (got != NULL && strcmp(got, numbers[i].want) != 0))
			fail_msg("%zu: \"%s\" %lld gave \"%s\", want \"%s\"", i,
			    numbers[i].pattern ? numbers[i].pattern : "(null)",
			    (long long)numbers[i].counter, got ? got : "(null)",
			    numbers[i].want ? numbers[i].want : "(null)");
	}
	assert_true(vl_number_pattern_ok(VL_NUMBER_PATTERN));
	vl_pool_free(pool);
}

static const struct {
	const char	*s;
	int64_t		 want;		/* 0: refused */
} durations[] = {
	{ "90", 90 }, { "1", 1 }, { "99999", 99999 }, { "1:30", 90 }, { "0:05", 5 }, { "10:00", 600 },
	{ "1666:39", 99999 },
	{ "0", 0 }, { "0:00", 0 }, { "100000", 0 }, { "1666:40", 0 }, { "1:60", 0 }, { "1:5", 0 },
	{ "1:055", 0 }, { ":30", 0 }, { "1:", 0 }, { "-5", 0 }, { "1.5", 0 }, { "1h", 0 }, { "", 0 },
	{ NULL, 0 }, { "1:3a", 0 }, { "a:30", 0 }, { "99999999999999999999", 0 }, { "1:30:00", 0 },
	{ " 90", 0 },
};

static void
test_durations(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	int64_t		 got;
	size_t		 i;
	int		 ok;

	(void)state;
	for (i = 0; i < NELEM(durations); i++) {
		got = 0;
		ok = vl_duration_parse(durations[i].s, &got);
		if (ok != (durations[i].want != 0) || (ok && got != durations[i].want))
			fail_msg("%zu: \"%s\" gave %d/%lld, want %lld", i, durations[i].s ?
			    durations[i].s : "(null)", ok, (long long)got, (long long)durations[i].want);
	}
	assert_string_equal(vl_duration_fmt(pool, 90), "1:30");
	assert_string_equal(vl_duration_fmt(pool, 5), "0:05");
	assert_string_equal(vl_duration_fmt(pool, 0), "0:00");
	vl_pool_free(pool);
}

/* (minutes * rate + 30) / 60: half a minor unit rounds up. */
static const struct {
	int64_t	 minutes, rate, want;
	int	 ok;
} amounts[] = {
	{ 60, 25000, 25000, 1 },	/* an hour at $250.00 */
	{ 90, 25000, 37500, 1 },
	{ 1, 25000, 417, 1 },		/* 416.67 */
	{ 1, 100, 2, 1 },		/* 1.67 */
	{ 1, 90, 2, 1 },		/* 1.5: half up */
	{ 1, 89, 1, 1 },		/* 1.483 */
	{ 1, 29, 0, 1 },		/* 0.483 */
	{ 1, 30, 1, 1 },		/* 0.5: half up */
	{ 7, 1, 0, 1 },			/* 0.117 */
	{ 0, 25000, 0, 1 },
	{ 45, 0, 0, 1 },
	{ VL_MINUTES_MAX, VL_RATE_MAX, (VL_MINUTES_MAX * VL_RATE_MAX + 30) / 60, 1 },
	{ VL_MINUTES_MAX + 1, 100, 0, 0 },
	{ 60, VL_RATE_MAX + 1, 0, 0 },
	{ -1, 100, 0, 0 },
	{ 60, -100, 0, 0 },
};

static void
test_amounts(void **state)
{
	int64_t		 got;
	size_t		 i;
	int		 ok;

	(void)state;
	for (i = 0; i < NELEM(amounts); i++) {
		got = -1;
		ok = vl_activity_amount(amounts[i].minutes, amounts[i].rate, &got);
		if (ok != amounts[i].ok || (ok && got != amounts[i].want))
			fail_msg("%zu: %lld min at %lld gave %d/%lld, want %lld", i,
			    (long long)amounts[i].minutes, (long long)amounts[i].rate, ok,
			    (long long)got, (long long)amounts[i].want);
	}
}

static void
test_plain_amounts(void **state)
{
	static const struct { int64_t amount; const char *cur, *want; } v[] = {
		{ 123456, "USD", "1234.56" }, { 5, "USD", "0.05" }, { 0, "USD", "0.00" },
		{ -250, "EUR", "-2.50" }, { 1235, "JPY", "1235" }, { 1234567, "KWD", "1234.567" },
		{ INT64_MIN, "USD", "-92233720368547758.08" },
	};
	struct vl_pool	*pool = vl_pool_new();
	int64_t		 back;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		assert_string_equal(vl_amount_plain(pool, v[i].amount, v[i].cur), v[i].want);
		/* What a form shows, it reads back. */
		if (v[i].amount != INT64_MIN) {
			assert_int_equal(vl_money_parse(v[i].want, v[i].cur, &back), VL_OK);
			assert_int_equal(back, v[i].amount);
		}
	}
	vl_pool_free(pool);
}

static void
test_names(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < VL_MSORT__MAX; i++)
		assert_int_equal(vl_matter_sort_of(vl_matter_sorts[i]), i);
	assert_int_equal(vl_matter_sort_of(NULL), VL_MSORT_NUMBER);
	assert_int_equal(vl_matter_sort_of("number; DROP TABLE"), VL_MSORT_NUMBER);
	for (i = 0; i < VL_ACT__MAX; i++)
		assert_int_equal(vl_activity_kind_of(vl_activity_kinds[i]), i);
	assert_int_equal(vl_activity_kind_of("Time"), VL_ACT__MAX);
	assert_int_equal(vl_activity_kind_of(NULL), VL_ACT__MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_like),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_plain_amounts),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
