/*
 * The first run: GET /setup shows "Set up your firm" while the database
 * holds no firm (the start page / sends there); POST creates the firm and
 * its admin for the holder of the one-time setup code (`vellumctl
 * setup-code`), and signs the admin in.  Once a firm exists the page is
 * gone: 404 for GET and POST, with a valid code or not.
 */
#include "vellum.h"
#include "setup.h"

enum field { F_CODE, F_FIRM, F_SLUG, F_NAME, F_EMAIL, F_PASSWORD, F_CONFIRM, F_ZONE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "code", VL_V_LINE, 64 },
	{ "firm", VL_V_LINE, 200 },
	{ "slug", VL_V_LINE, 64 },
	{ "name", VL_V_LINE, 200 },
	{ "email", VL_V_LINE, 254 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
	{ "zone", VL_V_LINE, 64 },
};

/* The form, with what was typed (but the code and passwords) and the
 * wrong fields marked. */
static enum vl_rc
form(struct vl_req *r, int status, const struct vl_ferr *fe)
{
	struct vl_tpl	*d = vl_page_new(r, "Set up your firm");
	const char	*zone = r->fields[F_ZONE].val;

	vl_tpl_set(d, "FIRM", r->fields[F_FIRM].val);
	vl_tpl_set(d, "SLUG", r->fields[F_SLUG].val);
	vl_tpl_set(d, "NAME", r->fields[F_NAME].val);
	vl_tpl_set(d, "EMAIL", r->fields[F_EMAIL].val);
	vl_tpl_set(d, "ZONE", zone != NULL ? zone : "UTC");
	vl_ferr_show(d, fe);
	return vl_page_send_status(r, status, "setup.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_ferr	 fe = VL_FERR_INIT;
	int		 needed = vl_setup_needed(r->pool);

	if (needed < 0)
		return VL_ERR;
	return needed ? form(r, 200, &fe) : VL_DECLINED;
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_ferr	 fe = VL_FERR_INIT;
	const struct vl_setup s = {
		.code = r->fields[F_CODE].val, .firm = r->fields[F_FIRM].val,
		.slug = r->fields[F_SLUG].val, .name = r->fields[F_NAME].val,
		.email = r->fields[F_EMAIL].val, .password = r->fields[F_PASSWORD].val,
		.confirm = r->fields[F_CONFIRM].val, .zone = r->fields[F_ZONE].val,
	};
	int64_t		 firm, admin;
	enum vl_rc	 rc;

	rc = vl_setup_run(r->ctx, &s, &fe, &firm, &admin);
	if (rc == VL_INVALID)
		return form(r, 400, &fe);
	if (rc != VL_OK)
		return rc;
	if (vl_sess_start(r, VL_SIGNIN_USER, firm, admin, NULL) != VL_OK)
		return VL_ERR;
	vl_out_redirect(r, "/settings?notice=setup");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "setup",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_PUBLIC,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
