/*
 * The client's Bills tab: /portal/matters/<id>/bills?page=N.  Only for a
 * participant (not removed) of the matter's portal whose Bills permission
 * is on; lists the bills shared live into it, each with its current state
 * and balance (the live row: a change shows at once), 50 a page.
 */
#include "vellum.h"
#include "bill.h"
#include "paylink.h"
#include "portal.h"

enum field { F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal p;
	struct vl_bill	*b;
	struct vl_tpl	*d, *row;
	int64_t		 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t		 n, i;
	int		 more, pay;
	enum vl_rc	 rc;

	if ((rc = vl_portal_of_client(r->ctx, vl_req_path_id(r, "/portal/matters/"), &p)) != VL_OK)
		return rc;
	if (!p.perm[VL_PERM_BILLS])
		return VL_DECLINED;
	if ((rc = vl_bill_of_portal(r->ctx, &p, page, &b, &n, &more)) != VL_OK ||
	    (pay = vl_paylink_payments_on(r->ctx)) < 0)
		return rc != VL_OK ? rc : VL_ERR;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Bills · %s", p.number));
	vl_tpl_set_int(d, "MATTER_ID", p.matter);
	vl_tpl_set(d, "NUMBER", p.number);
	vl_tpl_set(d, "DESCRIPTION", p.description);
	vl_portal_client_tabs(r->pool, d, &p, VL_PERM_BILLS);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "ROW");
		vl_bill_fill(r->pool, row, &b[i]);
		/* Set after the bill's own fields: the page's matter stays. */
		if (pay && b[i].balance > 0 && b[i].state != VL_BILL_VOID)
			vl_tpl_show(row, "CAN_PAY");
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_BILLS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/portal/matters/%lld/bills",
	    (long long)p.matter), "", page, more);
	return vl_page_send(r, "client_bills.tpl", d);
}

static const struct vl_app app = {
	.name = "client_bills",
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
