/*
 * The client's Tasks tab (F-B11): /portal/matters/<id>/tasks?page=N lists
 * the matter's tasks shared with the portal, open first by due day; POST
 * op=done&id=N marks one done where the firm allows it on that task.  A
 * matter the client does not take part in, or whose portal hides tasks,
 * is not found; a task not shared is not found; a task the client may not
 * mark done is refused (403) and stays as it was.
 */
#include <string.h>

#include "vellum.h"
#include "listing.h"
#include "portal.h"
#include "note.h"
#include "task.h"
#include "tz.h"

enum field { F_OP, F_ID, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "done" };

/* The portal of the matter in the path, if it shows tasks to this client. */
static enum vl_rc
portal(struct vl_req *r, struct vl_client_portal *p)
{
	enum vl_rc	 rc;

	if ((rc = vl_portal_of_client(r->ctx, vl_req_path_id(r, "/portal/matters/"), p)) != VL_OK)
		return rc;
	return p->perm[VL_PERM_TASKS] ? VL_OK : VL_DECLINED;
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal	 p;
	struct vl_task		*t;
	struct vl_tpl		*d, *s;
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = portal(r, &p)) != VL_OK ||
	    (rc = vl_task_client_list(r->ctx, &p, page, &t, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Tasks · %s", p.number));
	vl_tpl_set_int(d, "MATTER_ID", p.matter);
	vl_tpl_set(d, "NUMBER", p.number);
	vl_tpl_set(d, "DESCRIPTION", p.description);
	vl_portal_client_tabs(r->pool, d, &p, VL_PERM_TASKS);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(d, "TASK");
		vl_tpl_set_int(s, "ID", t[i].id);
		vl_tpl_set(s, "TITLE", t[i].title);
		if (t[i].description != NULL && *t[i].description != '\0')
			vl_tpl_show(s, "HAS_DESCRIPTION");
		vl_text_show(r->pool, s, "DESC", t[i].description);
		vl_tpl_show(s, vl_task_prio_of(t[i].priority) == VL_PRIO_HIGH ? "HIGH" :
		    vl_task_prio_of(t[i].priority) == VL_PRIO_LOW ? "LOW" : "NORMAL");
		if (t[i].due >= 0)
			vl_tpl_set(s, "DUE", vl_date_iso(r->pool, t[i].due));
		if (t[i].done_at != 0) {
			struct vl_tpl *dn = vl_tpl_section(s, "DONE");
			vl_tpl_set(dn, "DONE_BY", t[i].done_by);
			vl_tpl_set(dn, "DONE_WHEN", vl_tz_when(r->ctx, t[i].done_at));
		} else if (t[i].client_may_done)
			vl_tpl_show(s, "MAY_DONE");
		else
			vl_tpl_show(s, "OPEN");
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_TASKS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/portal/matters/%lld/tasks",
	    (long long)p.matter), "", page, more);
	/* Seen now, by the client's own doing: read receipts as documents'. */
	if ((rc = vl_task_client_read(r->ctx, &p, t, n, vl_portal_own_navigation(r))) != VL_OK)
		return rc;
	return vl_page_send(r, "client_tasks.tpl", d);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_client_portal	 p;
	const char		*op = r->fields[F_OP].val ? r->fields[F_OP].val : "";
	int64_t			 id = r->fields[F_ID].val ? r->fields[F_ID].num : 0;
	int			 changed;
	enum vl_rc		 rc;

	if ((rc = portal(r, &p)) != VL_OK)
		return rc;
	if (strcmp(op, "done") != 0 || id == 0)
		return VL_INVALID;
	if ((rc = vl_task_client_done(r->ctx, p.matter, id, &changed)) != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld/tasks?notice=done",
	    (long long)p.matter));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_tasks",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
