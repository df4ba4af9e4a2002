/*
 * The firm's billing setting (admins only): POST /settings/billing with
 * combine=1 or without it sets "Combine outstanding invoices and trust
 * requests for a single client into the same email envelope" (audited,
 * lib/envelope.c) and comes back to /settings with a notice; the setting
 * is shown on /settings.
 */
#include "vellum.h"
#include "envelope.h"

enum field { F_COMBINE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "combine", VL_V_BOOL, 8 },
};

static enum vl_rc
post(struct vl_req *r)
{
	enum vl_rc	 rc;

	if ((rc = vl_envelope_set_combine(r->ctx, r->fields[F_COMBINE].val != NULL &&
	    r->fields[F_COMBINE].num != 0)) != VL_OK)
		return rc;
	vl_out_redirect(r, "/settings?notice=billing");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_billing",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
