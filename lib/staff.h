/*
 * The firm's users and their roles (F-A2): admins invite colleagues by
 * email (a link valid one hour from the send, used once), change roles
 * and deactivate or reactivate users.  The firm always keeps one active
 * admin: the last cannot be demoted or deactivated, also when two
 * requests try at once.  Every change is audited.
 */
#ifndef VELLUM_STAFF_H
#define VELLUM_STAFF_H

#include "vellum.h"
#include "fielderr.h"

#define VL_STAFF_PAGE	50

/* One user as the list shows it. */
struct vl_staff {
	int64_t	 id, active, last_login;	/* last_login: epoch, 0 for never */
	char	*name, *email, *role;
};
/* A page of the acting firm's users: q a part of a name or address ("" or
 * NULL for all), status "all", "active" or "inactive" (else "all"), page
 * from 1.  *list (in c's pool) gets at most VL_STAFF_PAGE, *n how many,
 * *total how many match.  VL_OK or VL_ERR. */
enum vl_rc vl_staff_list(struct vl_ctx *, const char *q, const char *status, int64_t page,
	    struct vl_staff **list, size_t *n, int64_t *total);
/* One user of the acting firm.  VL_OK, VL_DECLINED (none such), VL_ERR. */
enum vl_rc vl_staff_get(struct vl_ctx *, int64_t user, struct vl_staff *);

/* Invites a colleague: typed email (normalised here; the mail goes to the
 * stored form) with role "admin" or "member".  A newer invitation to the
 * same address voids the older.  VL_OK; VL_INVALID with the wrong fields
 * in fe ("email": invalid, member (of this firm), taken (an account
 * elsewhere); "role": invalid); VL_ERR. */
enum vl_rc vl_staff_invite(struct vl_ctx *, const char *email, const char *role,
	    struct vl_ferr *fe, const char **stored);
/* Sets user's role.  VL_OK (also unchanged); VL_INVALID for a role that is
 * none; VL_CONFLICT when it would leave the firm without an active admin;
 * VL_DECLINED for no such user; VL_ERR. */
enum vl_rc vl_staff_set_role(struct vl_ctx *, int64_t user, const char *role);
/* Deactivates (active 0) or reactivates user.  Deactivating ends the
 * user's sessions and reset links at once, in the same transaction.
 * VL_OK (also unchanged); VL_CONFLICT for the last active admin;
 * VL_DECLINED for no such user; VL_ERR. */
enum vl_rc vl_staff_set_active(struct vl_ctx *, int64_t user, int active);

/* An open invitation, found by its token. */
struct vl_staff_invitation {
	int64_t	 firm;
	char	*email, *role, *firm_name;
};
/* The open invitation of token.  VL_OK; VL_DECLINED when there is none
 * (unknown, used, expired, or not yet sent); VL_ERR. */
enum vl_rc vl_staff_invitation(struct vl_ctx *, const char *token, struct vl_staff_invitation *);
/* Accepts the invitation of token: a user of its firm with its email and
 * role, the name and password given, the link used up in the same
 * transaction (of two requests at once, one gets it).  VL_OK with *firm
 * and *user; VL_INVALID with the wrong fields in fe; VL_DECLINED when the
 * link is no longer open; VL_CONFLICT when the address has an account
 * meanwhile; VL_ERR. */
enum vl_rc vl_staff_join(struct vl_ctx *, const char *token, const char *name, const char *pw,
	    const char *confirm, struct vl_ferr *fe, int64_t *firm, int64_t *user);
/* The mailer is sending outbox row notification of a colleague's
 * invitation: its hour starts now.  Never fails the send (logged). */
void	 vl_staff_mail_sending(int64_t notification);

#endif
