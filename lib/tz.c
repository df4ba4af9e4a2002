/*
 * Times for people.  The database keeps UTC; every time a person reads
 * (firm pages, client pages, emails) is shown in the firm's time zone with
 * the zone named: "Nov 22, 2026 9:14 AM EST".  A zone whose abbreviation is
 * only an offset ("-03") is named in full instead: "... 8:30 PM
 * (America/Sao_Paulo)".  A firm's zone that is not a zone file of the system
 * shows UTC, named, rather than a time that looks local but is not.
 *
 * The conversion uses the C library's tz database through TZ and
 * localtime_r: processes are single-threaded, and nothing else in Vellum
 * reads local time (logs and mail headers use gmtime_r).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "tz.h"

static const char *const months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

int
vl_tz_valid(const char *zone)
{
	const char	*p, *dir = getenv("TZDIR");
	char		 path[512];
	struct stat	 st;
	size_t		 len;

	if (zone == NULL || (len = strlen(zone)) == 0 || len > 64)
		return 0;
	/* Names of the tz database only: no POSIX rule strings, no paths out. */
	if (zone[0] == '/' || zone[0] == '.' || zone[len - 1] == '/' || strstr(zone, "..") ||
	    strstr(zone, "//"))
		return 0;
	for (p = zone; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '-' || *p == '+'))
			return 0;
	if (snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
	    zone) >= (int)sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The zone's offset by UTC hour, for the zone in use: a page formats tens
 * of times, most of them within a few hours, and localtime_r takes a lock
 * and searches the zone's transitions at each call.  An hour seen once
 * keeps its offset; seen again, it is trusted once its first and last
 * second have the same offset and abbreviation (a zone never changes twice
 * within an hour), else it has a change and every time in it goes through
 * localtime_r.  Emptied when the zone changes (the abbreviations point
 * into the C library's zone data, which tzset replaces).
 */
#define HOURS	16
static struct hour {
	int64_t		 h;	/* utc / 3600, rounded down; 0 with abbr NULL: empty */
	int64_t		 off;	/* wall clock minus utc, leap seconds included */
	long		 gmtoff;
	const char	*abbr;
	int		 state;	/* 0 seen once, 1 trusted, -1 holds a change */
} hours[HOURS];

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* tm (UTC fields only) of t seconds since the epoch: civil from days. */
static void
civil(int64_t t, struct tm *tm)
{
	int64_t	 days = floor_div(t, 86400), secs = t - days * 86400;
	int64_t	 era, doe, yoe, y, doy, mp, m;

	days += 719468;
	era = floor_div(days, 146097);
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)(m - 1);
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
}

/* The wall clock tm shows minus utc: tm_gmtoff, and in a "right/" zone
 * the leap seconds too, which tm_gmtoff leaves out (so does timegm there:
 * the C library applies the zone's leap seconds to UTC as well).  Days
 * from the civil date, the inverse of civil(). */
static int64_t
wall_offset(int64_t utc, const struct tm *tm)
{
	int64_t	 y = (int64_t)tm->tm_year + 1900, m = tm->tm_mon + 1, d = tm->tm_mday;
	int64_t	 era, yoe, doy, doe, days;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468;
	return days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec - utc;
}

static int
same_offset(time_t a, time_t b)
{
	struct tm	 x, y;

	if (localtime_r(&a, &x) == NULL || localtime_r(&b, &y) == NULL)
		return 0;
	return x.tm_gmtoff == y.tm_gmtoff && wall_offset(a, &x) == wall_offset(b, &y) &&
	    x.tm_zone != NULL && y.tm_zone != NULL && strcmp(x.tm_zone, y.tm_zone) == 0;
}

/* 1 with tm filled when the cache knows utc's hour, else 0. */
static int
cached(int64_t utc, struct tm *tm)
{
	int64_t		 h = floor_div(utc, 3600);
	struct hour	*c = &hours[(uint64_t)h % HOURS];

	if (c->abbr == NULL || c->h != h || c->state < 0)
		return 0;
	if (c->state == 0) {
		c->state = same_offset((time_t)(h * 3600), (time_t)(h * 3600 + 3599)) ? 1 : -1;
		if (c->state < 0)
			return 0;
	}
	civil(utc + c->off, tm);
	tm->tm_gmtoff = c->gmtoff;
	tm->tm_zone = c->abbr;
	return 1;
}

static void
remember(int64_t utc, const struct tm *tm)
{
	int64_t		 h = floor_div(utc, 3600);
	struct hour	*c = &hours[(uint64_t)h % HOURS];

	/* An hour known to hold a change stays so: its times go to localtime_r. */
	if (tm->tm_zone == NULL || (c->abbr != NULL && c->h == h && c->state < 0))
		return;
	c->h = h;
	c->off = wall_offset(utc, tm);
	c->gmtoff = tm->tm_gmtoff;
	c->abbr = tm->tm_zone;
	c->state = 0;
}

