/*
 * Inviting a colleague (admins only): GET /users/invite shows the form;
 * POST queues the invitation mail to the address as stored (normalised)
 * with a link that works once, for one hour from the send (lib/staff.c),
 * or shows the form again with what was typed and what is wrong.
 */
#include "vellum.h"
#include "staff.h"

enum field { F_EMAIL, F_ROLE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "email", VL_V_LINE, 254 },
	{ "role", VL_V_LINE, 8 },
};

static enum vl_rc
form(struct vl_req *r, int status, const struct vl_ferr *fe)
{
	struct vl_tpl	*d = vl_page_new(r, "Invite a colleague");
	const char	*role = r->fields[F_ROLE].val;

	vl_tpl_set(d, "EMAIL", r->fields[F_EMAIL].val);
	vl_tpl_show(d, role != NULL && role[0] == 'a' ? "ROLE_ADMIN" : "ROLE_MEMBER");
	vl_ferr_show(d, fe);
	return vl_page_send_status(r, status, "users_invite.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_ferr	 fe = VL_FERR_INIT;

	return form(r, 200, &fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_ferr	 fe = VL_FERR_INIT;
	const char	*stored;
	enum vl_rc	 rc;

	rc = vl_staff_invite(r->ctx, r->fields[F_EMAIL].val, r->fields[F_ROLE].val, &fe, &stored);
	if (rc == VL_INVALID)
		return form(r, 400, &fe);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, "/users?notice=invited");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "users_invite",
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
