/* recur.c: calendar times, rules as RRULE text, expansion across
 * daylight-saving changes, until/count and exceptions. */
#include "vectors.h"
#include "recur.h"
#include "tz.h"

#define NY	"America/New_York"

static const struct {
	const char	*in;
	int		 ok, y, mo, d;
} dates[] = {
	{ "2026-03-08", 1, 2026, 3, 8 },
	{ "2028-02-29", 1, 2028, 2, 29 },
	{ "2027-02-29", 0, 0, 0, 0 },
	{ "2100-02-29", 0, 0, 0, 0 },
	{ "2026-13-01", 0, 0, 0, 0 },
	{ "2026-04-31", 0, 0, 0, 0 },
	{ "2026-4-3", 0, 0, 0, 0 },
	{ "1899-12-31", 0, 0, 0, 0 },
	{ "2200-01-01", 0, 0, 0, 0 },
	{ "+026-01-01", 0, 0, 0, 0 },
	{ "2026-01-01x", 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 },
};

static const struct {
	const char	*in;
	int		 ok, h, mi;
} times[] = {
	{ "09:00", 1, 9, 0 }, { "23:59", 1, 23, 59 }, { "00:00", 1, 0, 0 },
	{ "24:00", 0, 0, 0 }, { "12:60", 0, 0, 0 }, { "9:00", 0, 0, 0 }, { "09:00:00", 0, 0, 0 },
	{ "-1:00", 0, 0, 0 }, { "", 0, 0, 0 }, { NULL, 0, 0, 0 },
};

static void
test_parse(void **state)
{
	struct vl_wall	 w;
	char		 out[17];
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(dates); i++) {
		memset(&w, 0, sizeof(w));
		if (vl_wall_date(dates[i].in, &w) != dates[i].ok)
			fail_msg("date %s", dates[i].in ? dates[i].in : "(null)");
		if (dates[i].ok && (w.y != dates[i].y || w.mo != dates[i].mo || w.d != dates[i].d))
			fail_msg("date %s parsed wrong", dates[i].in);
	}
	for (i = 0; i < NELEM(times); i++) {
		memset(&w, 0, sizeof(w));
		if (vl_wall_time(times[i].in, &w) != times[i].ok)
			fail_msg("time %s", times[i].in ? times[i].in : "(null)");
		if (times[i].ok && (w.h != times[i].h || w.mi != times[i].mi))
			fail_msg("time %s parsed wrong", times[i].in);
	}
	assert_int_equal(vl_wall_parse("2026-11-01 09:30", &w), 1);
	vl_wall_fmt(&w, out);
	assert_string_equal(out, "2026-11-01 09:30");
	assert_int_equal(vl_wall_parse("2026-11-01T09:30", &w), 1);
	assert_int_equal(vl_wall_parse("2026-11-01 9:30", &w), 0);
	assert_int_equal(vl_wall_weekday(&w), 0);	/* a Sunday */
	vl_wall_add(&w, 0, 15 * 60);
	vl_wall_fmt(&w, out);
	assert_string_equal(out, "2026-11-02 00:30");
}

