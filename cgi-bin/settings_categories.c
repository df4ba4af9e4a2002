/*
 * The firm's activity categories (admins): /settings/categories.  Add,
 * rename, and delete one that no activity uses (the activities of a
 * category keep it; rename it instead).
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"

enum field { F_OP, F_ID, F_NAME, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "name", VL_V_LINE, 1000 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "renamed", "deleted" };

/* The list; e and typed after a refused change to id (0: the new one). */
static enum vl_rc
page(struct vl_req *r, int64_t id, const char *typed, const struct vl_form_err *e,
    int status)
{
	struct vl_category	*k;
	struct vl_tpl		*d, *row;
	size_t			 n, i;
	enum vl_rc		 rc;

	if ((rc = vl_category_list(r->ctx, &k, &n)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Activity categories");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "CATEGORY");
		vl_tpl_set_int(row, "ID", k[i].id);
		vl_tpl_set(row, "NAME", id == k[i].id && typed ? typed : k[i].name);
		vl_tpl_set_int(row, "USES", k[i].uses);
		if (k[i].uses == 0)
			vl_tpl_show(row, "UNUSED");
		if (id == k[i].id && e != NULL)
			vl_tpl_show(row, "BAD_ROW");
	}
	if (n == 0)
		vl_tpl_show(d, "NO_CATEGORIES");
	vl_tpl_set(d, "TYPED", id == 0 ? typed : NULL);
	if (id == 0 && e != NULL)
		vl_tpl_show(d, "BAD_NEW");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, status, "settings_categories.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, 0, NULL, NULL, 200);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*op = r->fields[F_OP].val, *name = r->fields[F_NAME].val, *notice;
	int64_t			 id = r->fields[F_ID].val ? r->fields[F_ID].num : 0;
	struct vl_form_err	 e = { NULL, NULL };
	enum vl_rc		 rc;

	if (op == NULL || (r->fields[F_NAME].present && name == NULL))
		return VL_INVALID;
	if (strcmp(op, "add") == 0) {
		rc = vl_category_save(r->ctx, 0, name, &e);
		notice = "added";
	} else if (strcmp(op, "rename") == 0 && id != 0) {
		rc = vl_category_save(r->ctx, id, name, &e);
		notice = "renamed";
	} else if (strcmp(op, "delete") == 0 && id != 0) {
		rc = vl_category_delete(r->ctx, id);
		notice = "deleted";
		if (rc == VL_CONFLICT) {
			vl_form_refuse(&e, NULL, "in_use");
			return page(r, id, NULL, &e, 409);
		}
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, id, name, &e, 400);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/settings/categories?notice=%s", notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_categories",
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
