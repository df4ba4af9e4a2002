/* libFuzzer target: a document's words (lib/words.c) from any text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vellum.h"
#include "words.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_words	*w;

	w = vl_words_parse(pool, (const char *)data, size);
	if (vl_words_count(w) > VL_WORDS_MAX)
		__builtin_trap();
	(void)vl_words_get(w, "total", "x");
	(void)vl_words_get(w, "", NULL);
	vl_pool_free(pool);
	return 0;
}
