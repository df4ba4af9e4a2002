/*
 * A firm user's calendar feed: /calendar/settings.  GET shows whether the
 * user has a private iCalendar feed; POST op new makes one (any old one
 * stops working) and shows its URL once, with a field to copy it from;
 * op revoke ends it.  Only the token's hash is kept (lib/calendar.c).
 */
#include <string.h>

#include "vellum.h"
#include "calendar.h"
#include "tz.h"

enum field { F_OP, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "revoked" };

/* The page; token: a new feed's, shown this once (NULL otherwise). */
static enum vl_rc
page(struct vl_req *r, const char *token)
{
	struct vl_tpl	*d;
	int64_t		 since;

	if ((since = vl_cal_feed_since(r->ctx)) < 0)
		return VL_ERR;
	d = vl_page_new(r, "My calendar feed");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (token != NULL)
		vl_tpl_set(vl_tpl_section(d, "NEW_FEED"), "FEED_URL", vl_pool_printf(r->pool,
		    "%s/calendar/feed/%s.ics", vl_conf.base_url, token));
	if (since > 0)
		vl_tpl_set(vl_tpl_section(d, "HAS_FEED"), "SINCE", vl_tz_when(r->ctx, since));
	else
		vl_tpl_show(d, "NO_FEED");
	return vl_page_send(r, "cal_settings.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val ? r->fields[F_OP].val : "";
	char		 token[44];
	enum vl_rc	 rc;

	if (strcmp(op, "new") == 0) {
		if ((rc = vl_cal_feed_new(r->ctx, token)) != VL_OK)
			return rc;
		return page(r, token);
	}
	if (strcmp(op, "revoke") != 0)
		return VL_INVALID;
	if ((rc = vl_cal_feed_revoke(r->ctx)) != VL_OK)
		return rc;
	vl_out_redirect(r, "/calendar/settings?notice=revoked");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "cal_settings",
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
