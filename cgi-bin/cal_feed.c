/*
 * A firm user's private iCalendar feed: GET /calendar/feed/<token>.ics,
 * for desktop and phone calendars to subscribe to (no session: the secret
 * token is the key).  The user's events, attendee or creator, from 90 days
 * back to a year ahead, with rules and exceptions; an unknown or revoked
 * token, or a deactivated user, is not found.
 */
#include <string.h>

#include "vellum.h"
#include "calendar.h"

#define PREFIX	"/calendar/feed/"

static enum vl_rc
get(struct vl_req *r)
{
	const char	*p = r->uri + strlen(PREFIX);
	char		*ics, token[44];
	enum vl_rc	 rc;

	if (strncmp(r->uri, PREFIX, strlen(PREFIX)) != 0 || strlen(p) != 47 ||
	    strcmp(p + 43, ".ics") != 0)
		return VL_DECLINED;
	memcpy(token, p, 43);
	token[43] = '\0';
	if ((rc = vl_cal_feed(r->ctx, token, &ics)) != VL_OK)
		return rc;
	vl_out_header(r, "Content-Disposition", "inline; filename=\"vellum.ics\"");
	vl_out_send(r, 200, "text/calendar; charset=utf-8", ics, strlen(ics));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "cal_feed",
	.access = VL_PUBLIC,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