static const struct {
	struct vl_recur	 r;
	const char	*zone, *want;
} rules[] = {
	{ { VL_FREQ_DAILY, 1, 0, { 0, 0, 0, 0, 0 }, 5 }, NULL, "FREQ=DAILY;INTERVAL=1;COUNT=5" },
	{ { VL_FREQ_WEEKLY, 2, 0x2a, { 0, 0, 0, 0, 0 }, 10 }, NULL,
	    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=10" },
	{ { VL_FREQ_WEEKLY, 1, 0x41, { 0, 0, 0, 0, 0 }, 3 }, NULL,
	    "FREQ=WEEKLY;INTERVAL=1;BYDAY=SA,SU;COUNT=3" },
	{ { VL_FREQ_MONTHLY, 1, 0, { 2027, 6, 30, 0, 0 }, 0 }, NULL,
	    "FREQ=MONTHLY;INTERVAL=1;UNTIL=20270630T235959" },
	/* A zoned UNTIL is the end of the local day, in UTC. */
	{ { VL_FREQ_MONTHLY, 1, 0, { 2027, 6, 30, 0, 0 }, 0 }, NY,
	    "FREQ=MONTHLY;INTERVAL=1;UNTIL=20270701T035959Z" },
	{ { VL_FREQ_DAILY, 1, 0, { 2027, 1, 15, 0, 0 }, 0 }, NY,
	    "FREQ=DAILY;INTERVAL=1;UNTIL=20270116T045959Z" },
};

static void
test_rrule(void **state)
{
	char	 buf[128];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(rules); i++) {
		assert_int_equal(vl_recur_rrule(&rules[i].r, rules[i].zone, buf, sizeof(buf)), 1);
		assert_string_equal(buf, rules[i].want);
	}
	assert_int_equal(vl_recur_rrule(&rules[1].r, NULL, buf, 10), 0);
	{
		struct vl_recur	 none = { VL_FREQ_NONE, 1, 0, { 0, 0, 0, 0, 0 }, 0 };
		assert_int_equal(vl_recur_rrule(&none, NULL, buf, sizeof(buf)), 0);
	}
}

static void
test_check(void **state)
{
	struct vl_wall	 start = { 2026, 3, 4, 9, 0 };	/* a Wednesday */
	struct vl_recur	 r;
	const char	*why;

	(void)state;
	r = (struct vl_recur){ VL_FREQ_WEEKLY, 1, 0x02, { 0, 0, 0, 0, 0 }, 4 };
	assert_null(vl_recur_check(&r, &start));
	assert_int_equal(r.byday, 0x02 | 0x08);	/* the start's weekday added */
	r = (struct vl_recur){ VL_FREQ_DAILY, 0, 0, { 0, 0, 0, 0, 0 }, 4 };
	assert_string_equal(vl_recur_check(&r, &start), "interval");
	r = (struct vl_recur){ VL_FREQ_DAILY, 100, 0, { 0, 0, 0, 0, 0 }, 4 };
	assert_string_equal(vl_recur_check(&r, &start), "interval");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 0, 0, 0, 0, 0 }, 731 };
	assert_string_equal(vl_recur_check(&r, &start), "count");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 0, 0, 0, 0, 0 }, -1 };
	assert_string_equal(vl_recur_check(&r, &start), "count");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 0, 0, 0, 0, 0 }, 0 };
	assert_string_equal(vl_recur_check(&r, &start), "end_missing");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 2026, 5, 1, 0, 0 }, 3 };
	assert_string_equal(vl_recur_check(&r, &start), "end_both");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 2026, 3, 3, 0, 0 }, 0 };
	assert_string_equal(vl_recur_check(&r, &start), "until_before");
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 2026, 3, 4, 0, 0 }, 0 };
	assert_null(vl_recur_check(&r, &start));	/* the start's own day */
	r = (struct vl_recur){ VL_FREQ_DAILY, 1, 0, { 2036, 3, 5, 0, 0 }, 0 };
	why = vl_recur_check(&r, &start);
	assert_non_null(why);
	assert_string_equal(why, "until_far");
	r = (struct vl_recur){ VL_FREQ_NONE, 0, 0, { 0, 0, 0, 0, 0 }, 0 };
	assert_null(vl_recur_check(&r, &start));
}

/* The local wall time of each occurrence, as "YYYY-MM-DD HH:MM". */
static void
walls(const char *zone, const struct vl_occ *o, int n, char (*out)[17])
{
	struct vl_wall	 w;
	int		 i;

	for (i = 0; i < n; i++) {
		vl_wall_of(zone, o[i].start, &w);
		vl_wall_fmt(&w, out[i]);
	}
}

/* Weekly at 09:00 in New York over the March and November changes stays
 * 09:00 local: 14:00 UTC in winter, 13:00 UTC in summer. */
