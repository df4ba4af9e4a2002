/* Allocation wrappers that abort, bounded integer parsing, random tokens. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vellum.h"

const char *const vl_rc_names[VL_RC__MAX] = {
	"ok", "declined", "invalid", "forbidden", "conflict", "toobig", "busy", "error",
};

static void
oom(size_t n)
{
	fprintf(stderr, "vellum: out of memory (%zu bytes)\n", n);
	abort();
}

void *
vl_xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL)
		oom(n);
	return p;
}

void *
vl_xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		oom(n * sz);
	return p;
}

void *
vl_xrealloc(void *old, size_t n)
{
	void	*p;

	if ((p = realloc(old, n ? n : 1)) == NULL)
		oom(n);
	return p;
}

char *
vl_xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		oom(strlen(s));
	return p;
}

enum vl_rc
vl_strtonum(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t	 v = 0;
	int	 neg = 0, digits = 0;

	if (s == NULL)
		return VL_INVALID;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		int d = *s - '0';
		if (__builtin_mul_overflow(v, 10, &v))
			return VL_INVALID;
		if (neg ? __builtin_sub_overflow(v, d, &v) :
		    __builtin_add_overflow(v, d, &v))
			return VL_INVALID;
	}
	if (digits == 0 || digits > 19 || *s != '\0' || v < min || v > max)
		return VL_INVALID;
	*out = v;
	return VL_OK;
}

void
vl_token_new(char out[44])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
vl_sha256(const char *s, size_t len, unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)s, len);
}

void
vl_hex(const unsigned char *b, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, b, n);
}

int
vl_streq_ct(const char *a, const char *b)
{
	size_t	 la, lb;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

char *
vl_strip_crlf(const char *s)
{
	char	*p, *q;

	if (s == NULL)
		s = "";
	p = vl_xstrdup(s);
	for (q = p; *s; s++)
		if (*s != '\r' && *s != '\n')
			*q++ = *s;
	*q = '\0';
	return p;
}
