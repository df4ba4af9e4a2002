/* Requests per client address, counted in the database.  See docs/architecture.md. */
#ifndef VL_RATELIMIT_H
#define VL_RATELIMIT_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ratelimit.c: per-address limits that hold without nginx ---- */
/* The pages limited, each counted on its own (the zone column). */
enum vl_rate_zone {
	VL_RATE_SIGNIN,		/* signing in, firm users and clients */
	VL_RATE_RESET,		/* asking for a reset link (/forgot, /portal/forgot) */
	VL_RATE_LINK,		/* using an invitation or reset link (setting a password) */
	VL_RATE__MAX
};
extern const char *const vl_rate_zones[VL_RATE__MAX];
/* Counts one request of zone from the acting address (c->remote) against
 * the configured limit (auth_limit per auth_window seconds; 100 per 600 by
 * default, near nginx's 10r/m, so an office behind one address still signs
 * in).  VL_OK while under it, VL_BUSY past it (nothing counted), VL_ERR on
 * a database failure.  Runs in autocommit: call it outside a transaction,
 * before the work it guards. */
enum vl_rc vl_rate_hit(struct vl_ctx *, enum vl_rate_zone);
/* Removes windows idle for a day (the mailer's housekeeping). */
void	 vl_rate_purge(void);

#ifdef __cplusplus
}
#endif
#endif
