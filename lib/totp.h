/*
 * TOTP (RFC 6238) and recovery codes: the pure part of two-factor sign-in.
 * No database and no request here, so the unit suite tests it with the
 * RFC's own vectors.  The rules that use it are in twofactor.c.
 */
#ifndef VL_TOTP_H
#define VL_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VL_TOTP_STEP		30	/* seconds a code lasts */
#define VL_TOTP_DIGITS		6
#define VL_TOTP_WINDOW		1	/* steps accepted either side of now */
#define VL_TOTP_SECRET_LEN	20	/* bytes (160 bits, RFC 4226's advice) */
#define VL_TOTP_RECOVERY_N	10	/* recovery codes an account */
#define VL_TOTP_RECOVERY_LEN	11	/* "xxxxx-xxxxx" */

/* The time step of utc (seconds since 1970). */
int64_t	 vl_totp_step(int64_t utc);
/* The code of secret (len bytes) for time step, digits long (6 or 8), into
 * out[digits + 1].  VL_OK, or VL_INVALID for digits out of 6..8. */
enum vl_rc vl_totp_code(const unsigned char *secret, size_t len, int64_t step, unsigned digits,
	    char *out);
/*
 * Checks a typed 6-digit code against the steps around now (±VL_TOTP_WINDOW).
 * Returns the step it matched when that step is later than last (the last
 * step already used); 0 when it matches no step; -1 when it matches only
 * steps at or before last (a code used again, or an earlier one).  Each
 * candidate is compared in constant time; a code that is not six digits
 * matches nothing.
 */
int64_t	 vl_totp_check(const unsigned char *secret, size_t len, int64_t now, int64_t last,
	    const char *code);
/* 1 if s is exactly six ASCII digits (what the code field takes). */
int	 vl_totp_is_code(const char *s);
/* Fills secret with VL_TOTP_SECRET_LEN random bytes (libsodium). */
void	 vl_totp_secret_new(unsigned char secret[VL_TOTP_SECRET_LEN]);
/* secret in base32 without padding (RFC 4648), as authenticator apps take
 * it; in the pool.  NULL if liboath fails. */
char	*vl_totp_base32(struct vl_pool *, const unsigned char *secret, size_t len);
/* The otpauth:// URI of an enrolment (issuer and account are percent-
 * encoded; algorithm, digits and period stated), in the pool. */
char	*vl_totp_uri(struct vl_pool *, const char *issuer, const char *account, const char *b32);
/* The QR code of text as an SVG path ("M4 4h1v1h-1z..."), drawn on a grid of
 * *size modules (quiet zone of 4 included), in the pool; NULL on failure. */
char	*vl_totp_qr_path(struct vl_pool *, const char *text, int *size);
/* A new recovery code, "xxxxx-xxxxx" from an alphabet without look-alikes
 * (about 49.5 random bits), into out[VL_TOTP_RECOVERY_LEN + 1]. */
void	 vl_totp_recovery_new(char out[VL_TOTP_RECOVERY_LEN + 1]);
/* The stored form of a typed recovery code: blanks and dashes dropped,
 * letters lower-cased, then a BLAKE2b hash keyed with key (32 bytes).
 * 1 when typed has the shape of a code, else 0 (out untouched). */
int	 vl_totp_recovery_hash(const char *typed, const unsigned char key[32],
	    unsigned char out[32]);

#ifdef __cplusplus
}
#endif
#endif
