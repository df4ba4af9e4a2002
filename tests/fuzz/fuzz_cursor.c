/* libFuzzer target: the "Earlier messages" cursor (lib/feedcursor.c). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "feed.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	struct vl_feed_cursor	 c, again;
	char			*s;

	if (pool == NULL)
		pool = vl_pool_new();
	/* A query value is a C string: cut at the first NUL. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (vl_feed_cursor_parse(s, &c) == 0) {
		/* In range, and what it prints parses back to the same place. */
		if (c.us < 1 || c.us > VL_FEED_US_MAX || c.id < 1)
			__builtin_trap();
		if (vl_feed_cursor_parse(vl_feed_cursor_fmt(pool, &c), &again) != 0 ||
		    again.us != c.us || again.id != c.id)
			__builtin_trap();
	} else if (c.us != 0 || c.id != 0)
		__builtin_trap();	/* a refusal leaves no place behind */
	free(s);
	vl_pool_reset(pool);
	return 0;
}
