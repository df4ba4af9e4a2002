/*
 * A client's second sign-in step, /portal/login/code: after a right password for an
 * account with two-factor sign-in, the 6-digit code (or a recovery code);
 * for a firm user whose firm requires it and who has none yet, the
 * enrolment.  The pending sign-in is a short-lived cookie; the rules
 * (throttle, single use, audit) are vl_signin_code's (lib/signin.c).
 */
#include "vellum.h"
#include "mypage.h"

static const struct vl_field fields[VL_CODE_F__MAX] = {
	{ "code", VL_V_LINE, 32 },
	{ "next", VL_V_LINE, 1024 },
};

static enum vl_rc
get(struct vl_req *r)
{
	return vl_code_page_get(r, VL_SIGNIN_CLIENT);
}

static enum vl_rc
post(struct vl_req *r)
{
	return vl_code_page_post(r, VL_SIGNIN_CLIENT);
}

static const struct vl_app app = {
	.name = "client_code",
	.fields = fields,
	.nfields = VL_CODE_F__MAX,
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
