/*
 * The firm's intake forms (F-A8): /forms?q=...&page=N, by name, 50 a
 * page, each with its fields and how many matters were given it.  Admins
 * and members alike build forms; the builder is form_edit.
 */
#include "vellum.h"
#include "form.h"
#include "tz.h"

enum field { F_Q, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "q", VL_V_LINE, 200 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "deleted" };

static enum vl_rc
get(struct vl_req *r)
{
	const char	*q = r->fields[F_Q].val && *r->fields[F_Q].val ? r->fields[F_Q].val : NULL;
	int64_t		 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	struct vl_buf	 qs = VL_BUF_INIT;
	struct vl_form	*f;
	struct vl_tpl	*d, *row;
	size_t		 n, i;
	int		 more;
	enum vl_rc	 rc;

	if ((rc = vl_form_find(r->ctx, q, page, &f, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Forms");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	vl_tpl_set(d, "Q", q);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "FORM");
		vl_tpl_set_int(row, "ID", f[i].id);
		vl_tpl_set(row, "NAME", f[i].name);
		vl_tpl_set_int(row, "FIELDS", f[i].fields);
		vl_tpl_set_int(row, "USES", f[i].uses);
		vl_tpl_set(row, "UPDATED", vl_tz_when(r->ctx, f[i].updated));
	}
	if (n == 0)
		vl_tpl_show(d, q != NULL || page > 1 ? "NO_MATCH" : "NO_FORMS");
	if (q != NULL)
		vl_buf_add_param(&qs, "q", q);
	vl_list_pager(r->pool, d, "/forms", vl_pool_strdup(r->pool, vl_buf_str(&qs)), page, more);
	vl_buf_release(&qs);
	return vl_page_send(r, "forms.tpl", d);
}

static const struct vl_app app = {
	.name = "forms_list",
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
