/* iCalendar text of calendar events, made and read with libical.  See
 * docs/architecture.md. */
#ifndef VELLUM_ICAL_H
#define VELLUM_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "calendar.h"

/*
 * A VCALENDAR (METHOD:PUBLISH) of the n events ev (each with its
 * exceptions: EXDATE for a cancelled date, a VEVENT with RECURRENCE-ID for
 * a moved one), a VTIMEZONE for each zone they use, DTSTAMP now; a
 * cancelled event says STATUS:CANCELLED.  In pool; NULL on failure.
 */
char	*vl_ical_build(struct vl_pool *, const struct vl_cal_event *ev, size_t n, int64_t now);
/*
 * Parses text as iCalendar and describes what libical read into out, one
 * line a component ("VEVENT UID=.. DTSTART=.. RRULE=.. STATUS=..
 * SEQUENCE=.."): the checker of `vellumctl ics-check` and the tests.
 * 1 if it parsed into a VCALENDAR with no X-LIC-ERROR, else 0.
 */
int	 vl_ical_check(const char *text, struct vl_buf *out);

#endif
