/*
 * A colleague accepts an invitation: GET /join?token=... asks for their
 * name and a password; POST creates the user (with the invitation's email
 * and role), uses the link up (once; for one hour from its sending) and
 * signs them in.  A dead link says so (400).
 */
#include "vellum.h"
#include "staff.h"

enum field { F_TOKEN, F_NAME, F_PASSWORD, F_CONFIRM, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "token", VL_V_TOKEN, 43 },
	{ "name", VL_V_LINE, 200 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
};

static enum vl_rc
expired(struct vl_req *r)
{
	struct vl_tpl	*d = vl_page_new(r, "Invitation expired");

	vl_tpl_show(d, "EXPIRED");
	return vl_page_send_status(r, 400, "join.tpl", d);
}

static enum vl_rc
form(struct vl_req *r, int status, const struct vl_staff_invitation *inv,
    const struct vl_ferr *fe)
{
	struct vl_tpl	*d = vl_page_new(r, "Join your firm"), *f;

	f = vl_tpl_section(d, "FORM");
	vl_tpl_set(f, "TOKEN", r->fields[F_TOKEN].val);
	vl_tpl_set(f, "FIRM_NAME", inv->firm_name);
	vl_tpl_set(f, "EMAIL", inv->email);
	vl_tpl_set(f, "NAME", r->fields[F_NAME].val);
	vl_ferr_show(f, fe);
	return vl_page_send_status(r, status, "join.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_staff_invitation inv;
	struct vl_ferr	 fe = VL_FERR_INIT;
	enum vl_rc	 rc;

	if ((rc = vl_staff_invitation(r->ctx, r->fields[F_TOKEN].val, &inv)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	return form(r, 200, &inv, &fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_staff_invitation inv;
	struct vl_ferr	 fe = VL_FERR_INIT;
	int64_t		 firm, user;
	enum vl_rc	 rc;

	rc = vl_staff_join(r->ctx, r->fields[F_TOKEN].val, r->fields[F_NAME].val,
	    r->fields[F_PASSWORD].val, r->fields[F_CONFIRM].val, &fe, &firm, &user);
	if (rc == VL_DECLINED)
		return expired(r);
	if (rc == VL_INVALID) {
		if (vl_staff_invitation(r->ctx, r->fields[F_TOKEN].val, &inv) != VL_OK)
			return expired(r);
		return form(r, 400, &inv, &fe);
	}
	if (rc == VL_CONFLICT) {
		struct vl_tpl *d = vl_page_new(r, "Invitation not accepted");
		vl_tpl_show(d, "TAKEN");
		return vl_page_send_status(r, 409, "join.tpl", d);
	}
	if (rc != VL_OK)
		return rc;
	if (vl_sess_start(r, VL_SIGNIN_USER, firm, user, NULL) != VL_OK)
		return VL_ERR;
	vl_out_redirect(r, "/matters");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "staff_join",
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
