/* The Messages pages' heads, one statement each (none while a FastCGI
 * process keeps them).  See docs/architecture.md. */
#ifndef VL_MSGPAGE_H
#define VL_MSGPAGE_H

#include "vellum.h"
#include "matter.h"
#include "portal.h"
#include "picks.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The stamps a FastCGI process keeps the firm's page's head and panels
 * under, as MSGPAGE_FIRM_CHECK reads them (0: none; lib/firmcopy.c). */
struct vl_firm_stamps {
	int64_t		 facts, matters, clients, portal;
};

/* What the firm's portal page shows besides the feed. */
struct vl_msgpage_firm {
	struct vl_matter	 matter;	/* opened: "" until vl_msgpage_firm_dates */
	int64_t			 created;	/* the matter's, epoch seconds */
	int64_t			 portal;	/* 0: not opened yet */
	int64_t			 feed_stamp;	/* its portal_stamps row, 0: none (feedcopy.h) */
	int			 perm[VL_PERM__MAX];
	int			 muted;		/* the acting user muted the portal */
	char			**responsible;	/* the matter's responsible users' names */
	size_t			 nresponsible;
	/* The panels, by vl_msgpage_firm_panels: the participants and what a
	 * message or a share can attach. */
	struct vl_portal_people	 people;
	struct vl_pick		*docs, *folders;
	size_t			 ndocs, nfolders;
	/* The stamps read before the head (a FastCGI process's GET), and
	 * whether the head and the panels came from the process's copy. */
	struct vl_firm_stamps	 st;
	int			 kept;
};

/*
 * Matter id of the acting firm with its portal, permissions, the acting
 * user's mute and the responsible users, in one statement.  With a session
 * pending in c->join (a GET of the page, vl_sess_join) the same statement
 * checks it: no row is then no session or no such matter, and the caller
 * calls vl_sess_joined before anything else.  VL_OK, VL_DECLINED (no such
 * matter of the firm), VL_ERR.
 */
enum vl_rc vl_msgpage_firm_head(struct vl_ctx *, int64_t id, struct vl_msgpage_firm *h);
/*
 * The panels of an opened portal (h->portal not 0) into h: none to read
 * when the head came from the process's copy; else read, and then the head
 * and the panels kept under the stamps read before the head.  VL_OK or
 * VL_ERR; memory in c->pool.
 */
enum vl_rc vl_msgpage_firm_panels(struct vl_ctx *, struct vl_msgpage_firm *h);
/* The matter's opening day in the firm's zone, once the session is known. */
void	 vl_msgpage_firm_dates(struct vl_ctx *, struct vl_msgpage_firm *h);

/* One matter of the client's switcher. */
struct vl_msgpage_matter {
	int64_t	 id;
	char	*number, *description;
};
/*
 * The acting client's matters at its firm (whose portals it takes part in)
 * and, when current is one of them, its portal as vl_portal_of_client gives
 * it (cp->portal 0 otherwise): one statement for both.  With a client's
 * session pending in c->join the same statement checks it: no row is then
 * no session or no matter, and the caller calls vl_sess_joined before
 * anything else.  VL_OK, VL_FORBIDDEN when no client acts, VL_ERR.
 */
enum vl_rc vl_msgpage_client(struct vl_ctx *, int64_t current, struct vl_msgpage_matter **list,
	    size_t *n, struct vl_client_portal *cp);

#ifdef __cplusplus
}
#endif

#endif
