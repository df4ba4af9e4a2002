/*
 * The matters list's first page without its joins on every view (issue
 * 13).  The page as it opens (no filter, no search, first page) is the
 * firm's most read list, and it changes rarely.  A process keeps one copy
 * a sort, for one firm each, with the firm's matters_stamp and users_stamp
 * it was read under.  The session statement reads both stamps with the
 * firm on every request (SESS_LOAD); triggers (sql/023_perf.sql,
 * sql/028_matters_stamp.sql) move them on every change the list shows, in
 * the writer's own transaction, so a copy is used only while it is still
 * the database's answer.
 *
 * A copy is kept under stamps read no later than its rows: rows newer
 * than their stamps only cost a needless read, never a stale page.
 * Memory: at most four pages of 51 rows, a few tens of KB.  Under plain
 * CGI, where a process serves one request, the copies are files instead
 * (lib/pagefile.c), checked the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"
#include "matterscopy.h"
#include "pagefile.h"

struct copy {
	int64_t			 firm, matters_stamp, users_stamp;
	struct vl_matter_rec	*rows;
	size_t			 n;
	int			 more;
};

static struct copy copies[VL_MSORT__MAX];

int
vl_matters_copy_fits(const struct vl_matter_filter *f)
{
	return (f->status == NULL || *f->status == '\0') && f->client == 0 &&
	    f->responsible == 0 && (f->q == NULL || *f->q == '\0') && f->page <= 1 &&
	    (unsigned)f->sort < VL_MSORT__MAX;
}

/* Plain CGI's file of a sort's copy. */
static const char *
file_of(enum vl_matter_sort sort)
{
	static char	 name[32];

	snprintf(name, sizeof(name), "matters-%d", (int)sort);
	return name;
}

int
vl_matters_copy_held(enum vl_matter_sort sort)
{
	if ((unsigned)sort >= VL_MSORT__MAX)
		return 0;
	return vl_db_is_once() ? vl_pf_exists(file_of(sort)) : copies[sort].firm != 0;
}

static void
drop(struct copy *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++) {
		free(k->rows[i].number);
		free(k->rows[i].description);
		free(k->rows[i].status);
		free(k->rows[i].client);
		free(k->rows[i].responsible);
	}
	free(k->rows);
	memset(k, 0, sizeof(*k));
}

/* The fields the list shows, into strdup (the copy) or the pool (a page). */
static char *
dup_in(struct vl_pool *pool, const char *s)
{
	if (s == NULL)
		s = "";
	return pool != NULL ? vl_pool_strdup(pool, s) : vl_xstrdup(s);
}

static void
row_copy(struct vl_pool *pool, struct vl_matter_rec *to, const struct vl_matter_rec *from)
{
	memset(to, 0, sizeof(*to));
	to->id = from->id;
	to->opened = from->opened;
	to->number = dup_in(pool, from->number);
	to->description = dup_in(pool, from->description);
	to->status = dup_in(pool, from->status);
	to->client = dup_in(pool, from->client);
	to->responsible = dup_in(pool, from->responsible);
}

/* vl_matters_copy_get from plain CGI's file. */
static int
file_get(struct vl_pool *pool, int64_t firm, enum vl_matter_sort sort, int64_t matters_stamp,
    int64_t users_stamp, struct vl_matter_rec **rows, size_t *n, int *more)
{
	struct vl_pf_matters	 m;
	const char		*data;
	size_t			 len;

	if (firm == 0 || matters_stamp == 0 || users_stamp == 0 ||
	    (data = vl_pf_load(pool, file_of(sort), &len)) == NULL ||
	    !vl_pf_matters_decode(pool, data, len, &m, rows) || m.firm != firm ||
	    m.matters_stamp != matters_stamp || m.users_stamp != users_stamp)
		return 0;
	*n = m.n;
	*more = m.more;
	return 1;
}

int
vl_matters_copy_get(struct vl_pool *pool, int64_t firm, enum vl_matter_sort sort,
    int64_t matters_stamp, int64_t users_stamp, struct vl_matter_rec **rows, size_t *n,
    int *more)
{
	const struct copy	*k;
	struct vl_matter_rec	*list;
	size_t			 i;

	if ((unsigned)sort >= VL_MSORT__MAX)
		return 0;
	if (vl_db_is_once())
		return file_get(pool, firm, sort, matters_stamp, users_stamp, rows, n, more);
	k = &copies[sort];
	if (firm == 0 || matters_stamp == 0 || users_stamp == 0 || k->firm != firm ||
	    k->matters_stamp != matters_stamp || k->users_stamp != users_stamp)
		return 0;
	/* The caller keeps what it gets for the request: a pool copy. */
	list = vl_pool_calloc(pool, k->n + 1, sizeof(*list));
	for (i = 0; i < k->n; i++)
		row_copy(pool, &list[i], &k->rows[i]);
	*rows = list;
	*n = k->n;
	*more = k->more;
	return 1;
}

void
vl_matters_copy_put(int64_t firm, enum vl_matter_sort sort, int64_t matters_stamp,
    int64_t users_stamp, const struct vl_matter_rec *rows, size_t n, int more)
{
	struct copy	*k;
	size_t		 i;

	if ((unsigned)sort >= VL_MSORT__MAX || firm == 0 || matters_stamp == 0 || users_stamp == 0)
		return;
	if (vl_db_is_once()) {
		struct vl_pf_matters	 m = { firm, matters_stamp, users_stamp, rows, n, more };
		struct vl_buf		 b = VL_BUF_INIT;

		vl_pf_matters_encode(&b, &m);
		vl_pf_save(file_of(sort), &b);
		vl_buf_release(&b);
		return;
	}
	k = &copies[sort];
	drop(k);
	k->rows = vl_xcalloc(n ? n : 1, sizeof(*k->rows));
	for (i = 0; i < n; i++)
		row_copy(NULL, &k->rows[i], &rows[i]);
	k->n = n;
	k->more = more;
	k->firm = firm;
	k->matters_stamp = matters_stamp;
	k->users_stamp = users_stamp;
}
