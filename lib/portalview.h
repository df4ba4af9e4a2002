/* The firm's portal page's panels (cgi-bin/portal_show.c) as template
 * sections, times in the firm's zone.  See docs/architecture.md. */
#ifndef VELLUM_PORTALVIEW_H
#define VELLUM_PORTALVIEW_H

#include <stdint.h>

#include "vellum.h"
#include "feed.h"
#include "msgpage.h"

/*
 * The participants of h's panels (PARTICIPANT > ADDRESS) and, when find is
 * not NULL nor "", the contacts "Add a participant" finds: FIND, CANDIDATE
 * and one of FOUND_NONE, FOUND_MORE, FOUND_ALL.  VL_OK or VL_ERR.
 */
enum vl_rc	 vl_portalview_people(struct vl_ctx *, struct vl_tpl *d,
		    const struct vl_msgpage_firm *h, const char *find);
/*
 * A page of the feed from before (zeroed: the latest, which may come from
 * the process's copy kept under feed_stamp: feedcopy.h), with the portal's
 * events of the same span mixed in when events is set: MESSAGE (> EVENT)
 * rows, TAIL_EVENT, NO_MESSAGES, and the EARLIER and LATEST links of
 * /matters/<mid>/portal.  VL_OK or VL_ERR.
 */
enum vl_rc	 vl_portalview_feed(struct vl_ctx *, struct vl_tpl *d, int64_t mid,
		    int64_t portal, int64_t feed_stamp, const struct vl_feed_cursor *before,
		    int events);
/* The shared resources (SHARE rows or NO_SHARES).  VL_OK or VL_ERR. */
enum vl_rc	 vl_portalview_shared(struct vl_ctx *, struct vl_tpl *d, int64_t portal);
/* The matter's documents and folders of h's panels for the composer and
 * the share form (DOC_CHOICE, FOLDER_CHOICE). */
void		 vl_portalview_pickers(struct vl_tpl *d, const struct vl_msgpage_firm *h);
/* A feed message's attachment on its row: DOC (DOC_ID, DOC_NAME) or
 * FOLDER (FOLDER_NAME); used by the client's feed too. */
void		 vl_portalview_attachment(struct vl_tpl *row, const struct vl_feed_msg *m);
/* The email panel: the user's mute and the matter's responsible users. */
void		 vl_portalview_email(struct vl_tpl *d, const struct vl_msgpage_firm *h);

#endif
