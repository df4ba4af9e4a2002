/*
 * Tasks of a matter: see task.h.
 *
 * A task's share is a row of shares like every portal record's (rshare.c):
 * saving a task with "Share via client portal" ticked or not shares or
 * unshares it in the transaction that saves it, so a client's very next
 * request sees the change.  A client marks a task done only through one
 * statement that itself checks the firm allows it on that task, after
 * vl_rshare_client_may: nothing else of a task is the client's to change.
 */
#include <stdio.h>
#include <string.h>

#include "task.h"
#include "audit.h"
#include "listing.h"
#include "matter.h"
#include "recsave.h"
#include "rshare.h"

const char *const vl_task_prios[VL_PRIO__MAX] = { "low", "normal", "high" };
const char *const vl_task_dues[VL_DUE__MAX] = { "", "overdue", "week", "later" };

enum vl_task_prio
vl_task_prio_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < VL_PRIO__MAX; i++)
		if (strcmp(name, vl_task_prios[i]) == 0)
			return (enum vl_task_prio)i;
	return VL_PRIO__MAX;
}

enum vl_task_due
vl_task_due_of(const char *name)
{
	int	 i;

	if (name == NULL || *name == '\0')
		return VL_DUE_ANY;
	for (i = 1; i < VL_DUE__MAX; i++)
		if (strcmp(name, vl_task_dues[i]) == 0)
			return (enum vl_task_due)i;
	return VL_DUE__MAX;
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's
 * algorithms, proleptic Gregorian, exact for the years allowed). */
static int64_t
days_of(int64_t y, int64_t m, int64_t d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The day z as "YYYY-MM-DD"; days past 9999-12-31 are that day (the
 * calendar of the forms ends there). */
static void
civil_of(int64_t z, char out[11])
{
	int64_t	 era, doe, yoe, y, doy, mp, d, m;

	if (z > days_of(9999, 12, 31)) {
		memcpy(out, "9999-12-31", 11);
		return;
	}
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000), (unsigned)(m % 100),
	    (unsigned)(d % 100));
}

int
vl_task_due_range(enum vl_task_due due, const char *today, char from[11], char to[11])
{
	int64_t	 z, sunday;

	if (!vl_date_valid(today) || due <= VL_DUE_ANY || due >= VL_DUE__MAX)
		return 0;
	z = days_of((today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
	    (today[3] - '0'), (today[5] - '0') * 10 + (today[6] - '0'),
	    (today[8] - '0') * 10 + (today[9] - '0'));
	/* 1970-01-01 was a Thursday: weekday 0 is Monday. */
	sunday = z + (6 - ((z + 3) % 7 + 7) % 7);
	switch (due) {
	case VL_DUE_OVERDUE:
		memcpy(from, "1900-01-01", 11);
		civil_of(z - 1, to);
		break;
	case VL_DUE_WEEK:
		civil_of(z, from);
		civil_of(sunday, to);
		break;
	default:
		civil_of(sunday + 1, from);
		memcpy(to, "9999-12-31", 11);
		break;
	}
	return 1;
}

/* The typed task checked into fe. */
static void
check_in(const struct vl_task_in *in, struct vl_ferr *fe)
{
	if (in->title == NULL || *in->title == '\0')
		vl_ferr_add(fe, "title", "missing");
	else if (strlen(in->title) > VL_TASK_TITLE_MAX)
		vl_ferr_add(fe, "title", "long");
	if (in->description == NULL)
		vl_ferr_add(fe, "description", "invalid");
	else if (strlen(in->description) > VL_TASK_DESC_MAX)
		vl_ferr_add(fe, "description", "long");
	if (in->due != NULL && *in->due != '\0' && !vl_date_valid(in->due))
		vl_ferr_add(fe, "due", "invalid");
	if (vl_task_prio_of(in->priority) == VL_PRIO__MAX)
		vl_ferr_add(fe, "priority", "invalid");
}

enum vl_rc
vl_task_save(struct vl_ctx *c, int64_t matter, int64_t id, const struct vl_task_in *in,
    int64_t *out, struct vl_ferr *fe)
{
	struct vl_matter	 m;
	struct vl_task		 old;
	uint64_t		 newid = 0, n = 1;
	char			*name;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(c, matter, &m)) != VL_OK)
		return rc;
	if (id != 0 && (rc = vl_task_get(c, matter, id, &old)) != VL_OK)
		return rc;
	check_in(in, fe);
	if (fe->n > 0)
		return VL_INVALID;
	/* An assignee no picker offers (another firm's user) is "not found",
	 * as an id of another firm is everywhere. */
	if (in->assignee < 0 || (in->assignee > 0 && (rc = vl_db_row(c->pool, STMT_USER_OF_FIRM,
	    "ii", "s", c->firm_id, in->assignee, &name)) != VL_OK))
		return in->assignee < 0 ? VL_DECLINED : rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (id == 0) {
		rc = vl_db_exec(STMT_TASK_INSERT, NULL, &newid, "iisssisii", c->firm_id, matter,
		    in->title, in->description, in->due ? in->due : "", in->assignee, in->priority,
		    (int64_t)(in->client_done != 0), c->user_id);
		id = (int64_t)newid;
	} else	/* updated_at always changes: no row means deleted meanwhile. */
		rc = vl_db_exec(STMT_TASK_UPDATE, &n, NULL, "sssisiiii", in->title,
		    in->description, in->due ? in->due : "", in->assignee, in->priority,
		    (int64_t)(in->client_done != 0), c->firm_id, matter, id);
	if ((rc = vl_recsave_end(c, &m, VL_REC_TASK, id, newid != 0, rc, n, in->share,
	    in->title, fe)) == VL_OK)
		*out = id;
	return rc;
}

