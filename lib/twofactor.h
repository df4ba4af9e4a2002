/*
 * Two-factor sign-in (TOTP) for firm users and clients: enrolment with a
 * confirming code, codes used once, ten recovery codes, removal, and the
 * firm's switch that requires it of every firm user.  Each function takes
 * a struct vl_ctx (never the request) and names the account explicitly,
 * since the second step of a sign-in acts for an account that has no
 * session yet.
 */
#ifndef VL_TWOFACTOR_H
#define VL_TWOFACTOR_H

#include "vellum.h"
#include "signin.h"
#include "totp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An account: a firm user (kind VL_SIGNIN_USER, id a users.id) or a
 * client (VL_SIGNIN_CLIENT, id a contacts.id) of firm. */
struct vl_tf_acct {
	int64_t			 firm;
	enum vl_signin_kind	 kind;
	int64_t			 id;
};
/* The account acting in c (its firm user, else its client contact). */
struct vl_tf_acct vl_tf_me(const struct vl_ctx *c);

struct vl_tf_state {
	int	 enrolled;		/* a confirmed secret */
	int64_t	 recovery_left;		/* unused recovery codes */
	int	 required;		/* the firm requires it (firm users only) */
};
/* What a's two-factor sign-in looks like.  VL_OK or VL_ERR. */
enum vl_rc vl_tf_state(struct vl_ctx *, const struct vl_tf_acct *a, struct vl_tf_state *st);
/* a's stored row (lib/tfstate.c, for twofactor.c): sealed secret and
 * pending secret (NULL: none) and the last used step, all zero without a
 * row.  VL_OK or VL_ERR. */
enum vl_rc vl_tf_row(struct vl_ctx *, const struct vl_tf_acct *a, char **secret,
	    char **pending, int64_t *last);

/* What an enrolment page shows: the secret in base32, its otpauth:// URI
 * and that URI's QR code as an SVG path on a grid of qr_size modules; all
 * in c's pool. */
struct vl_tf_enrol {
	char	*secret, *uri, *qr;
	int	 qr_size;
};
/*
 * Starts enrolling a: a new secret, sealed and kept aside until a code
 * confirms it, or the one started within the last 15 minutes (a reloaded
 * page shows the code already scanned).  An enrolled secret stays in force
 * until the new one is confirmed.  The app names it by the firm's name and
 * the account's email.  With create 0 nothing is written: VL_DECLINED when
 * no enrolment is under way.  VL_OK; VL_DECLINED for no such account; VL_ERR.
 */
enum vl_rc vl_tf_begin(struct vl_ctx *, const struct vl_tf_acct *a, int create,
	    struct vl_tf_enrol *e);

struct vl_tf_codes {
	char	 code[VL_TOTP_RECOVERY_N][VL_TOTP_RECOVERY_LEN + 1];
};
/*
 * Confirms a's enrolment with a code of the secret being enrolled (at
 * time now): the secret takes effect, the code's step counts as used, and
 * ten new recovery codes replace any old ones (codes gets them, to show
 * once).  Inside the caller's transaction.  VL_OK; VL_DECLINED for a wrong
 * code or no enrolment under way; VL_ERR.
 */
enum vl_rc vl_tf_confirm(struct vl_ctx *, const struct vl_tf_acct *a, const char *code,
	    int64_t now, struct vl_tf_codes *codes);
/*
 * The second step of a sign-in: code is six digits of a's authenticator
 * (a step later than the last used, which it then becomes) or one of its
 * recovery codes not yet used (then used up; *recovery set to 1).  Inside
 * the caller's transaction, so that a failed sign-in uses nothing.  VL_OK;
 * VL_DECLINED for a wrong code; VL_CONFLICT for a right code already used
 * (or an earlier one), which the caller answers like a wrong one; VL_ERR.
 */
enum vl_rc vl_tf_verify(struct vl_ctx *, const struct vl_tf_acct *a, const char *code,
	    int64_t now, int *recovery);
/* Ten new recovery codes for a (enrolled) replace its old ones; inside the
 * caller's transaction.  VL_OK; VL_CONFLICT when a is not enrolled; VL_ERR. */
