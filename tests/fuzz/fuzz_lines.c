/* libFuzzer target: a note's body split into its lines (vl_text_lines). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "note.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	char			*s, **lines;
	size_t			 n, i, len, total = 0;

	if (pool == NULL)
		pool = vl_pool_new();
	/* A field's value is a C string: cut at the first NUL. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	vl_text_lines(pool, s, &lines, &n);
	if (len == 0 && n != 0)
		__builtin_trap();
	/* No line holds a break; the lines and the breaks make up the text. */
	for (i = 0; i < n; i++) {
		if (strpbrk(lines[i], "\r\n") != NULL)
			__builtin_trap();
		total += strlen(lines[i]);
	}
	for (i = 0; i < len; i++)
		if (s[i] != '\r' && s[i] != '\n')
			total--;
	if (total != 0 || n > len)
		__builtin_trap();
	free(s);
	vl_pool_reset(pool);
	return 0;
}
