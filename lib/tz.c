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

/* Broken-down local time of utc in zone; returns the zone used. */
static const char *
local(const char *zone, int64_t utc, struct tm *tm)
{
	static char	 current[65];
	time_t		 t = (time_t)utc;

	if (!vl_tz_valid(zone))
		zone = "UTC";
	/* tzset() reads the zone file: only when the zone changes. */
	if (strcmp(current, zone) != 0) {
		setenv("TZ", zone, 1);
		tzset();
		snprintf(current, sizeof(current), "%s", zone);
	}
	if (localtime_r(&t, tm) == NULL) {
		t = 0;
		gmtime_r(&t, tm);
	}
	return zone;
}

char *
vl_tz_fmt(struct vl_pool *pool, const char *zone, int64_t utc)
{
	struct tm	 tm;
	const char	*used = local(zone, utc, &tm), *abbr = tm.tm_zone;
	int		 h = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;

	if (abbr == NULL || *abbr == '\0' || *abbr == '+' || *abbr == '-')
		return vl_pool_printf(pool, "%s %d, %d %d:%02d %s (%s)", months[tm.tm_mon],
		    tm.tm_mday, tm.tm_year + 1900, h, tm.tm_min, tm.tm_hour < 12 ? "AM" : "PM", used);
	return vl_pool_printf(pool, "%s %d, %d %d:%02d %s %s", months[tm.tm_mon], tm.tm_mday,
	    tm.tm_year + 1900, h, tm.tm_min, tm.tm_hour < 12 ? "AM" : "PM", abbr);
}

char *
vl_tz_date(struct vl_pool *pool, const char *zone, int64_t utc)
{
	struct tm	 tm;

	local(zone, utc, &tm);
	return vl_pool_printf(pool, "%s %d, %d", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

char *
vl_tz_readers(struct vl_pool *pool, const char *zone, const char *stored)
{
	struct vl_buf	 b = VL_BUF_INIT;
	const char	*p = stored ? stored : "", *end, *sp;
	char		*num, *out;
	int64_t		 utc;

	while (*p) {
		end = p + strcspn(p, "\x1e");
		sp = memchr(p, ' ', (size_t)(end - p));
		num = sp ? vl_pool_strndup(pool, p, (size_t)(sp - p)) : NULL;
		if (num != NULL && vl_strtonum(num, 0, INT64_MAX, &utc) == VL_OK) {
			if (b.len)
				vl_buf_adds(&b, "; ");
			vl_buf_add(&b, sp + 1, (size_t)(end - sp - 1));
			vl_buf_addf(&b, " %s", vl_tz_fmt(pool, zone, utc));
		}
		p = *end ? end + 1 : end;
	}
	out = vl_pool_strdup(pool, vl_buf_str(&b));
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
