/* The audit log: who did what to which item, from where, and when. */
#include "vellum.h"
#include "audit.h"

void
vl_audit_as(struct vl_ctx *c, int64_t firm_id, int64_t user_id, const char *action,
    const char *item, int64_t item_id)
{
	if (vl_db_exec(STMT_AUDIT_INSERT, NULL, NULL, "iissis", firm_id,
	    user_id, action, item ? item : "", item_id, c->remote) != VL_OK)
		vl_err("audit %s %s %lld not recorded", action, item ? item : "",
		    (long long)item_id);
}

void
vl_audit(struct vl_ctx *c, const char *action, const char *item, int64_t item_id)
{
	if (c->firm_id != 0)
		vl_audit_as(c, c->firm_id, c->user_id, action, item, item_id);
}
