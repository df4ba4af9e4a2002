/*
 * A matter's Tasks subtab (F-A8): /matters/<id>/tasks with
 * ?show=open|done|all&assignee=N&due=overdue|week|later&page=N in the URL,
 * 50 a page, open tasks first by due day.  Each row says who marked it
 * done and when, and whether it is shared through the portal and viewed.
 */
#include <string.h>

#include "vellum.h"
#include "listing.h"
#include "matter.h"
#include "matters.h"
#include "recmark.h"
#include "note.h"
#include "task.h"
#include "tz.h"

enum field { F_SHOW, F_ASSIGNEE, F_DUE, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "show", VL_V_LINE, 8 },
	{ "assignee", VL_V_INT, 20 },
	{ "due", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "saved", "deleted", "done", "reopened" };

#define VAL(f)	(r->fields[f].val && *r->fields[f].val ? r->fields[f].val : NULL)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* One task's row of the list. */
static enum vl_rc
row(struct vl_req *r, struct vl_tpl *d, const struct vl_task *t, const char *today)
{
	struct vl_tpl	*s = vl_tpl_section(d, "TASK");
	const char	*due;

	vl_tpl_set_int(s, "ID", t->id);
	vl_tpl_set(s, "TITLE", t->title);
	if (t->description != NULL && *t->description != '\0')
		vl_tpl_show(s, "HAS_DESCRIPTION");
	vl_text_show(r->pool, s, "DESC", t->description);
	vl_tpl_set(s, "ASSIGNEE", t->assignee_name);
	vl_tpl_show(s, vl_task_prio_of(t->priority) == VL_PRIO_HIGH ? "HIGH" :
	    vl_task_prio_of(t->priority) == VL_PRIO_LOW ? "LOW" : "NORMAL");
	if (t->due >= 0) {
		due = vl_date_iso(r->pool, t->due);
		vl_tpl_set(s, "DUE", due);
		if (t->done_at == 0 && strcmp(due, today) < 0)
			vl_tpl_show(s, "OVERDUE");
	}
	if (t->done_at != 0) {
		struct vl_tpl *dn = vl_tpl_section(s, "DONE");
		vl_tpl_set(dn, "DONE_BY", t->done_by);
		vl_tpl_set(dn, "DONE_WHEN", vl_tz_when(r->ctx, t->done_at));
	} else
		vl_tpl_show(s, "OPEN");
	if (t->client_may_done)
		vl_tpl_show(s, "CLIENT_MAY");
	return vl_recmark_show(r->ctx, s, t->matter, VL_REC_TASK, t->id);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_task_filter	 f = { VAL(F_SHOW), NUM(F_ASSIGNEE), VAL(F_DUE),
	    r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1 };
	struct vl_task		*t;
	struct vl_pick		*users;
	struct vl_matter	 m;
	struct vl_buf		 q = VL_BUF_INIT;
	struct vl_tpl		*d;
	const char		*show = f.show ? f.show : "open";
	char			 today[11];
	size_t			 n, nu, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	/* A filter that is not one (a typed URL) shows the error page. */
	if ((rc = vl_task_find(r->ctx, m.id, &f, &t, &n, &more)) != VL_OK ||
	    (rc = vl_pick_users(r->ctx, &users, &nu)) != VL_OK)
		return rc;
	vl_date_today(r->ctx, today);
	d = vl_page_new(r, vl_pool_printf(r->pool, "Tasks · %s", m.number));
	vl_matter_frame(r->pool, d, &m, "tasks");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++)
		if ((rc = row(r, d, &t[i], today)) != VL_OK)
			return rc;
	if (n == 0)
		vl_tpl_show(d, f.show || f.assignee || f.due || f.page > 1 ? "NO_MATCH" : "NO_TASKS");
	vl_tpl_show(d, vl_pool_printf(r->pool, "SHOW_%s", strcmp(show, "all") == 0 ? "ALL" :
	    strcmp(show, "done") == 0 ? "DONE" : "OPEN"));
	if (f.due != NULL)
		vl_tpl_show(d, vl_pool_printf(r->pool, "DUE_%s", f.due[0] == 'o' ? "OVERDUE" :
		    f.due[0] == 'w' ? "WEEK" : "LATER"));
	vl_pick_options(d, "ASSIGNEE_OPTION", users, nu, f.assignee);
	if (f.show != NULL)
		vl_buf_add_param(&q, "show", f.show);
	if (f.assignee != 0)
		vl_buf_add_param(&q, "assignee", vl_pool_printf(r->pool, "%lld",
		    (long long)f.assignee));
	if (f.due != NULL)
		vl_buf_add_param(&q, "due", f.due);
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/matters/%lld/tasks", (long long)m.id),
	    vl_pool_strdup(r->pool, vl_buf_str(&q)), f.page, more);
	vl_buf_release(&q);
	return vl_page_send(r, "tasks.tpl", d);
}

static const struct vl_app app = {
	.name = "tasks_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
