/* tz.c: times for people, in a firm's zone with the zone named. */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vectors.h"
#include "tz.h"

static const struct {
	const char	*zone;
	int64_t		 utc;
	const char	*want;
} vec[] = {
	{ "America/New_York", 1795356840, "Nov 22, 2026 9:14 AM EST" },
	/* Summer time, and the local date before the UTC one. */
	{ "America/New_York", 1783123500, "Jul 3, 2026 8:05 PM EDT" },
	/* Either side of the spring change. */
	{ "America/New_York", 1772953140, "Mar 8, 2026 1:59 AM EST" },
	{ "America/New_York", 1772953200, "Mar 8, 2026 3:00 AM EDT" },
	{ "UTC", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "UTC", 1767225600, "Jan 1, 2026 12:00 AM UTC" },
	{ "Asia/Kolkata", 1778455800, "May 11, 2026 5:00 AM IST" },
	{ "Pacific/Auckland", 1798761540, "Jan 1, 2027 12:59 PM NZDT" },
	/* A zone whose abbreviation is only an offset is named in full. */
	{ "America/Sao_Paulo", 1778455800, "May 10, 2026 8:30 PM (America/Sao_Paulo)" },
	/* Anything that is not a known zone shows UTC, named. */
	{ "Mars/Olympus_Mons", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "../../etc/passwd", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "/etc/localtime", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "America", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "EST5EDT,M3.2.0,M11.1.0", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ "", 1767268800, "Jan 1, 2026 12:00 PM UTC" },
	{ NULL, 1767268800, "Jan 1, 2026 12:00 PM UTC" },
};

static void
test_fmt(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		const char *got = vl_tz_fmt(pool, vec[i].zone, vec[i].utc);
		if (strcmp(got, vec[i].want) != 0)
			fail_msg("%s at %lld: got \"%s\", want \"%s\"", vec[i].zone ? vec[i].zone : "(null)",
			    (long long)vec[i].utc, got, vec[i].want);
	}
	/* Zones switch back and forth within one process. */
	assert_string_equal(vl_tz_fmt(pool, "America/New_York", 1795356840), "Nov 22, 2026 9:14 AM EST");
	assert_string_equal(vl_tz_fmt(pool, "UTC", 1795356840), "Nov 22, 2026 2:14 PM UTC");
	assert_string_equal(vl_tz_fmt(pool, "America/New_York", 1795356840), "Nov 22, 2026 9:14 AM EST");
	vl_pool_free(pool);
}

static void
test_date_and_valid(void **state)
{
	struct vl_pool	*pool = vl_pool_new();

	(void)state;
	assert_string_equal(vl_tz_date(pool, "America/New_York", 1783123500), "Jul 3, 2026");
	assert_string_equal(vl_tz_date(pool, "UTC", 1783123500), "Jul 4, 2026");
	assert_int_equal(vl_tz_valid("America/New_York"), 1);
	assert_int_equal(vl_tz_valid("UTC"), 1);
	assert_int_equal(vl_tz_valid("America"), 0);
	assert_int_equal(vl_tz_valid("America/../America/New_York"), 0);
	assert_int_equal(vl_tz_valid(":America/New_York"), 0);
	assert_int_equal(vl_tz_valid(""), 0);
	assert_int_equal(vl_tz_valid(NULL), 0);
	vl_pool_free(pool);
}

/* Stored readers ("epoch name" joined by RS) become "name time; name time". */
static void
test_readers(void **state)
{
	struct vl_pool	*pool = vl_pool_new();

	(void)state;
	assert_string_equal(vl_tz_readers(pool, "America/New_York", ""), "");
	assert_string_equal(vl_tz_readers(pool, "America/New_York",
	    "1795356840 Ann Eastman\x1e" "1783123500 Ben; \"Quoted\" Eastman"),
	    "Ann Eastman Nov 22, 2026 9:14 AM EST; Ben; \"Quoted\" Eastman Jul 3, 2026 8:05 PM EDT");
	/* A malformed entry is dropped, never shown raw. */
	assert_string_equal(vl_tz_readers(pool, "UTC", "x Ann\x1e" "1767268800 Ben"),
	    "Ben Jan 1, 2026 12:00 PM UTC");
	/* Digits only, at most 18 of them; an entry without a name's space is dropped. */
	assert_string_equal(vl_tz_readers(pool, "UTC", "-1767268800 Ann\x1e" "17672688x0 Bo\x1e"
	    "1234567890123456789 Cy\x1e" "1767268800\x1e" " Dee\x1e" "1767268800 Eve\x1e"),
	    "Eve Jan 1, 2026 12:00 PM UTC");
	assert_string_equal(vl_tz_readers(pool, "UTC", NULL), "");
	vl_pool_free(pool);
}

