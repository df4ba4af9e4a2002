/*
 * A client's "My account", /portal/account: a new password, two-factor sign-in
 * (enrol with a QR code, confirm with a code, recovery codes, remove) and
 * their own sessions, each ended with a button.  The page is shared with
 * the other side's (lib/mypage.c); the rules are in lib/myaccount.c and
 * lib/twofactor.c, for the signed-in person alone.
 */
#include "vellum.h"
#include "mypage.h"

static const struct vl_field fields[VL_ME_F__MAX] = {
	{ "op", VL_V_LINE, 32 },
	{ "current", VL_V_LINE, 1024 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
	{ "code", VL_V_LINE, 32 },
	{ "session", VL_V_ID, 20 },
	{ "notice", VL_V_LINE, 32 },
	{ "view", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
};

static const struct vl_app app = {
	.name = "client_account",
	.fields = fields,
	.nfields = VL_ME_F__MAX,
	.access = VL_CLIENT,
	.get = vl_me_page_get,
	.post = vl_me_page_post,
};

int
main(void)
{
	return vl_run(&app);
}
