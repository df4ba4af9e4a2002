/*
 * The reset link: GET /reset?token=... asks for a new password; POST sets
 * it.  The token works once (an atomic UPDATE ... WHERE used_at IS NULL)
 * and expires after reset_ttl; a new password ends every session and tells
 * the account's address on file that it changed.
 */
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "audit.h"
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

/* Looks the token up; VL_DECLINED when unknown, used or expired. */
static enum vl_rc
lookup(struct vl_req *r, unsigned char h[32], int64_t *uid, int64_t *fid, char **email)
{
	const char *tok = r->fields[F_TOKEN].val;

	if (tok == NULL)
		return VL_DECLINED;
	vl_sha256(tok, 43, h);
	return vl_db_row(r->pool, STMT_RESET_LOOKUP, "b", "iis", h, (size_t)32,
	    uid, fid, email);
}

static enum vl_rc
get(struct vl_req *r)
{
	unsigned char	 h[32];
	int64_t		 uid, fid;
	char		*email;
	enum vl_rc	 rc;

	if ((rc = lookup(r, h, &uid, &fid, &email)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	return form(r, 200, email, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*pw = r->fields[F_PASSWORD].val, *confirm = r->fields[F_CONFIRM].val;
	unsigned char	 h[32];
	char		 hash[128], *email;
	int64_t		 uid, fid;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = lookup(r, h, &uid, &fid, &email)) == VL_DECLINED)
		return expired(r);
	if (rc != VL_OK)
		return rc;
	if (pw == NULL || !vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL))
		return form(r, 400, email, "Choose a password of 12 to 128 characters.");
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return form(r, 400, email, "The two passwords do not match.");
	if (vl_pw_hash(pw, hash) != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_RESET_USE, &n, NULL, "b", h, sizeof(h))) != VL_OK)
		goto fail;
	if (n != 1) {
		/* Another request used the link first, or it just expired. */
		vl_db_rollback();
		return expired(r);
	}
	if ((rc = vl_db_exec(STMT_USER_SET_PASSWORD, NULL, NULL, "sii", hash, uid, fid)) != VL_OK ||
	    (rc = vl_db_exec(STMT_SESS_DELETE_USER, NULL, NULL, "ii", uid, fid)) != VL_OK ||
	    (rc = vl_account_password_changed(r->ctx, fid, email, NULL, 0)) != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	sodium_memzero(hash, sizeof(hash));
	vl_audit_as(r->ctx, fid, uid, "password_reset", "user", uid);
	vl_out_redirect(r, "/login?reset=1");
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
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