static void
test_dst(void **state)
{
	struct vl_wall	 s = { 2026, 2, 25, 9, 0 }, e = { 2026, 2, 25, 10, 0 };
	struct vl_recur	 r = { VL_FREQ_WEEKLY, 1, 0, { 2026, 11, 18, 0, 0 }, 0 };
	struct vl_occ	 o[64];
	char		 w[64][17];
	int		 n, i;

	(void)state;
	assert_null(vl_recur_check(&r, &s));
	n = vl_recur_expand(NY, &s, &e, 0, &r, NULL, 0, 0, INT64_C(4102444800), o, 64);
	assert_int_equal(n, 39);	/* Feb 25 .. Nov 18, every Wednesday */
	walls(NY, o, n, w);
	for (i = 0; i < n; i++) {
		assert_string_equal(w[i] + 11, "09:00");
		assert_int_equal(o[i].end - o[i].start, 3600);
	}
	/* Mar 4 is before the change (EST), Mar 11 after (EDT). */
	assert_string_equal(w[1], "2026-03-04 09:00");
	assert_int_equal(o[1].start, 1772632800);	/* 14:00 UTC */
	assert_string_equal(w[2], "2026-03-11 09:00");
	assert_int_equal(o[2].start, 1773234000);	/* 13:00 UTC */
	/* Oct 28 is EDT, Nov 4 EST again (the change is Nov 1). */
	assert_string_equal(w[35], "2026-10-28 09:00");
	assert_int_equal(o[35].start, 1793192400);	/* 13:00 UTC */
	assert_string_equal(w[36], "2026-11-04 09:00");
	assert_int_equal(o[36].start, 1793800800);	/* 14:00 UTC */
	assert_string_equal(w[38], "2026-11-18 09:00");	/* the until date is in */
}

/* An event across the change keeps its wall-clock length: 23:00 to 04:00
 * on the night of Mar 7/8 is five local hours but four real ones. */
static void
test_dst_length(void **state)
{
	struct vl_wall	 s = { 2026, 3, 7, 23, 0 }, e = { 2026, 3, 8, 4, 0 };
	struct vl_recur	 r = { VL_FREQ_NONE, 1, 0, { 0, 0, 0, 0, 0 }, 0 };
	struct vl_occ	 o[2];

	(void)state;
	assert_int_equal(vl_recur_expand(NY, &s, &e, 0, &r, NULL, 0, 0, INT64_C(4102444800), o, 2),
	    1);
	assert_int_equal(o[0].end - o[0].start, 4 * 3600);
}

static void
test_count_and_range(void **state)
{
	struct vl_wall	 s = { 2026, 1, 31, 15, 30 }, e = { 2026, 1, 31, 16, 0 };
	struct vl_recur	 daily = { VL_FREQ_DAILY, 2, 0, { 0, 0, 0, 0, 0 }, 5 };
	struct vl_recur	 monthly = { VL_FREQ_MONTHLY, 1, 0, { 0, 0, 0, 0, 0 }, 4 };
	struct vl_wall	 a = { 2026, 2, 2, 0, 0 }, b = { 2026, 2, 5, 0, 0 };
	struct vl_occ	 o[16];
	char		 w[16][17];
	int		 n;

	(void)state;
	n = vl_recur_expand("UTC", &s, &e, 0, &daily, NULL, 0, 0, INT64_C(4102444800), o, 16);
	assert_int_equal(n, 5);
	walls("UTC", o, n, w);
	assert_string_equal(w[0], "2026-01-31 15:30");
	assert_string_equal(w[4], "2026-02-08 15:30");
	/* Only what overlaps the range: Feb 2 and Feb 4. */
	n = vl_recur_expand("UTC", &s, &e, 0, &daily, NULL, 0, vl_wall_utc("UTC", &a),
	    vl_wall_utc("UTC", &b), o, 16);
	assert_int_equal(n, 2);
	/* Monthly from the 31st skips the months without one (RFC 5545). */
	n = vl_recur_expand("UTC", &s, &e, 0, &monthly, NULL, 0, 0, INT64_C(4102444800), o, 16);
	assert_int_equal(n, 4);
	walls("UTC", o, n, w);
	assert_string_equal(w[0], "2026-01-31 15:30");
	assert_string_equal(w[1], "2026-03-31 15:30");
	assert_string_equal(w[2], "2026-05-31 15:30");
	assert_string_equal(w[3], "2026-07-31 15:30");
	/* At most max. */
	assert_int_equal(vl_recur_expand("UTC", &s, &e, 0, &daily, NULL, 0, 0, INT64_C(4102444800),
	    o, 3), 3);
}

