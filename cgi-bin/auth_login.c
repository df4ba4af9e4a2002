/*
 * Firm sign-in: GET / and /login show the form; POST /login (only there)
 * checks the password (argon2id, same cost for unknown emails and paused
 * accounts), counting attempts per account and address, and starts a new
 * session: all in vl_signin (lib/signin.c).  With two-factor sign-in the
 * code comes next, at /login/code (auth_code).
 */
#include <string.h>

#include "vellum.h"
#include "signin.h"
#include "account.h"
#include "setup.h"
#include "mypage.h"

enum field { F_EMAIL, F_PASSWORD, F_RESET, F_OUT, F_NEXT, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "email", VL_V_LINE, 254 },
	{ "password", VL_V_LINE, 1024 },
	{ "reset", VL_V_BOOL, 1 },
	{ "signed_out", VL_V_BOOL, 1 },
	{ "next", VL_V_LINE, 1024 },
};

/* Where to go once signed in: the page asked for, if it is one of ours. */
static const char *
landing(struct vl_req *r)
{
	const char *next = vl_next_safe(r->fields[F_NEXT].val, 0);

	return next ? next : "/matters";
}

static enum vl_rc
form(struct vl_req *r, int status, const char *error, const char *notice)
{
	struct vl_tpl	*d = vl_page_new(r, "Sign in");

	vl_tpl_set(d, "EMAIL", r->fields[F_EMAIL].val);
	vl_tpl_set(d, "NEXT", vl_next_safe(r->fields[F_NEXT].val, 0));
	if (error != NULL)
		vl_tpl_set(vl_tpl_section(d, "ERROR"), "MESSAGE", error);
	if (notice != NULL)
		vl_tpl_set(vl_tpl_section(d, "NOTICE"), "MESSAGE", notice);
	return vl_page_send_status(r, status, "login.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	int	 first;

	/* The first run: no firm yet, so nobody to sign in; set one up. */
	if (r->sess == NULL && strcmp(r->uri, "/") == 0) {
		if ((first = vl_setup_needed(r->pool)) < 0)
			return VL_ERR;
		if (first) {
			vl_out_redirect(r, "/setup");
			return VL_OK;
		}
	}
	if (r->sess != NULL) {
		vl_out_redirect(r, landing(r));
		return VL_OK;
	}
	if (r->fields[F_RESET].num)
		return form(r, 200, NULL, "Your password has been changed. Sign in with the new one.");
	if (r->fields[F_OUT].num)
		return form(r, 200, NULL, "You have signed out.");
	return form(r, 200, NULL, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*email = r->fields[F_EMAIL].val, *pw = r->fields[F_PASSWORD].val;
	struct vl_signed_in in;
	enum vl_rc	 rc;

	/* One sign-in path, the one nginx rate-limits: the form at / posts there. */
	if (strcmp(r->uri, "/login") != 0)
		return VL_INVALID;
	if (email == NULL || pw == NULL || *email == '\0' || *pw == '\0')
		return form(r, 400, "Enter your email and password.", NULL);
	rc = vl_signin(r->ctx, VL_SIGNIN_USER, NULL, email, pw,
	    vl_req_env(r, "HTTP_USER_AGENT"), &in);
	if (rc == VL_DECLINED)
		return form(r, 200, vl_signin_refused, NULL);
	if (rc != VL_OK)
		return rc;
	/* Two-factor sign-in: no session before the code (or the enrolment). */
	if (in.step != 0)
		return vl_code_redirect(r, VL_SIGNIN_USER, in.token, NULL,
		    r->fields[F_NEXT].val);
	vl_sess_adopt(r, VL_SIGNIN_USER, in.firm, in.account, in.token, NULL);
	vl_out_redirect(r, landing(r));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "auth_login",
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
