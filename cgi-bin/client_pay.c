/*
 * "Pay bill" in the client portal: /portal/bills/<id>/pay.  Only a bill
 * or funds request shared into a portal the client takes part in, with
 * Bills on (vl_bill_load_client, through vl_rshare_client_may).  The
 * client chooses the amount (the balance by default, part allowed, never
 * more, never 0) and goes to the provider's hosted page; back here
 * (?done=1) the page says the payment is processing: only the provider's
 * webhook marks anything paid.
 */
#include "vellum.h"
#include "activity.h"
#include "bill.h"
#include "money.h"
#include "payment.h"
#include "paylink.h"
#include "portal.h"

enum field { F_AMOUNT, F_DONE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "amount", VL_V_LINE, 40 },
	{ "done", VL_V_BOOL, 4 },
};

static enum vl_rc
page(struct vl_req *r, const struct vl_bill *b, const struct vl_client_portal *p,
    const char *amount, const struct vl_form_err *e)
{
	struct vl_tpl	*d;
	int		 on;

	d = vl_page_new(r, vl_pool_printf(r->pool, "Pay %s", b->number));
	vl_tpl_set(d, "MATTER_NUMBER", p->number);
	vl_tpl_set(d, "DESCRIPTION", p->description);
	vl_portal_client_tabs(r->pool, d, p, VL_PERM_BILLS);
	vl_tpl_set_int(d, "BILL_ID", b->id);
	vl_tpl_set(d, "NUMBER", b->number);
	vl_tpl_set(d, "CURRENCY", b->currency);
	vl_tpl_set(d, "TOTAL_TEXT", vl_money_fmt(r->pool, b->total, b->currency));
	vl_tpl_set(d, "BALANCE_TEXT", vl_money_fmt(r->pool, b->balance, b->currency));
	vl_tpl_show(d, b->kind == VL_BILLK_TRUST ? "TRUST" : "OPERATING");
	if (r->fields[F_DONE].num)
		vl_tpl_show(d, "PROCESSING");
	on = vl_paylink_payments_on(r->ctx);
	if (on < 0)
		return VL_ERR;
	if ((b->state != VL_BILL_FINAL && b->state != VL_BILL_PARTIAL) || b->balance <= 0)
		vl_tpl_show(d, b->state == VL_BILL_PAID ? "PAID" : "NOT_DUE");
	else if (!on)
		vl_tpl_show(d, "PAYMENTS_OFF");
	else
		vl_tpl_set(vl_tpl_section(d, "CAN_PAY"), "AMOUNT", amount ? amount :
		    vl_amount_plain(r->pool, b->balance, b->currency));
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "client_pay.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal	 p;
	struct vl_bill		 b;
	enum vl_rc		 rc;

	if ((rc = vl_bill_load_client(r->ctx, vl_req_path_id(r, "/portal/bills/"), &b,
	    &p)) != VL_OK)
		return rc;
	return page(r, &b, &p, NULL, NULL);
}

/* The provider's page: a page of ours that goes there by itself (a
 * form's redirect to another site would be refused by our own CSP's
 * form-action), with a link for a browser that does not. */
static enum vl_rc
go(struct vl_req *r, const char *url)
{
	struct vl_tpl	*d = vl_page_new(r, "Secure payment page");

	vl_tpl_set(d, "URL", url);
	return vl_page_send(r, "pay_continue.tpl", d);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_client_portal	 p;
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_bill		 b;
	const char		*amount = r->fields[F_AMOUNT].val, *url;
	enum vl_rc		 rc;

	if ((rc = vl_bill_load_client(r->ctx, vl_req_path_id(r, "/portal/bills/"), &b,
	    &p)) != VL_OK)
		return rc;
	if (r->fields[F_AMOUNT].present && amount == NULL)
		rc = vl_form_refuse(&e, "amount", "amount_invalid");
	else
		rc = vl_pay_checkout(r->ctx, r->ctx->contact_id, &b.id, 1, amount,
		    vl_pool_printf(r->pool, "%s/portal/bills/%lld/pay?done=1", vl_conf.base_url,
		    (long long)b.id), &url, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, &b, &p, amount ? amount : "", &e);
	if (rc == VL_DECLINED || rc == VL_FORBIDDEN)
		return page(r, &b, &p, NULL, NULL);
	if (rc != VL_OK)
		return rc;
	return go(r, url);
}

static const struct vl_app app = {
	.name = "client_pay",
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