/* One date moved, another cancelled; the moved one is found in its new
 * place even when the range holds only that. */
static void
test_exceptions(void **state)
{
	struct vl_wall		 s = { 2026, 10, 26, 9, 0 }, e = { 2026, 10, 26, 10, 0 };
	struct vl_recur		 r = { VL_FREQ_DAILY, 1, 0, { 0, 0, 0, 0, 0 }, 10 };
	struct vl_recur_ex	 ex[2] = {
		{ { 2026, 10, 28, 0, 0 }, 1, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 } },
		{ { 2026, 10, 30, 0, 0 }, 0, { 2026, 11, 3, 14, 0 }, { 2026, 11, 3, 15, 30 } },
	};
	struct vl_wall		 a = { 2026, 11, 3, 0, 0 }, b = { 2026, 11, 3, 23, 59 };
	struct vl_occ		 o[16];
	char			 w[16][17];
	int			 n;

	(void)state;
	n = vl_recur_expand(NY, &s, &e, 0, &r, ex, 2, 0, INT64_C(4102444800), o, 16);
	assert_int_equal(n, 9);
	walls(NY, o, n, w);
	assert_string_equal(w[0], "2026-10-26 09:00");
	assert_string_equal(w[1], "2026-10-27 09:00");
	assert_string_equal(w[2], "2026-10-29 09:00");	/* the 28th cancelled */
	assert_string_equal(w[3], "2026-10-31 09:00");	/* the 30th moved away */
	/* Nov 3: its own 09:00 and the 30th's, moved to 14:00 (after the change). */
	assert_string_equal(w[5], "2026-11-02 09:00");
	assert_string_equal(w[6], "2026-11-03 09:00");
	assert_string_equal(w[7], "2026-11-03 14:00");
	assert_int_equal(o[7].moved, 1);
	assert_int_equal(o[7].end - o[7].start, 90 * 60);
	assert_int_equal(o[7].date.d, 30);
	n = vl_recur_expand(NY, &s, &e, 0, &r, ex, 2, vl_wall_utc(NY, &a), vl_wall_utc(NY, &b),
	    o, 16);
	assert_int_equal(n, 2);
}

static void
test_all_day(void **state)
{
	struct vl_wall	 s = { 2026, 3, 7, 0, 0 }, e = { 2026, 3, 8, 0, 0 };
	struct vl_recur	 r = { VL_FREQ_WEEKLY, 1, 0, { 0, 0, 0, 0, 0 }, 2 };
	struct vl_occ	 o[4];

	(void)state;
	assert_null(vl_recur_check(&r, &s));
	assert_int_equal(vl_recur_expand(NY, &s, &e, 1, &r, NULL, 0, 0, INT64_C(4102444800), o, 4),
	    2);
	/* Two local days, the second one only 23 hours long. */
	assert_int_equal(o[0].end - o[0].start, 47 * 3600);
	assert_int_equal(o[1].end - o[1].start, 48 * 3600);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_rrule),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_dst),
		cmocka_unit_test(test_dst_length),
		cmocka_unit_test(test_count_and_range),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_all_day),
	};

	return cmocka_run_group_tests_name("recur", tests, NULL, NULL);
}