/* The reference: localtime_r and strftime, with the zone named as vl_tz_fmt names it. */
static void
reference(const char *zone, int64_t utc, char *out, size_t len)
{
	struct tm	 tm;
	time_t		 t = (time_t)utc;
	char		 d[64];

	assert_non_null(localtime_r(&t, &tm));
	strftime(d, sizeof(d), "%b %-d, %Y %-I:%M %p", &tm);
	if (tm.tm_zone[0] == '+' || tm.tm_zone[0] == '-')
		snprintf(out, len, "%s (%s)", d, zone);
	else
		snprintf(out, len, "%s %s", d, tm.tm_zone);
}

/*
 * The offsets cached by hour give what localtime_r gives: zones with half-
 * and quarter-hour offsets, a half-hour summer change (Lord Howe), changes
 * either way, walked forwards, backwards and back and forth across whole
 * years, and times before 1970.
 */
static void
test_cache(void **state)
{
	static const char *const zones[] = {
		"America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu",
		"Pacific/Chatham", "America/Sao_Paulo", "Asia/Kolkata", "America/St_Johns", "UTC",
		"right/Europe/Paris",	/* leap seconds in the wall clock, not in tm_gmtoff */
	};
	static const struct {
		int64_t	 from, step;
		int	 n;
	} walks[] = {
		{ 1704067200, 1237, 60000 },	/* 2024 to 2026, forwards */
		{ 1798761600, -2011, 30000 },	/* back from 2027 */
		{ 1711846800, 61, 6000 },	/* minute by minute around a change */
		{ -86400 * 400, 3599, 9000 },	/* before 1970 */
	};
	struct vl_pool	*pool = vl_pool_new();
	char		 want[128];
	const char	*got;
	size_t		 z, w;
	int		 i;
	int64_t		 t, u;

	(void)state;
	for (z = 0; z < NELEM(zones); z++) {
		/* The leap-second zones come with Debian's tzdata; elsewhere
		 * they may be a separate package: said, not silently passed. */
		if (strncmp(zones[z], "right/", 6) == 0 &&
		    access("/usr/share/zoneinfo/right/Europe/Paris", R_OK) != 0) {
			print_message("test_cache: %s not installed, not tried\n", zones[z]);
			continue;
		}
		for (w = 0; w < NELEM(walks); w++)
			for (i = 0; i < walks[w].n; i++) {
				t = walks[w].from + walks[w].step * i;
				/* Back and forth: the same hours again, a day apart. */
				u = i % 3 == 2 ? t - 86400 : t;
				got = vl_tz_fmt(pool, zones[z], u);
				reference(zones[z], u, want, sizeof(want));
				if (strcmp(got, want) != 0)
					fail_msg("%s at %lld: got \"%s\", want \"%s\"", zones[z],
					    (long long)u, got, want);
				if (i % 1000 == 999) {
					vl_pool_free(pool);
					pool = vl_pool_new();
				}
			}
	}
	vl_pool_free(pool);
}

/*
 * Two firms in different zones served by one process, and a firm that
 * changes its zone: each time in the zone it is asked in, whatever zone
 * the hour was cached under just before (the same hours in turn).
 */
static void
test_zones_interleaved(void **state)
{
	static const char *const zones[] = {
		"America/New_York", "Australia/Lord_Howe", "Europe/London", "Asia/Kathmandu",
	};
	struct vl_pool	*pool = vl_pool_new();
	char		 want[128];
	const char	*got;
	int64_t		 t;
	int		 i;
	size_t		 z;

	(void)state;
	for (i = 0; i < 20000; i++) {
		/* Around the spring changes of 2024 in both hemispheres. */
		t = (i % 2 ? 1710054000 : 1712419200) + (int64_t)(i / 8) * 97;
		z = (size_t)(i % 3 == 0 ? i % 4 : (i / 3) % 2);
		got = vl_tz_fmt(pool, zones[z], t);
		setenv("TZ", zones[z], 1);
		tzset();
		reference(zones[z], t, want, sizeof(want));
		if (strcmp(got, want) != 0)
			fail_msg("%s at %lld (request %d): got \"%s\", want \"%s\"", zones[z],
			    (long long)t, i, got, want);
		if (i % 1000 == 999) {
			vl_pool_free(pool);
			pool = vl_pool_new();
		}
	}
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_date_and_valid),
		cmocka_unit_test(test_readers),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_zones_interleaved),
	};

	return cmocka_run_group_tests_name("tz", tests, NULL, NULL);
}
