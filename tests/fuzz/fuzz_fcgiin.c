/*
 * libFuzzer target: a FastCGI body read record by record (lib/fcgiin.c).
 * The first bytes pick how many bytes each readv returns, how many the
 * caller asks for, and how many were "buffered" before the reader
 * started; the rest is what the connection carries.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vl_fcgi_in	 f;
	struct wire		 w;
	char			 buf[70000];
	size_t			 pre, len, out = 0;
	long			 n;

	if (size < 3)
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
		out += (size_t)n;
	}
	/* Content is never more than what came in; the outcome stays. */
	if (out > size || vl_fcgi_in_read(&f, buf, len) != n)
		__builtin_trap();
	return 0;
}
