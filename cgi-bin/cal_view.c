/*
 * The firm's calendar (F-A8): /calendar and a matter's Calendar subtab,
 * /matters/<id>/calendar, with ?view=month|agenda&date=YYYY-MM-DD&user=N
 * in the URL (the firm calendar only is filtered by user: those the user
 * attends or made).  Occurrences in the firm's zone (lib/calview.c).
 */
#include <time.h>

#include "vellum.h"
#include "calendar.h"
#include "calview.h"
#include "matter.h"
#include "matters.h"
#include "tz.h"

enum field { F_VIEW, F_DATE, F_USER, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "view", VL_V_LINE, 16 },
	{ "date", VL_V_LINE, 16 },
	{ "user", VL_V_INT, 20 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "saved", "deleted", "moved", "cancelled" };

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_calview	 v;
	struct vl_cal_item	*items;
	struct vl_pick		*users;
	struct vl_matter	 m;
	struct vl_tpl		*d;
	const char		*zone = vl_tz_firm(r->ctx), *base;
	int64_t			 matter = vl_req_path_id(r, "/matters/");
	int64_t			 user = r->fields[F_USER].val ? r->fields[F_USER].num : 0;
	size_t			 n, nu;
	enum vl_rc		 rc;

	if (matter != 0 && (rc = vl_matter_load(r->ctx, matter, &m)) != VL_OK)
		return rc;
	/* A view or date that is not one (a typed URL) shows the error page. */
	if (!vl_calview_read(zone, r->fields[F_VIEW].val, r->fields[F_DATE].val,
	    (int64_t)time(NULL), &v))
		return VL_INVALID;
	if (matter != 0)
		user = 0;
	if ((rc = vl_cal_range(r->ctx, matter, user, v.from, v.to, &items, &n)) != VL_OK)
		return rc;
	if (matter != 0) {
		d = vl_page_new(r, vl_pool_printf(r->pool, "Calendar · %s", m.number));
		vl_matter_frame(r->pool, d, &m, "calendar");
		base = vl_pool_printf(r->pool, "/matters/%lld/calendar", (long long)matter);
		vl_tpl_set_int(vl_tpl_section(d, "IN_MATTER"), "MATTER_ID", matter);
	} else {
		d = vl_page_new(r, "Calendar");
		base = "/calendar";
		vl_tpl_show(d, "FIRM");
		if ((rc = vl_pick_users(r->ctx, &users, &nu)) != VL_OK)
			return rc;
		vl_pick_options(d, "USER_OPTION", users, nu, user);
		if (user != 0)
			vl_tpl_set_int(vl_tpl_section(d, "USER_FILTER"), "USER", user);
	}
	vl_tpl_set(d, "BASE", base);
	vl_tpl_set(d, "VIEW", v.kind == VL_CALVIEW_MONTH ? "month" : "agenda");
	vl_tpl_set(d, "ZONE", zone);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	vl_calview_fill(r->pool, d, zone, &v, items, n);
	return vl_page_send(r, "calendar.tpl", d);
}

static const struct vl_app app = {
	.name = "cal_view",
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
