/*
 * Calendar times and recurrence.  Events are stored as wall-clock times
 * with their zone, not as instants: a weekly meeting at 09:00 in New York
 * is 14:00 UTC in winter and 13:00 UTC in summer, and only the wall-clock
 * form keeps it at 09:00 across the change.  libical (Debian libical-dev)
 * walks the rule in that floating local time and converts each occurrence
 * with the zone's rules, so the daylight-saving arithmetic and RFC 5545's
 * corner cases (the 31st of a short month, weekly by several weekdays)
 * are its, not ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "vellum.h"
#include "recur.h"

const char *const vl_freqs[VL_FREQ__MAX] = { "none", "daily", "weekly", "monthly" };

static const char *const rfc_freq[VL_FREQ__MAX] = { "", "DAILY", "WEEKLY", "MONTHLY" };
static const char *const rfc_day[7] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

enum vl_freq
vl_freq_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < VL_FREQ__MAX; i++)
		if (strcmp(name, vl_freqs[i]) == 0)
			return (enum vl_freq)i;
	return VL_FREQ__MAX;
}

/* n digits of s as a number (all digits): 1, else 0. */
static int
digits(const char *s, size_t n, int *out)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int	 n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

int
vl_wall_date(const char *s, struct vl_wall *w)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return 0;
	w->y = y;
	w->mo = m;
	w->d = d;
	return 1;
}

int
vl_wall_time(const char *s, struct vl_wall *w)
{
	int	 h, mi;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' || !digits(s, 2, &h) ||
	    !digits(s + 3, 2, &mi) || h > 23 || mi > 59)
		return 0;
	w->h = h;
	w->mi = mi;
	return 1;
}

int
vl_wall_parse(const char *s, struct vl_wall *w)
{
	struct vl_wall	 t = { 0, 0, 0, 0, 0 };
	char		 date[11];

	if (s == NULL || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T'))
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!vl_wall_date(date, &t) || !vl_wall_time(s + 11, &t))
		return 0;
	*w = t;
	return 1;
}

/* At most n bytes of s into out, terminated. */
static void
cut(char *out, const char *s, size_t n)
{
	n = strnlen(s, n);
	memcpy(out, s, n);
	out[n] = '\0';
}

void
vl_wall_fmt(const struct vl_wall *w, char out[17])
{
	char	 t[80];

	/* Through a buffer wide enough for any int: a bad w is cut, never overrun. */
	snprintf(t, sizeof(t), "%04d-%02d-%02d %02d:%02d", w->y, w->mo, w->d, w->h, w->mi);
	cut(out, t, 16);
}

void
vl_wall_datefmt(const struct vl_wall *w, char out[11])
{
	char	 t[80];

	snprintf(t, sizeof(t), "%04d-%02d-%02d", w->y, w->mo, w->d);
	cut(out, t, 10);
}

