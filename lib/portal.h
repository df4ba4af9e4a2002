/* A matter's client portal: events, permissions, participants, who is told.  See docs/architecture.md. */
#ifndef VL_PORTAL_H
#define VL_PORTAL_H

#include "vellum.h"
#include "matter.h"
#include "event.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- portal.c: who is told what about portal items ---- */
/* What the portal lets its clients see (F-B1), one switch each: the kind
 * of a new item, and the permission boxes.  The names are those of the
 * form's perm_<name> boxes. */
enum vl_portal_perm {
	VL_PERM_MESSAGES,
	VL_PERM_DOCUMENTS,
	VL_PERM_BILLS,
	VL_PERM_CALENDAR,
	VL_PERM_TASKS,
	VL_PERM_NOTES,
	VL_PERM_FORMS,
	VL_PERM__MAX
};
extern const char *const vl_portal_perms[VL_PERM__MAX];
/* A matter's portal as the acting client sees it. */
struct vl_client_portal {
	int64_t	 portal, matter;
	int64_t	 feed_stamp;	/* vl_msgpage_client only: the portal's stamp (feedcopy.h) */
	char	*number, *description;
	int	 perm[VL_PERM__MAX];
};
/* The portal of matter for the acting client (c->contact_id): VL_DECLINED
 * when the client does not take part in it (removed participants neither),
 * so another matter looks like no matter at all.  Every client page starts
 * here, then checks the permission of its kind. */
enum vl_rc vl_portal_of_client(struct vl_ctx *, int64_t matter, struct vl_client_portal *);
/* Sets the client page's tab bar ({{>PORTAL_TABS}}, _portal_tabs.tpl): a
 * tab for each kind the portal's permissions allow, current one marked
 * (a name of vl_portal_perms). */
/* The page of kind's tab for the client, in pool: /portal/matters/<id>... */
const char *vl_portal_client_href(struct vl_pool *, const struct vl_client_portal *,
	    enum vl_portal_perm);
void	 vl_portal_client_tabs(struct vl_pool *, struct vl_tpl *, const struct vl_client_portal *,
	    enum vl_portal_perm current);
/* Sets the portal's permissions (on[] 0 or 1 each) and audits it.
 * VL_OK or VL_ERR. */
enum vl_rc vl_portal_set_perms(struct vl_ctx *, int64_t matter, int64_t portal,
	    const int on[VL_PERM__MAX]);
/* Opens the portal of matter m (F-B1) with the matter's client taking
 * part, for good.  VL_OK, also when it was open already; VL_ERR. */
enum vl_rc vl_portal_open(struct vl_ctx *, const struct vl_matter *m);
/* Adds contact to portal (add 1) or removes it (0), which ends its
 * sessions and open links at once; a portal event and the audit row.
 * VL_DECLINED for no such contact of the firm (or one not taking part);
 * VL_INVALID for adding an archived contact. */
enum vl_rc vl_portal_participant(struct vl_ctx *, int64_t portal, int64_t contact, int add);
/* Tells each participant of portal but except (a contact, or 0) about a new
 * item of kind: nothing at all when the portal's permissions keep that kind
 * from its clients; else an invitation for those without an account, and a
 * coalesced mail for the others, with preview (a message's first words,
 * vl_settings_preview; NULL for none).  Call inside the transaction. */
enum vl_rc vl_portal_tell_clients(struct vl_ctx *, int64_t portal, int64_t matter_id,
	    const char *matter, enum vl_portal_perm kind, const char *what, int64_t except,
	    const char *preview);
/* Tells the firm users of portal that a client (the acting contact, named
 * in the mail) wrote: the matter's responsible users and those who took
 * part, less those who muted it. */
enum vl_rc vl_portal_tell_firm(struct vl_ctx *, int64_t portal, int64_t matter_id,
	    const char *matter, const char *what, const char *preview);
/* 1 if this GET is the client's own navigation (same origin, or typed, or
 * bookmarked), so showing an item may count as reading it; 0 for a link
 * from another site. */
int	 vl_portal_own_navigation(struct vl_req *);

/* Mutes (on 1) or unmutes the portal's mail for the acting firm user.
 * VL_FORBIDDEN for anyone else. */
enum vl_rc vl_portal_mute(struct vl_ctx *, int64_t portal, int on);
/* The acting client downloads document doc (named name) of portal: on
 * record always; when read (the client's own navigation) also a read
 * receipt, and on the first open an event for the firm. */
enum vl_rc vl_portal_download(struct vl_ctx *, int64_t portal, int64_t doc, const char *name,
	    int read);

#ifdef __cplusplus
}
#endif
#endif
