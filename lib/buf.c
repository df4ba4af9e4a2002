/* Growing text: one buffer type, always NUL-terminated (git strbuf rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"

void
vl_buf_init(struct vl_buf *b)
{
	b->buf = NULL;
	b->len = b->alloc = 0;
}

void
vl_buf_grow(struct vl_buf *b, size_t extra)
{
	size_t	 need;

	if (__builtin_add_overflow(b->len, extra, &need) ||
	    __builtin_add_overflow(need, 1, &need)) {
		fprintf(stderr, "vellum: buffer size overflow\n");
		abort();
	}
	if (need <= b->alloc)
		return;
	if (need < b->alloc * 2)
		need = b->alloc * 2;
	if (need < 64)
		need = 64;
	b->buf = vl_xrealloc(b->buf, need);
	b->alloc = need;
}

void
vl_buf_add(struct vl_buf *b, const void *p, size_t n)
{
	vl_buf_grow(b, n);
	if (n)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
vl_buf_adds(struct vl_buf *b, const char *s)
{
	vl_buf_add(b, s, strlen(s));
}

void
vl_buf_addc(struct vl_buf *b, char c)
{
	vl_buf_add(b, &c, 1);
}

void
vl_buf_vaddf(struct vl_buf *b, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;

	vl_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->alloc - b->len) {
		vl_buf_grow(b, (size_t)n);
		n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
vl_buf_addf(struct vl_buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vl_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
vl_buf_add_urlenc(struct vl_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			vl_buf_addc(b, (char)c);
		else {
			vl_buf_addc(b, '%');
			vl_buf_addc(b, hex[c >> 4]);
			vl_buf_addc(b, hex[c & 15]);
		}
	}
}

void
vl_buf_add_param(struct vl_buf *b, const char *key, const char *val)
{
	if (b->len > 0)
		vl_buf_addc(b, '&');
	vl_buf_add_urlenc(b, key);
	vl_buf_addc(b, '=');
	vl_buf_add_urlenc(b, val ? val : "");
}

void
vl_buf_reset(struct vl_buf *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

void
vl_buf_release(struct vl_buf *b)
{
	free(b->buf);
	vl_buf_init(b);
}

const char *
vl_buf_str(const struct vl_buf *b)
{
	return b->buf ? b->buf : "";
}
