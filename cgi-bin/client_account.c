/*
 * A client's "My account", /portal/account: a new password, two-factor sign-in
 * (enrol with a QR code, confirm with a code, recovery codes, remove) and
 * their own sessions, each ended with a button.  The page is shared with
 * the other side's (lib/mypage.c); the rules are in lib/myaccount.c and
 * lib/twofactor.c, for the signed-in person alone.
 */
#include "vellum.h"
#include "mypage.h"

static const struct vl_app app = {
	.name = "client_account",
	.fields = vl_me_fields,
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
