/*
 * A client downloads a shared event as an iCalendar file (F-B10): GET
 * /portal/events/<id>.ics.  Only while the event is shared into a portal
 * the client takes part in with Calendar on (vl_rshare_client_may); a
 * changed event carries a higher SEQUENCE, a cancelled one
 * STATUS:CANCELLED, so the client's own calendar follows.
 */
#include <string.h>

#include "vellum.h"
#include "calendar.h"
#include "portal.h"
#include "rshare.h"

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal	 cp;
	struct vl_cal_event	 e;
	const char		*p = r->uri + strlen("/portal/events/");
	char			*ics;
	int64_t			 id;
	size_t			 len;
	enum vl_rc		 rc;

	if (strncmp(r->uri, "/portal/events/", strlen("/portal/events/")) != 0 ||
	    (len = strlen(p)) < 5 || len > 24 || strcmp(p + len - 4, ".ics") != 0 ||
	    vl_strtonum(vl_pool_strndup(r->pool, p, len - 4), 1, INT64_MAX, &id) != VL_OK)
		return VL_DECLINED;
	if ((rc = vl_cal_client_get(r->ctx, id, &e, &cp)) != VL_OK)
		return rc;
	if ((rc = vl_rshare_read(r->ctx, cp.portal, VL_REC_EVENT, id, e.title,
	    vl_portal_own_navigation(r))) != VL_OK)
		return rc;
	if ((ics = vl_cal_ics(r->ctx, &e)) == NULL)
		return VL_ERR;
	vl_out_header(r, "Content-Disposition", vl_pool_printf(r->pool,
	    "attachment; filename=\"event-%lld.ics\"", (long long)id));
	vl_out_send(r, 200, "text/calendar; charset=utf-8", ics, strlen(ics));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_event",
	.access = VL_CLIENT,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
