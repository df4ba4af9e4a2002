/*
 * Calendar times and recurrence (SPEC F-A8): wall-clock times in a zone,
 * the rule a form chooses (daily, weekly on some weekdays, monthly; until a
 * date or a number of times) as RRULE text, and the occurrences of an
 * event in a range.  Pure functions over libical; see docs/architecture.md.
 */
#ifndef VELLUM_RECUR_H
#define VELLUM_RECUR_H

#include <stddef.h>
#include <stdint.h>

/* A wall-clock time of a zone: what the firm typed and what is stored, so a
 * weekly 09:00 stays 09:00 on both sides of a daylight-saving change. */
struct vl_wall {
	int	 y, mo, d, h, mi;
};

enum vl_freq { VL_FREQ_NONE, VL_FREQ_DAILY, VL_FREQ_WEEKLY, VL_FREQ_MONTHLY, VL_FREQ__MAX };
/* The stored names, also the form's: "none", "daily", "weekly", "monthly". */
extern const char *const vl_freqs[VL_FREQ__MAX];
/* The frequency named name, or VL_FREQ__MAX. */
enum vl_freq vl_freq_of(const char *name);

#define VL_RECUR_INTERVAL_MAX	99
#define VL_RECUR_COUNT_MAX	730
#define VL_RECUR_YEARS_MAX	10	/* an end date at most this far after the start */
#define VL_RECUR_STEPS_MAX	5000	/* occurrences one expansion walks, at most */

/* A rule as chosen.  byday: weekly, bit 0 Sunday .. bit 6 Saturday (the
 * start's weekday is always one of them).  Exactly one of until (a date,
 * y 0 for none) and count (0 for none) ends a recurring rule. */
struct vl_recur {
	enum vl_freq	 freq;
	int		 interval;
	unsigned	 byday;
	struct vl_wall	 until;
	int		 count;
};

/* "YYYY-MM-DD" (a real date, years 1900..2199) into w's date: 1, else 0
 * and w unchanged. */
int	 vl_wall_date(const char *s, struct vl_wall *w);
/* "HH:MM" (24 hours) into w's time: 1, else 0 and w unchanged. */
int	 vl_wall_time(const char *s, struct vl_wall *w);
/* "YYYY-MM-DD HH:MM" (or with 'T', as stored and as datetime-local): 1/0. */
int	 vl_wall_parse(const char *s, struct vl_wall *w);
/* w as "YYYY-MM-DD HH:MM" (out) and its date alone "YYYY-MM-DD" (date). */
void	 vl_wall_fmt(const struct vl_wall *w, char out[17]);
void	 vl_wall_datefmt(const struct vl_wall *w, char out[11]);
/* <0, 0, >0 as a is before, at, after b (dates and times). */
int	 vl_wall_cmp(const struct vl_wall *a, const struct vl_wall *b);
/* The weekday of w's date, 0 Sunday .. 6 Saturday. */
int	 vl_wall_weekday(const struct vl_wall *w);
/* w moved by days and minutes (either may be negative), normalised. */
void	 vl_wall_add(struct vl_wall *w, int days, int minutes);
/* The instant (epoch seconds) of wall time w in zone (an unknown zone: UTC). */
int64_t	 vl_wall_utc(const char *zone, const struct vl_wall *w);
/* The wall time of instant utc in zone. */
void	 vl_wall_of(const char *zone, int64_t utc, struct vl_wall *w);

/*
 * NULL if rule r fits an event starting at start, else why not: interval
 * (not 1..99), count (not 1..730), until_before (an end date before the
 * start), until_far (more than 10 years on), end_missing (neither), or
 * end_both.  A weekly rule gets the start's weekday added to byday.
 */
const char *vl_recur_check(struct vl_recur *r, const struct vl_wall *start);
/*
 * The RRULE value of r ("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;COUNT=10"):
 * with zone, UNTIL is the end of the until date there, in UTC (RFC 5545
 * with a zoned DTSTART); with zone NULL it is floating local time.  1, or
 * 0 for no rule (VL_FREQ_NONE) or a buffer too small.
 */
int	 vl_recur_rrule(const struct vl_recur *r, const char *zone, char *buf, size_t len);

/* One date's exception of a recurring event: cancelled, or moved to
 * start..end (wall times). */
struct vl_recur_ex {
	struct vl_wall	 date;
	int		 cancelled;
	struct vl_wall	 start, end;
};
/* An occurrence: its instants, the date it was planned for (its key for an
 * exception), and whether an exception moved it. */
struct vl_occ {
	int64_t		 start, end;
	struct vl_wall	 date;
	int		 moved;
};
/*
 * The occurrences of an event from start to end (wall times in zone; an
 * all-day event's end is its last day) under rule r, with exceptions ex,
 * that overlap [from, to), in order of start: at most max into out.
 * Returns how many, or -1 for a rule libical refuses.
 */
int	 vl_recur_expand(const char *zone, const struct vl_wall *start, const struct vl_wall *end,
	    int all_day, const struct vl_recur *r, const struct vl_recur_ex *ex, size_t nex,
	    int64_t from, int64_t to, struct vl_occ *out, size_t max);

#endif
