/*
 * Per-request pool: allocations live until vl_pool_reset(), which also runs
 * the registered cleanups (roll back a transaction, unlink a temp upload) in
 * reverse order.  Small blocks are carved from chunks; large ones stand alone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"

#define CHUNK	8192
#define ALIGN	16

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	unsigned char	 data[] __attribute__((aligned(ALIGN)));
};

struct cleanup {
	vl_cleanup_fn	 fn;
	void		*arg;
	struct cleanup	*next;
};

struct vl_pool {
	struct chunk	*chunks;	/* current chunk first */
	struct chunk	*large;
	struct cleanup	*cleanups;
	size_t		 total;
};

struct vl_pool *
vl_pool_new(void)
{
	return vl_xcalloc(1, sizeof(struct vl_pool));
}

static struct chunk *
chunk_new(size_t size)
{
	struct chunk	*c;
	size_t		 n;

	if (__builtin_add_overflow(size, sizeof(*c), &n)) {
		fprintf(stderr, "vellum: pool size overflow\n");
		abort();
	}
	c = vl_xmalloc(n);
	c->next = NULL;
	c->used = 0;
	c->size = size;
	return c;
}

void *
vl_pool_alloc(struct vl_pool *p, size_t n)
{
	struct chunk	*c;
	size_t		 need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (need < n)
		abort();
	p->total += need;
	if (need > CHUNK / 4) {
		c = chunk_new(need);
		c->used = need;
		c->next = p->large;
		p->large = c;
		return c->data;
	}
	c = p->chunks;
	if (c == NULL || c->size - c->used < need) {
		c = chunk_new(CHUNK);
		c->next = p->chunks;
		p->chunks = c;
	}
	c->used += need;
	return c->data + c->used - need;
}

void *
vl_pool_calloc(struct vl_pool *p, size_t n, size_t sz)
{
	size_t	 t;
	void	*v;

	if (__builtin_mul_overflow(n, sz, &t))
		abort();
	v = vl_pool_alloc(p, t);
	memset(v, 0, t);
	return v;
}

char *
vl_pool_strndup(struct vl_pool *p, const char *s, size_t n)
{
	char	*d = vl_pool_alloc(p, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
vl_pool_strdup(struct vl_pool *p, const char *s)
{
	return s ? vl_pool_strndup(p, s, strlen(s)) : NULL;
}

char *
vl_pool_printf(struct vl_pool *p, const char *fmt, ...)
{
	struct vl_buf	 b = VL_BUF_INIT;
	va_list		 ap;
	char		 small[128], *s;
	int		 n;

	/* Most strings are short: one pass on the stack, no heap buffer. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(small))
		return vl_pool_strndup(p, small, (size_t)n);
	va_start(ap, fmt);
	vl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s = vl_pool_strndup(p, vl_buf_str(&b), b.len);
	vl_buf_release(&b);
	return s;
}

void
vl_pool_cleanup(struct vl_pool *p, vl_cleanup_fn fn, void *arg)
{
	struct cleanup	*c = vl_pool_alloc(p, sizeof(*c));

	c->fn = fn;
	c->arg = arg;
	c->next = p->cleanups;
	p->cleanups = c;
}

static void
chunks_free(struct chunk *c)
{
	struct chunk	*n;

	for (; c; c = n) {
		n = c->next;
		free(c);
	}
}

void
vl_pool_reset(struct vl_pool *p)
{
	struct cleanup	*c;

	/* Cleanups may allocate; take the list first. */
	while ((c = p->cleanups) != NULL) {
		p->cleanups = c->next;
		c->fn(c->arg);
	}
	chunks_free(p->large);
	p->large = NULL;
	/* Keep one chunk for the next request: most requests fit in it. */
	if (p->chunks) {
		chunks_free(p->chunks->next);
		p->chunks->next = NULL;
		p->chunks->used = 0;
	}
	p->total = 0;
}

void
vl_pool_free(struct vl_pool *p)
{
	if (p == NULL)
		return;
	vl_pool_reset(p);
	chunks_free(p->chunks);
	free(p);
}

size_t
vl_pool_used(const struct vl_pool *p)
{
	return p->total;
}
