/*
 * The pages of two-factor sign-in and "My account", shared by the firm's
 * and the client's programs (which differ only in their side): pages take
 * the request, the rules are in myaccount.c, twofactor.c and signin.c.
 */
#ifndef VL_MYPAGE_H
#define VL_MYPAGE_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The fields of /account and /portal/account, in the order of each
 * program's fields table (the programs declare them; the page reads them). */
enum vl_me_field {
	VL_ME_F_OP, VL_ME_F_CURRENT, VL_ME_F_PASSWORD, VL_ME_F_CONFIRM, VL_ME_F_CODE,
	VL_ME_F_SESSION, VL_ME_F_NOTICE, VL_ME_F_VIEW, VL_ME_F_PAGE, VL_ME_F__MAX
};
/* Their declarations (name, validator, longest), for both programs. */
extern const struct vl_field vl_me_fields[VL_ME_F__MAX];
/* GET: the account page (view=enrol: the QR code of an enrolment under
 * way).  Sent; VL_OK or VL_ERR. */
enum vl_rc vl_me_page_get(struct vl_req *);
/* POST: one operation (op: password, totp_start, totp_confirm, totp_remove,
 * recovery_new, end_session), then the page with what happened.
 * VL_INVALID for an unknown op; else sent, VL_OK or the refusal. */
enum vl_rc vl_me_page_post(struct vl_req *);

/* The fields of the second sign-in step (/login/code, /portal/login/code). */
enum vl_code_field { VL_CODE_F_CODE, VL_CODE_F_NEXT, VL_CODE_F__MAX };

/* Sends a right password on to the second step: the pending cookie set
 * and a redirect to that side's code page (with next, and a client's firm
 * slug for the page's heading).  VL_OK. */
enum vl_rc vl_code_redirect(struct vl_req *, enum vl_signin_kind, const char *token,
	    const char *slug, const char *next);
/* GET and POST of the code page of kind's side.  Sent; VL_OK or VL_ERR. */
enum vl_rc vl_code_page_get(struct vl_req *, enum vl_signin_kind);
enum vl_rc vl_code_page_post(struct vl_req *, enum vl_signin_kind);

#ifdef __cplusplus
}
#endif
#endif
