/* money.c: amounts in minor units, formatted and parsed, driven by tables. */
#include "vectors.h"

#include "money.h"

static const struct {
	int64_t		 amount;
	const char	*currency, *want;	/* want NULL: refused */
} fmt[] = {
	{ 123456, "USD", "$1,234.56" },
	{ 0, "USD", "$0.00" },
	{ 5, "USD", "$0.05" },
	{ 99, "USD", "$0.99" },
	{ 100, "USD", "$1.00" },
	{ 99999, "USD", "$999.99" },
	{ 100000, "USD", "$1,000.00" },
	{ 100000000, "USD", "$1,000,000.00" },
	{ -123456, "USD", "-$1,234.56" },
	{ -5, "EUR", "-\u20ac0.05" },
	{ 123456, "EUR", "\u20ac1,234.56" },
	{ 100000, "GBP", "\u00a31,000.00" },
	{ 1235, "JPY", "\u00a51,235" },
	{ 0, "JPY", "\u00a50" },
	{ -1234567, "JPY", "-\u00a51,234,567" },
	{ 1250, "CHF", "CHF 12.50" },
	{ 1234567, "KWD", "KWD 1,234.567" },
	{ 150, "CAD", "CA$1.50" },
	{ INT64_MAX, "USD", "$92,233,720,368,547,758.07" },
	{ INT64_MIN, "USD", "-$92,233,720,368,547,758.08" },
	{ INT64_MIN, "JPY", "-\u00a59,223,372,036,854,775,808" },
	{ 100, "usd", NULL },
	{ 100, "XXX", NULL },
	{ 100, "", NULL },
	{ 100, NULL, NULL },
};

static void
test_fmt(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(fmt); i++) {
		got = vl_money_fmt(pool, fmt[i].amount, fmt[i].currency);
		if (fmt[i].want == NULL && got != NULL)
			fail_msg("%zu: %s accepted as %s", i, fmt[i].currency, got);
		if (fmt[i].want != NULL && (got == NULL || strcmp(got, fmt[i].want) != 0))
			fail_msg("%zu: %lld %s gave \"%s\", want \"%s\"", i,
			    (long long)fmt[i].amount, fmt[i].currency, got ? got : "(null)",
			    fmt[i].want);
	}
	vl_pool_free(pool);
}

static const struct {
	const char	*text, *currency;
	enum vl_rc	 rc;
	int64_t		 want;
} parse[] = {
	{ "1234.56", "USD", VL_OK, 123456 },
	{ "1,234.56", "USD", VL_OK, 123456 },
	{ "1,234,567", "USD", VL_OK, 123456700 },
	{ "1234.5", "USD", VL_OK, 123450 },
	{ "12", "USD", VL_OK, 1200 },
	{ "0.05", "USD", VL_OK, 5 },
	{ "-12.30", "EUR", VL_OK, -1230 },
	{ "0", "GBP", VL_OK, 0 },
	{ "1,235", "JPY", VL_OK, 1235 },
	{ "1.234", "KWD", VL_OK, 1234 },
	{ "92233720368547758.07", "USD", VL_OK, INT64_MAX },
	{ "-92233720368547758.08", "USD", VL_OK, INT64_MIN },
	{ "92233720368547758.08", "USD", VL_INVALID, 0 },
	{ "99999999999999999999999", "USD", VL_INVALID, 0 },
	{ "1.234", "USD", VL_INVALID, 0 },	/* more decimals than cents */
	{ "12.5", "JPY", VL_INVALID, 0 },	/* yen have none */
	{ "1,23", "USD", VL_INVALID, 0 },
	{ "1234,567", "USD", VL_INVALID, 0 },
	{ "1,2345", "USD", VL_INVALID, 0 },
	{ ",123", "USD", VL_INVALID, 0 },
	{ "1,,234", "USD", VL_INVALID, 0 },
	{ "1.2.3", "USD", VL_INVALID, 0 },
	{ "1.", "USD", VL_INVALID, 0 },
	{ ".5", "USD", VL_INVALID, 0 },
	{ "1.5,0", "USD", VL_INVALID, 0 },
	{ "", "USD", VL_INVALID, 0 },
	{ "-", "USD", VL_INVALID, 0 },
	{ "+1", "USD", VL_INVALID, 0 },
	{ "--1", "USD", VL_INVALID, 0 },
	{ "$1", "USD", VL_INVALID, 0 },
	{ "1 000", "USD", VL_INVALID, 0 },
	{ "1e3", "USD", VL_INVALID, 0 },
	{ "12", "XXX", VL_INVALID, 0 },
	{ NULL, "USD", VL_INVALID, 0 },
};

static void
test_parse(void **state)
{
	int64_t		 got;
	enum vl_rc	 rc;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(parse); i++) {
		got = -42;
		rc = vl_money_parse(parse[i].text, parse[i].currency, &got);
		if (rc != parse[i].rc)
			fail_msg("%zu: \"%s\" %s: rc %d, want %d", i, parse[i].text,
			    parse[i].currency, rc, parse[i].rc);
		if (rc == VL_OK && got != parse[i].want)
			fail_msg("%zu: \"%s\" read as %lld, want %lld", i, parse[i].text,
			    (long long)got, (long long)parse[i].want);
		if (rc != VL_OK && got != -42)
			fail_msg("%zu: \"%s\" refused but written", i, parse[i].text);
	}
}

/* What is formatted reads back as the same amount, symbol aside. */
static void
test_round_trip(void **state)
{
	static const int64_t amounts[] = { 0, 1, 99, 100, 123456, 100000000, -7, INT64_MAX };
	static const char *const codes[] = { "USD", "EUR", "JPY", "KWD" };
	struct vl_pool	*pool = vl_pool_new();
	const char	*s;
	char		 text[64];
	int64_t		 back;
	size_t		 i, j;

	(void)state;
	for (i = 0; i < NELEM(amounts); i++)
		for (j = 0; j < NELEM(codes); j++) {
			s = vl_money_fmt(pool, amounts[i], codes[j]);
			assert_non_null(s);
			/* Keep the sign, skip the symbol. */
			snprintf(text, sizeof(text), "%s%s", amounts[i] < 0 ? "-" : "",
			    s + strcspn(s, "0123456789"));
			assert_int_equal(vl_money_parse(text, codes[j], &back), VL_OK);
			assert_int_equal(back, amounts[i]);
		}
	assert_int_equal(vl_money_digits("USD"), 2);
	assert_int_equal(vl_money_digits("JPY"), 0);
	assert_int_equal(vl_money_digits("KWD"), 3);
	assert_int_equal(vl_money_digits("ABC"), -1);
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
