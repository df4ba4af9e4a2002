/*
 * Webhook signatures of the Stripe scheme (see stripesig.h).  Pure: no
 * configuration, no database, libsodium only.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "stripesig.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The 32 bytes of exactly 64 hex digits at p; 0 when they are not. */
static int
unhex32(const char *p, size_t n, unsigned char out[32])
{
	size_t	 i;
	int	 hi, lo;

	if (n != 64)
		return 0;
	for (i = 0; i < 32; i++) {
		if ((hi = hexval(p[2 * i])) < 0 || (lo = hexval(p[2 * i + 1])) < 0)
			return 0;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 1;
}

/* A positive decimal of at most 12 digits (seconds until year 33658). */
static int
unix_time(const char *p, size_t n, int64_t *t)
{
	size_t	 i;
	int64_t	 v = 0;

	if (n == 0 || n > 12)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	if (v <= 0)
		return 0;
	*t = v;
	return 1;
}

enum vl_rc
vl_stripesig_parse(const char *header, struct vl_stripesig *s)
{
	const char	*p, *end, *eq;
	size_t		 n;
	int		 have_t = 0;

	memset(s, 0, sizeof(*s));
	if (header == NULL || (n = strnlen(header, VL_STRIPESIG_HEADER_MAX + 1)) == 0 ||
	    n > VL_STRIPESIG_HEADER_MAX)
		return VL_INVALID;
	for (p = header; ; p = end + 1) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL || eq == p)
			return VL_INVALID;
		if (eq - p == 1 && *p == 't') {
			if (have_t++ || !unix_time(eq + 1, (size_t)(end - eq - 1), &s->t))
				return VL_INVALID;
		} else if (eq - p == 2 && p[0] == 'v' && p[1] == '1') {
			if (s->nv1 == VL_STRIPESIG_MAXV1 ||
			    !unhex32(eq + 1, (size_t)(end - eq - 1), s->v1[s->nv1]))
				return VL_INVALID;
			s->nv1++;
		}
		/* other schemes (v0, test-mode extras) are not ours to judge */
		if (*end == '\0')
			break;
	}
	if (!have_t || s->nv1 == 0)
		return VL_INVALID;
	return VL_OK;
}

static void
mac(unsigned char out[32], const void *body, size_t len, const char *secret, int64_t t)
{
	crypto_auth_hmacsha256_state	 st;
	char				 ts[32];
	int				 n;

	n = snprintf(ts, sizeof(ts), "%lld.", (long long)t);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, (unsigned long long)n);
	crypto_auth_hmacsha256_update(&st, body, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

enum vl_rc
vl_stripesig_verify(const char *header, const void *body, size_t len,
    const char *secret, int64_t now, int64_t tolerance)
{
	struct vl_stripesig	 s;
	unsigned char		 want[32];
	size_t			 i;
	int			 ok = 0;

	if (vl_stripesig_parse(header, &s) != VL_OK)
		return VL_INVALID;
	if (secret == NULL || *secret == '\0')
		return VL_FORBIDDEN;
	mac(want, body, len, secret, s.t);
	/* every v1 is compared, so the time taken says nothing of which matched */
	for (i = 0; i < s.nv1; i++)
		ok |= sodium_memcmp(want, s.v1[i], sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	if (!ok)
		return VL_FORBIDDEN;
	if (s.t < now - tolerance || s.t > now + tolerance)
		return VL_FORBIDDEN;
	return VL_OK;
}

void
vl_stripesig_sign(struct vl_buf *out, const void *body, size_t len,
    const char *secret, int64_t t)
{
	unsigned char	 m[32];
	char		 hex[65];

	mac(m, body, len, secret, t);
	vl_hex(m, sizeof(m), hex);
	vl_buf_reset(out);
	vl_buf_addf(out, "t=%lld,v1=%s", (long long)t, hex);
}
