/* Shared includes for the cmocka suites: each suite is driven by tables. */
#ifndef VL_TEST_VECTORS_H
#define VL_TEST_VECTORS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A reader over a memory buffer, handing out at most `step` bytes a call. */
struct memreader {
	const char	*p;
	size_t		 left;
	size_t		 step;
};

static inline long
memreader_read(void *arg, char *buf, size_t len)
{
	struct memreader *m = arg;
	size_t n = len < m->left ? len : m->left;

	if (m->step && n > m->step)
		n = m->step;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

#endif
