/*
 * The firm's own matter fields (admins): /settings/fields.  Add, rename,
 * move up or down, archive (the field leaves the matters' forms and pages
 * and the form builder; its values stay) and restore.  Every change is
 * audited by lib/mfield.c.
 */
#include <string.h>

#include "vellum.h"
#include "mfield.h"

enum field { F_OP, F_ID, F_LABEL, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "label", VL_V_LINE, 1000 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "renamed", "moved", "archived", "restored" };

/* The list; e and typed after a refused change to id (0: the new one). */
static enum vl_rc
page(struct vl_req *r, int64_t id, const char *typed, const struct vl_form_err *e,
    int status)
{
	struct vl_mfield	*k;
	struct vl_tpl		*d, *row;
	size_t			 n, i, live = 0;
	enum vl_rc		 rc;

	if ((rc = vl_mfield_list(r->ctx, &k, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++)
		live += !k[i].archived;
	d = vl_page_new(r, "Matter fields");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, k[i].archived ? "OLD_FIELD" : "LIVE");
		vl_tpl_set_int(row, "ID", k[i].id);
		vl_tpl_set(row, "LABEL", id == k[i].id && typed ? typed : k[i].label);
		vl_tpl_set(row, "SHOWN", k[i].label);
		vl_tpl_set_int(row, "USES", k[i].uses);
		if (!k[i].archived && i > 0)
			vl_tpl_show(row, "CAN_UP");
		if (!k[i].archived && i + 1 < live)
			vl_tpl_show(row, "CAN_DOWN");
		if (id == k[i].id && e != NULL)
			vl_tpl_show(row, "BAD_ROW");
	}
	if (live == 0)
		vl_tpl_show(d, "NO_FIELDS");
	if (live < n)
		vl_tpl_show(d, "HAS_ARCHIVED");
	vl_tpl_set(d, "TYPED", id == 0 ? typed : NULL);
	if (id == 0 && e != NULL)
		vl_tpl_show(d, "BAD_NEW");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, status, "settings_fields.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, 0, NULL, NULL, 200);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*op = r->fields[F_OP].val, *label = r->fields[F_LABEL].val;
	const char		*notice;
	int64_t			 id = r->fields[F_ID].val ? r->fields[F_ID].num : 0;
	struct vl_form_err	 e = { NULL, NULL };
	enum vl_rc		 rc;

	if (op == NULL || (r->fields[F_LABEL].present && label == NULL))
		return VL_INVALID;
	if (strcmp(op, "add") == 0) {
		rc = vl_mfield_save(r->ctx, 0, label, &e);
		notice = "added";
	} else if (id == 0)
		return VL_INVALID;
	else if (strcmp(op, "rename") == 0) {
		rc = vl_mfield_save(r->ctx, id, label, &e);
		notice = "renamed";
	} else if (strcmp(op, "up") == 0 || strcmp(op, "down") == 0) {
		rc = vl_mfield_move(r->ctx, id, op[0] == 'u' ? -1 : 1);
		notice = "moved";
	} else if (strcmp(op, "archive") == 0 || strcmp(op, "restore") == 0) {
		rc = vl_mfield_archive(r->ctx, id, op[0] == 'a');
		notice = op[0] == 'a' ? "archived" : "restored";
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, strcmp(op, "add") == 0 ? 0 : id, label, &e, 400);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/settings/fields?notice=%s", notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_fields",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
