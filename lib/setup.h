/*
 * The first run: while the database holds no firm, "Set up your firm"
 * creates the first firm and its admin, once, for whoever holds the
 * one-time setup code that `vellumctl setup-code` printed (only its hash
 * is stored, with an expiry).  Once a firm exists all of it is gone.
 */
#ifndef VELLUM_SETUP_H
#define VELLUM_SETUP_H

#include "vellum.h"
#include "fielderr.h"

/* A code as printed: four groups of five Crockford base32 characters
 * (100 random bits), "XXXXX-XXXXX-XXXXX-XXXXX". */
#define VL_SETUP_CODE_LEN	23
/* How long a code lasts: a day. */
#define VL_SETUP_CODE_TTL	(24 * 3600)

/* 1 while no firm exists (the first run), 0 once one does, -1 on error. */
int	 vl_setup_needed(struct vl_pool *);
/* Makes a new setup code (replacing any earlier one) valid for ttl
 * seconds into out.  VL_OK; VL_CONFLICT when a firm exists already (no
 * code is made); VL_ERR. */
enum vl_rc vl_setup_code_new(struct vl_pool *, int64_t ttl, char out[VL_SETUP_CODE_LEN + 1]);
/* The code as typed, in the one form that is hashed: upper-case, without
 * blanks and dashes, O read as 0 and I, L as 1; NULL when it cannot be a
 * code (another length or character).  In the pool. */
char	*vl_setup_code_norm(struct vl_pool *, const char *typed);

/* What the setup form sends (NULL for a field not sent or not valid). */
struct vl_setup {
	const char	*code, *firm, *slug, *name, *email, *password, *confirm, *zone;
};
/*
 * Creates the first firm (name, slug, time zone) and its admin (name,
 * email normalised, password) for the holder of the setup code, in one
 * transaction that uses the code up: of two requests at once, one creates
 * the firm.  The audit records it.  VL_OK with *firm and *admin;
 * VL_INVALID with the wrong fields in fe (the code's field "code" when it
 * is wrong, used or expired); VL_DECLINED when a firm exists already;
 * VL_ERR.
 */
enum vl_rc vl_setup_run(struct vl_ctx *, const struct vl_setup *, struct vl_ferr *fe,
	    int64_t *firm, int64_t *admin);

#endif
