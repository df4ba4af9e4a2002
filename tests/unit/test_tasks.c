/*
 * The pure parts of tasks and notes, driven by tables: the days each due
 * filter covers (weeks from Monday to Sunday, across months, years, leap
 * days and 1970), the names of priorities and filters, and a note's body
 * split into its lines (\n, \r\n, a lone \r; blank lines kept).
 */
#include <time.h>

#include "vectors.h"

#include "note.h"
#include "task.h"

static const struct {
	const char		*today;
	enum vl_task_due	 due;
	int			 ok;
	const char		*from, *to;
} ranges[] = {
	/* 2026-11-22 is a Sunday: this week is the day itself. */
	{ "2026-11-22", VL_DUE_OVERDUE, 1, "1900-01-01", "2026-11-21" },
	{ "2026-11-22", VL_DUE_WEEK, 1, "2026-11-22", "2026-11-22" },
	{ "2026-11-22", VL_DUE_LATER, 1, "2026-11-23", "9999-12-31" },
	/* A Monday: the whole week. */
	{ "2026-11-23", VL_DUE_WEEK, 1, "2026-11-23", "2026-11-29" },
	{ "2026-11-23", VL_DUE_LATER, 1, "2026-11-30", "9999-12-31" },
	/* Across a month and a year. */
	{ "2026-11-26", VL_DUE_WEEK, 1, "2026-11-26", "2026-11-29" },
	{ "2026-12-30", VL_DUE_WEEK, 1, "2026-12-30", "2027-01-03" },
	{ "2026-12-30", VL_DUE_LATER, 1, "2027-01-04", "9999-12-31" },
	{ "2027-01-01", VL_DUE_OVERDUE, 1, "1900-01-01", "2026-12-31" },
	/* Leap days. */
	{ "2024-02-28", VL_DUE_WEEK, 1, "2024-02-28", "2024-03-03" },
	{ "2024-03-01", VL_DUE_OVERDUE, 1, "1900-01-01", "2024-02-29" },
	{ "2000-03-01", VL_DUE_OVERDUE, 1, "1900-01-01", "2000-02-29" },
	{ "2100-03-01", VL_DUE_OVERDUE, 1, "1900-01-01", "2100-02-28" },
	/* Around 1970 (day 0, a Thursday) and the ends of the calendar. */
	{ "1970-01-01", VL_DUE_WEEK, 1, "1970-01-01", "1970-01-04" },
	{ "1969-12-29", VL_DUE_WEEK, 1, "1969-12-29", "1970-01-04" },
	{ "1969-12-28", VL_DUE_WEEK, 1, "1969-12-28", "1969-12-28" },
	{ "1900-01-01", VL_DUE_WEEK, 1, "1900-01-01", "1900-01-07" },
	{ "1900-01-01", VL_DUE_OVERDUE, 1, "1900-01-01", "1899-12-31" },
	{ "9999-12-31", VL_DUE_WEEK, 1, "9999-12-31", "9999-12-31" },
	{ "9999-12-31", VL_DUE_LATER, 1, "9999-12-31", "9999-12-31" },
	/* Not a day, or not a range. */
	{ "2026-02-29", VL_DUE_WEEK, 0, NULL, NULL },
	{ "2026-11-2", VL_DUE_WEEK, 0, NULL, NULL },
	{ "", VL_DUE_OVERDUE, 0, NULL, NULL },
	{ NULL, VL_DUE_OVERDUE, 0, NULL, NULL },
	{ "2026-11-22", VL_DUE_ANY, 0, NULL, NULL },
	{ "2026-11-22", VL_DUE__MAX, 0, NULL, NULL },
};

static void
test_due_ranges(void **state)
{
	char	 from[11], to[11];
	size_t	 i;
	int	 ok;

	(void)state;
	for (i = 0; i < NELEM(ranges); i++) {
		memcpy(from, "unchanged!", 11);
		memcpy(to, "unchanged!", 11);
		ok = vl_task_due_range(ranges[i].due, ranges[i].today, from, to);
		if (ok != ranges[i].ok)
			fail_msg("%zu: %s %d gave %d", i, ranges[i].today ? ranges[i].today : "(null)",
			    ranges[i].due, ok);
		if (ok && (strcmp(from, ranges[i].from) != 0 || strcmp(to, ranges[i].to) != 0))
			fail_msg("%zu: %s %d gave %s..%s, want %s..%s", i, ranges[i].today,
			    ranges[i].due, from, to, ranges[i].from, ranges[i].to);
	}
}

