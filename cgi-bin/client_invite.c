/*
 * Accepting an invitation (F-B3, F-B4): GET /portal/invite?token=... asks
 * the client to choose a password; POST sets it, uses the link up (it works
 * once, for one hour from its sending, and only while its address is the
 * contact's login email) and signs the client in; the address is told that
 * the password was set or changed (see vl_account_client_accept).
 * /portal/forgot sends a new link of the same kind to a client who has
 * forgotten the password, always to the login email on file (see
 * vl_account_client_forgot).
 */
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "account.h"
#include "twofactor.h"

enum field { F_TOKEN, F_PASSWORD, F_CONFIRM, F_FIRM, F_EMAIL, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "token", VL_V_TOKEN, 43 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
	{ "firm", VL_V_LINE, 64 },
	{ "email", VL_V_LINE, 254 },
};

static int
is_forgot(struct vl_req *r)
{
	return strcmp(r->uri, "/portal/forgot") == 0;
}

static enum vl_rc
expired(struct vl_req *r)
{
	struct vl_tpl *d = vl_page_new(r, "Invitation expired");

	vl_tpl_show(d, "EXPIRED");
	return vl_page_send_status(r, 400, "client_invite.tpl", d);
}

static enum vl_rc
form(struct vl_req *r, int status, const char *firm, const char *email, const char *error)
{
	struct vl_tpl *d = vl_page_new(r, "Choose your password"), *f;

	f = vl_tpl_section(d, "FORM");
	vl_tpl_set(f, "TOKEN", r->fields[F_TOKEN].val);
	vl_tpl_set(f, "FIRM_NAME", firm);
	vl_tpl_set(f, "EMAIL", email);
	if (error != NULL)
		vl_tpl_set(vl_tpl_section(f, "ERROR"), "MESSAGE", error);
	return vl_page_send_status(r, status, "client_invite.tpl", d);
}

/* "Forgot password?": a new link by email, the same answer either way. */
static enum vl_rc
forgot(struct vl_req *r)
{
	const char	*slug = r->fields[F_FIRM].val, *email = r->fields[F_EMAIL].val;
	struct vl_tpl	*d = vl_page_new(r, "Reset your password"), *f;
	enum vl_rc	 rc;

	if (r->method != VL_POST || slug == NULL || email == NULL) {
		vl_tpl_set(vl_tpl_section(d, "FORGOT"), "FIRM", slug);
		return vl_page_send(r, "client_invite.tpl", d);
	}
	if ((rc = vl_account_client_forgot(r->ctx, slug, email)) == VL_INVALID) {
		f = vl_tpl_section(d, "FORGOT");
		vl_tpl_set(f, "FIRM", slug);
		vl_tpl_set(f, "EMAIL", email);
		vl_tpl_set(vl_tpl_section(f, "ERROR"), "MESSAGE", "Enter a valid email address.");
		return vl_page_send_status(r, 400, "client_invite.tpl", d);
	}
	if (rc != VL_OK)
		return rc;
	vl_tpl_set(vl_tpl_section(d, "FORGOT_SENT"), "EMAIL", email);
	return vl_page_send(r, "client_invite.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_link	 l;
	enum vl_rc	 rc;

	if (is_forgot(r))
		return forgot(r);
	if ((rc = vl_account_client_link(r->ctx, r->fields[F_TOKEN].val, &l)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	return form(r, 200, l.firm_name, l.email, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_link	 l;
	const char	*msg;
	char		 token[44];
	enum vl_rc	 rc;

	if (is_forgot(r))
		return forgot(r);
	rc = vl_account_client_accept(r->ctx, r->fields[F_TOKEN].val, r->fields[F_PASSWORD].val,
	    r->fields[F_CONFIRM].val, vl_req_env(r, "HTTP_USER_AGENT"), &l, token, &msg);
	if (rc == VL_DECLINED)
		return expired(r);
	if (rc == VL_INVALID)
		return form(r, 400, l.firm_name, l.email, msg);
	if (rc != VL_OK)
		return rc;
	/* A reset link is no second factor: with two-factor sign-in on, the
	 * client signs in with the new password and a code. */
	if (token[0] == '\0') {
		vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/login?firm=%s&password_set=1",
		    l.slug));
		return VL_OK;
	}
	vl_sess_adopt(r, VL_SIGNIN_CLIENT, l.firm, l.account, token, l.slug);
	sodium_memzero(token, sizeof(token));
	vl_out_redirect(r, "/portal");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_invite",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_PUBLIC,
	.client = 1,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
