/*
 * A matter's Activities subtab (F-A6): /matters/<id>/activities with
 * ?kind=time|expense&from=YYYY-MM-DD&to=...&page=N in the URL.  Time
 * entries and expenses, latest first, 50 a page, each billed or not, and
 * the whole matter's totals in the firm's currency.
 */
#include "vellum.h"
#include "matter.h"
#include "tz.h"
#include "activity.h"
#include "money.h"

enum field { F_KIND, F_FROM, F_TO, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "kind", VL_V_LINE, 16 },
	{ "from", VL_V_LINE, 16 },
	{ "to", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "saved", "deleted" };

#define VAL(f)	(r->fields[f].val && *r->fields[f].val ? r->fields[f].val : NULL)

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_activity_filter f = { VAL(F_KIND), VAL(F_FROM), VAL(F_TO),
	    r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1 };
	struct vl_activity_totals t;
	struct vl_activity	*a;
	struct vl_matter	 m;
	struct vl_buf		 q = VL_BUF_INIT;
	struct vl_tpl		*d, *row;
	const char		*cur;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	/* A filter that is not one (a typed URL) shows the error page. */
	if ((rc = vl_activity_find(r->ctx, m.id, &f, &a, &n, &more)) != VL_OK ||
	    (rc = vl_activity_totals(r->ctx, m.id, &t)) != VL_OK)
		return rc;
	cur = vl_firm_currency(r->ctx);
	d = vl_page_new(r, vl_pool_printf(r->pool, "Activities · %s", m.number));
	vl_matter_frame(r->pool, d, &m, "activities");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "ACTIVITY");
		vl_tpl_set_int(row, "ID", a[i].id);
		vl_tpl_set(row, "DATE", vl_tz_date(r->pool, "UTC", a[i].date));
		vl_tpl_show(row, a[i].kind == VL_ACT_TIME ? "TIME" : "EXPENSE");
		vl_tpl_set(row, "WHO", a[i].user_name);
		vl_tpl_set(row, "DESCRIPTION", a[i].description);
		vl_tpl_set(row, "CATEGORY", a[i].category_name);
		if (a[i].kind == VL_ACT_TIME) {
			vl_tpl_set(row, "DURATION", vl_duration_fmt(r->pool, a[i].minutes));
			vl_tpl_set(row, "RATE", vl_money_fmt(r->pool, a[i].rate, cur));
		}
		vl_tpl_set(row, "AMOUNT", vl_money_fmt(r->pool, a[i].amount, cur));
		if (a[i].document != 0) {
			struct vl_tpl *rc_ = vl_tpl_section(row, "RECEIPT");
			vl_tpl_set_int(rc_, "DOC", a[i].document);
			vl_tpl_set(rc_, "DOC_NAME", a[i].document_name);
		}
		vl_tpl_show(row, a[i].billed ? "BILLED" : "UNBILLED");
	}
	if (n == 0)
		vl_tpl_show(d, f.kind || f.from || f.to || f.page > 1 ? "NO_MATCH" : "NO_ACTIVITIES");
	vl_tpl_set(d, "TOTAL_HOURS", vl_duration_fmt(r->pool, t.minutes));
	vl_tpl_set(d, "TOTAL_TIME", vl_money_fmt(r->pool, t.time, cur));
	vl_tpl_set(d, "TOTAL_EXPENSES", vl_money_fmt(r->pool, t.expenses, cur));
	vl_tpl_set(d, "TOTAL", vl_money_fmt(r->pool, t.total, cur));
	vl_tpl_set(d, "FROM", f.from);
	vl_tpl_set(d, "TO", f.to);
	if (f.kind != NULL)
		vl_tpl_show(d, f.kind[0] == 't' ? "KIND_TIME" : "KIND_EXPENSE");
	if (f.kind != NULL)
		vl_buf_add_param(&q, "kind", f.kind);
	if (f.from != NULL)
		vl_buf_add_param(&q, "from", f.from);
	if (f.to != NULL)
		vl_buf_add_param(&q, "to", f.to);
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/matters/%lld/activities",
	    (long long)m.id), vl_pool_strdup(r->pool, vl_buf_str(&q)), f.page, more);
	vl_buf_release(&q);
	return vl_page_send(r, "activities.tpl", d);
}

static const struct vl_app app = {
	.name = "activities_list",
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
