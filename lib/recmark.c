/*
 * The firm's marks of a shared record: see recmark.h.  Both read the rows
 * lib/rshare.c writes (shares, item_reads), so a task's or a note's marks
 * mean what a document's do.
 */
#include "recmark.h"
#include "tz.h"

enum vl_rc
vl_recmark_show(struct vl_ctx *c, struct vl_tpl *d, int64_t matter, enum vl_record_kind kind,
    int64_t id)
{
	struct vl_tpl	*v;
	int64_t		 when;
	char		*who;
	enum vl_rc	 rc;
	int		 shared;

	if ((shared = vl_rshare_is_shared(c, matter, kind, id)) < 0)
		return VL_ERR;
	if (shared)
		vl_tpl_show(d, "SHARED");
	rc = vl_db_row(c->pool, STMT_RECORD_FIRST_READER, "iisi", "si", c->firm_id, matter,
	    vl_record_kinds[kind], id, &who, &when);
	if (rc == VL_DECLINED)
		return VL_OK;
	if (rc != VL_OK)
		return rc;
	v = vl_tpl_section(d, "VIEWED");
	vl_tpl_set(v, "WHO", who);
	vl_tpl_set(v, "WHEN", vl_tz_when(c, when));
	return VL_OK;
}
