/*
 * The calendar (SPEC F-A8, F-B10): events of the firm or of a matter, with
 * attendees (firm users, contacts), recurrence and one-date exceptions,
 * shared into the matter's portal (lib/rshare.h) when a contact whose
 * portal is active attends and "Share via client portal" stays ticked;
 * the firm users' private iCalendar feeds.  See docs/architecture.md.
 */
#ifndef VELLUM_CALENDAR_H
#define VELLUM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "fielderr.h"
#include "portal.h"
#include "recur.h"

#define VL_CAL_TITLE_MAX	200
#define VL_CAL_LOCATION_MAX	200
#define VL_CAL_DESCRIPTION_MAX	4000
#define VL_CAL_ATTENDEES_MAX	50
#define VL_CAL_SPAN_DAYS	31	/* the longest an occurrence may last */
/* The feed's window around now. */
#define VL_CAL_FEED_BACK	(90 * 86400)
#define VL_CAL_FEED_AHEAD	(366 * 86400)

/* An attendee as an .ics names them: the name and the address on file
 * ("" for none). */
struct vl_cal_att {
	char	*name, *email;
};
/* An event as stored. */
struct vl_cal_event {
	int64_t		 id, matter, sequence, created_by;
	char		*title, *location, *description, *zone, *number;
	int		 all_day, cancelled;
	struct vl_wall	 start, end;	/* all day: end is the last day */
	struct vl_recur	 rule;
	struct vl_recur_ex *ex;		/* its exceptions (vl_cal_get only) */
	size_t		 nex;
	struct vl_cal_att *att;		/* its attendees (.ics only) */
	size_t		 natt;
};

/* An event as typed in the form: texts as sent (NULL for absent). */
struct vl_cal_in {
	const char	*title, *location, *description;
	const char	*start_date, *start_time, *end_date, *end_time;
	int		 all_day;
	const char	*freq, *interval, *ends, *until, *count;
	unsigned	 byday;			/* weekly: bit 0 Sunday .. 6 Saturday */
	int64_t		 matter;		/* 0: a firm-wide event */
	const int64_t	*users, *contacts;	/* attendees */
	size_t		 nusers, ncontacts;
	int		 share;			/* "Share via client portal" */
};

/*
 * Creates (id 0) or changes ("all events") event id, its attendees and its
 * share, in one transaction; a change of a shared event reaches its
 * clients (coalesced mail, SEQUENCE one up).  VL_OK with *out; VL_INVALID
 * with fe (title, start, end, interval, count, until, ends, attendees);
 * VL_DECLINED for no such event or matter of the firm, or an attendee not
 * the firm's; VL_ERR.  The share is made when the box is ticked and a
 * contact whose portal is active attends; else any share ends.
 */
enum vl_rc vl_cal_save(struct vl_ctx *, int64_t id, const struct vl_cal_in *, int64_t *out,
	    struct vl_ferr *fe);
/*
 * "This event": moves the occurrence of event id planned for date
 * ("YYYY-MM-DD") to start..end (in's dates and times), or cancels it
 * (cancel 1).  VL_INVALID with fe; VL_DECLINED for no such event or date
 * of it; VL_ERR.  Its clients are told as of a change.
 */
enum vl_rc vl_cal_occurrence(struct vl_ctx *, int64_t id, const char *date, int cancel,
	    const struct vl_cal_in *, struct vl_ferr *fe);
/* Deletes event id ("all events"): cancelled, and its clients told (a
 * shared event stays in their portal as cancelled).  VL_OK, VL_DECLINED. */
enum vl_rc vl_cal_delete(struct vl_ctx *, int64_t id);
/* Event id of the acting firm with its exceptions: VL_OK, VL_DECLINED. */
enum vl_rc vl_cal_get(struct vl_ctx *, int64_t id, struct vl_cal_event *);

/* An event's attendee. */
struct vl_cal_attendee {
	int64_t	 user, contact;
	char	*name;
};
enum vl_rc vl_cal_attendees(struct vl_ctx *, int64_t id, struct vl_cal_attendee **, size_t *n);
/* The contacts whose portal is active in matter's portal (id, name). */
enum vl_rc vl_cal_portal_contacts(struct vl_ctx *, int64_t matter, int64_t **ids, char ***names,
	    size_t *n);
/* 1 if event id is shared into its matter's portal, 0 if not, -1 on error;
 * *portal_attendee (may be NULL) 1 when a contact whose portal is active
 * attends. */
int	 vl_cal_shared(struct vl_ctx *, const struct vl_cal_event *, int *portal_attendee);

/* One occurrence in a view. */
struct vl_cal_item {
	int64_t		 event, matter, start, end;
	struct vl_wall	 date;		/* the date it was planned for */
	int		 all_day, recurring, moved, cancelled;
	char		*title, *location, *number;
};
/*
 * The occurrences of the firm's events in [from, to): of matter (0: all)
 * and, with user, only those user attends or made; in start order, at
 * most VL_CAL_ITEMS_MAX.  Items in the pool.
 */
#define VL_CAL_ITEMS_MAX	2000
enum vl_rc vl_cal_range(struct vl_ctx *, int64_t matter, int64_t user, int64_t from, int64_t to,
	    struct vl_cal_item **, size_t *n);

/* The acting client's events of portal p (shared live; cancelled ones
 * too), upcoming first, a page of VL_PAGE_ROWS; *more for a next page.
 * Each item is the event's next occurrence from now (or its last). */
enum vl_rc vl_cal_client_list(struct vl_ctx *, const struct vl_client_portal *p, int64_t page,
	    struct vl_cal_item **, size_t *n, int *more);
/* Event id as the acting client may open it (vl_rshare_client_may):
 * VL_OK with *e and *p, else VL_DECLINED. */
enum vl_rc vl_cal_client_get(struct vl_ctx *, int64_t id, struct vl_cal_event *e,
	    struct vl_client_portal *p);

/* The event as an iCalendar file (METHOD:PUBLISH, VTIMEZONE, its rule,
 * exceptions, SEQUENCE, STATUS), in the pool; NULL on failure. */
char	*vl_cal_ics(struct vl_ctx *, const struct vl_cal_event *);

/* A new feed token for the acting user (any old one revoked), into
 * token; audited.  VL_OK or VL_ERR. */
enum vl_rc vl_cal_feed_new(struct vl_ctx *, char token[44]);
/* Ends the acting user's feed; audited.  VL_OK. */
enum vl_rc vl_cal_feed_revoke(struct vl_ctx *);
/* When the acting user's live feed was made (epoch), 0 for none, -1. */
int64_t	 vl_cal_feed_since(struct vl_ctx *);
/*
 * The feed of token: c (no firm yet) is set to act for its owner and the
 * owner's events (attendee or creator) around now are *ics.  VL_DECLINED
 * for an unknown, revoked or malformed token, or a deactivated user.
 */
enum vl_rc vl_cal_feed(struct vl_ctx *, const char *token, char **ics);

#endif
