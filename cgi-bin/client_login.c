/*
 * The firm's public client sign-in link: /portal/login?firm=<slug> (F-B4).
 * Only clients with an account (an accepted invitation) who take part in a
 * portal of that firm can sign in, and only with their current login email.
 */
#include <string.h>

#include "vellum.h"
#include "signin.h"
#include "account.h"
#include "mypage.h"

enum field { F_FIRM, F_EMAIL, F_PASSWORD, F_OUT, F_SET, F_NEXT, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "firm", VL_V_LINE, 64 },
	{ "email", VL_V_LINE, 254 },
	{ "password", VL_V_LINE, 1024 },
	{ "signed_out", VL_V_BOOL, 1 },
	{ "password_set", VL_V_BOOL, 1 },
	{ "next", VL_V_LINE, 1024 },
};

/* Where to go once signed in: the portal page asked for, if it is one. */
static const char *
landing(struct vl_req *r)
{
	const char *next = vl_next_safe(r->fields[F_NEXT].val, 1);

	return next ? next : "/portal";
}

/* The firm's slug: from the link, else the cookie a sign-in left. */
static const char *
firm_slug(struct vl_req *r)
{
	const struct vl_pair *ck;

	if (r->fields[F_FIRM].val && *r->fields[F_FIRM].val)
		return r->fields[F_FIRM].val;
	if ((ck = vl_cookie_get(r, VL_COOKIE_PORTAL_FIRM)) != NULL &&
	    vl_validate(VL_V_LINE, ck->val, ck->vallen, 64, NULL))
		return ck->val;
	return NULL;
}

static enum vl_rc
form(struct vl_req *r, int status, const char *error, const char *notice)
{
	const char	*slug = firm_slug(r);
	char		*name = NULL;
	int64_t		 fid;
	struct vl_tpl	*d, *f;

	if (slug == NULL || vl_db_row(r->pool, STMT_FIRM_BY_SLUG_NAME, "s", "is", slug, &fid,
	    &name) != VL_OK) {
		d = vl_page_new(r, "Client portal");
		vl_tpl_show(d, "NO_FIRM");
		return vl_page_send_status(r, slug ? 404 : 200, "client_login.tpl", d);
	}
	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · client portal", name));
	f = vl_tpl_section(d, "FORM");
	vl_tpl_set(f, "FIRM", slug);
	vl_tpl_set(f, "FIRM_NAME", name);
	vl_tpl_set(f, "EMAIL", r->fields[F_EMAIL].val);
	vl_tpl_set(f, "NEXT", vl_next_safe(r->fields[F_NEXT].val, 1));
	if (error != NULL)
		vl_tpl_set(vl_tpl_section(f, "ERROR"), "MESSAGE", error);
	if (notice != NULL)
		vl_tpl_set(vl_tpl_section(f, "NOTICE"), "MESSAGE", notice);
	return vl_page_send_status(r, status, "client_login.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	if (r->sess != NULL) {
		vl_out_redirect(r, landing(r));
		return VL_OK;
	}
	if (r->fields[F_OUT].num)
		return form(r, 200, NULL, "You have signed out.");
	if (r->fields[F_SET].num)
		return form(r, 200, NULL, "Your new password is set. Sign in with it and your code.");
	return form(r, 200, NULL, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*slug = firm_slug(r), *email = r->fields[F_EMAIL].val;
	const char	*pw = r->fields[F_PASSWORD].val;
	struct vl_signed_in in;
	enum vl_rc	 rc;

	/* One sign-in path, the one nginx rate-limits. */
	if (strcmp(r->uri, "/portal/login") != 0)
		return VL_INVALID;
	if (slug == NULL || email == NULL || pw == NULL || !*email || !*pw)
		return form(r, 400, "Enter your email and password.", NULL);
	/* The rules (counting, lockout, audit, links voided) are vl_signin's. */
	rc = vl_signin(r->ctx, VL_SIGNIN_CLIENT, slug, email, pw,
	    vl_req_env(r, "HTTP_USER_AGENT"), &in);
	if (rc == VL_DECLINED)
		return form(r, 200, vl_signin_refused, NULL);
	if (rc != VL_OK)
		return rc;
	/* Two-factor sign-in: the code first, at /portal/login/code. */
	if (in.step != 0)
		return vl_code_redirect(r, VL_SIGNIN_CLIENT, in.token, slug,
		    r->fields[F_NEXT].val);
	vl_sess_adopt(r, VL_SIGNIN_CLIENT, in.firm, in.account, in.token, slug);
	vl_out_redirect(r, landing(r));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_login",
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
