/*
 * The cursor of "Earlier messages" (lib/feed.c): "US-ID", the microsecond
 * and id of a message.  Apart from feed.c so that the fuzz target links it
 * without the database.
 */
#include <stdio.h>
#include <string.h>

#include "vellum.h"
#include "feed.h"

int
vl_feed_cursor_parse(const char *s, struct vl_feed_cursor *c)
{
	const char	*dash;
	char		 num[24];
	size_t		 len;

	c->us = c->id = 0;
	if (s == NULL || (dash = strchr(s, '-')) == NULL)
		return -1;
	len = (size_t)(dash - s);
	if (len == 0 || len >= sizeof(num))
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	if (vl_strtonum(num, 1, VL_FEED_US_MAX, &c->us) != VL_OK ||
	    vl_strtonum(dash + 1, 1, INT64_MAX, &c->id) != VL_OK) {
		c->us = c->id = 0;
		return -1;
	}
	return 0;
}

char *
vl_feed_cursor_fmt(struct vl_pool *pool, const struct vl_feed_cursor *c)
{
	return vl_pool_printf(pool, "%lld-%lld", (long long)c->us, (long long)c->id);
}
