/*
 * One sharing rule for every kind of record a portal shows besides
 * documents (SPEC F-A8): calendar events, tasks, notes, intake forms and
 * bills.  They share the shares table with documents and folders, so the
 * firm's "Shared" mark, the client's access, read receipts, portal events
 * and notifications work alike for all: a client opens a record only while
 * it has a live share in the matter's portal, the portal's permission for
 * its kind is on, and the client takes part.  Each kind's module calls
 * vl_rshare_set inside the transaction that saves the record, and its
 * client pages start with vl_rshare_client_may (or, for lists, the
 * VL_SHARED_LIVE condition in their statement).
 */
#include <string.h>

#include "vellum.h"
#include "event.h"
#include "matter.h"
#include "portal.h"
#include "rshare.h"

const char *const vl_record_kinds[VL_REC__MAX] = {
	"event", "task", "note", "form", "bill",
};

static const enum vl_portal_perm record_perms[VL_REC__MAX] = {
	[VL_REC_EVENT] = VL_PERM_CALENDAR,
	[VL_REC_TASK] = VL_PERM_TASKS,
	[VL_REC_NOTE] = VL_PERM_NOTES,
	[VL_REC_FORM] = VL_PERM_FORMS,
	[VL_REC_BILL] = VL_PERM_BILLS,
};

/* What the clients' notification calls a newly shared record. */
static const char *const record_what[VL_REC__MAX] = {
	"a calendar event", "a task", "a note", "a form to fill in", "a bill",
};

enum vl_portal_perm
vl_record_perm(enum vl_record_kind kind)
{
	return (unsigned)kind < VL_REC__MAX ? record_perms[kind] : VL_PERM__MAX;
}

enum vl_rc
vl_rshare_set(struct vl_ctx *c, const struct vl_matter *m, enum vl_record_kind kind, int64_t id,
    int on, const char *title, int *changed)
{
	const char	*name, *detail;
	int64_t		 portal, live = 0;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if (changed != NULL)
		*changed = 0;
	if ((unsigned)kind >= VL_REC__MAX || !vl_db_in_tx())
		return VL_ERR;
	name = vl_record_kinds[kind];
	rc = vl_db_row(c->pool, STMT_RSHARE_PORTAL_LOCK, "ii", "i", c->firm_id, m->id, &portal);
	if (rc == VL_DECLINED)
		return on ? VL_CONFLICT : VL_OK;
	if (rc != VL_OK)
		return rc;
	detail = vl_pool_printf(c->pool, ": %s", title != NULL ? title : "");
	if (!on) {
		rc = vl_db_exec(STMT_RSHARE_END, &n, NULL, "iisi", c->firm_id, portal, name, id);
		if (rc == VL_OK && n > 0)
			rc = vl_portal_event(c->firm_id, portal, VL_EV_UNSHARED, 0, detail);
	} else {
		rc = vl_db_row(c->pool, STMT_RSHARE_LIVE, "iisi", "i", c->firm_id, portal, name, id,
		    &live);
		if (rc == VL_OK && live == 0)
			rc = vl_db_exec(STMT_RSHARE_INSERT, &n, NULL, "iisii", c->firm_id, portal, name,
			    id, c->user_id);
		if (rc == VL_OK && n > 0)
			rc = vl_portal_event(c->firm_id, portal, VL_EV_SHARED, 0, detail);
		if (rc == VL_OK && n > 0)
			rc = vl_portal_tell_clients(c, portal, m->id, m->number, record_perms[kind],
			    record_what[kind], 0, NULL);
	}
	if (rc == VL_OK && changed != NULL)
		*changed = n > 0;
	return rc;
}

int
vl_rshare_is_shared(struct vl_ctx *c, int64_t matter, enum vl_record_kind kind, int64_t id)
{
	int64_t	 n = 0;

	if ((unsigned)kind >= VL_REC__MAX || vl_db_row(c->pool, STMT_RSHARE_IS_SHARED, "iisi", "i",
	    c->firm_id, matter, vl_record_kinds[kind], id, &n) != VL_OK)
		return -1;
	return n > 0;
}

enum vl_rc
vl_rshare_client_may(struct vl_ctx *c, int64_t matter, enum vl_record_kind kind, int64_t id,
    struct vl_client_portal *p)
{
	int64_t		 perm[VL_PERM__MAX];
	enum vl_rc	 rc;
	size_t		 i;

	memset(p, 0, sizeof(*p));
	if (c->contact_id == 0 || (unsigned)kind >= VL_REC__MAX)
		return VL_DECLINED;
	rc = vl_db_row(c->pool, STMT_RSHARE_CLIENT_MAY, "iiiisi", "issiiiiiii", c->firm_id,
	    c->contact_id, matter, c->firm_id, vl_record_kinds[kind], id, &p->portal, &p->number,
	    &p->description, &perm[0], &perm[1], &perm[2], &perm[3], &perm[4], &perm[5], &perm[6]);
	if (rc != VL_OK)
		return rc;
	p->matter = matter;
	for (i = 0; i < VL_PERM__MAX; i++)
		p->perm[i] = perm[i] != 0;
	return p->perm[record_perms[kind]] ? VL_OK : VL_DECLINED;
}

enum vl_rc
vl_rshare_read(struct vl_ctx *c, int64_t portal, enum vl_record_kind kind, int64_t id,
    const char *title, int read)
{
	uint64_t	 fresh = 0;
	enum vl_rc	 rc;

	if (c->contact_id == 0 || (unsigned)kind >= VL_REC__MAX)
		return VL_FORBIDDEN;
	if (!read)
		return VL_OK;
	if ((rc = vl_db_exec(STMT_READ_INSERT, &fresh, NULL, "iiisi", c->firm_id, portal,
	    c->contact_id, vl_record_kinds[kind], id)) != VL_OK)
		return rc;
	/* Only the first open is an event for the firm. */
	if (fresh != 0)
		rc = vl_portal_event(c->firm_id, portal, VL_EV_READ_ITEM, c->contact_id,
		    vl_pool_printf(c->pool, ": %s %s", vl_record_kinds[kind],
		    title != NULL ? title : ""));
	return rc;
}

int64_t
vl_rshare_first_read(struct vl_ctx *c, int64_t matter, enum vl_record_kind kind, int64_t id)
{
	int64_t	 when = 0;

	if ((unsigned)kind >= VL_REC__MAX || vl_db_row(c->pool, STMT_RSHARE_FIRST_READ, "iisi", "i",
	    c->firm_id, matter, vl_record_kinds[kind], id, &when) != VL_OK)
		return -1;
	return when;
}
