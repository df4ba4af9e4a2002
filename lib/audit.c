/* The audit log: who did what to which item, from where, and when.  Rows
 * are chained per firm (lib/auditlog.c). */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "auditlog.h"

void
vl_audit_as(struct vl_ctx *c, int64_t firm_id, int64_t user_id, const char *action,
    const char *item, int64_t item_id)
{
	int64_t	 contact = c->contact_id;

	/* A client account's sign-in, failure, reset or invitation is
	 * recorded under that client, whose context names nobody yet (as a
	 * firm user's are under the user). */
	if (contact == 0 && user_id == 0 && item != NULL && strcmp(item, "contact") == 0 &&
	    strncmp(action, "client_", 7) == 0)
		contact = item_id;
	if (vl_auditlog_append(c, firm_id, user_id, contact, action, item, item_id, 0) != VL_OK)
		vl_err("audit %s %s %lld not recorded", action, item ? item : "",
		    (long long)item_id);
}

void
vl_audit(struct vl_ctx *c, const char *action, const char *item, int64_t item_id)
{
	if (c->firm_id != 0)
		vl_audit_as(c, c->firm_id, c->user_id, action, item, item_id);
}
