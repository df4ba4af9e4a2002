/*
 * "My account", for firm users and clients alike: a new password (the
 * current one required), one's own sessions listed and ended, and the
 * device a session's User-Agent names.  The functions act for the person
 * in struct vl_ctx (its firm user, else its client contact) and nobody
 * else: every statement binds the firm and that person.  cur is the SHA-256
 * of the current session's token (which one is "this device").
 */
#ifndef VL_MYACCOUNT_H
#define VL_MYACCOUNT_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a new password was refused; the names are the form's error codes
 * (sections of the page's template). */
enum vl_me_pw_why {
	VL_ME_PW_CURRENT,	/* the current password is not right (or paused) */
	VL_ME_PW_WEAK,		/* not 12 to 128 characters */
	VL_ME_PW_MISMATCH,	/* the two new ones differ */
	VL_ME_PW__MAX
};
extern const char *const vl_me_pw_whys[VL_ME_PW__MAX];
/*
 * Changes the acting person's password: current must be right (checked,
 * counted and audited like a sign-in's), pw 12 to 128 characters and equal
 * to confirm.  In one transaction: the new hash, every other session of
 * theirs ended, the "password changed" mail to the address on file, the
 * audit row.  VL_OK; VL_INVALID with *why; VL_ERR.
 */
enum vl_rc vl_me_password(struct vl_ctx *, const unsigned char cur[32], const char *current,
	    const char *pw, const char *confirm, enum vl_me_pw_why *why);
/* 1 if pw is the acting person's password (counted against the sign-in
 * throttle; a failure audited), else 0. */
int	 vl_me_password_ok(struct vl_ctx *, const char *pw);

struct vl_tf_codes;
/* Confirms the acting person's enrolment with code (twofactor.h's
 * vl_tf_confirm in a transaction of its own): VL_OK with the new recovery
 * codes in *codes; VL_DECLINED for a wrong code or no enrolment under way;
 * VL_ERR. */
enum vl_rc vl_me_totp_confirm(struct vl_ctx *, const char *code, struct vl_tf_codes *codes);
/* Removes the acting person's two-factor sign-in after their password:
 * VL_OK; VL_CONFLICT while their firm requires it (firm users); VL_INVALID
 * for a wrong password (counted like a sign-in); VL_ERR. */
enum vl_rc vl_me_totp_remove(struct vl_ctx *, const char *pw);
/* Ten new recovery codes for the acting person: VL_OK; VL_CONFLICT when
 * two-factor sign-in is off; VL_ERR. */
enum vl_rc vl_me_recovery_new(struct vl_ctx *, struct vl_tf_codes *codes);

/* One of one's sessions. */
struct vl_me_session {
	int64_t		 id;
	const char	*address, *agent;
	const char	*browser, *os;	/* NULL: not recognised */
	int64_t		 last_seen, started;	/* seconds since 1970 */
	int		 current;
};
/* A page (page 0 first) of the acting person's live sessions, newest use
 * first, at most 50 into *list (in the pool), *n of them; *more when a next
 * page exists.  VL_OK or VL_ERR. */
enum vl_rc vl_me_sessions(struct vl_ctx *, const unsigned char cur[32], int64_t page,
	    struct vl_me_session **list, size_t *n, int *more);
/* Ends session id of the acting person's; *current says whether it was the
 * one in use (the caller then signs out).  VL_OK; VL_DECLINED when it is
 * nobody's or someone else's; VL_ERR. */
enum vl_rc vl_me_end_session(struct vl_ctx *, const unsigned char cur[32], int64_t id,
	    int *current);
/* The browser and system a User-Agent names ("Firefox", "Linux"); each a
 * static string, or NULL when not recognised. */
void	 vl_me_device(const char *agent, const char **browser, const char **os);

#ifdef __cplusplus
}
#endif
#endif
