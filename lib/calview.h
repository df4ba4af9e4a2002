/* The calendar's pages: a month grid and an agenda of occurrences, in the
 * firm's zone, as template sections.  See docs/architecture.md. */
#ifndef VELLUM_CALVIEW_H
#define VELLUM_CALVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "calendar.h"

/* What a calendar page shows, read from its URL. */
enum vl_calview_kind { VL_CALVIEW_MONTH, VL_CALVIEW_AGENDA, VL_CALVIEW__MAX };
struct vl_calview {
	enum vl_calview_kind	 kind;
	struct vl_wall		 day;	/* month: its first day; agenda: the first day */
	int64_t			 from, to;	/* the range, in the firm's zone */
	int			 days;		/* agenda: how many days */
};
#define VL_CALVIEW_DAYS	31
/*
 * The view named view ("month", "agenda"; NULL or "": month) around date
 * ("YYYY-MM-DD"; NULL or "": today) in zone.  1, or 0 for a view or date
 * that is not one.
 */
int	 vl_calview_read(const char *zone, const char *view, const char *date, int64_t now,
	    struct vl_calview *v);
/*
 * The page's sections of v and its items into d: TITLE_MONTH, PREV_DATE,
 * NEXT_DATE, TODAY_DATE, MONTH/AGENDA, then for the month WEEK > DAY >
 * ITEM, for the agenda AGENDA_DAY > ITEM (each item: TITLE, TIME, WHEN,
 * LOCATION, NUMBER, EVENT, DATE, RECURRING, MOVED, ALL_DAY).
 */
void	 vl_calview_fill(struct vl_pool *, struct vl_tpl *d, const char *zone,
	    const struct vl_calview *v, const struct vl_cal_item *items, size_t n);
/* One item's keys into row (also the portal's). */
void	 vl_calview_item(struct vl_pool *, struct vl_tpl *row, const char *zone,
	    const struct vl_cal_item *it);

/*
 * The event form's keys into d: in's values (in->users and in->contacts
 * ticked), the firm's users, the contacts to tick (those attending and,
 * for a matter's event, those whose portal is active) and a picker to add
 * another, the share box (ticked: share), the recurrence choices; with
 * date, the "this event" part for that date (occ: its times as typed, or
 * NULL for the date at the event's times).  VL_OK, VL_ERR.
 */
enum vl_rc vl_calview_form(struct vl_ctx *, struct vl_tpl *d, int64_t id,
	    const struct vl_cal_in *in, const char *date, const struct vl_cal_in *occ, int share);
/* Stored event e with its attendees a as the form shows it: into in, the
 * ids into u and c (each VL_CAL_ATTENDEES_MAX long); strings in pool. */
void	 vl_calview_in(struct vl_pool *, const struct vl_cal_event *e,
	    const struct vl_cal_attendee *a, size_t na, struct vl_cal_in *in, int64_t *u,
	    int64_t *c);

#endif
