/*
 * Pay links (SPEC F-C3): a signed, expiring, single-purpose link in the
 * bill's email that pays one bill or one envelope ("Pay All") without
 * signing in.  Only the SHA-256 of its random token is stored; it expires
 * after 90 days and is revoked when its bill is unshared or voided.  The
 * URL is <base_url>/pay/<token>.  See docs/security.md, "Pay links".
 */
#ifndef VELLUM_PAYLINK_H
#define VELLUM_PAYLINK_H

#include <stdint.h>

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VL_PAYLINK_DAYS	90

/* 1 if the acting firm takes payments online (an enabled
 * payment_providers row), 0 if not, -1 on error. */
int	 vl_paylink_payments_on(struct vl_ctx *);

/* Issues a pay link for bill (envelope 0) or for envelope (bill 0) of the
 * acting firm, for contact; token[44] gets the token (shown once, in the
 * mail), url (may be NULL) the pool URL.  Inside the caller's transaction.
 * VL_OK or VL_ERR. */
enum vl_rc vl_paylink_issue(struct vl_ctx *, int64_t contact, int64_t bill, int64_t envelope,
	    char token[44], const char **url);

/* What a pay link pays. */
struct vl_paylink {
	int64_t	 firm, contact, bill, envelope;	/* one of bill, envelope is 0 */
	int64_t	 expires_at;			/* epoch seconds */
};
/*
 * Checks token (any text: a typed URL) for the firm of c, or for any firm
 * when c->firm_id is 0 (the pay page is public: it learns the firm here).
 * VL_OK with *out when the link is live and what it pays can be paid:
 * not expired, not revoked, its bill (every bill of its envelope) shared
 * or sent, not void, not paid.  VL_DECLINED otherwise, whatever the
 * reason (malformed, unknown, expired, revoked, unshared, void, paid).
 * VL_ERR.
 */
enum vl_rc vl_paylink_check(struct vl_ctx *, const char *token, struct vl_paylink *out);

/* Revokes every live link of bill (and of the envelopes holding it)
 * inside the caller's transaction.  VL_OK or VL_ERR. */
enum vl_rc vl_paylink_revoke_bill(struct vl_ctx *, int64_t bill);

#ifdef __cplusplus
}
#endif
#endif
