/*
 * The Stripe-Signature header of a provider webhook: "t=<unix time>,
 * v1=<hex HMAC-SHA256>,..." where each v1 is the HMAC-SHA256, keyed by the
 * endpoint's signing secret, of "<t>.<body>".  Several v1 values come
 * while a secret is being rolled; any one may match.  Kept apart from the
 * HTTP client (lib/stripe.c) so that it depends on libsodium alone and its
 * parser has a fuzz target (tests/fuzz/fuzz_stripesig.c).
 */
#ifndef VELLUM_STRIPESIG_H
#define VELLUM_STRIPESIG_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"

#define VL_STRIPESIG_TOLERANCE	300	/* seconds either side of now */
#define VL_STRIPESIG_MAXV1	8	/* v1 values kept from one header */
#define VL_STRIPESIG_HEADER_MAX	1024	/* longer headers are refused */

struct vl_stripesig {
	int64_t		 t;
	size_t		 nv1;
	unsigned char	 v1[VL_STRIPESIG_MAXV1][32];
};

/*
 * Parses header into *s: exactly one t (decimal, positive) and one to
 * VL_STRIPESIG_MAXV1 v1 values of 64 hex digits; other schemes ("v0",
 * anything unknown) are skipped as Stripe's own libraries do.  VL_OK, or
 * VL_INVALID for anything else (NULL, too long, no t, two t, no v1, a v1
 * of the wrong length or not hex, an element without '=').
 */
enum vl_rc vl_stripesig_parse(const char *header, struct vl_stripesig *s);

/*
 * Verifies a delivery: header parsed, some v1 equal (constant time) to the
 * HMAC of "t.body" under secret, and t within tolerance seconds of now.
 * VL_OK; VL_INVALID for a malformed header; VL_FORBIDDEN when no v1
 * matches or the timestamp is outside the window (a replay or a clock far
 * off).  body need not be NUL-terminated.
 */
enum vl_rc vl_stripesig_verify(const char *header, const void *body, size_t len,
	    const char *secret, int64_t now, int64_t tolerance);

/*
 * The header a provider would send for body at time t under secret, into
 * out (reset first): "t=<t>,v1=<hex>".  For the stand-in, the tests and
 * the bench.
 */
void	 vl_stripesig_sign(struct vl_buf *out, const void *body, size_t len,
	    const char *secret, int64_t t);

#endif
