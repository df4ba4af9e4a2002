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

/* A contact on the firm's portal page: a participant with its addresses,
 * or a candidate to add. */
struct vl_portal_person {
	int64_t		 id;
	const char	*name;
	int		 active;	/* participant with an account */
	const char	**addr;		/* participant: its addresses, best first */
	int		*login;		/* participant: addr[i] is its login email */
	size_t		 naddr;
};
struct vl_portal_people {
	struct vl_portal_person	*in, *out;	/* participants, candidates; by name */
	size_t			 nin, nout;
};
/* The acting firm's contacts for the portal's page, in one statement.
 * VL_OK or VL_ERR; memory in c->pool. */
enum vl_rc vl_picks_portal_people(struct vl_ctx *c, int64_t portal, struct vl_portal_people *pp);
/* The matter's documents and folders (id, name or path; by name), as the
 * composer and the share form pick them, in one statement. */
enum vl_rc vl_picks_attachable(struct vl_ctx *c, int64_t matter, struct vl_pick **docs, size_t *nd,
	    struct vl_pick **folders, size_t *nf);

#ifdef __cplusplus
}
#endif

#endif
