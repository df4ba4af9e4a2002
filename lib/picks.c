/*
 * Pickers without a statement a view (issue 13).  The users picker of the
 * matters page changes rarely (a colleague joins) and is read on every
 * view; a process keeps one copy, for one firm, with the firm's
 * users_stamp it was read under.  The session statement reads that stamp
 * with the firm on every request, and triggers (sql/023_perf.sql) move it
 * on every change to the firm's users, so the copy is used only while it
 * is still the database's answer.  Memory: one firm's users, a few KB.
 * Under plain CGI the copy is a file (lib/pagefile.c), checked the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "internal.h"
#include "picks.h"
#include "pagefile.h"

static struct {
	int64_t		 firm, stamp;
	struct vl_pick	*list;
	size_t		 n;
} copy;

void
vl_picks_forget(void)
{
	size_t	 i;

	for (i = 0; i < copy.n; i++)
		free(copy.list[i].name);
	free(copy.list);
	memset(&copy, 0, sizeof(copy));
}

/* vl_picks_users under plain CGI: the file's copy, or read and kept. */
static enum vl_rc
users_file(struct vl_ctx *c, struct vl_pick **out, size_t *n)
{
	struct vl_pf_users	 u;
	struct vl_buf		 b = VL_BUF_INIT;
	const char		*data;
	size_t			 len;
	enum vl_rc		 rc;

	if (c->users_stamp != 0 && (data = vl_pf_load(c->pool, "users", &len)) != NULL &&
	    vl_pf_users_decode(c->pool, data, len, &u) && u.firm == c->firm_id &&
	    u.users_stamp == c->users_stamp) {
		*out = u.list;
		*n = u.n;
		return VL_OK;
	}
	if ((rc = vl_pick_users(c, out, n)) != VL_OK || c->users_stamp == 0)
		return rc;
	u.firm = c->firm_id;
	u.users_stamp = c->users_stamp;
	u.list = *out;
	u.n = *n;
	vl_pf_users_encode(&b, &u);
	vl_pf_save("users", &b);
	vl_buf_release(&b);
	return VL_OK;
}

enum vl_rc
vl_picks_users(struct vl_ctx *c, struct vl_pick **out, size_t *n)
{
	struct vl_pick	*list;
	size_t		 i;
	enum vl_rc	 rc;

	*out = NULL;
	*n = 0;
	if (vl_db_is_once())
		return users_file(c, out, n);
	if (c->users_stamp == 0 || copy.firm != c->firm_id || copy.stamp != c->users_stamp) {
		if ((rc = vl_pick_users(c, &list, n)) != VL_OK || c->users_stamp == 0) {
			*out = list;
			return rc;
		}
		vl_picks_forget();
		copy.list = vl_xcalloc(*n ? *n : 1, sizeof(*copy.list));
		for (i = 0; i < *n; i++) {
			copy.list[i].id = list[i].id;
			copy.list[i].name = vl_xstrdup(list[i].name ? list[i].name : "");
		}
		copy.n = *n;
		copy.firm = c->firm_id;
		copy.stamp = c->users_stamp;
		*out = list;
		return VL_OK;
	}
	/* The caller may keep what it gets for the request: a pool copy. */
	list = vl_pool_calloc(c->pool, copy.n ? copy.n : 1, sizeof(*list));
	for (i = 0; i < copy.n; i++) {
		list[i].id = copy.list[i].id;
		list[i].name = vl_pool_strdup(c->pool, copy.list[i].name);
	}
	*out = list;
	*n = copy.n;
	return VL_OK;
}

enum vl_rc
vl_picks_contact_name(struct vl_ctx *c, int64_t id, char **name)
{
	*name = NULL;
	return vl_db_row(c->pool, STMT_PERF_CONTACT_NAME, "ii", "s", c->firm_id, id, name);
}

/* Appends one to a pool array grown by doubling (elements of size sz). */
static void *
grow(struct vl_ctx *c, void *list, size_t n, size_t *cap, size_t sz)
{
	void	*bigger;

	if (n < *cap)
		return list;
	*cap = *cap ? *cap * 2 : 16;
	bigger = vl_pool_calloc(c->pool, *cap, sz);
	if (n > 0)
		memcpy(bigger, list, n * sz);
	return bigger;
}

enum vl_rc
vl_picks_portal_people(struct vl_ctx *c, int64_t portal, struct vl_portal_people *pp)
{
	struct vl_portal_person	*p = NULL;
	struct vl_rows		*rows;
	int64_t			 id, active, login;
	char			*name, *addr;
	size_t			 capin = 0, capaddr = 0;
	int			 got;

	memset(pp, 0, sizeof(*pp));
	if (vl_db_query(c->pool, STMT_PERF_PORTAL_PEOPLE, &rows, "ii", portal, c->firm_id) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "isiis", &id, &name, &active, &login, &addr)) > 0) {
		/* A participant comes as one row an address, in a run. */
		if (p == NULL || p->id != id) {
			pp->in = grow(c, pp->in, pp->nin, &capin, sizeof(*pp->in));
			p = &pp->in[pp->nin++];
			p->id = id;
			p->name = name;
			p->active = active != 0;
			capaddr = 0;
		}
		if (addr == NULL)
			continue;
		if (p->naddr == capaddr) {
			size_t cap = capaddr;	/* both arrays grow alike */
			p->addr = grow(c, p->addr, p->naddr, &cap, sizeof(*p->addr));
			p->login = grow(c, p->login, p->naddr, &capaddr, sizeof(*p->login));
		}
		p->login[p->naddr] = login != 0;
		p->addr[p->naddr++] = addr;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_picks_portal_candidates(struct vl_ctx *c, int64_t portal, const char *q, size_t max,
    struct vl_portal_candidate **list, size_t *n, int *more)
{
	struct vl_rows	*rows;
	int64_t		 id;
	char		*name, *email;
	int		 got;

	*list = NULL;
	*n = 0;
	*more = 0;
	if (q == NULL || *q == '\0' || max == 0)
		return VL_OK;
	*list = vl_pool_calloc(c->pool, max, sizeof(**list));
	if (vl_db_query(c->pool, STMT_PERF_PORTAL_CANDIDATES, &rows, "issii", c->firm_id,
	    vl_like_contains(c->pool, q, 0), vl_like_contains(c->pool, q, 1), portal,
	    (int64_t)max + 1) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "iss", &id, &name, &email)) > 0) {
		if (*n == max) {
			*more = 1;
			continue;
		}
		(*list)[*n].id = id;
		(*list)[*n].name = name;
		(*list)[(*n)++].email = email;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_picks_attachable(struct vl_ctx *c, int64_t matter, struct vl_pick **docs, size_t *nd,
    struct vl_pick **folders, size_t *nf)
{
	struct vl_rows	*rows;
	struct vl_pick	*p;
	int64_t		 kind, id;
	char		*name;
	size_t		 capd = 0, capf = 0;
	int		 got;

	*docs = *folders = NULL;
	*nd = *nf = 0;
	if (vl_db_query(c->pool, STMT_PERF_ATTACHABLE, &rows, "iiiiii", c->firm_id, matter,
	    c->firm_id, matter, c->firm_id, matter) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "iis", &kind, &id, &name)) > 0) {
		if (kind == 0) {
			*docs = grow(c, *docs, *nd, &capd, sizeof(**docs));
			p = &(*docs)[(*nd)++];
		} else {
			*folders = grow(c, *folders, *nf, &capf, sizeof(**folders));
			p = &(*folders)[(*nf)++];
		}
		p->id = id;
		p->name = name;
	}
	return got < 0 ? VL_ERR : VL_OK;
}
