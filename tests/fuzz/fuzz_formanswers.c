/*
 * libFuzzer target: a filled form's answers (lib/formval.c), as the client
 * posts them: the urlencoded pairs, parsed into each field's answer (a
 * multiple choice gathering its pairs), then each answer checked against
 * its field's type and options, and mapped.  The fields cover every type.
 * Each answer is also read as a builder's target choice, a date of birth
 * and a matter field's value.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"
#include "formval.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool		*pool;
	static const int64_t		 ids[VL_FF__MAX] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const char		*options = "Red\nGreen\nBlue";
	enum vl_ffield_kind		 kinds[VL_FF__MAX];
	struct vl_pair			*pairs;
	char				*values[VL_FF__MAX];
	const char			*code;
	enum vl_fmap			 m;
	int64_t				 field;
	size_t				 i, n;

	if (pool == NULL)
		pool = vl_pool_new();
	for (i = 0; i < VL_FF__MAX; i++)
		kinds[i] = (enum vl_ffield_kind)i;
	if (vl_parse_urlencoded(pool, (const char *)data, size, &pairs) == VL_OK) {
		n = vl_fanswers_parse(pool, pairs, ids, kinds, VL_FF__MAX, values);
		if (n > VL_FF__MAX)
			__builtin_trap();
		for (i = 0; i < VL_FF__MAX; i++) {
			if (values[i] != NULL && strchr(values[i], '\r') != NULL)
				__builtin_trap();
			(void)vl_ffield_check(kinds[i], (int)(i & 1), options, values[i]);
			(void)vl_fmap_merge(pool, (enum vl_fmap)(i % VL_FMAP__MAX), "old\nline", values[i]);
			m = vl_fmap_parse(values[i], &field);
			if ((m == VL_FMAP_MATTER_FIELD) != (field > 0) || field < 0)
				__builtin_trap();
			(void)vl_birth_check(values[i], "2026-06-15");
			(void)vl_mfield_value_check(values[i]);
		}
		/* The builder's options from the same text. */
		if (pairs != NULL)
			(void)vl_ffield_options(pool, VL_FF_MULTI, pairs->val, &code);
	}
	vl_pool_reset(pool);
	return 0;
}
