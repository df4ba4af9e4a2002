/*
 * libFuzzer target: a FastCGI body read record by record (lib/fcgiin.c).
 * The first bytes pick how many bytes each readv returns, how many the
 * caller asks for, and how many were "buffered" before the reader
 * started; the rest is what the connection carries.  A reference parser
 * (records read one after another from the whole stream) says what the
 * body is: the reader must hand out exactly those bytes, then 0 if the
 * body ended with its empty record, -1 otherwise, and never read past
 * the header of that empty record.
 */
/* fuzz-extra: lib/fcgiin.c */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>

#include "fcgiin.h"

struct wire {
	const uint8_t	*p;
	size_t		 left, step;
};

static long
wire_readv(void *arg, const struct iovec *iov, int cnt)
{
	struct wire	*w = arg;
	size_t		 total = 0, n;
	int		 i;

	for (i = 0; i < cnt && w->left > 0 && total < w->step; i++) {
		n = iov[i].iov_len < w->left ? iov[i].iov_len : w->left;
		if (n > w->step - total)
			n = w->step - total;
		memcpy(iov[i].iov_base, w->p, n);
		w->p += n;
		w->left -= n;
		total += n;
	}
	return (long)total;
}

/* The body of p[0..n) as request 1's FCGI_STDIN records into out: its
 * length, *ended 1 if an empty record ended it, *used the bytes up to and
 * including that record's header. */
static size_t
reference(const uint8_t *p, size_t n, uint8_t *out, int *ended, size_t *used)
{
	size_t	 at = 0, len = 0, clen, plen;

	*ended = 0;
	*used = 0;
	while (n - at >= 8) {
		if (p[at] != 1 || p[at + 1] != 5 || p[at + 2] != 0 || p[at + 3] != 1)
			return len;
		clen = (size_t)p[at + 4] << 8 | p[at + 5];
		plen = p[at + 6];
		at += 8;
		if (clen == 0) {
			*ended = 1;
			*used = at;
			return len;
		}
		if (n - at < clen) {
			memcpy(out + len, p + at, n - at);
			return len + (n - at);
		}
		memcpy(out + len, p + at, clen);
		len += clen;
		at += clen;
		if (n - at < plen)
			return len;
		at += plen;
	}
	return len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t		 want[1 << 20], got[1 << 20];
	struct vl_fcgi_in	 f;
	struct wire		 w;
	char			 buf[70000];
	size_t			 pre, len, out = 0, nwant, used;
	long			 n;
	int			 ended;

	if (size < 3 || size > sizeof(want) + 3)
		return 0;
	w.step = (size_t)data[0] * 37 + 1;
	len = (size_t)data[1] * 271 + 1;
	pre = data[2] % 32;
	data += 3;
	size -= 3;
	if (pre > size)
		pre = size;
	w.p = data + pre;
	w.left = size - pre;
	vl_fcgi_in_init(&f, wire_readv, &w, 1, NULL, 0, data, pre, 0, 0, 0);
	while ((n = vl_fcgi_in_read(&f, buf, len)) > 0) {
		if ((size_t)n > len)
			__builtin_trap();
		memcpy(got + out, buf, (size_t)n);
		out += (size_t)n;
	}
	/* Exactly the body's bytes, the right end, nothing read past it. */
	nwant = reference(data, size, want, &ended, &used);
	if (out != nwant || memcmp(got, want, out) != 0 || n != (ended ? 0 : -1) ||
	    (ended && (size_t)(w.p - data) > used && (size_t)(w.p - data) > pre))
		__builtin_trap();
	/* Content is never more than what came in; the outcome stays. */
	if (out > size || vl_fcgi_in_read(&f, buf, len) != n)
		__builtin_trap();
	return 0;
}