/* Broken-down local time of utc in zone; returns the zone used. */
static const char *
local(const char *zone, int64_t utc, struct tm *tm)
{
	static char	 current[65];
	time_t		 t = (time_t)utc;

	/* The zone in use was checked when it was set: a page formats every
	 * row's time in the same zone, and checking costs a stat() a row. */
	if (zone == NULL || strcmp(current, zone) != 0) {
		if (!vl_tz_valid(zone))
			zone = "UTC";
		/* tzset() reads the zone file: only when the zone changes. */
		if (strcmp(current, zone) != 0) {
			setenv("TZ", zone, 1);
			tzset();
			snprintf(current, sizeof(current), "%s", zone);
			memset(hours, 0, sizeof(hours));
		}
	}
	if (cached(utc, tm))
		return zone;
	if (localtime_r(&t, tm) == NULL) {
		t = 0;
		gmtime_r(&t, tm);
		return zone;
	}
	remember(utc, tm);
	return zone;
}

/* Bounded appends for the formats below: a time is formatted for every row
 * of a list, and printf's machinery was most of a row's cost. */
struct out {
	char	 s[160];
	size_t	 len;
};

static void
put(struct out *o, const char *s)
{
	size_t	 n = strlen(s);

	if (n > sizeof(o->s) - 1 - o->len)
		n = sizeof(o->s) - 1 - o->len;
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* Decimal v (negative as 0), at least width digits. */
static void
put_num(struct out *o, int v, int width)
{
	char	 d[12];
	int	 i = (int)sizeof(d) - 1;

	d[i] = '\0';
	if (v < 0)
		v = 0;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
		width--;
	} while ((v > 0 || width > 0) && i > 0);
	put(o, d + i);
}

/* "Nov 22, 2026" of tm. */
static void
put_date(struct out *o, const struct tm *tm)
{
	put(o, months[tm->tm_mon]);
	put(o, " ");
	put_num(o, tm->tm_mday, 1);
	put(o, ", ");
	put_num(o, tm->tm_year + 1900, 1);
}

/* The time of utc in zone, "Nov 22, 2026 9:14 AM EST", appended to o. */
static void
put_time(struct out *o, const char *zone, int64_t utc)
{
	struct tm	 tm;
	const char	*used = local(zone, utc, &tm), *abbr = tm.tm_zone;
	int		 h = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;

	put_date(o, &tm);
	put(o, " ");
	put_num(o, h, 1);
	put(o, ":");
	put_num(o, tm.tm_min, 2);
	put(o, tm.tm_hour < 12 ? " AM " : " PM ");
	if (abbr == NULL || *abbr == '\0' || *abbr == '+' || *abbr == '-') {
		put(o, "(");
		put(o, used);
		put(o, ")");
	} else
		put(o, abbr);
}

char *
vl_tz_fmt(struct vl_pool *pool, const char *zone, int64_t utc)
{
	struct out	 o = { "", 0 };

	put_time(&o, zone, utc);
	return vl_pool_strndup(pool, o.s, o.len);
}

char *
vl_tz_date(struct vl_pool *pool, const char *zone, int64_t utc)
{
	struct tm	 tm;
	struct out	 o = { "", 0 };

	local(zone, utc, &tm);
	put_date(&o, &tm);
	return vl_pool_strndup(pool, o.s, o.len);
}

/* The decimal seconds at p..end (1 to 18 digits, nothing else) in *utc. */
static int
epoch_of(const char *p, const char *end, int64_t *utc)
{
	int64_t	 v = 0;

	if (p == end || end - p > 18)
		return -1;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	*utc = v;
	return 0;
}

char *
vl_tz_readers(struct vl_pool *pool, const char *zone, const char *stored)
{
	struct vl_buf	 b = VL_BUF_INIT;
	struct out	 o;
	const char	*p = stored ? stored : "", *end, *sp;
	char		*out;
	int64_t		 utc;

	while (*p) {
		end = p + strcspn(p, "\x1e");
		sp = memchr(p, ' ', (size_t)(end - p));
		/* Not vl_buf_addf nor a copy of the number: every reader of
		 * every message of a page passes here. */
		if (sp != NULL && epoch_of(p, sp, &utc) == 0) {
			if (b.len)
				vl_buf_add(&b, "; ", 2);
			vl_buf_add(&b, sp + 1, (size_t)(end - sp - 1));
			o.s[0] = ' ';
			o.s[1] = '\0';
			o.len = 1;
			put_time(&o, zone, utc);
			vl_buf_add(&b, o.s, o.len);
		}
		p = *end ? end + 1 : end;
	}
	out = vl_pool_strndup(pool, b.buf != NULL ? b.buf : "", b.len);
	vl_buf_release(&b);
	return out;
}

/* The acting firm's zone, read once a context: kept in it, so it ends
 * with the request (or whoever made the context). */
const char *
vl_tz_firm(struct vl_ctx *c)
{
	char	*zone = NULL;

	if (c->zone != NULL)
		return c->zone;
	if (c->firm_id == 0 || vl_db_row(c->pool, STMT_FIRM_TIME_ZONE, "i", "s", c->firm_id,
	    &zone) != VL_OK || zone == NULL)
		return "UTC";
	c->zone = zone;
	return zone;
}

char *
vl_tz_when(struct vl_ctx *c, int64_t utc)
{
	return vl_tz_fmt(c->pool, vl_tz_firm(c), utc);
}

void
vl_tz_ymd(const char *zone, int64_t utc, int *y, int *m, int *d)
{
	struct tm	 tm;

	local(zone, utc, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}
