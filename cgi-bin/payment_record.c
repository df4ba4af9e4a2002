/*
 * "Record payment" on a bill or funds request: /bills/<id>/payments/new.
 * Money received offline (check, cash, wire, other): amount (the balance
 * by default), date (today where the firm is), method, reference.  A
 * funds request's money goes to trust.  A refused form comes back with
 * what was typed and the field at fault; a recorded one goes to the
 * payment's page, which says so.
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"
#include "bill.h"
#include "money.h"
#include "payment.h"

enum field { F_AMOUNT, F_DATE, F_METHOD, F_REFERENCE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "amount", VL_V_LINE, 40 },
	{ "date", VL_V_LINE, 32 },
	{ "method", VL_V_LINE, 16 },
	{ "reference", VL_V_LINE, 400 },
};

static const char *const offline[] = { "check", "cash", "wire", "other" };
static const char *const offline_sections[] = { "CHECK", "CASH", "WIRE", "OTHER" };

static enum vl_rc
form(struct vl_req *r, const struct vl_bill *b, const struct vl_pay_offline *in,
    const struct vl_form_err *e)
{
	struct vl_tpl	*d, *o;
	size_t		 i;

	d = vl_page_new(r, vl_pool_printf(r->pool, "Record payment · %s", b->number));
	vl_tpl_set_int(d, "BILL_ID", b->id);
	vl_tpl_set(d, "NUMBER", b->number);
	vl_tpl_set(d, "CONTACT", b->contact_name);
	vl_tpl_set(d, "CURRENCY", b->currency);
	vl_tpl_set(d, "BALANCE_TEXT", vl_money_fmt(r->pool, b->balance, b->currency));
	vl_tpl_show(d, b->kind == VL_BILLK_TRUST ? "TRUST" : "OPERATING");
	vl_tpl_set(d, "AMOUNT", in->amount);
	vl_tpl_set(d, "DATE", in->date);
	vl_tpl_set(d, "REFERENCE", in->reference);
	for (i = 0; i < sizeof(offline) / sizeof(offline[0]); i++) {
		o = vl_tpl_section(d, "METHOD_OPTION");
		vl_tpl_set(o, "VALUE", offline[i]);
		vl_tpl_show(o, offline_sections[i]);
		if (in->method != NULL && strcmp(in->method, offline[i]) == 0)
			vl_tpl_show(o, "SELECTED");
	}
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "payment_record.tpl", d);
}

/* A bill that takes no payment, said on a page of its own (409). */
static enum vl_rc
closed(struct vl_req *r, const struct vl_bill *b)
{
	struct vl_tpl	*d;

	d = vl_page_new(r, vl_pool_printf(r->pool, "No payment due · %s", b->number));
	vl_tpl_set_int(d, "BILL_ID", b->id);
	vl_tpl_set(d, "NUMBER", b->number);
	vl_tpl_set(d, "STATE", vl_bill_states[b->state]);
	return vl_page_send_status(r, 409, "payment_closed.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_pay_offline	 in = { NULL, NULL, "check", "" };
	struct vl_bill		 b;
	char			 today[11];
	enum vl_rc		 rc;

	if ((rc = vl_bill_load(r->ctx, vl_req_path_id(r, "/bills/"), &b)) != VL_OK)
		return rc;
	if ((b.state != VL_BILL_FINAL && b.state != VL_BILL_PARTIAL) || b.balance <= 0)
		return closed(r, &b);
	vl_date_today(r->ctx, today);
	in.date = vl_pool_strdup(r->pool, today);
	in.amount = vl_amount_plain(r->pool, b.balance, b.currency);
	return form(r, &b, &in, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_pay_offline	 in = { r->fields[F_AMOUNT].val, r->fields[F_DATE].val,
	    r->fields[F_METHOD].val, r->fields[F_REFERENCE].val };
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_bill		 b;
	int64_t			 payment = 0;
	enum vl_rc		 rc;

	if ((rc = vl_bill_load(r->ctx, vl_req_path_id(r, "/bills/"), &b)) != VL_OK)
		return rc;
	if (r->fields[F_REFERENCE].present && in.reference == NULL)
		rc = vl_form_refuse(&e, "reference", "reference_long");
	else
		rc = vl_pay_record(r->ctx, b.id, &in, &payment, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, &b, &in, &e);
	if (rc == VL_CONFLICT)
		return closed(r, &b);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/payments/%lld?notice=recorded",
	    (long long)payment));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "payment_record",
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
