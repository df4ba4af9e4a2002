/*
 * Portal events (F-B9): what happened in a portal, for the firm's view of
 * it.  Apart from portal.c so that the modules that record one (accounts,
 * shares, documents) need not depend on the portal's rules.
 */
#include <string.h>

#include "vellum.h"
#include "event.h"

const char *const vl_portal_events[VL_EV__MAX] = {
	"read_message",
	"read_document",
	"participant_added",
	"participant_removed",
	"login_email_changed",
	"shared",
	"unshared",
	"moved_into_share",
	"moved_out_of_share",
	"read_item",
};

/* What each kind says; share changes are the firm's (no participant's
 * name before them). */
static const char *const event_texts[VL_EV__MAX] = {
	"read a message",
	"opened a document",
	"was added to the portal",
	"was removed from the portal",
	"now signs in with a new email",
	"Shared with the portal",
	"Stopped sharing",
	"Moved into a shared folder, now shared",
	"Moved out of a shared folder, no longer shared",
	"opened",
};

enum vl_rc
vl_portal_event(int64_t firm, int64_t portal, enum vl_portal_event_kind kind, int64_t contact,
    const char *detail)
{
	if ((unsigned)kind >= VL_EV__MAX) {
		vl_err("portal event of unknown kind %d", (int)kind);
		return VL_ERR;
	}
	return vl_db_exec(STMT_EVENT_INSERT, NULL, NULL, "iisis", firm, portal,
	    vl_portal_events[kind], contact, detail ? detail : "");
}

const char *
vl_portal_event_text(const char *name)
{
	size_t	 i;

	for (i = 0; i < VL_EV__MAX; i++)
		if (strcmp(name, vl_portal_events[i]) == 0)
			return event_texts[i];
	return name;
}
