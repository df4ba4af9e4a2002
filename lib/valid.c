/*
 * Total validators: each accepts or refuses any byte string, never crashes,
 * and is table-tested (tests/unit/test_valid.c).
 */
#include <string.h>

#include "vellum.h"

int
vl_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	unsigned	 c, need, min;

	while (p < e) {
		c = *p++;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
			c &= 0x07;
		} else
			return 0;
		if ((size_t)(e - p) < need)
			return 0;
		while (need--) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (*p++ & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
	}
	return 1;
}

/* Length of the valid UTF-8 character at s (at most n bytes), or 0. */
static size_t
utf8_char(const char *s, size_t n)
{
	unsigned char	 c = (unsigned char)*s;
	size_t		 len;

	len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
	    c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (len == 0 || len > n || !vl_utf8_valid(s, len))
		return 0;
	return len;
}

char *
vl_utf8_clean(struct vl_pool *p, const char *s, size_t max)
{
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 n = s ? strlen(s) : 0, i = 0, len;
	unsigned char	 c;
	char		*out;

	while (i < n) {
		c = (unsigned char)s[i];
		if ((len = utf8_char(s + i, n - i)) == 0 || c < 0x20 || c == 0x7f) {
			len = 1;
			if (b.len + 1 > max)
				break;
			vl_buf_addc(&b, '?');
		} else {
			/* Whole characters only: stop before one that does not fit. */
			if (b.len + len > max)
				break;
			vl_buf_add(&b, s + i, len);
		}
		i += len;
	}
	out = vl_pool_strndup(p, vl_buf_str(&b), b.len);
	vl_buf_release(&b);
	return out;
}

static int
no_controls(const char *s, size_t n, int allow_newlines)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t')
			continue;
		if (allow_newlines && (c == '\n' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

static int
valid_email(const char *s, size_t n)
{
	const char	*at, *dot;
	size_t		 i;

	if (n < 3 || n > 254)
		return 0;
	if ((at = memchr(s, '@', n)) == NULL || at == s || at == s + n - 1)
		return 0;
	if (memchr(at + 1, '@', n - (size_t)(at - s) - 1) != NULL)
		return 0;
	if (at - s > 64)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || strchr("()<>,;:\\\"[]", c))
			return 0;
	}
	/* The domain needs a dot that neither starts nor ends it. */
	dot = memchr(at + 1, '.', n - (size_t)(at - s) - 1);
	if (dot == NULL || dot == at + 1 || s[n - 1] == '.')
		return 0;
	for (dot = at + 1; dot < s + n - 1; dot++)
		if (dot[0] == '.' && dot[1] == '.')
			return 0;
	return 1;
}

/*
 * The one form in which emails are stored and compared (docs/security.md):
 * spaces and tabs around it trimmed, ASCII letters lower-cased, and nothing
 * but printable ASCII.  A non-ASCII character (an accent, a Cyrillic or
 * full-width look-alike, a no-break space) is refused rather than folded,
 * so two different addresses never compare equal.
 */
char *
vl_email_norm(struct vl_pool *pool, const char *s)
{
	char	*out;
	size_t	 n, i;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > 254)
		return NULL;
	out = vl_pool_strndup(pool, s, n);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c >= 0x80)
			return NULL;
		if (c >= 'A' && c <= 'Z')
			out[i] = (char)(c - 'A' + 'a');
	}
	return valid_email(out, n) ? out : NULL;
}

int
vl_validate(enum vl_valid v, const char *s, size_t n, size_t max, int64_t *num)
{
	size_t	 i;

	if (s == NULL || n > max || memchr(s, '\0', n) != NULL)
		return 0;
	if (!vl_utf8_valid(s, n))
		return 0;
	switch (v) {
	case VL_V_STRING:
		return no_controls(s, n, 1);
	case VL_V_LINE:
		return no_controls(s, n, 0);
	case VL_V_EMAIL:
		return valid_email(s, n);
	case VL_V_INT:
		return n > 0 && s[0] != '-' && vl_strtonum(s, 0, INT64_MAX, num) == VL_OK;
	case VL_V_ID:
		return n > 0 && s[0] != '-' && vl_strtonum(s, 1, INT64_MAX, num) == VL_OK;
	case VL_V_TOKEN:
		if (n != 43)
			return 0;
		for (i = 0; i < n; i++) {
			char c = s[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_'))
				return 0;
		}
		return 1;
	case VL_V_PASSWORD:
		return n >= 12 && n <= 128;
	case VL_V_BOOL:
		if ((n == 1 && s[0] == '1') || (n == 2 && memcmp(s, "on", 2) == 0)) {
			*num = 1;
			return 1;
		}
		if (n == 1 && s[0] == '0') {
			*num = 0;
			return 1;
		}
		return 0;
	default:
		return 0;
	}
}

int
vl_token_hash(const char *token, unsigned char h[32])
{
	if (token == NULL || !vl_validate(VL_V_TOKEN, token, strlen(token), 43, NULL))
		return 0;
	vl_sha256(token, 43, h);
	return 1;
}

/*
 * 1 if path has a "." or ".." segment, also spelled with %2e, or an
 * encoded slash (%2f).  The server routes on the path with those decoded
 * and resolved (Apache and nginx alike) while REQUEST_URI keeps them as
 * sent, so /matters/2/../1 or /matters/2%2f..%2f1 would reach the program
 * of /matters/1 saying 2.  Such a path is refused rather than resolved once
 * more here: no two readings of one path can then differ.
 */
int
vl_path_unsafe(const char *p)
{
	size_t	 dots;
	int	 other;

	while (*p != '\0') {
		dots = 0;
		other = 0;
		while (*p != '\0' && *p != '/') {
			if (p[0] == '%' && p[1] == '2' && (p[2] == 'f' || p[2] == 'F'))
				return 1;
			if (*p == '.') {
				dots++;
				p++;
			} else if (p[0] == '%' && p[1] == '2' && (p[2] == 'e' || p[2] == 'E')) {
				dots++;
				p += 3;
			} else {
				other = 1;
				p++;
			}
		}
		if (!other && (dots == 1 || dots == 2))
			return 1;
		if (*p == '/')
			p++;
	}
	return 0;
}
