/* libFuzzer target: the urlencoded parser (query strings and form bodies). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	struct vl_pair		*pairs, *p;
	int64_t			 num;

	if (pool == NULL)
		pool = vl_pool_new();
	if (vl_parse_urlencoded(pool, (const char *)data, size, &pairs) == VL_OK)
		for (p = pairs; p; p = p->next) {
			/* Every value must be NUL-terminated at its length. */
			if (p->val[p->vallen] != '\0')
				__builtin_trap();
			(void)vl_validate(VL_V_EMAIL, p->val, p->vallen, 254, &num);
			(void)vl_validate(VL_V_ID, p->val, p->vallen, 20, &num);
			(void)vl_validate(VL_V_LINE, p->val, p->vallen, 1000, &num);
		}
	vl_pool_reset(pool);
	return 0;
}
