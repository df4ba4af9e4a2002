/*
 * A task of a matter: /matters/<id>/tasks/edit.  GET: a new one; ?id=N:
 * one to change; ?op=delete&id=N: "Are you sure...?".  POST op save (with
 * id: a change), done, undone or delete.  A refused form comes back with
 * what was typed and each field at fault (400).
 */
#include <string.h>

#include "vellum.h"
#include "fielderr.h"
#include "matter.h"
#include "matters.h"
#include "rshare.h"
#include "task.h"

enum field { F_OP, F_ID, F_TITLE, F_DESCRIPTION, F_DUE, F_ASSIGNEE, F_PRIORITY, F_SHARE,
    F_CLIENT_DONE, FIELD__MAX };

/* Longer than the domain allows, so that it names the field at fault
 * rather than the value being dropped. */
static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "title", VL_V_LINE, 2000 },
	{ "description", VL_V_STRING, 16000 },
	{ "due", VL_V_LINE, 32 },
	{ "assignee", VL_V_INT, 20 },
	{ "priority", VL_V_LINE, 16 },
	{ "share", VL_V_BOOL, 4 },
	{ "client_done", VL_V_BOOL, 4 },
};

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The form of task id (0: new) of m holding in, after refusal fe. */
static enum vl_rc
form(struct vl_req *r, const struct vl_matter *m, int64_t id, const struct vl_task_in *in,
    const struct vl_ferr *fe)
{
	struct vl_pick	*users;
	struct vl_tpl	*d;
	size_t		 nu;
	enum vl_rc	 rc;

	if ((rc = vl_pick_users(r->ctx, &users, &nu)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", id ? "Edit task" : "New task",
	    m->number));
	vl_matter_frame(r->pool, d, m, "tasks");
	vl_tpl_show(d, id ? "EDIT" : "NEW");
	if (id != 0)
		vl_tpl_set_int(vl_tpl_section(d, "HAS_ID"), "ID", id);
	vl_tpl_set(d, "TITLE", in->title);
	vl_tpl_set(d, "DESCRIPTION_TEXT", in->description);
	vl_tpl_set(d, "DUE", in->due);
	vl_pick_options(d, "ASSIGNEE_OPTION", users, nu, in->assignee);
	switch (vl_task_prio_of(in->priority)) {
	case VL_PRIO_LOW:
		vl_tpl_show(d, "PRIO_LOW");
		break;
	case VL_PRIO_HIGH:
		vl_tpl_show(d, "PRIO_HIGH");
		break;
	default:
		vl_tpl_show(d, "PRIO_NORMAL");
		break;
	}
	if (in->share)
		vl_tpl_show(d, "SHARE_ON");
	if (in->client_done)
		vl_tpl_show(d, "CLIENT_DONE_ON");
	vl_ferr_show(d, fe);
	return vl_page_send_status(r, fe->n ? 400 : 200, "task_edit.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_task_in	 in = { "", "", "", "normal", r->ctx->user_id, 0, 0 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	const char *const	 del[] = { "op", "delete", "id", VAL(F_ID), NULL };
	struct vl_confirm	 c = { "Delete this task? It cannot be brought back, and a client "
	    "it is shared with no longer sees it.", "Delete task", NULL, NULL, del };
	struct vl_matter	 m;
	struct vl_task		 t;
	int64_t			 id = NUM(F_ID);
	int			 shared;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (id == 0)
		return form(r, &m, 0, &in, &fe);
	if ((rc = vl_task_get(r->ctx, m.id, id, &t)) != VL_OK)
		return rc;
	if (VAL(F_OP) != NULL && strcmp(VAL(F_OP), "delete") == 0) {
		c.action = vl_pool_printf(r->pool, "/matters/%lld/tasks/edit", (long long)m.id);
		c.back = vl_pool_printf(r->pool, "/matters/%lld/tasks", (long long)m.id);
		return vl_matter_confirm(r, &m, "tasks", "Delete task", &c);
	}
	if ((shared = vl_rshare_is_shared(r->ctx, m.id, VL_REC_TASK, id)) < 0)
		return VL_ERR;
	in = (struct vl_task_in){ t.title, t.description, t.due >= 0 ?
	    vl_date_iso(r->pool, t.due) : "", t.priority, t.assignee, shared, t.client_may_done };
	return form(r, &m, id, &in, &fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_task_in	 in = { VAL(F_TITLE), VAL(F_DESCRIPTION) ? VAL(F_DESCRIPTION) : "",
	    VAL(F_DUE), VAL(F_PRIORITY), NUM(F_ASSIGNEE), NUM(F_SHARE) != 0,
	    NUM(F_CLIENT_DONE) != 0 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_matter	 m;
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "", *notice;
	int64_t			 id = NUM(F_ID), saved = 0;
	int			 changed;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (strcmp(op, "delete") == 0 && id != 0) {
		rc = vl_task_delete(r->ctx, m.id, id);
		notice = "deleted";
	} else if ((strcmp(op, "done") == 0 || strcmp(op, "undone") == 0) && id != 0) {
		rc = vl_task_set_done(r->ctx, m.id, id, op[0] == 'd', &changed);
		notice = op[0] == 'd' ? "done" : "reopened";
	} else if (strcmp(op, "save") == 0) {
		/* Text with control characters is refused by the field, not lost. */
		if ((r->fields[F_TITLE].present && in.title == NULL) ||
		    (r->fields[F_DESCRIPTION].present && VAL(F_DESCRIPTION) == NULL))
			return VL_INVALID;
		rc = vl_task_save(r->ctx, m.id, id, &in, &saved, &fe);
		notice = id ? "saved" : "added";
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && fe.n > 0)
		return form(r, &m, id, &in, &fe);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/tasks?notice=%s",
	    (long long)m.id, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "task_edit",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
