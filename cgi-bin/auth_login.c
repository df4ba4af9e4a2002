/*
 * Firm sign-in: GET / and /login show the form; POST /login checks the
 * password (argon2id, same cost for unknown emails), throttles repeated
 * failures per account, and starts a new session.
 */
#include <string.h>

#include "vellum.h"

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
	char		*hash = NULL;
	int64_t		 uid = 0, fid = 0, locked = 0;
	enum vl_rc	 rc;

	if (email == NULL || pw == NULL || *email == '\0' || *pw == '\0')
		return form(r, 400, "Enter your email and password.", NULL);
	/* Stored addresses are normalised; one that cannot be is unknown. */
	if ((email = vl_email_norm(r->pool, email)) == NULL)
		email = "";
	rc = vl_db_row(r->pool, STMT_USER_BY_EMAIL, "s", "iisi", email,
	    &uid, &fid, &hash, &locked);
	if (rc == VL_ERR)
		return rc;
	if (rc == VL_DECLINED) {
		(void)vl_pw_verify(vl_pw_dummy(), pw);
		return form(r, 200, "The email or password is not correct.", NULL);
	}
	if (locked) {
		vl_audit_as(r, fid, uid, "login_throttled", "user", uid);
		return form(r, 429, "Too many failed attempts. Wait a few minutes, "
		    "then try again, or reset your password.", NULL);
	}
	if (!vl_pw_verify(hash, pw)) {
		if (vl_db_exec(STMT_USER_LOGIN_FAIL, NULL, NULL, "i", uid) != VL_OK)
			return VL_ERR;
		vl_audit_as(r, fid, uid, "login_failed", "user", uid);
		return form(r, 200, "The email or password is not correct.", NULL);
	}
	if (vl_db_exec(STMT_USER_LOGIN_OK, NULL, NULL, "i", uid) != VL_OK ||
	    vl_db_exec(STMT_RESET_VOID_USER, NULL, NULL, "i", uid) != VL_OK ||
	    vl_sess_start(r, fid, uid) != VL_OK)
		return VL_ERR;
	vl_audit(r, "login", "user", uid);
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