int
vl_wall_cmp(const struct vl_wall *a, const struct vl_wall *b)
{
	const int	 x[5] = { a->y, a->mo, a->d, a->h, a->mi };
	const int	 y[5] = { b->y, b->mo, b->d, b->h, b->mi };
	size_t		 i;

	for (i = 0; i < 5; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static struct icaltimetype
to_ical(const struct vl_wall *w)
{
	struct icaltimetype	 t = icaltime_null_time();

	t.year = w->y;
	t.month = w->mo;
	t.day = w->d;
	t.hour = w->h;
	t.minute = w->mi;
	t.second = 0;
	t.is_date = 0;
	return t;
}

static void
from_ical(struct icaltimetype t, struct vl_wall *w)
{
	w->y = t.year;
	w->mo = t.month;
	w->d = t.day;
	w->h = t.is_date ? 0 : t.hour;
	w->mi = t.is_date ? 0 : t.minute;
}

int
vl_wall_weekday(const struct vl_wall *w)
{
	return icaltime_day_of_week(to_ical(w)) - 1;
}

void
vl_wall_add(struct vl_wall *w, int days, int minutes)
{
	struct icaltimetype	 t = to_ical(w);

	icaltime_adjust(&t, days, 0, minutes, 0);
	from_ical(t, w);
}

/* The libical zone of name; UTC for a name libical does not know (its
 * lookup is by exact name in the tz database's list, never a path). */
static icaltimezone *
zone_of(const char *name)
{
	icaltimezone	*z = NULL;

	if (name != NULL && *name != '\0' && strlen(name) <= 64)
		z = icaltimezone_get_builtin_timezone(name);
	return z != NULL ? z : icaltimezone_get_utc_timezone();
}

int64_t
vl_wall_utc(const char *zone, const struct vl_wall *w)
{
	return (int64_t)icaltime_as_timet_with_zone(to_ical(w), zone_of(zone));
}

void
vl_wall_of(const char *zone, int64_t utc, struct vl_wall *w)
{
	from_ical(icaltime_from_timet_with_zone((time_t)utc, 0, zone_of(zone)), w);
}

const char *
vl_recur_check(struct vl_recur *r, const struct vl_wall *start)
{
	struct vl_wall	 far = *start;

	if (r->freq == VL_FREQ_NONE)
		return NULL;
	if ((unsigned)r->freq >= VL_FREQ__MAX || r->interval < 1 ||
	    r->interval > VL_RECUR_INTERVAL_MAX)
		return "interval";
	if (r->until.y != 0 && r->count != 0)
		return "end_both";
	if (r->until.y == 0 && r->count == 0)
		return "end_missing";
	if (r->count != 0 && (r->count < 1 || r->count > VL_RECUR_COUNT_MAX))
		return "count";
	if (r->until.y != 0) {
		struct vl_wall	 day = *start;

		day.h = day.mi = 0;
		if (vl_wall_cmp(&r->until, &day) < 0)
			return "until_before";
		far.y += VL_RECUR_YEARS_MAX;
		if (vl_wall_cmp(&r->until, &far) > 0)
			return "until_far";
	}
	if (r->freq == VL_FREQ_WEEKLY)
		r->byday = (r->byday & 0x7fu) | (1u << vl_wall_weekday(start));
	else
		r->byday = 0;
	return NULL;
}

int
vl_recur_rrule(const struct vl_recur *r, const char *zone, char *buf, size_t len)
{
	struct vl_buf	 b = VL_BUF_INIT;
	struct vl_wall	 end;
	int64_t		 t;
	int		 i, first = 1, ok;

	if (r->freq == VL_FREQ_NONE || (unsigned)r->freq >= VL_FREQ__MAX || len == 0)
		return 0;
	vl_buf_addf(&b, "FREQ=%s;INTERVAL=%d", rfc_freq[r->freq], r->interval);
	if (r->freq == VL_FREQ_WEEKLY && r->byday != 0) {
		vl_buf_adds(&b, ";BYDAY=");
		for (i = 1; i <= 7; i++)	/* Monday first, as people read a week */
			if (r->byday & (1u << (i % 7))) {
				vl_buf_addf(&b, "%s%s", first ? "" : ",", rfc_day[i % 7]);
				first = 0;
			}
	}
	if (r->count > 0)
		vl_buf_addf(&b, ";COUNT=%d", r->count);
	else if (r->until.y != 0) {
		end = r->until;
		end.h = 23;
		end.mi = 59;
		if (zone != NULL) {
			t = vl_wall_utc(zone, &end) + 59;
			vl_wall_of("UTC", t, &end);
			vl_buf_addf(&b, ";UNTIL=%04d%02d%02dT%02d%02d59Z", end.y, end.mo, end.d,
			    end.h, end.mi);
		} else
			vl_buf_addf(&b, ";UNTIL=%04d%02d%02dT235959", end.y, end.mo, end.d);
	}
	ok = b.len < len;
	if (ok)
		memcpy(buf, b.buf, b.len + 1);
	vl_buf_release(&b);
	return ok;
}

static int
occ_cmp(const void *a, const void *b)
{
	const struct vl_occ	*x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The end of an occurrence starting at s, as far from it as end is from
 * start in wall-clock minutes (all day: to the midnight after the last
 * day). */
static void
occ_end(const struct vl_wall *start, const struct vl_wall *end, int all_day,
    const struct vl_wall *s, struct vl_wall *e)
{
	struct icaltimetype	 a = to_ical(start), b = to_ical(end);
	struct icaldurationtype d;
	int			 minutes;

	if (all_day)
		icaltime_adjust(&b, 1, 0, 0, 0);
	d = icaltime_subtract(b, a);
	minutes = (int)(icaldurationtype_as_int(d) / 60);
	*e = *s;
	vl_wall_add(e, 0, minutes);
}

int
vl_recur_expand(const char *zone, const struct vl_wall *start, const struct vl_wall *end,
    int all_day, const struct vl_recur *r, const struct vl_recur_ex *ex, size_t nex,
    int64_t from, int64_t to, struct vl_occ *out, size_t max)
{
	struct icalrecurrencetype rule;
	icalrecur_iterator	*it = NULL;
	struct icaltimetype	 t;
	struct vl_wall		 s, e;
	struct vl_occ		 o;
	char			 text[256];
	size_t			 n = 0, i, steps;
	int			 skip;

	if (r->freq != VL_FREQ_NONE) {
		if (!vl_recur_rrule(r, NULL, text, sizeof(text)))
			return -1;
		rule = icalrecurrencetype_from_string(text);
		if (rule.freq == ICAL_NO_RECURRENCE)
			return -1;
		if ((it = icalrecur_iterator_new(rule, to_ical(start))) == NULL) {
			icalerror_clear_errno();
			return -1;
		}
	}
	for (steps = 0; steps < VL_RECUR_STEPS_MAX && n < max; steps++) {
		if (it == NULL) {
			if (steps > 0)
				break;
			s = *start;
		} else {
			t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t))
				break;
			from_ical(t, &s);
		}
		memset(&o, 0, sizeof(o));
		o.date = s;
		o.date.h = o.date.mi = 0;
		skip = 0;
		occ_end(start, end, all_day, &s, &e);
		for (i = 0; it != NULL && i < nex; i++) {
			if (ex[i].date.y != o.date.y || ex[i].date.mo != o.date.mo ||
			    ex[i].date.d != o.date.d)
				continue;
			if (ex[i].cancelled)
				skip = 1;
			else {
				s = ex[i].start;
				e = ex[i].end;
				if (all_day)
					vl_wall_add(&e, 1, 0);
				o.moved = 1;
			}
			break;
		}
		if (skip)
			continue;
		o.start = vl_wall_utc(zone, &s);
		o.end = vl_wall_utc(zone, &e);
		if (o.end <= o.start)
			o.end = o.start + (all_day ? 86400 : 0);
		/* Past the range: only a moved one could still come back into it. */
		if (o.start >= to && !o.moved && nex == 0)
			break;
		if (o.start < to && (o.end > from || (o.end == o.start && o.start >= from)))
			out[n++] = o;
	}
	if (it != NULL)
		icalrecur_iterator_free(it);
	qsort(out, n, sizeof(*out), occ_cmp);
	return (int)n;
}
