/*
 * Saving and deleting a matter's record that the portal may share (a note,
 * a task): the steps after the record's own statement, the same for every
 * kind, so that sharing, auditing and the transaction cannot drift apart.
 */
#ifndef VL_RECSAVE_H
#define VL_RECSAVE_H

#include <stdint.h>

#include "vellum.h"
#include "fielderr.h"
#include "matter.h"
#include "rshare.h"

/*
 * Ends a save inside the transaction the caller opened and ran its INSERT
 * (added 1) or UPDATE in: rc is that statement's result and rows the rows
 * it touched (an UPDATE that touched none means the record went meanwhile:
 * VL_DECLINED).  Shares or unshares record kind/id as share asks
 * (vl_rshare_set, title for the portal's event), audits "<kind>_add" or
 * "<kind>_edit" and, when the share changed, "<kind>_shared" or
 * "<kind>_unshared", then commits.  On any failure it rolls back; sharing
 * into a matter without an open portal is the field error share/no_portal
 * (VL_INVALID).
 */
enum vl_rc vl_recsave_end(struct vl_ctx *, const struct vl_matter *m, enum vl_record_kind,
	    int64_t id, int added, enum vl_rc rc, uint64_t rows, int share, const char *title,
	    struct vl_ferr *fe);

/*
 * Deletes record kind/id of matter m in one transaction: ends its share,
 * runs del (binding firm, matter, id), audits "<kind>_delete".
 * VL_DECLINED when it went meanwhile.
 */
enum vl_rc vl_recsave_delete(struct vl_ctx *, const struct vl_matter *m, enum vl_record_kind,
	    int64_t id, const char *title, enum vl_stmt del);

#endif
