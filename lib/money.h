/*
 * Money: an amount is an int64_t count of its currency's minor units (cents
 * for USD, pence for GBP, yen for JPY, which has none), never floating
 * point.  Bills, payments and their totals add and compare these integers;
 * only a person sees the formatted text.
 */
#ifndef VELLUM_MONEY_H
#define VELLUM_MONEY_H

#include <stdint.h>

#include "vellum.h"

/* Digits after the decimal point in currency (ISO 4217 code: "USD" 2,
 * "JPY" 0, "KWD" 3), or -1 for a code Vellum does not know. */
int	 vl_money_digits(const char *currency);

/*
 * amount (minor units) as a person reads it: "$1,234.56", "-€0.05",
 * "£1,000.00", "¥1,235", "CHF 12.50".  The string lives in pool; NULL for
 * an unknown currency (a bill's currency is checked when it is made).
 */
char	*vl_money_fmt(struct vl_pool *, int64_t amount, const char *currency);

/*
 * Reads an amount typed in the currency's major unit ("1234.56",
 * "1,234.5", "-12", digits grouped by commas of three or not at all) into
 * minor units.  VL_OK; VL_INVALID for anything else: more decimals than
 * the currency has, a symbol, a sign other than a leading '-', an amount
 * that does not fit, an unknown currency.
 */
enum vl_rc vl_money_parse(const char *text, const char *currency, int64_t *amount);

#endif