/* Every day of 1900..2100: "this week" ends on a Sunday 0..6 days on,
 * "later" starts the day after, "overdue" ends the day before. */
static void
test_due_every_day(void **state)
{
	char		 day[11], from[11], to[11], prev[11] = "1899-12-31";
	struct tm	 tm;
	time_t		 t;
	int64_t		 n;

	(void)state;
	for (n = -25567; n < 47482; n++) {
		t = (time_t)(n * 86400);
		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		assert_true(vl_task_due_range(VL_DUE_OVERDUE, day, from, to));
		if (strcmp(to, prev) != 0)
			fail_msg("%s: overdue ends %s, want %s", day, to, prev);
		assert_true(vl_task_due_range(VL_DUE_WEEK, day, from, to));
		t = (time_t)((n + (7 - tm.tm_wday) % 7) * 86400);
		gmtime_r(&t, &tm);
		strftime(prev, sizeof(prev), "%Y-%m-%d", &tm);
		if (strcmp(from, day) != 0 || strcmp(to, prev) != 0)
			fail_msg("%s: this week %s..%s, want %s..%s", day, from, to, day, prev);
		memcpy(prev, day, sizeof(prev));
	}
}

static const struct {
	const char	*text;
	size_t		 n;
	const char	*lines[5];
} splits[] = {
	{ NULL, 0, { NULL } },
	{ "", 0, { NULL } },
	{ "one", 1, { "one" } },
	{ "one\n", 1, { "one" } },
	{ "one\ntwo", 2, { "one", "two" } },
	{ "one\r\ntwo\r\n", 2, { "one", "two" } },
	{ "one\rtwo", 2, { "one", "two" } },
	{ "one\r", 1, { "one" } },
	{ "one\n\ntwo", 3, { "one", "", "two" } },
	{ "one\r\n\r\ntwo", 3, { "one", "", "two" } },
	{ "\n", 1, { "" } },
	{ "\r\n", 1, { "" } },
	{ "\n\n", 2, { "", "" } },
	{ "\none", 2, { "", "one" } },
	{ "a\n\r\nb\rc", 4, { "a", "", "b", "c" } },
	{ "<script>alert(1)</script>\n& <b>", 2, { "<script>alert(1)</script>", "& <b>" } },
	{ "tab\there\nü ∑", 2, { "tab\there", "ü ∑" } },
};

static void
test_lines(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		**lines;
	size_t		 n, i, j;

	(void)state;
	for (i = 0; i < NELEM(splits); i++) {
		vl_text_lines(pool, splits[i].text, &lines, &n);
		if (n != splits[i].n)
			fail_msg("%zu: %zu lines, want %zu", i, n, splits[i].n);
		for (j = 0; j < n; j++)
			if (strcmp(lines[j], splits[i].lines[j]) != 0)
				fail_msg("%zu: line %zu \"%s\", want \"%s\"", i, j, lines[j],
				    splits[i].lines[j]);
	}
	vl_pool_free(pool);
}

static void
test_names(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < VL_PRIO__MAX; i++)
		assert_int_equal(vl_task_prio_of(vl_task_prios[i]), i);
	assert_int_equal(vl_task_prio_of("High"), VL_PRIO__MAX);
	assert_int_equal(vl_task_prio_of(""), VL_PRIO__MAX);
	assert_int_equal(vl_task_prio_of(NULL), VL_PRIO__MAX);
	for (i = 0; i < VL_DUE__MAX; i++)
		assert_int_equal(vl_task_due_of(vl_task_dues[i]), i);
	assert_int_equal(vl_task_due_of(NULL), VL_DUE_ANY);
	assert_int_equal(vl_task_due_of("tomorrow"), VL_DUE__MAX);
	assert_int_equal(vl_task_due_of("Week"), VL_DUE__MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_ranges),
		cmocka_unit_test(test_due_every_day),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
