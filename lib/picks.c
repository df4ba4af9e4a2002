/*
 * Pickers without a statement a view (issue 13).  The users picker of the
 * matters page changes rarely (a colleague joins) and is read on every
 * view; a process keeps one copy, for one firm, with the firm's
 * users_stamp it was read under.  The session statement reads that stamp
 * with the firm on every request, and triggers (sql/023_perf.sql) move it
 * on every change to the firm's users, so the copy is used only while it
 * is still the database's answer.  Memory: one firm's users, a few KB.
 */
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "picks.h"

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

enum vl_rc
vl_picks_users(struct vl_ctx *c, struct vl_pick **out, size_t *n)
{
	struct vl_pick	*list;
	size_t		 i;
	enum vl_rc	 rc;

	*out = NULL;
	*n = 0;
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
