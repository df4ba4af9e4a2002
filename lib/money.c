/*
 * Money formatting and parsing over integer minor units.  The table names
 * each currency Vellum bills in: its symbol and how many minor digits it
 * has.  A symbol made of letters is followed by a space ("CHF 12.50");
 * the sign goes before the symbol ("-$5.00").
 */
#include <stdio.h>
#include <string.h>

#include "money.h"

static const struct currency {
	const char	*code, *symbol;
	int		 digits;
} currencies[] = {
	{ "USD", "$", 2 },	{ "EUR", "\u20ac", 2 },	{ "GBP", "\u00a3", 2 },
	{ "JPY", "\u00a5", 0 },	{ "CAD", "CA$", 2 },	{ "AUD", "A$", 2 },
	{ "NZD", "NZ$", 2 },	{ "CHF", "CHF ", 2 },	{ "SEK", "SEK ", 2 },
	{ "NOK", "NOK ", 2 },	{ "DKK", "DKK ", 2 },	{ "INR", "\u20b9", 2 },
	{ "MXN", "MX$", 2 },	{ "BRL", "R$", 2 },	{ "ZAR", "ZAR ", 2 },
	{ "SGD", "SGD ", 2 },	{ "HKD", "HK$", 2 },	{ "KRW", "\u20a9", 0 },
	{ "KWD", "KWD ", 3 },
};

static const struct currency *
find(const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
		if (strcmp(currencies[i].code, code) == 0)
			return &currencies[i];
	return NULL;
}

int
vl_money_digits(const char *currency)
{
	const struct currency *c = find(currency);

	return c ? c->digits : -1;
}

char *
vl_money_fmt(struct vl_pool *pool, int64_t amount, const char *currency)
{
	const struct currency *c = find(currency);
	/* The magnitude as unsigned, so INT64_MIN has one too. */
	uint64_t	 mag = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
	uint64_t	 scale = 1, major, minor;
	char		 digits[32], grouped[48], *out;
	size_t		 n, i, j;
	int		 d;

	if (c == NULL)
		return NULL;
	for (d = 0; d < c->digits; d++)
		scale *= 10;
	major = mag / scale;
	minor = mag % scale;
	n = (size_t)snprintf(digits, sizeof(digits), "%llu", (unsigned long long)major);
	/* Thousands separated by commas, counted from the right. */
	for (i = 0, j = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	if (c->digits == 0)
		out = vl_pool_printf(pool, "%s%s%s", amount < 0 ? "-" : "", c->symbol, grouped);
	else
		out = vl_pool_printf(pool, "%s%s%s.%0*llu", amount < 0 ? "-" : "", c->symbol,
		    grouped, c->digits, (unsigned long long)minor);
	return out;
}

enum vl_rc
vl_money_parse(const char *text, const char *currency, int64_t *amount)
{
	const struct currency *c = find(currency);
	const char	*p = text;
	uint64_t	 v = 0, limit;
	int		 neg = 0, ndig = 0, group = -1, frac = -1;

	if (c == NULL || text == NULL)
		return VL_INVALID;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p; p++) {
		if (*p == ',') {
			/* Commas only between groups of three, before any point. */
			if (frac >= 0 || ndig == 0 || (group >= 0 && group != 3) ||
			    (group < 0 && ndig > 3))
				return VL_INVALID;
			group = 0;
			continue;
		}
		if (*p == '.') {
			if (frac >= 0 || ndig == 0 || (group >= 0 && group != 3) ||
			    c->digits == 0)
				return VL_INVALID;
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			return VL_INVALID;
		if (frac >= 0 && ++frac > c->digits)
			return VL_INVALID;
		if (frac < 0 && group >= 0)
			group++;
		if (v > (UINT64_MAX - 9) / 10)
			return VL_INVALID;
		v = v * 10 + (uint64_t)(*p - '0');
		ndig++;
	}
	if (ndig == 0 || frac == 0 || (frac < 0 && group >= 0 && group != 3))
		return VL_INVALID;
	/* Scale what was typed up to minor units: "1.5" is 150 cents. */
	for (frac = frac < 0 ? 0 : frac; frac < c->digits; frac++) {
		if (v > UINT64_MAX / 10)
			return VL_INVALID;
		v *= 10;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (v > limit)
		return VL_INVALID;
	*amount = neg ? (int64_t)(0 - v) : (int64_t)v;
	return VL_OK;
}
