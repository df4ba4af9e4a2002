/* Periodic sweeps.  See docs/architecture.md. */
#ifndef VL_HOUSEKEEP_H
#define VL_HOUSEKEEP_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- housekeep.c: periodic sweeps (the mailer runs them) ---- */
/* Purges what has expired (sessions, ...); failures are logged, not returned.
 * pool is for the sweeps' scratch memory; the caller resets it after. */
void	 vl_housekeeping(struct vl_pool *);

#ifdef __cplusplus
}
#endif
#endif