enum vl_rc
vl_task_set_done(struct vl_ctx *c, int64_t matter, int64_t id, int done, int *changed)
{
	struct vl_task	 t;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	*changed = 0;
	if (c->user_id == 0)
		return VL_FORBIDDEN;
	if ((rc = vl_task_get(c, matter, id, &t)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = done ? vl_db_exec(STMT_TASK_DONE_USER, &n, NULL, "iiii", c->user_id, c->firm_id,
	    matter, id) : vl_db_exec(STMT_TASK_UNDONE, &n, NULL, "iii", c->firm_id, matter, id);
	if (rc == VL_OK && n > 0)
		vl_audit_in(c, matter, done ? "task_done" : "task_reopened", "task", id);
	if (rc == VL_OK)
		rc = vl_db_commit();
	else
		vl_db_rollback();
	*changed = rc == VL_OK && n > 0;
	return rc;
}

enum vl_rc
vl_task_delete(struct vl_ctx *c, int64_t matter, int64_t id)
{
	struct vl_matter	 m;
	struct vl_task		 t;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(c, matter, &m)) != VL_OK ||
	    (rc = vl_task_get(c, matter, id, &t)) != VL_OK)
		return rc;
	return vl_recsave_delete(c, &m, VL_REC_TASK, id, t.title, STMT_TASK_DELETE);
}

enum vl_rc
vl_task_get(struct vl_ctx *c, int64_t matter, int64_t id, struct vl_task *t)
{
	int64_t		 may, by_client;
	enum vl_rc	 rc;

	memset(t, 0, sizeof(*t));
	t->id = id;
	t->matter = matter;
	if ((rc = vl_db_row(c->pool, STMT_TASK_GET, "iii", "ssiissiisi", c->firm_id, matter, id,
	    &t->title, &t->description, &t->due, &t->assignee, &t->assignee_name, &t->priority,
	    &may, &t->done_at, &t->done_by, &by_client)) != VL_OK)
		return rc;
	t->client_may_done = may != 0;
	t->done_by_client = by_client != 0;
	return VL_OK;
}

/* The range of due filter name for the acting firm's today: *key "" and
 * the whole calendar for none.  0 for a name that is not a filter. */
static int
due_range(struct vl_ctx *c, const char *name, const char **key, char from[11], char to[11])
{
	enum vl_task_due	 d = vl_task_due_of(name);
	char			 today[11];

	memcpy(from, "1900-01-01", 11);
	memcpy(to, "9999-12-31", 11);
	*key = "";
	if (d == VL_DUE__MAX)
		return 0;
	if (d == VL_DUE_ANY)
		return 1;
	vl_date_today(c, today);
	*key = vl_task_dues[d];
	return vl_task_due_range(d, today, from, to);
}

/* Room for a page and one more row (which only says a next page exists). */
static struct vl_task *
page_rows(struct vl_ctx *c)
{
	return vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(struct vl_task));
}

