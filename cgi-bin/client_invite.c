/*
 * Accepting an invitation (F-B3, F-B4): GET /portal/invite?token=... asks
 * the client to choose a password; POST sets it, uses the link up (it works
 * once, for one hour from its sending, and only while its address is the
 * contact's login email) and signs the client in; the address is told that
 * the password was set or changed.  /portal/forgot sends a new link of the
 * same kind to a client who has forgotten the password, always to the login
 * email on file (see vl_account_client_forgot).
 */
#include <string.h>

#include "vellum.h"
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

struct invite {
	unsigned char	 hash[32];
	int64_t		 firm, contact;
	char		*email, *firm_name, *slug;
};

static enum vl_rc
lookup(struct vl_req *r, struct invite *iv)
{
	if (r->fields[F_TOKEN].val == NULL)
		return VL_DECLINED;
	vl_sha256(r->fields[F_TOKEN].val, 43, iv->hash);
	return vl_db_row(r->pool, STMT_INVITE_LOOKUP, "b", "iisss", iv->hash, sizeof(iv->hash),
	    &iv->firm, &iv->contact, &iv->email, &iv->firm_name, &iv->slug);
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
	if (rc != VL_OK) {
		vl_tpl_free(d);
		return rc;
	}
	vl_tpl_set(vl_tpl_section(d, "FORGOT_SENT"), "EMAIL", email);
	return vl_page_send(r, "client_invite.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct invite	 iv;
	enum vl_rc	 rc;

	if (is_forgot(r))
		return forgot(r);
	if ((rc = lookup(r, &iv)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	return form(r, 200, iv.firm_name, iv.email, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*pw = r->fields[F_PASSWORD].val, *confirm = r->fields[F_CONFIRM].val;
	struct invite	 iv;
	struct vl_tf_acct acct;
	struct vl_tf_state st;
	char		 hash[128];
	uint64_t	 n = 0;
	int64_t		 active = 0;
	enum vl_rc	 rc;

	if (is_forgot(r))
		return forgot(r);
	if ((rc = lookup(r, &iv)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	if (pw == NULL || !vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL))
		return form(r, 400, iv.firm_name, iv.email, "Choose a password of 12 to 128 characters.");
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return form(r, 400, iv.firm_name, iv.email, "The two passwords do not match.");
	acct.firm = iv.firm;
	acct.kind = VL_SIGNIN_CLIENT;
	acct.id = iv.contact;
	if (vl_pw_hash(pw, hash) != VL_OK || (rc = vl_db_begin()) != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_INVITE_USE, &n, NULL, "b", iv.hash, sizeof(iv.hash))) != VL_OK)
		goto fail;
	if (n != 1) {
		vl_db_rollback();
		return expired(r);
	}
	if ((rc = vl_db_exec(STMT_ACCOUNT_ENSURE, NULL, NULL, "ii", iv.firm, iv.contact)) != VL_OK ||
	    ((rc = vl_db_row(r->pool, STMT_ACCOUNT_ACTIVE, "ii", "i", iv.firm, iv.contact,
	    &active)) != VL_OK && rc != VL_DECLINED) ||
	    (rc = vl_db_exec(STMT_ACCOUNT_SET_PASSWORD, NULL, NULL, "sii", hash, iv.firm,
	    iv.contact)) != VL_OK ||
	    (rc = vl_db_exec(STMT_SESS_DELETE_CONTACT, NULL, NULL, "ii", iv.firm, iv.contact)) != VL_OK ||
	    (rc = vl_account_password_changed(r->ctx, iv.firm, iv.email, iv.slug, !active)) != VL_OK ||
	    (rc = vl_db_commit()) != VL_OK)
		goto fail;
	vl_audit_as(r->ctx, iv.firm, 0, "client_invitation_accepted", "contact", iv.contact);
	/* A reset link is no second factor: with two-factor sign-in on, the
	 * client signs in with the new password and a code. */
	if ((rc = vl_tf_state(r->ctx, &acct, &st)) != VL_OK)
		return rc;
	if (st.enrolled) {
		vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/login?firm=%s&password_set=1",
		    iv.slug));
		return VL_OK;
	}
	if ((rc = vl_sess_start(r, VL_SIGNIN_CLIENT, iv.firm, iv.contact, iv.slug)) != VL_OK)
		return rc;
	vl_out_redirect(r, "/portal");
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
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
