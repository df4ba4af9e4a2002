/*
 * My tasks (F-A8): /tasks?due=overdue|week|later&page=N, the signed-in
 * firm user's open tasks across the firm's matters, by due day, 50 a page.
 */
#include <string.h>

#include "vellum.h"
#include "listing.h"
#include "task.h"

enum field { F_DUE, F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "due", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
};

#define VAL(f)	(r->fields[f].val && *r->fields[f].val ? r->fields[f].val : NULL)

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_task	*t;
	struct vl_tpl	*d, *s;
	struct vl_buf	 q = VL_BUF_INIT;
	const char	*due = VAL(F_DUE), *day;
	char		 today[11];
	int64_t		 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t		 n, i;
	int		 more;
	enum vl_rc	 rc;

	if ((rc = vl_task_mine(r->ctx, due, page, &t, &n, &more)) != VL_OK)
		return rc;
	vl_date_today(r->ctx, today);
	d = vl_page_new(r, "My tasks");
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(d, "TASK");
		vl_tpl_set_int(s, "ID", t[i].id);
		vl_tpl_set_int(s, "MATTER", t[i].matter);
		vl_tpl_set(s, "NUMBER", t[i].matter_number);
		vl_tpl_set(s, "TITLE", t[i].title);
		vl_tpl_show(s, vl_task_prio_of(t[i].priority) == VL_PRIO_HIGH ? "HIGH" :
		    vl_task_prio_of(t[i].priority) == VL_PRIO_LOW ? "LOW" : "NORMAL");
		if (t[i].due >= 0) {
			day = vl_date_iso(r->pool, t[i].due);
			vl_tpl_set(s, "DUE", day);
			if (strcmp(day, today) < 0)
				vl_tpl_show(s, "OVERDUE");
		}
	}
	if (n == 0)
		vl_tpl_show(d, due || page > 1 ? "NO_MATCH" : "NO_TASKS");
	if (due != NULL) {
		vl_tpl_show(d, vl_pool_printf(r->pool, "DUE_%s", due[0] == 'o' ? "OVERDUE" :
		    due[0] == 'w' ? "WEEK" : "LATER"));
		vl_buf_add_param(&q, "due", due);
	}
	vl_list_pager(r->pool, d, "/tasks", vl_pool_strdup(r->pool, vl_buf_str(&q)), page, more);
	vl_buf_release(&q);
	return vl_page_send(r, "my_tasks.tpl", d);
}

static const struct vl_app app = {
	.name = "my_tasks",
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
