/*
 * "Billing": /billing?tab=draft|unpaid|paid|void&contact=N&matter=N&from=
 * YYYY-MM-DD&to=...&page=N.  Bills and funds requests of the firm by state,
 * 50 a page, filtered in the URL, with the totals of each state (bills and
 * funds requests apart: trust money is never added to operating money).
 * The Unpaid tab selects bills to send in bulk or to review as envelopes.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "money.h"
#include "activity.h"
#include "matter.h"

enum field { F_TAB, F_CONTACT, F_MATTER, F_FROM, F_TO, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "tab", VL_V_LINE, 16 },
	{ "contact", VL_V_INT, 20 },
	{ "matter", VL_V_INT, 20 },
	{ "from", VL_V_LINE, 16 },
	{ "to", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "voided", "sent", "envelopes_sent" };
/* The tabs: their names in the URL and the state each lists. */
static const char *const tabs[] = { "draft", "unpaid", "paid", "void" };
static const enum vl_bill_state tab_state[] = { VL_BILL_DRAFT, VL_BILL_FINAL, VL_BILL_PAID,
	VL_BILL_VOID };
static const char *const tab_sections[] = { "TAB_DRAFT", "TAB_UNPAID", "TAB_PAID", "TAB_VOID" };

#define VAL(f)	(r->fields[f].val && *r->fields[f].val ? r->fields[f].val : NULL)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_bill_filter f = { VL_BILL_FINAL, NUM(F_CONTACT), NUM(F_MATTER), VAL(F_FROM),
	    VAL(F_TO), r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1 };
	struct vl_bill_totals t;
	struct vl_bill	*b;
	struct vl_buf	 q = VL_BUF_INIT, fq = VL_BUF_INIT;
	struct vl_tpl	*d, *row, *tab;
	struct vl_matter m;
	char		*cname = NULL;
	const char	*cur = vl_firm_currency(r->ctx);
	size_t		 n, i, which = 1;
	int		 more;
	enum vl_rc	 rc;

	const char	*tabname = VAL(F_TAB);

	if (tabname != NULL) {
		for (which = 0; which < 4 && strcmp(tabname, tabs[which]) != 0; which++)
			;
		if (which == 4)
			return VL_INVALID;
	}
	f.tab = tab_state[which];
	/* A filter names the firm's own contact and matter, or nothing. */
	if ((f.contact && (rc = vl_bill_contact_name(r->ctx, f.contact, &cname)) != VL_OK) ||
	    (f.matter && (rc = vl_matter_load(r->ctx, f.matter, &m)) != VL_OK))
		return rc;
	if ((rc = vl_bill_find(r->ctx, &f, &b, &n, &more)) != VL_OK ||
	    (rc = vl_bill_totals(r->ctx, &f, &t)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Billing");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	/* The filter, kept in every tab's link and the pager. */
	if (f.contact)
		vl_buf_add_param(&fq, "contact", vl_pool_printf(r->pool, "%lld", (long long)f.contact));
	if (f.matter)
		vl_buf_add_param(&fq, "matter", vl_pool_printf(r->pool, "%lld", (long long)f.matter));
	if (f.from)
		vl_buf_add_param(&fq, "from", f.from);
	if (f.to)
		vl_buf_add_param(&fq, "to", f.to);
	for (i = 0; i < 4; i++) {
		tab = vl_tpl_section(d, "TAB");
		vl_tpl_show(tab, tab_sections[i]);
		vl_tpl_set(tab, "HREF", vl_pool_printf(r->pool, "/billing?tab=%s%s%s", tabs[i],
		    fq.len ? "&" : "", vl_buf_str(&fq)));
		vl_tpl_set_int(tab, "COUNT", t.count[tab_state[i]]);
		vl_tpl_set(tab, "BILLS", vl_money_fmt(r->pool, t.bills[tab_state[i]], cur));
		vl_tpl_set(tab, "TRUST", vl_money_fmt(r->pool, t.trust[tab_state[i]], cur));
		if (i == which)
			vl_tpl_show(tab, "CURRENT");
	}
	if (which == 1)
		vl_tpl_show(d, "ON_UNPAID");
	vl_tpl_set(d, "TAB_NAME", tabs[which]);
	vl_tpl_set(d, "FROM", f.from);
	vl_tpl_set(d, "TO", f.to);
	if (f.contact) {
		row = vl_tpl_section(d, "BY_CONTACT");
		vl_tpl_set_int(row, "CONTACT_ID", f.contact);
		vl_tpl_set(row, "CONTACT_NAME", cname);
	}
	if (f.matter) {
		row = vl_tpl_section(d, "BY_MATTER");
		vl_tpl_set_int(row, "MATTER_ID", f.matter);
		vl_tpl_set(row, "MATTER_NUMBER", m.number);
	}
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "ROW");
		vl_bill_fill(r->pool, row, &b[i]);
		if (which == 1)
			vl_tpl_show(row, "SELECT");
	}
	if (n > 0 && which == 1)
		vl_tpl_show(d, "BULK");
	if (n == 0)
		vl_tpl_show(d, fq.len || f.page > 1 ? "NO_MATCH" : "NO_BILLS");
	vl_buf_add_param(&q, "tab", tabs[which]);
	if (fq.len)
		vl_buf_addf(&q, "&%s", vl_buf_str(&fq));
	vl_list_pager(r->pool, d, "/billing", vl_pool_strdup(r->pool, vl_buf_str(&q)), f.page, more);
	vl_buf_release(&q);
	vl_buf_release(&fq);
	return vl_page_send(r, "billing.tpl", d);
}

static const struct vl_app app = {
	.name = "billing_list",
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
