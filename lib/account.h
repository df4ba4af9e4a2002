/* Login emails, reset and invitation links, the way back after sign-in.  See docs/architecture.md. */
#ifndef VL_ACCOUNT_H
#define VL_ACCOUNT_H

#include "vellum.h"
#include "notify.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- account.c: login emails, reset and invitation links, the way back ---- */
/* Makes email (typed; normalised here) the login email of the acting
 * firm's contact: one of its addresses that no other contact of the firm
 * signs in with.  Ends its sessions, voids its open links and records the
 * change in each of its portals, in one transaction.  VL_OK (also when
 * unchanged), VL_INVALID or VL_CONFLICT with *msg for the person, VL_DECLINED
 * for no such contact, VL_ERR. */
enum vl_rc vl_account_set_login(struct vl_ctx *, int64_t contact, const char *email,
	    const char **msg);
/* Ends contact's sessions, voids its open invitation and reset links and
 * parks their mails not yet sent (inside the caller's transaction). */
enum vl_rc vl_account_revoke(int64_t firm, int64_t contact);
/* Queues a mail of kind (invitation, client_reset) with a new single-use
 * link, to contact's login email as stored; payload gets the link.  Inside
 * the caller's transaction.  VL_DECLINED if the contact has no login email. */
enum vl_rc vl_account_link(struct vl_ctx *, int64_t firm, int64_t contact, enum vl_mail_kind,
	    struct vl_buf *payload);
/* A client's "Forgot password?" at the firm slug: a link to the stored login
 * email if the typed one (normalised) belongs to an account there.  VL_OK
 * whether or not it does; VL_INVALID when typed is not an email; VL_ERR. */
enum vl_rc vl_account_client_forgot(struct vl_ctx *, const char *slug, const char *typed);
/* A firm user's "Forgot password?": a reset link (at most three an hour)
 * to the stored email of the user the typed one (normalised) belongs to.
 * VL_OK whether or not it does; VL_INVALID when typed is not an email;
 * VL_ERR. */
enum vl_rc vl_account_user_forgot(struct vl_ctx *, const char *typed);
/* A live link that sets a password (a firm user's reset, a client's
 * invitation or reset): whose it is and what its page shows.  Strings in
 * the context's pool. */
struct vl_link {
	int64_t	 firm, account;	/* account: the firm user, or the client contact */
	char	*email;		/* the address on file the link went to */
	char	*firm_name;	/* a client's firm; NULL for a firm user's link */
	char	*slug;
};
/* The firm user's reset link of token: VL_OK with *l filled when it is
 * unused and unexpired; VL_DECLINED when unknown, used or expired; VL_ERR. */
enum vl_rc vl_account_user_reset_link(struct vl_ctx *, const char *token, struct vl_link *l);
/* Sets a firm user's password by the reset link of token, pw typed twice
 * (pw, confirm).  In one transaction: the link used up (it works once, even
 * under two requests at once), the password set, the user's sessions ended
 * and the "password changed" mail queued; then the audit row.  VL_OK;
 * VL_DECLINED when the link is unknown, used (also by another request
 * meanwhile) or expired; VL_INVALID with *msg for the person, *l filled for
 * the form again; VL_ERR. */
enum vl_rc vl_account_user_reset(struct vl_ctx *, const char *token, const char *pw,
	    const char *confirm, struct vl_link *l, const char **msg);
/* A client's invitation or reset link of token: VL_OK with *l filled while
 * it is unused, unexpired, its address is still the contact's login email
 * and the contact takes part in a portal; VL_DECLINED otherwise; VL_ERR. */
enum vl_rc vl_account_client_link(struct vl_ctx *, const char *token, struct vl_link *l);
/* Sets a client's password by the invitation or reset link of token, pw
 * typed twice.  In one transaction: the link used up (once, even under two
 * requests at once, and only while its address is the login email), the
 * account made if new, the password set, the contact's sessions ended and
 * the "password set" or "changed" mail queued; the audit row.  Then a new
 * session (agent: the User-Agent, or NULL), whose token session[44] gets
 * for vl_sess_adopt, unless the client has two-factor sign-in: a link is
 * no second factor, so session stays "" and the client signs in with a
 * code.  Results as vl_account_user_reset. */
enum vl_rc vl_account_client_accept(struct vl_ctx *, const char *token, const char *pw,
	    const char *confirm, const char *agent, struct vl_link *l, char session[44],
	    const char **msg);
/* Queues the "your password was changed" mail to email (the stored address);
 * slug for a client's account, NULL for a firm user's; first: newly set. */
enum vl_rc vl_account_password_changed(struct vl_ctx *, int64_t firm, const char *email,
	    const char *slug, int first);
/* The mailer is about to send notification of kind: a link it carries
 * starts its hour now.  Never fails the send (a lost update is logged). */
void	 vl_account_mail_sending(const char *kind, int64_t notification);
/* next if it is a path of this site fit to return to after sign-in (clients:
 * under /portal/; firm users: anywhere else), else NULL. */
const char *vl_next_safe(const char *next, int client);
/* Where a signed-out GET of a page that needs a session is sent: the sign-in
 * page (the firm's own for a client's matter page) with next=this page.
 * In the request's pool. */
char	*vl_signin_url(struct vl_req *);

#ifdef __cplusplus
}
#endif
#endif
