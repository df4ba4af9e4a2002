/*
 * A client's Calendar tab (F-B10): /portal/matters/<id>/calendar?page=N.
 * The events the firm shared into this matter's portal, upcoming first,
 * each with its time in the firm's zone and an .ics to download; a
 * cancelled one says so.  Only for a participant of the portal (not
 * removed) while its Calendar permission is on; else no such page.
 */
#include "vellum.h"
#include "calendar.h"
#include "calview.h"
#include "listing.h"
#include "portal.h"
#include "tz.h"

enum field { F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal	 cp;
	struct vl_cal_item	*items;
	struct vl_tpl		*d, *row;
	const char		*zone;
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_portal_of_client(r->ctx, vl_req_path_id(r, "/portal/matters/"), &cp)) != VL_OK)
		return rc;
	if (!cp.perm[VL_PERM_CALENDAR])
		return VL_DECLINED;
	if ((rc = vl_cal_client_list(r->ctx, &cp, page, &items, &n, &more)) != VL_OK)
		return rc;
	zone = vl_tz_firm(r->ctx);
	d = vl_page_new(r, vl_pool_printf(r->pool, "Calendar · %s", cp.number));
	vl_tpl_set_int(d, "MATTER_ID", cp.matter);
	vl_tpl_set(d, "NUMBER", cp.number);
	vl_tpl_set(d, "DESCRIPTION", cp.description);
	vl_tpl_set(d, "ZONE", zone);
	vl_portal_client_tabs(r->pool, d, &cp, VL_PERM_CALENDAR);
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "EVENT_ROW");
		vl_calview_item(r->pool, row, zone, &items[i]);
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_EVENTS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/portal/matters/%lld/calendar",
	    (long long)cp.matter), "", page, more);
	return vl_page_send(r, "client_calendar.tpl", d);
}

static const struct vl_app app = {
	.name = "client_calendar",
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
