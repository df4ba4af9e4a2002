/*
 * The client's Forms tab (F-B12): /portal/matters/<id>/forms?page=N, the
 * forms the firm shares with the client in this matter's portal (while
 * the portal's Forms permission is on), each waiting, a draft or sent.
 */
#include "vellum.h"
#include "form.h"
#include "portal.h"
#include "tz.h"

enum field { F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "submitted" };

static enum vl_rc
get(struct vl_req *r)
{
	int64_t			 mid = vl_req_path_id(r, "/portal/matters/");
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	struct vl_client_portal	 cp;
	struct vl_form_req	*q;
	struct vl_tpl		*d, *row;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_portal_of_client(r->ctx, mid, &cp)) != VL_OK ||
	    (rc = vl_form_client_list(r->ctx, &cp, page, &q, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Forms · %s", cp.number));
	vl_tpl_set_int(d, "MATTER_ID", mid);
	vl_tpl_set(d, "NUMBER", cp.number);
	vl_tpl_set(d, "DESCRIPTION", cp.description);
	vl_portal_client_tabs(r->pool, d, &cp, VL_PERM_FORMS);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "FORM");
		vl_tpl_set_int(row, "RID", q[i].id);
		vl_tpl_set(row, "NAME", q[i].name);
		if (q[i].submitted)
			vl_tpl_set(vl_tpl_section(row, "SENT"), "WHEN",
			    vl_tz_when(r->ctx, q[i].submitted));
		else if (q[i].saved)
			vl_tpl_set(vl_tpl_section(row, "DRAFT"), "WHEN",
			    vl_tz_when(r->ctx, q[i].saved));
		else
			vl_tpl_show(row, "TO_FILL");
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_FORMS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/portal/matters/%lld/forms",
	    (long long)mid), "", page, more);
	return vl_page_send(r, "client_forms.tpl", d);
}

static const struct vl_app app = {
	.name = "client_forms",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
