/* Signing in, firm users and clients alike.  See docs/architecture.md. */
#ifndef VL_SIGNIN_H
#define VL_SIGNIN_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- signin.c: sign-in attempts, counted before the password is checked ---- */
/* Who signed in, and the new session's token (for vl_sess_adopt). */
struct vl_signed_in {
	int64_t	 firm, account;
	char	 token[44];
	int	 step;		/* enum vl_signin_step (twofactor.h): 0 signed in */
};
/*
 * Signs in a firm user (slug unused) or a client of the firm at slug with
 * the typed email (normalised here) and pw, from c->remote.  The attempt is
 * counted per account and address, and per account, before the password is
 * verified; failures and pauses are audited.  On success, in one
 * transaction: the counters cleared, the account's open reset links voided,
 * a new session (agent: the User-Agent, or NULL) and the audit row.  An
 * account with two-factor sign-in (or a firm user whose firm requires it)
 * gets no session yet: out->step says which second step follows and
 * out->token is its pending token (twofactor.h).
 * VL_OK with *out filled; VL_DECLINED when the password is wrong, the
 * account unknown or paused (one verification's time each: answer them
 * alike); VL_ERR.
 */
enum vl_rc vl_signin(struct vl_ctx *, enum vl_signin_kind, const char *slug, const char *email,
	    const char *pw, const char *agent, struct vl_signed_in *out);
/* What a refused sign-in says, firm side and client side, whatever the
 * reason (wrong password, unknown email, paused): one text, so the answer
 * tells nothing. */
extern const char vl_signin_refused[];

/* The acting firm user signs out: the audit row (the program then ends
 * the session with vl_sess_end). */
void	 vl_signout(struct vl_ctx *);

#ifdef __cplusplus
}
#endif
#endif