enum vl_rc vl_tf_recovery_new(struct vl_ctx *, const struct vl_tf_acct *a,
	    struct vl_tf_codes *codes);
/* Removes a's two-factor sign-in and its recovery codes; inside the
 * caller's transaction.  VL_OK (also when there was none) or VL_ERR. */
enum vl_rc vl_tf_remove(struct vl_ctx *, const struct vl_tf_acct *a);

/*
 * A lost device and lost recovery codes, from the command line: removes
 * the two-factor sign-in of the firm user with email, else of the client
 * whose login email it is, at the firm of slug; audited ("totp_reset").
 * *kind says whose.  VL_OK; VL_DECLINED when nobody there has that
 * address; VL_ERR.
 */
enum vl_rc vl_tf_reset(struct vl_ctx *, const char *slug, const char *email,
	    enum vl_signin_kind *kind);
/* 1 if c's firm requires two-factor sign-in of its users, 0 if not, -1 on
 * error. */
int	 vl_tf_required(struct vl_ctx *, int64_t firm);
/*
 * The firm's switch, by its acting admin: on requires two-factor sign-in
 * of every firm user from their next sign-in, and ends at once the sessions
 * of those without it; audited.  VL_OK; VL_FORBIDDEN when the actor is not
 * an admin; VL_CONFLICT (turning it on) while the admin has none
 * themselves, who would be signed out; VL_ERR.
 */
enum vl_rc vl_tf_set_required(struct vl_ctx *, int on);
/* A page (50 names, page 0 first) of the firm's users without two-factor
 * sign-in: NAME and EMAIL in a USER section each of d, NEXT_PAGE and
 * PREV_PAGE when there are more; *total counts them all.  VL_OK or VL_ERR. */
enum vl_rc vl_tf_unenrolled(struct vl_ctx *, struct vl_tpl *d, int64_t page, int64_t *total);

/* ---- the second step of a sign-in (signin.c) ---- */
/* What a right password leads to when a second step follows (the token of
 * struct vl_signed_in is then a pending one, for a short-lived cookie). */
enum vl_signin_step {
	VL_STEP_DONE,		/* signed in: the token is the session's */
	VL_STEP_CODE,		/* a code (or recovery code) is asked for */
	VL_STEP_ENROL,		/* the firm requires two-factor sign-in: enrol first */
	VL_STEP__MAX
};
/* Seconds a pending sign-in lasts. */
#define VL_PENDING_TTL	300
/* The account and step a pending token (from its cookie) of kind stands
 * for.  VL_OK; VL_DECLINED when unknown, used, expired or of the other
 * side; VL_ERR. */
enum vl_rc vl_signin_pending(struct vl_ctx *, enum vl_signin_kind, const char *token,
	    struct vl_tf_acct *a, enum vl_signin_step *step);
/*
 * The second step: the pending token and the typed code (six digits or a
 * recovery code; for VL_STEP_ENROL a code of the secret being enrolled,
 * after which codes gets the new recovery codes to show once).  The attempt
 * is counted against the same throttle as passwords before it is checked;
 * failures are audited.  On success, in one transaction: the token used
 * up, the counters cleared, open reset links voided, a session started
 * (out->token, for vl_sess_adopt) and the audit row.  VL_OK; VL_DECLINED
 * for a wrong or used code, a dead token or a pause, alike; VL_ERR.
 */
enum vl_rc vl_signin_code(struct vl_ctx *, enum vl_signin_kind, const char *token,
	    const char *code, const char *agent, struct vl_tf_codes *codes,
	    struct vl_signed_in *out);
/* The password of a signed-in person asked again (a new password, removing
 * two-factor sign-in): hash is the stored one.  Counted, paused and audited
 * like a sign-in, the counts cleared when right.  VL_OK; VL_DECLINED when
 * wrong or paused; VL_ERR. */
enum vl_rc vl_signin_recheck(struct vl_ctx *, enum vl_signin_kind, int64_t firm, int64_t account,
	    const char *hash, const char *pw);

#ifdef __cplusplus
}
#endif
#endif
