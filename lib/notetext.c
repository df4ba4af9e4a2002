/*
 * A note's body as lines (see note.h): pure but for the pool, apart from
 * the domain code so that its fuzz target (tests/fuzz/fuzz_lines.c) links
 * with the pool alone.
 */
#include <string.h>

#include "note.h"

void
vl_text_lines(struct vl_pool *pool, const char *text, char ***lines, size_t *n)
{
	const char	*p, *e;
	size_t		 count = 0, i = 0, len;
	char		**out;

	*lines = NULL;
	*n = 0;
	if (text == NULL || *text == '\0')
		return;
	/* Count first: a line ends at a break or at the end of the text. */
	for (p = text; *p != '\0'; p++)
		if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
			count++;
	if (p[-1] != '\n' && p[-1] != '\r')
		count++;
	out = vl_pool_calloc(pool, count, sizeof(*out));
	for (p = text; *p != '\0' && i < count; p = e) {
		len = strcspn(p, "\r\n");
		e = p + len;
		out[i] = vl_pool_calloc(pool, len + 1, 1);
		memcpy(out[i], p, len);
		i++;
		if (*e == '\r' && e[1] == '\n')
			e += 2;
		else if (*e != '\0')
			e++;
	}
	*lines = out;
	*n = i;
}
