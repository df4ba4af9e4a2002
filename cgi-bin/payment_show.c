/*
 * A payment: /payments/<id>.  How and when the money came, the bills and
 * funds requests it paid, its refunds, and "Refund" (F-C6): a card
 * payment fully or partly, a bank transfer (ACH) only in full (a "Pay
 * All" one over every item it paid), offline money recorded only.  A
 * refused refund comes back with what was typed and why.
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"
#include "listing.h"
#include "money.h"
#include "payment.h"
#include "tz.h"

enum field { F_AMOUNT, F_REASON, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "amount", VL_V_LINE, 40 },
	{ "reason", VL_V_LINE, 1000 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "recorded", "refunded" };
/* The template's section of each method (enum vl_pay_method order). */
static const char *const method_sections[VL_PM__MAX] = {
	"M_CARD", "M_ACH", "M_CHECK", "M_CASH", "M_WIRE", "M_OTHER",
};

static enum vl_rc
page(struct vl_req *r, const char *amount, const char *reason, const struct vl_form_err *e,
    int status)
{
	struct vl_payment	 p;
	struct vl_tpl		*d, *s;
	int64_t			 placed = 0;
	size_t			 i;
	enum vl_rc		 rc;

	if ((rc = vl_pay_load(r->ctx, vl_req_path_id(r, "/payments/"), &p)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Payment %lld", (long long)p.id));
	vl_tpl_set_int(d, "ID", p.id);
	vl_tpl_set(d, "CONTACT", p.contact_name);
	vl_tpl_set(d, "AMOUNT_TEXT", vl_money_fmt(r->pool, p.amount, p.currency));
	vl_tpl_set(d, "REFUNDED_TEXT", vl_money_fmt(r->pool, p.refunded, p.currency));
	vl_tpl_set(d, "LEFT_TEXT", vl_money_fmt(r->pool, p.amount - p.refunded, p.currency));
	vl_tpl_set(d, "CURRENCY", p.currency);
	vl_tpl_set(d, "RECEIVED", vl_date_iso(r->pool, p.received_on));
	vl_tpl_set(d, "RECORDED", vl_tz_when(r->ctx, p.created_at));
	vl_tpl_set(d, "REFERENCE", p.reference);
	vl_tpl_show(d, strcmp(p.account, "trust") == 0 ? "TRUST" : "OPERATING");
	vl_tpl_show(d, method_sections[vl_pay_method_of(p.method) < VL_PM__MAX ?
	    vl_pay_method_of(p.method) : VL_PM_OTHER]);
	vl_tpl_show(d, p.online ? "ONLINE" : "OFFLINE");
	for (i = 0; i < p.nallocs; i++) {
		s = vl_tpl_section(d, "ALLOC");
		vl_tpl_set_int(s, "BILL_ID", p.allocs[i].bill);
		vl_tpl_set(s, "NUMBER", p.allocs[i].number);
		vl_tpl_show(s, strcmp(p.allocs[i].kind, "trust") == 0 ? "TRUST" : "OPERATING");
		vl_tpl_set(s, "AMOUNT_TEXT", vl_money_fmt(r->pool, p.allocs[i].amount, p.currency));
		vl_tpl_set(s, "REFUNDED_TEXT", vl_money_fmt(r->pool, p.allocs[i].refunded,
		    p.currency));
		placed += p.allocs[i].amount;
	}
	if (placed < p.amount)
		vl_tpl_set(vl_tpl_section(d, "UNPLACED"), "UNPLACED_TEXT",
		    vl_money_fmt(r->pool, p.amount - placed, p.currency));
	for (i = 0; i < p.nrefunds; i++) {
		s = vl_tpl_section(d, "REFUND");
		vl_tpl_set(s, "AMOUNT_TEXT", vl_money_fmt(r->pool, p.refunds[i].amount, p.currency));
		vl_tpl_set(s, "WHEN", vl_tz_when(r->ctx, p.refunds[i].at));
		vl_tpl_set(s, "WHO", p.refunds[i].who);
		if (p.refunds[i].reason != NULL && *p.refunds[i].reason != '\0')
			vl_tpl_set(vl_tpl_section(s, "HAS_REASON"), "REASON", p.refunds[i].reason);
	}
	if (p.nrefunds == 0)
		vl_tpl_show(d, "NO_REFUNDS");
	if (p.refunded < p.amount) {
		s = vl_tpl_section(d, "CAN_REFUND");
		vl_tpl_show(s, strcmp(p.method, "ach") == 0 ? "WHOLE_ONLY" : "PART_OK");
		vl_tpl_set(d, "AMOUNT", amount ? amount : vl_amount_plain(r->pool,
		    p.amount - p.refunded, p.currency));
		vl_tpl_set(d, "REASON", reason);
	} else
		vl_tpl_show(d, "ALL_REFUNDED");
	vl_page_notice(d, notices, 2, r->fields[F_NOTICE].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, status, "payment.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, NULL, NULL, NULL, 200);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*amount = r->fields[F_AMOUNT].val, *reason = r->fields[F_REASON].val;
	struct vl_form_err	 e = { NULL, NULL };
	int64_t			 id = vl_req_path_id(r, "/payments/");
	enum vl_rc		 rc;

	if (r->fields[F_AMOUNT].present && amount == NULL)
		rc = vl_form_refuse(&e, "amount", "amount_invalid");
	else if (r->fields[F_REASON].present && reason == NULL)
		rc = vl_form_refuse(&e, "reason", "reason_long");
	else
		rc = vl_pay_refund(r->ctx, id, amount, reason, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, amount ? amount : "", reason, &e, 400);
	if (rc == VL_CONFLICT) {
		e = (struct vl_form_err){ "amount", "changed" };
		return page(r, NULL, reason, &e, 409);
	}
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/payments/%lld?notice=refunded", (long long)id));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "payment_show",
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
