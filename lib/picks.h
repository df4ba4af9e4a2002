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

/* A participant on the firm's portal page, with its addresses. */
struct vl_portal_person {
	int64_t		 id;
	const char	*name;
	int		 active;	/* with an account */
	const char	**addr;		/* its addresses, best first */
	int		*login;		/* addr[i] is its login email */
	size_t		 naddr;
};
struct vl_portal_people {
	struct vl_portal_person	*in;	/* participants, by name */
	size_t			 nin;
};
/* The portal's participants, in one statement.  VL_OK or VL_ERR; memory
 * in c->pool. */
enum vl_rc vl_picks_portal_people(struct vl_ctx *c, int64_t portal, struct vl_portal_people *pp);

/* A contact one may add to a portal: its name and first address. */
struct vl_portal_candidate {
	int64_t		 id;
	const char	*name, *email;
};
/* The acting firm's contacts whose name or one of whose addresses holds q
 * (its % _ and \ taken literally; case does not matter), not archived,
 * and who do not take part in the portal now: at most max of them by name into *list
 * (c->pool), *more set when there are others.  An empty q finds nobody:
 * the page never lists a firm's whole address book.  VL_OK or VL_ERR. */
enum vl_rc vl_picks_portal_candidates(struct vl_ctx *c, int64_t portal, const char *q, size_t max,
	    struct vl_portal_candidate **list, size_t *n, int *more);
/* The matter's documents and folders (id, name or path; by name), as the
 * composer and the share form pick them, in one statement. */
enum vl_rc vl_picks_attachable(struct vl_ctx *c, int64_t matter, struct vl_pick **docs, size_t *nd,
	    struct vl_pick **folders, size_t *nf);

#ifdef __cplusplus
}
#endif

#endif
