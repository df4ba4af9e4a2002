/* libFuzzer target: the Cookie header parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	struct vl_pair		*pairs, *p;
	char			*s;

	if (pool == NULL)
		pool = vl_pool_new();
	/* A header value is a C string: cut at the first NUL as the server would. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (vl_parse_cookies(pool, s, &pairs) != VL_OK)
		__builtin_trap();	/* the cookie parser never refuses */
	for (p = pairs; p; p = p->next)
		if (*p->key == '\0' || strlen(p->val) != p->vallen)
			__builtin_trap();
	free(s);
	vl_pool_reset(pool);
	return 0;
}
