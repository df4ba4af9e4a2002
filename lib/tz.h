/* Times for people, in the firm's time zone.  See docs/architecture.md. */
#ifndef VL_TZ_H
#define VL_TZ_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- tz.c: times for people, in the firm's time zone, the zone named ---- */
/* 1 if zone names a zone file of the tz database ("America/New_York"). */
int	 vl_tz_valid(const char *zone);
/* utc (seconds since 1970) in zone, as "Nov 22, 2026 9:14 AM EST", or with
 * the zone's name in brackets when its abbreviation is only an offset; an
 * unknown zone gives UTC, named.  The string lives in the pool. */
char	*vl_tz_fmt(struct vl_pool *, const char *zone, int64_t utc);
/* The local date only: "Nov 22, 2026". */
char	*vl_tz_date(struct vl_pool *, const char *zone, int64_t utc);
/* Read receipts as stored ("<epoch> <name>" entries joined by 0x1E) as
 * "<name> <time>; ..."; malformed entries are dropped. */
char	*vl_tz_readers(struct vl_pool *, const char *zone, const char *stored);
/* The acting firm's zone (clients' too), read once into c->zone; "UTC"
 * without a firm or on error.  Lives in c's pool. */
const char *vl_tz_firm(struct vl_ctx *c);
/* The year, month and day of utc in zone. */
void	 vl_tz_ymd(const char *zone, int64_t utc, int *y, int *m, int *d);
/* vl_tz_fmt() in the acting firm's zone. */
char	*vl_tz_when(struct vl_ctx *, int64_t utc);

#ifdef __cplusplus
}
#endif
#endif
