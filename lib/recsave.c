/*
 * The shared end of saving and deleting a portal record: see recsave.h.
 */
#include "recsave.h"
#include "audit.h"

static void
audit(struct vl_ctx *c, int64_t matter, enum vl_record_kind kind, const char *what, int64_t id)
{
	const char	*name = vl_record_kinds[kind];

	vl_audit_in(c, matter, vl_pool_printf(c->pool, "%s_%s", name, what), name, id);
}

enum vl_rc
vl_recsave_end(struct vl_ctx *c, const struct vl_matter *m, enum vl_record_kind kind, int64_t id,
    int added, enum vl_rc rc, uint64_t rows, int share, const char *title, struct vl_ferr *fe)
{
	int	 changed = 0;

	if (rc == VL_OK && rows == 0)
		rc = VL_DECLINED;
	if (rc == VL_OK)
		rc = vl_rshare_set(c, m, kind, id, share != 0, title, &changed);
	if (rc != VL_OK) {
		vl_db_rollback();
		if (rc != VL_CONFLICT)
			return rc;
		vl_ferr_add(fe, "share", "no_portal");
		return VL_INVALID;
	}
	audit(c, m->id, kind, added ? "add" : "edit", id);
	if (changed)
		audit(c, m->id, kind, share ? "shared" : "unshared", id);
	return vl_db_commit();
}

enum vl_rc
vl_recsave_delete(struct vl_ctx *c, const struct vl_matter *m, enum vl_record_kind kind,
    int64_t id, const char *title, enum vl_stmt del)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_rshare_set(c, m, kind, id, 0, title, NULL);
	if (rc == VL_OK)
		rc = vl_db_exec(del, &n, NULL, "iii", c->firm_id, m->id, id);
	if (rc == VL_OK && n == 0)
		rc = VL_DECLINED;	/* deleted meanwhile */
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	audit(c, m->id, kind, "delete", id);
	return vl_db_commit();
}
