/* The audit log.  See docs/architecture.md. */
#ifndef VL_AUDIT_H
#define VL_AUDIT_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- audit.c: never fails the request; a lost row is logged ---- */
/* Records action by the acting firm user (nothing without a firm). */
void	 vl_audit(struct vl_ctx *, const char *action, const char *item, int64_t item_id);
/* vl_audit() for an item of a known matter (deleted items: the matter
 * can no longer be found from them).  Never fails the request. */
void	 vl_audit_in(struct vl_ctx *, int64_t matter, const char *action, const char *item,
	    int64_t item_id);
/* Records action for an explicit firm and user (0: none), e.g. failed sign-ins. */
void	 vl_audit_as(struct vl_ctx *, int64_t firm_id, int64_t user_id, const char *action,
	    const char *item, int64_t item_id);

#ifdef __cplusplus
}
#endif
#endif
