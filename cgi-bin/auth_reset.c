/*
 * The reset link: GET /reset?token=... asks for a new password; POST sets
 * it.  The rules (the link works once and expires after reset_ttl; a new
 * password ends every session and tells the account's address on file that
 * it changed) are vl_account_user_reset's (lib/account.c).
 */
#include "vellum.h"
#include "account.h"

enum field { F_TOKEN, F_PASSWORD, F_CONFIRM, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "token", VL_V_TOKEN, 43 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
};

static enum vl_rc
expired(struct vl_req *r)
{
	struct vl_tpl	*d = vl_page_new(r, "Link expired");

	return vl_page_send_status(r, 400, "reset_expired.tpl", d);
}

static enum vl_rc
form(struct vl_req *r, int status, const char *email, const char *error)
{
	struct vl_tpl	*d = vl_page_new(r, "Choose a new password");

	vl_tpl_set(d, "TOKEN", r->fields[F_TOKEN].val);
	vl_tpl_set(d, "EMAIL", email);
	if (error != NULL)
		vl_tpl_set(vl_tpl_section(d, "ERROR"), "MESSAGE", error);
	return vl_page_send_status(r, status, "reset.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_link	 l;
	enum vl_rc	 rc;

	if ((rc = vl_account_user_reset_link(r->ctx, r->fields[F_TOKEN].val, &l)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	return form(r, 200, l.email, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_link	 l;
	const char	*msg;
	enum vl_rc	 rc;

	rc = vl_account_user_reset(r->ctx, r->fields[F_TOKEN].val, r->fields[F_PASSWORD].val,
	    r->fields[F_CONFIRM].val, &l, &msg);
	if (rc == VL_DECLINED)
		return expired(r);
	if (rc == VL_INVALID)
		return form(r, 400, l.email, msg);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, "/login?reset=1");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "auth_reset",
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
