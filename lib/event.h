/* Portal events: what happened in a portal.  See docs/architecture.md. */
#ifndef VL_EVENT_H
#define VL_EVENT_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- event.c: portal events ---- */
/* What happened in a portal (F-B9); the names are what the events table
 * stores (a statement may write one too: 'read_message'). */
enum vl_portal_event_kind {
	VL_EV_READ_MESSAGE,
	VL_EV_READ_DOCUMENT,
	VL_EV_PARTICIPANT_ADDED,
	VL_EV_PARTICIPANT_REMOVED,
	VL_EV_LOGIN_EMAIL_CHANGED,
	VL_EV_SHARED,
	VL_EV_UNSHARED,
	VL_EV_MOVED_INTO_SHARE,
	VL_EV_MOVED_OUT_OF_SHARE,
	VL_EV_READ_ITEM,	/* a shared record (lib/rshare.c) */
	VL_EV__MAX
};
extern const char *const vl_portal_events[VL_EV__MAX];
/* Records a portal event of kind (F-B9); contact 0 for none.  VL_ERR for a
 * kind out of range. */
enum vl_rc vl_portal_event(int64_t firm, int64_t portal, enum vl_portal_event_kind,
	    int64_t contact, const char *detail);
/* What an event of the stored kind says after the person's name ("read a
 * message"); an unknown name as it is. */
const char *vl_portal_event_text(const char *name);
#ifdef __cplusplus
}
#endif
#endif
