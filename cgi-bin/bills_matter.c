/*
 * A matter's Bills subtab: /matters/<id>/bills?page=N.  Its bills and
 * funds requests (a multi-matter bill shows in each of its matters),
 * latest first, 50 a page, each with its state, balance, whether it is
 * shared with the portal, and "Send"; "New bill" and "Request funds".
 */
#include "vellum.h"
#include "bill.h"
#include "matter.h"

enum field { F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_matter m;
	struct vl_bill	*b;
	struct vl_tpl	*d, *row;
	int64_t		 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t		 n, i;
	int		 more, shared;
	enum vl_rc	 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if ((rc = vl_bill_of_matter(r->ctx, m.id, page, &b, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Bills · %s", m.number));
	vl_matter_frame(r->pool, d, &m, "bills");
	vl_tpl_set_int(d, "CLIENT_ID", m.client_id);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "ROW");
		vl_bill_fill(r->pool, row, &b[i]);
		if ((shared = vl_bill_is_shared(r->ctx, &b[i])) < 0)
			return VL_ERR;
		if (shared)
			vl_tpl_show(row, "SHARED");
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_BILLS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/matters/%lld/bills", (long long)m.id),
	    "", page, more);
	return vl_page_send(r, "matter_bills.tpl", d);
}

static const struct vl_app app = {
	.name = "bills_matter",
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
