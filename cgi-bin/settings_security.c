/*
 * Admins only: /settings/security, the firm's switch "Require two-factor
 * sign-in for all firm users", with the users who have not set it up yet
 * (50 a page).  Turning it on ends those users' sessions; at their next
 * sign-in they enrol before any page (vl_tf_set_required, lib/twofactor.c).
 */
#include "vellum.h"
#include "twofactor.h"

enum field { F_REQUIRE, F_NOTICE, F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "require", VL_V_BOOL, 2 },
	{ "notice", VL_V_LINE, 32 },
	{ "page", VL_V_INT, 6 },
};

static const char *const notices[] = { "required_on", "required_off" };

static enum vl_rc
page(struct vl_req *r, int status, const char *error)
{
	struct vl_tpl	*d;
	int64_t		 total = 0, pg = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 0;
	int		 on;
	enum vl_rc	 rc;

	if ((on = vl_tf_required(r->ctx, r->ctx->firm_id)) < 0)
		return VL_ERR;
	if ((d = vl_page_new(r, "Sign-in security")) == NULL)
		return VL_ERR;
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]),
	    error == NULL ? r->fields[F_NOTICE].val : NULL);
	if (error != NULL)
		vl_tpl_show(d, error);
	vl_tpl_show(d, on ? "ON" : "OFF");
	if ((rc = vl_tf_unenrolled(r->ctx, d, pg, &total)) != VL_OK)
		return rc;
	vl_tpl_set_int(d, "UNENROLLED", total);
	vl_tpl_show(d, total > 0 ? "SOME_UNENROLLED" : "ALL_ENROLLED");
	return vl_page_send_status(r, status, "settings_security.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, 200, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	int		 on = r->fields[F_REQUIRE].val != NULL && r->fields[F_REQUIRE].num != 0;
	enum vl_rc	 rc;

	/* An unticked box sends nothing; anything but a box's value is refused. */
	if (r->fields[F_REQUIRE].present && r->fields[F_REQUIRE].val == NULL)
		return VL_INVALID;
	if ((rc = vl_tf_set_required(r->ctx, on)) == VL_CONFLICT)
		return page(r, 409, "ERR_ENROL_FIRST");
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, on ? "/settings/security?notice=required_on" :
	    "/settings/security?notice=required_off");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_security",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
