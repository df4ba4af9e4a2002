/* Pickers without a statement a view: see docs/performance.md. */
#ifndef VL_PICKS_H
#define VL_PICKS_H

#include "vellum.h"
#include "matters.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The acting firm's users as a picker (id, name; by name), as
 * vl_pick_users, from this process's copy while the firm's users_stamp read
 * with the session (c->users_stamp) is the one the copy was read under;
 * else (or with no stamp: 0) read anew.  A user added or renamed is in the
 * very next page.  *out is in c->pool; VL_OK or VL_ERR.
 */
enum vl_rc vl_picks_users(struct vl_ctx *c, struct vl_pick **out, size_t *n);
/* Drops the process's copy (tests). */
void	 vl_picks_forget(void);
/* The name of the acting firm's contact id into *name (pool): VL_OK,
 * VL_DECLINED (none such in this firm), VL_ERR. */
enum vl_rc vl_picks_contact_name(struct vl_ctx *c, int64_t id, char **name);

#ifdef __cplusplus
}
#endif

#endif
