/* One sharing rule for every kind of portal record (events, tasks, notes,
 * forms, bills).  See docs/architecture.md, "Sharing". */
#ifndef VL_RSHARE_H
#define VL_RSHARE_H

#include "vellum.h"
#include "matter.h"
#include "portal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of record a portal shares besides documents and folders; the
 * names are what shares.record_kind and item_reads.item_kind store. */
enum vl_record_kind {
	VL_REC_EVENT,
	VL_REC_TASK,
	VL_REC_NOTE,
	VL_REC_FORM,
	VL_REC_BILL,
	VL_REC__MAX
};
extern const char *const vl_record_kinds[VL_REC__MAX];
/* The portal permission that lets clients open records of kind. */
enum vl_portal_perm vl_record_perm(enum vl_record_kind);

/*
 * Inside the caller's transaction (the record's own change commits with
 * its share): shares record kind/id of matter m into its portal (on 1) or
 * ends its live share (on 0).  A new share records the portal event
 * "Shared with the portal: <title>" and tells the clients (coalesced mail,
 * nothing when the portal's permission for the kind is off); an ended one
 * records "Stopped sharing: <title>".  Sharing twice, or ending what is not
 * shared, changes nothing (*changed 0; changed may be NULL).  VL_CONFLICT
 * when sharing into a matter whose portal is not open; ending a share of a
 * matter without a portal is VL_OK.  The caller audits.
 */
enum vl_rc vl_rshare_set(struct vl_ctx *, const struct vl_matter *m, enum vl_record_kind,
	    int64_t id, int on, const char *title, int *changed);
/* 1 if record kind/id of matter has a live share, 0 if not, -1 on error:
 * the firm's "Shared" mark. */
int	 vl_rshare_is_shared(struct vl_ctx *, int64_t matter, enum vl_record_kind, int64_t id);
/*
 * The rule every client page of a record applies: VL_OK if the acting
 * client may open record kind/id of matter now, with *p its portal; else
 * VL_DECLINED (not a participant, removed, permission off, not shared, or
 * another firm's: all look like no such record).  VL_ERR on failure.
 */
enum vl_rc vl_rshare_client_may(struct vl_ctx *, int64_t matter, enum vl_record_kind,
	    int64_t id, struct vl_client_portal *p);
/* The acting client opened record kind/id (titled title) of portal: when
 * read (vl_portal_own_navigation), its read receipt, and on the first open
 * an event for the firm ("opened: <title>"). */
enum vl_rc vl_rshare_read(struct vl_ctx *, int64_t portal, enum vl_record_kind, int64_t id,
	    const char *title, int read);
/* When the record's first open by a client of its portal was: epoch
 * seconds, 0 if none yet, -1 on error.  The firm's "Viewed" mark. */
int64_t	 vl_rshare_first_read(struct vl_ctx *, int64_t matter, enum vl_record_kind, int64_t id);

/*
 * For list statements: the SQL condition "record <idcol> of kind is shared
 * live into the portal bound by the ?" (kind a literal name of
 * vl_record_kinds), e.g. in a client's list of tasks:
 *   "... WHERE t.firm_id = ? AND t.matter_id = ? AND " VL_SHARED_LIVE("task", "t.id")
 * binds firm, matter, then the portal id.
 */
#define VL_SHARED_LIVE(kind, idcol) \
	"EXISTS (SELECT 1 FROM shares s_ WHERE s_.portal_id = ? AND s_.record_kind = '" kind "'" \
	" AND s_.record_id = " idcol " AND s_.revoked_at IS NULL)"

#ifdef __cplusplus
}
#endif
#endif
