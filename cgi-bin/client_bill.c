/*
 * A client's bill: /portal/bills/<id> shows it (lines, total, paid,
 * balance, "Download PDF", "Pay bill" when payments are on and something
 * is due); /portal/bills/<id>.pdf is its PDF.  Only while the bill is
 * shared live into a portal the client takes part in with Bills on
 * (vl_bill_load_client); anything else is no such bill.  Opening it by
 * the client's own navigation is a read and a "viewed" event.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "billpdf.h"
#include "money.h"
#include "paylink.h"
#include "portal.h"
#include "tz.h"

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal p;
	struct vl_bill_line *l;
	struct vl_bill	 b;
	struct vl_buf	 out = VL_BUF_INIT;
	struct vl_tpl	*d, *row;
	size_t		 n, i;
	int		 pay, as_pdf, own = vl_portal_own_navigation(r);
	enum vl_rc	 rc;

	if ((rc = vl_bill_load_client(r->ctx, vl_bill_path_id(r->uri, "/portal/bills/", &as_pdf),
	    &b, &p)) != VL_OK)
		return rc;
	if ((rc = vl_bill_viewed(r->ctx, &b, &p, own)) != VL_OK)
		return rc;
	if (as_pdf) {
		if ((rc = vl_billpdf_render(r->ctx, r->sess->firm_name, &b, &out)) == VL_OK) {
			vl_out_header(r, "Content-Disposition", vl_pool_printf(r->pool,
			    "attachment; filename=\"%s\"", vl_billpdf_name(r->pool, &b)));
			vl_out_send(r, 200, "application/pdf", out.buf, out.len);
		}
		vl_buf_release(&out);
		return rc;
	}
	if ((rc = vl_bill_lines(r->ctx, &b, &l, &n)) != VL_OK ||
	    (pay = vl_paylink_payments_on(r->ctx)) < 0)
		return rc != VL_OK ? rc : VL_ERR;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Bill %s", b.number));
	vl_bill_fill(r->pool, d, &b);
	vl_tpl_set(d, "MATTER_NUMBER", p.number);
	vl_tpl_set(d, "DESCRIPTION", p.description);
	vl_portal_client_tabs(r->pool, d, &p, VL_PERM_BILLS);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "LINE");
		vl_tpl_set(row, "DATE", vl_tz_date(r->pool, "UTC", l[i].date));
		vl_tpl_set(row, "DESCRIPTION", l[i].description);
		if (*l[i].description == '\0')
			vl_tpl_show(row, "FUNDS_LINE");
		vl_tpl_set(row, "QUANTITY", l[i].quantity);
		vl_tpl_set(row, "AMOUNT", vl_money_fmt(r->pool, l[i].amount, b.currency));
	}
	if (pay && b.balance > 0 && b.state != VL_BILL_VOID)
		vl_tpl_show(d, "CAN_PAY");
	return vl_page_send(r, "client_bill.tpl", d);
}

static const struct vl_app app = {
	.name = "client_bill",
	.access = VL_CLIENT,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
