/* The latest page of a portal's feed kept by a process: see lib/feedcopy.c. */
#ifndef VL_FEEDCOPY_H
#define VL_FEEDCOPY_H

#include "vellum.h"
#include "feed.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The latest page of the acting firm's portal (client 0: as vl_feed_firm
 * shows it) or of the acting client's view of it (client 1: as
 * vl_feed_client), from this process's copy while the stamps it was kept
 * under are the ones read with the session: feed_stamp (the portal's row of
 * portal_stamps), c->users_stamp and c->matters_stamp.  Otherwise (or with
 * a stamp of 0) read anew and kept, so the stamps must have been read
 * before this call.  VL_OK, VL_FORBIDDEN, VL_ERR as the functions it
 * stands for; memory in c->pool.
 */
enum vl_rc vl_feed_latest(struct vl_ctx *c, int64_t portal, int64_t feed_stamp, int client,
	    struct vl_feed *f);
/*
 * The bills shared into the acting client's latest page f (as
 * vl_feed_bills reads them for it), kept with that page's copy under the
 * same stamps: the portal's moves on every share written and on a shared
 * bill renumbered, of another kind or removed (sql/032).  Call after
 * vl_feed_latest, with its f; only when the portal shows bills.
 */
enum vl_rc vl_feed_latest_bills(struct vl_ctx *c, int64_t portal, int64_t feed_stamp,
	    const struct vl_feed *f, struct vl_feed_bill **b, size_t *n);
/* Drops every copy (tests). */
void	 vl_feed_copies_forget(void);

#ifdef __cplusplus
}
#endif

#endif
