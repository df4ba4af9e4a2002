/*
 * Plain CGI's kept pages, their content (lib/pagefile.h): netstrings
 * written and read back.  Apart from the files' code (lib/pagefile.c) so
 * that the fuzz target reads any bytes through exactly this.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "pagefile.h"

/* Reads values in turn from data[0..len); bad sticks at the first value
 * that is missing or not of its kind. */
struct reader {
	const char	*p, *end;
	int		 bad;
};

static void
add_str(struct vl_buf *b, const char *s)
{
	size_t	 n = s != NULL ? strlen(s) : 0;

	vl_buf_addf(b, "%zu:", n);
	vl_buf_add(b, s != NULL ? s : "", n);
	vl_buf_addc(b, ',');
}

static void
add_int(struct vl_buf *b, int64_t v)
{
	char	 t[32];

	snprintf(t, sizeof(t), "%lld", (long long)v);
	add_str(b, t);
}

static void
reader_init(struct reader *r, const char *data, size_t len)
{
	r->p = data;
	r->end = data + len;
	r->bad = data == NULL;
}

/* The next netstring's bytes into *s, *n; 0, or -1 (bad set). */
static int
next(struct reader *r, const char **s, size_t *n)
{
	size_t	 len = 0, digits = 0;

	if (r->bad)
		return -1;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && digits < 9) {
		len = len * 10 + (size_t)(*r->p++ - '0');
		digits++;
	}
	/* One spelling of each length: "0" alone, else no leading zero. */
	if (digits == 0 || (digits > 1 && r->p[-(ptrdiff_t)digits] == '0') ||
	    r->p >= r->end || *r->p != ':' ||
	    (size_t)(r->end - r->p - 1) < len + 1 || r->p[1 + len] != ',') {
		r->bad = 1;
		return -1;
	}
	*s = r->p + 1;
	*n = len;
	r->p += len + 2;
	return 0;
}

static char *
read_str(struct reader *r, struct vl_pool *pool)
{
	const char	*s;
	size_t		 n;

	if (next(r, &s, &n) != 0)
		return NULL;
	if (memchr(s, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	return vl_pool_strndup(pool, s, n);
}

static int64_t
read_int(struct reader *r)
{
	const char	*s;
	char		 t[24], *e;
	size_t		 n, i;
	long long	 v;

	if (next(r, &s, &n) != 0)
		return 0;
	if (n == 0 || n >= sizeof(t)) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == 0 && s[i] == '-' && n > 1)) {
			r->bad = 1;
			return 0;
		}
	/* As "%lld" writes it: no leading zero (but "0"), no "-0". */
	i = s[0] == '-';
	if (s[i] == '0' && (i == 1 || n > 1)) {
		r->bad = 1;
		return 0;
	}
	memcpy(t, s, n);
	t[n] = '\0';
	errno = 0;
	v = strtoll(t, &e, 10);
	if (errno != 0 || *e != '\0') {
		r->bad = 1;
		return 0;
	}
	return (int64_t)v;
}

static int
read_done(const struct reader *r)
{
	return !r->bad && r->p == r->end;
}

#define MATTERS_KIND	"vellum matters 1"
#define USERS_KIND	"vellum users 1"
/* More users than any firm has: a bound for a file that lies. */
#define USERS_MAX	100000

void
vl_pf_matters_encode(struct vl_buf *b, const struct vl_pf_matters *m)
{
	const struct vl_matter_rec	*r;
	size_t				 i;

	add_str(b, MATTERS_KIND);
	add_int(b, m->firm);
	add_int(b, m->matters_stamp);
	add_int(b, m->users_stamp);
	add_int(b, m->more);
	add_int(b, (int64_t)m->n);
	for (i = 0; i < m->n; i++) {
		r = &m->rows[i];
		add_int(b, r->id);
		add_int(b, r->opened);
		add_str(b, r->number);
		add_str(b, r->description);
		add_str(b, r->status);
		add_str(b, r->client);
		add_str(b, r->responsible);
	}
}

int
vl_pf_matters_decode(struct vl_pool *pool, const char *data, size_t len, struct vl_pf_matters *m,
    struct vl_matter_rec **rows)
{
	struct reader	 r;
	struct vl_matter_rec	*row, *list;
	const char		*kind;
	int64_t			 n, more;
	size_t			 i;

	memset(m, 0, sizeof(*m));
	*rows = NULL;
	reader_init(&r, data, len);
	kind = read_str(&r, pool);
	if (kind == NULL || strcmp(kind, MATTERS_KIND) != 0)
		return 0;
	m->firm = read_int(&r);
	m->matters_stamp = read_int(&r);
	m->users_stamp = read_int(&r);
	more = read_int(&r);
	n = read_int(&r);
	/* The flag checked before it is narrowed: 4294967297 is no 1. */
	if (r.bad || n < 0 || n > VL_PAGE_ROWS || (more != 0 && more != 1))
		goto bad;
	m->more = (int)more;
	list = vl_pool_calloc(pool, (size_t)n + 1, sizeof(*list));
	for (i = 0; i < (size_t)n && !r.bad; i++) {
		row = &list[i];
		row->id = read_int(&r);
		row->opened = read_int(&r);
		row->number = read_str(&r, pool);
		row->description = read_str(&r, pool);
		row->status = read_str(&r, pool);
		row->client = read_str(&r, pool);
		row->responsible = read_str(&r, pool);
	}
	if (!read_done(&r))
		goto bad;
	m->rows = *rows = list;
	m->n = (size_t)n;
	return 1;
bad:
	memset(m, 0, sizeof(*m));
	return 0;
}

void
vl_pf_users_encode(struct vl_buf *b, const struct vl_pf_users *u)
{
	size_t	 i;

	add_str(b, USERS_KIND);
	add_int(b, u->firm);
	add_int(b, u->users_stamp);
	add_int(b, (int64_t)u->n);
	for (i = 0; i < u->n; i++) {
		add_int(b, u->list[i].id);
		add_str(b, u->list[i].name);
	}
}

int
vl_pf_users_decode(struct vl_pool *pool, const char *data, size_t len, struct vl_pf_users *u)
{
	struct reader	 r;
	const char		*kind;
	int64_t			 n;
	size_t			 i;

	memset(u, 0, sizeof(*u));
	reader_init(&r, data, len);
	kind = read_str(&r, pool);
	if (kind == NULL || strcmp(kind, USERS_KIND) != 0)
		return 0;
	u->firm = read_int(&r);
	u->users_stamp = read_int(&r);
	n = read_int(&r);
	/* Each user takes at least seven bytes ("1:5," and "0:,"): a count
	 * the file cannot hold is refused before anything is allocated. */
	if (r.bad || n < 0 || n > USERS_MAX || (size_t)n > len / 7)
		goto bad;
	u->list = vl_pool_calloc(pool, (size_t)n + 1, sizeof(*u->list));
	for (i = 0; i < (size_t)n && !r.bad; i++) {
		u->list[i].id = read_int(&r);
		u->list[i].name = read_str(&r, pool);
	}
	if (!read_done(&r))
		goto bad;
	u->n = (size_t)n;
	return 1;
bad:
	memset(u, 0, sizeof(*u));
	return 0;
}
