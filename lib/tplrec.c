/*
 * The face of vellum.h's vl_tpl_* calls: each is written down
 * (lib/tplrec.h) rather than made in ctemplate at once.  Writing is
 * cheaper than ctemplate's dictionaries (no arena, no hash of names), and
 * a page whose digest is already kept (lib/pagememo.c) is never replayed
 * nor expanded.
 */
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "tplrec.h"

/*
 * A log sized from the last one this process wrote (a program builds one
 * kind of page, its size varying with the rows): one allocation instead
 * of a string of doublings, each copying what was written.  Bounded, as
 * the page's own buffer is (lib/page.c).
 */
#define LOG_LAST_MAX	((size_t)64 * 1024)
static size_t log_last;

static void
log_free(void *arg)
{
	struct vl_tpl_log	*l = arg;

	if (l->built != NULL && l->built_free != NULL)
		l->built_free(l->built);
	if (l->log.len <= LOG_LAST_MAX)
		log_last = l->log.len;
	vl_buf_release(&l->log);
	vl_buf_release(&l->includes);
}

struct vl_tpl *
vl_tpl_new(struct vl_pool *pool)
{
	struct vl_tpl_log	*l = vl_pool_calloc(pool, 1, sizeof(*l));
	struct vl_tpl		*t = vl_pool_calloc(pool, 1, sizeof(*t));

	l->pool = pool;
	l->nodes = 1;
	vl_buf_init(&l->log);
	vl_buf_init(&l->includes);
	if (log_last > 0)
		vl_buf_grow(&l->log, log_last + log_last / 8);
	vl_pool_cleanup(pool, log_free, l);
	t->log = l;
	return t;
}

/* One record's operation, node and name. */
static void
head(struct vl_tpl_log *l, enum vl_tpl_op op, uint32_t node, const char *name)
{
	unsigned char	 h[5];

	h[0] = (unsigned char)op;
	memcpy(h + 1, &node, sizeof(node));
	vl_buf_add(&l->log, h, sizeof(h));
	vl_buf_add(&l->log, name, strlen(name) + 1);
}

static void
set_bytes(struct vl_tpl *t, const char *key, const char *val, size_t len)
{
	uint32_t	 n = (uint32_t)len;

	head(t->log, VL_TOP_SET, t->node, key);
	vl_buf_add(&t->log->log, &n, sizeof(n));
	vl_buf_add(&t->log->log, val, len);
}

void
vl_tpl_set(struct vl_tpl *t, const char *key, const char *val)
{
	if (t == NULL || key == NULL)
		return;
	val = val != NULL ? val : "";
	set_bytes(t, key, val, strlen(val));
}

void
vl_tpl_set_int(struct vl_tpl *t, const char *key, long long v)
{
	char			 d[24];
	size_t			 i = sizeof(d);
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	if (t == NULL || key == NULL)
		return;
	/* By hand: no printf for every id of every row of a list. */
	do {
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		d[--i] = '-';
	set_bytes(t, key, d + i, sizeof(d) - i);
}

static struct vl_tpl *
child(struct vl_tpl *t)
{
	struct vl_tpl	*c = vl_pool_alloc(t->log->pool, sizeof(*c));

	c->log = t->log;
	c->node = t->log->nodes++;
	return c;
}

struct vl_tpl *
vl_tpl_section(struct vl_tpl *t, const char *name)
{
	if (t == NULL || name == NULL)
		return NULL;
	head(t->log, VL_TOP_SECTION, t->node, name);
	return child(t);
}

void
vl_tpl_show(struct vl_tpl *t, const char *name)
{
	if (t == NULL || name == NULL)
		return;
	head(t->log, VL_TOP_SHOW, t->node, name);
}

struct vl_tpl *
vl_tpl_include(struct vl_tpl *t, const char *marker, const char *file)
{
	if (t == NULL || marker == NULL || file == NULL)
		return NULL;
	head(t->log, VL_TOP_INCLUDE, t->node, marker);
	vl_buf_add(&t->log->log, file, strlen(file) + 1);
	vl_buf_add(&t->log->includes, file, strlen(file) + 1);
	return child(t);
}

void
vl_tpl_digest(const struct vl_tpl *t, const char *file, enum vl_tpl_strip strip,
    unsigned char out[32])
{
	crypto_generichash_state	 st;
	unsigned char			 s = (unsigned char)strip;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"vellum page 1", 14);
	crypto_generichash_update(&st, (const unsigned char *)file, strlen(file) + 1);
	crypto_generichash_update(&st, &s, 1);
	crypto_generichash_update(&st, (const unsigned char *)&t->node, sizeof(t->node));
	crypto_generichash_update(&st, (const unsigned char *)t->log->log.buf, t->log->log.len);
	crypto_generichash_final(&st, out, 32);
}

void
vl_tpl_includes(const struct vl_tpl *t, void (*fn)(const char *file, void *arg), void *arg)
{
	const struct vl_buf	*b = &t->log->includes;
	size_t			 at;

	for (at = 0; at < b->len; at += strlen(b->buf + at) + 1)
		fn(b->buf + at, arg);
}
