/*
 * A pay link: /pay/<token>, no sign-in (F-C3).  The link (lib/paylink.h)
 * is checked on every use; it pays its bill, or every open item of its
 * envelope ("Pay All").  The client chooses the amount (all that is owed
 * by default, part allowed, never more, never 0) and is sent to the
 * provider's hosted page; trust items (funds requests) are paid apart
 * from bills, each group its own payment.  Back from the provider
 * (?done=1) the page says the payment is processing: only the
 * provider's webhook marks anything paid.
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"
#include "listing.h"
#include "money.h"
#include "payment.h"
#include "paylink.h"

enum field { F_AMOUNT, F_GROUP, F_DONE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "amount", VL_V_LINE, 40 },
	{ "group", VL_V_LINE, 16 },
	{ "done", VL_V_BOOL, 4 },
};

/* The link's token: the path's last segment. */
static const char *
token_of(struct vl_req *r)
{
	return strncmp(r->uri, "/pay/", 5) == 0 ? r->uri + 5 : "";
}

/* The link checked and the context made the link's firm and contact;
 * VL_DECLINED whatever is wrong with it. */
static enum vl_rc
link(struct vl_req *r, struct vl_paylink *l)
{
	enum vl_rc	 rc;

	r->ctx->firm_id = 0;
	if ((rc = vl_paylink_check(r->ctx, token_of(r), l)) != VL_OK)
		return rc;
	r->ctx->firm_id = l->firm;
	r->ctx->contact_id = l->contact;
	r->ctx->zone = NULL;
	return VL_OK;
}

/* A link that pays nothing now: after a payment, thanks; else why not. */
static enum vl_rc
gone(struct vl_req *r)
{
	struct vl_tpl	*d = vl_page_new(r, r->fields[F_DONE].num ? "Thank you" : "Pay link");

	vl_tpl_show(d, r->fields[F_DONE].num ? "THANKS" : "INVALID");
	return vl_page_send_status(r, r->fields[F_DONE].num ? 200 : 404, "pay_gone.tpl", d);
}

static enum vl_rc
page(struct vl_req *r, const struct vl_paylink *l, const char *group, const char *amount,
    const struct vl_form_err *e)
{
	struct vl_pay_due	 due[VL_PAY_ITEMS_MAX];
	struct vl_tpl		*d, *g[2] = { NULL, NULL }, *s;
	int64_t			 total[2] = { 0, 0 };
	size_t			 n, i, count[2] = { 0, 0 };
	int			 t;
	enum vl_rc		 rc;

	if ((rc = vl_pay_link_due(r->ctx, l, due, &n)) != VL_OK)
		return rc;
	if (n == 0)
		return gone(r);
	d = vl_page_new(r, "Pay");
	vl_tpl_set(d, "TOKEN", token_of(r));
	if (r->fields[F_DONE].num)
		vl_tpl_show(d, "PROCESSING");
	for (i = 0; i < n; i++) {
		t = due[i].trust;
		if (g[t] == NULL) {
			g[t] = vl_tpl_section(d, "GROUP");
			vl_tpl_set(g[t], "GROUP_NAME", t ? "trust" : "operating");
			vl_tpl_show(g[t], t ? "TRUST" : "OPERATING");
			vl_tpl_set(g[t], "CURRENCY", due[i].currency);
		}
		s = vl_tpl_section(g[t], "ITEM");
		vl_tpl_set(s, "NUMBER", due[i].number);
		vl_tpl_set(s, "BALANCE_TEXT", vl_money_fmt(r->pool, due[i].balance, due[i].currency));
		total[t] += due[i].balance;
		count[t]++;
	}
	for (t = 0; t < 2; t++) {
		if (g[t] == NULL)
			continue;
		vl_tpl_set(g[t], "TOTAL_TEXT", vl_money_fmt(r->pool, total[t], due[0].currency));
		vl_tpl_show(g[t], count[t] > 1 ? "MANY" : "ONE");
		if (e != NULL && group != NULL && strcmp(group, t ? "trust" : "operating") == 0) {
			vl_tpl_set(g[t], "AMOUNT", amount);
			vl_tpl_set(g[t], "TOTAL_ERR", vl_money_fmt(r->pool, total[t], due[0].currency));
			vl_form_error(g[t], e);
		} else
			vl_tpl_set(g[t], "AMOUNT", vl_amount_plain(r->pool, total[t], due[0].currency));
	}
	if (g[0] != NULL && g[1] != NULL)
		vl_tpl_show(d, "BOTH");
	return vl_page_send_status(r, e ? 400 : 200, "pay.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_paylink	 l;
	enum vl_rc		 rc;

	if ((rc = link(r, &l)) == VL_DECLINED)
		return gone(r);
	if (rc != VL_OK)
		return rc;
	return page(r, &l, NULL, NULL, NULL);
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
	struct vl_pay_due	 due[VL_PAY_ITEMS_MAX];
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_paylink	 l;
	const char		*group = r->fields[F_GROUP].val, *amount = r->fields[F_AMOUNT].val;
	const char		*url;
	int64_t			 ids[VL_PAY_ITEMS_MAX];
	size_t			 n, i, k = 0;
	int			 trust;
	enum vl_rc		 rc;

	if ((rc = link(r, &l)) == VL_DECLINED)
		return gone(r);
	if (rc != VL_OK)
		return rc;
	if (group == NULL || (strcmp(group, "trust") != 0 && strcmp(group, "operating") != 0))
		return VL_INVALID;
	trust = strcmp(group, "trust") == 0;
	if ((rc = vl_pay_link_due(r->ctx, &l, due, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (due[i].trust == trust)
			ids[k++] = due[i].bill;
	if (k == 0)
		return gone(r);
	if (r->fields[F_AMOUNT].present && amount == NULL)
		rc = vl_form_refuse(&e, "amount", "amount_invalid");
	else
		rc = vl_pay_checkout(r->ctx, l.contact, ids, k, amount, vl_pool_printf(r->pool,
		    "%s/pay/%s?done=1", vl_conf.base_url, token_of(r)), &url, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, &l, group, amount ? amount : "", &e);
	if (rc == VL_FORBIDDEN || rc == VL_DECLINED)
		return gone(r);
	if (rc != VL_OK)
		return rc;
	return go(r, url);
}

static const struct vl_app app = {
	.name = "pay_link",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_PUBLIC,
	.client = 1,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
