/*
 * libFuzzer target: the front door's path check (vl_path_unsafe), against
 * a plain model of what it must refuse: decode %2e and %2f as a server
 * would, then any "." or ".." segment, or any slash that was encoded.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"

static int
model(const char *p)
{
	size_t	 n = strlen(p), i, j = 0, seg;
	char	*d = malloc(n + 1);
	int	 bad = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '%' && p[i + 1] == '2' && (p[i + 2] == 'f' || p[i + 2] == 'F'))
			bad = 1;
		if (p[i] == '%' && p[i + 1] == '2' && (p[i + 2] == 'e' || p[i + 2] == 'E')) {
			d[j++] = '.';
			i += 2;
		} else
			d[j++] = p[i];
	}
	d[j] = '\0';
	for (i = 0; !bad && i <= j; i = seg + 1) {
		seg = i + strcspn(d + i, "/");
		if ((seg - i == 1 && d[i] == '.') || (seg - i == 2 && d[i] == '.' && d[i + 1] == '.'))
			bad = 1;
		if (d[seg] == '\0')
			break;
	}
	free(d);
	return bad;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	if (vl_path_unsafe(s) != model(s))
		__builtin_trap();
	free(s);
	return 0;
}
