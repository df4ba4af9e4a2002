/*
 * libFuzzer target: the streaming multipart parser.  The first input byte
 * picks how many bytes each read returns, so boundaries fall across reads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vellum.h"
#include "internal.h"

struct rd {
	const uint8_t	*p;
	size_t		 left, step;
};

static long
rd_read(void *arg, char *buf, size_t len)
{
	struct rd	*r = arg;
	size_t		 n = len < r->left ? len : r->left;

	if (n > r->step)
		n = r->step;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return (long)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	static char		 dir[] = "/tmp/vl-fuzz-XXXXXX";
	struct vl_pair		*pairs;
	struct vl_upload	*ups, *u;
	struct stat		 st;
	struct rd		 r;

	if (pool == NULL) {
		pool = vl_pool_new();
		if (mkdtemp(dir) == NULL)
			abort();
	}
	if (size < 1)
		return 0;
	r.step = (size_t)(data[0] % 64) + 1;
	r.p = data + 1;
	r.left = size - 1;
	if (vl_parse_multipart(pool, "multipart/form-data; boundary=fz", rd_read, &r, dir,
	    4096, 1024, NULL, NULL, &pairs, &ups) == VL_OK)
		for (u = ups; u; u = u->next)
			if (stat(u->path, &st) != 0 || (uint64_t)st.st_size != u->size ||
			    u->size > 4096)
				__builtin_trap();
	vl_pool_reset(pool);	/* unlinks the temp files */
	return 0;
}