enum vl_rc
vl_task_find(struct vl_ctx *c, int64_t matter, const struct vl_task_filter *f,
    struct vl_task **out, size_t *n, int *more)
{
	struct vl_rows	*rows;
	struct vl_task	*list, *t;
	const char	*show = f->show && *f->show ? f->show : "open", *key;
	char		 from[11], to[11];
	int64_t		 may;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	if ((strcmp(show, "open") != 0 && strcmp(show, "done") != 0 && strcmp(show, "all") != 0) ||
	    f->assignee < 0 || !due_range(c, f->due, &key, from, to))
		return VL_INVALID;
	list = page_rows(c);
	if ((rc = vl_db_query(c->pool, STMT_TASKS_FIND, &rows, "iissiisssii", c->firm_id, matter,
	    show, show, f->assignee, f->assignee, key, from, to, (int64_t)VL_PAGE_ROWS + 1,
	    vl_page_offset(f->page))) != VL_OK)
		return rc;
	for (;;) {
		t = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "ississisi", &t->id, &t->title, &t->description, &t->due,
		    &t->assignee_name, &t->priority, &t->done_at, &t->done_by, &may)) <= 0)
			break;
		t->matter = matter;
		t->client_may_done = may != 0;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_task_mine(struct vl_ctx *c, const char *due, int64_t page, struct vl_task **out, size_t *n,
    int *more)
{
	struct vl_rows	*rows;
	struct vl_task	*list, *t;
	const char	*key;
	char		 from[11], to[11];
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	if (c->user_id == 0)
		return VL_FORBIDDEN;
	if (!due_range(c, due, &key, from, to))
		return VL_INVALID;
	list = page_rows(c);
	if ((rc = vl_db_query(c->pool, STMT_TASKS_MINE, &rows, "iisssii", c->firm_id, c->user_id,
	    key, from, to, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		t = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "iissis", &t->id, &t->matter, &t->matter_number,
		    &t->title, &t->due, &t->priority)) <= 0)
			break;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_task_client_list(struct vl_ctx *c, const struct vl_client_portal *p, int64_t page,
    struct vl_task **out, size_t *n, int *more)
{
	struct vl_rows	*rows;
	struct vl_task	*list, *t;
	int64_t		 may;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	if (c->contact_id == 0 || !p->perm[VL_PERM_TASKS])
		return VL_DECLINED;
	list = page_rows(c);
	if ((rc = vl_db_query(c->pool, STMT_TASKS_CLIENT, &rows, "iiiii", c->firm_id, p->matter,
	    p->portal, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		t = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "issisisi", &t->id, &t->title, &t->description, &t->due,
		    &t->priority, &t->done_at, &t->done_by, &may)) <= 0)
			break;
		t->matter = p->matter;
		t->client_may_done = may != 0;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_task_client_read(struct vl_ctx *c, const struct vl_client_portal *p, const struct vl_task *t,
    size_t n, int read)
{
	enum vl_rc	 rc = VL_OK;
	size_t		 i;

	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_rshare_read(c, p->portal, VL_REC_TASK, t[i].id, t[i].title, read);
	return rc;
}

enum vl_rc
vl_task_client_done(struct vl_ctx *c, int64_t matter, int64_t id, int *changed)
{
	struct vl_client_portal	 p;
	struct vl_task		 t;
	uint64_t		 n = 0;
	enum vl_rc		 rc;

	*changed = 0;
	if ((rc = vl_rshare_client_may(c, matter, VL_REC_TASK, id, &p)) != VL_OK)
		return rc;
	if ((rc = vl_task_get(c, matter, id, &t)) != VL_OK)
		return rc;
	if (!t.client_may_done)
		return VL_FORBIDDEN;
	if (t.done_at != 0)
		return VL_OK;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_exec(STMT_TASK_DONE_CLIENT, &n, NULL, "iiii", c->contact_id, c->firm_id, matter,
	    id);
	/* The firm took the permission back, or another click won: only the
	 * statement's own check counts. */
	if (rc == VL_OK && n == 0) {
		vl_db_rollback();
		if ((rc = vl_task_get(c, matter, id, &t)) != VL_OK)
			return rc;
		return t.client_may_done ? VL_OK : VL_FORBIDDEN;
	}
	if (rc == VL_OK)
		rc = vl_portal_tell_firm(c, p.portal, matter, p.number,
		    vl_pool_printf(c->pool, "word that a task is done: %s", t.title), NULL);
	if (rc == VL_OK) {
		vl_audit_in(c, matter, "client_task_done", "task", id);
		rc = vl_db_commit();
	} else
		vl_db_rollback();
	*changed = rc == VL_OK;
	return rc;
}
