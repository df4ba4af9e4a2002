/*
 * "Forgot password?": POST /forgot queues a reset email when the address
 * belongs to a user, and answers the same either way.  The typed address is
 * only a key: it is normalised (vl_email_norm) and the mail goes to the
 * address on file.  The reset row and the outbox row are written in one
 * transaction.
 */
#include <string.h>

#include "vellum.h"
#include "notify.h"
#include "audit.h"

enum field { F_EMAIL, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "email", VL_V_LINE, 254 },
};

#define RESETS_PER_HOUR	3

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_tpl	*d = vl_page_new(r, "Reset your password");

	vl_tpl_set(d, "EMAIL", r->fields[F_EMAIL].val);
	return vl_page_send(r, "forgot.tpl", d);
}

/* Queues the reset for uid, to its stored address; quietly does nothing
 * past the hourly limit. */
static enum vl_rc
queue_reset(struct vl_req *r, int64_t uid, int64_t fid, const char *email)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	unsigned char	 h[32];
	char		 tok[44];
	int64_t		 recent = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(r->pool, STMT_RESET_RECENT, "i", "i", uid, &recent)) != VL_OK)
		return rc;
	if (recent >= RESETS_PER_HOUR) {
		vl_audit_as(r->ctx, fid, uid, "password_reset_throttled", "user", uid);
		return VL_OK;
	}
	vl_token_new(tok);
	vl_sha256(tok, 43, h);
	vl_buf_add_param(&payload, "link", vl_pool_printf(r->pool, "%s/reset?token=%s",
	    vl_conf.base_url, tok));
	vl_buf_add_param(&payload, "minutes", vl_pool_printf(r->pool, "%lld",
	    (long long)(vl_conf.reset_ttl / 60)));
	if ((rc = vl_db_begin()) != VL_OK)
		goto out;
	if ((rc = vl_db_exec(STMT_RESET_VOID_USER, NULL, NULL, "i", uid)) != VL_OK ||
	    (rc = vl_db_exec(STMT_RESET_INSERT, NULL, NULL, "biii", h, sizeof(h), fid, uid,
	    vl_conf.reset_ttl)) != VL_OK ||
	    (rc = vl_notify(fid, VL_MAIL_PASSWORD_RESET, email, payload.buf)) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	if ((rc = vl_db_commit()) == VL_OK)
		vl_audit_as(r->ctx, fid, uid, "password_reset_requested", "user", uid);
out:
	vl_buf_release(&payload);
	return rc;
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*email = r->fields[F_EMAIL].val, *key;
	struct vl_tpl	*d;
	char		*stored;
	int64_t		 uid, fid;
	enum vl_rc	 rc;

	if ((key = vl_email_norm(r->pool, email)) == NULL) {
		d = vl_page_new(r, "Reset your password");
		vl_tpl_set(d, "EMAIL", email);
		vl_tpl_set(vl_tpl_section(d, "ERROR"), "MESSAGE", "Enter a valid email address.");
		return vl_page_send_status(r, 400, "forgot.tpl", d);
	}
	rc = vl_db_row(r->pool, STMT_USER_ID_BY_EMAIL, "s", "iis", key, &uid, &fid, &stored);
	if (rc == VL_OK)
		rc = queue_reset(r, uid, fid, stored);
	if (rc == VL_ERR)
		return rc;
	/* The same answer whether or not the address is known. */
	d = vl_page_new(r, "Check your email");
	vl_tpl_set(d, "EMAIL", email);
	vl_tpl_set_int(d, "MINUTES", vl_conf.reset_ttl / 60);
	return vl_page_send(r, "forgot_sent.tpl", d);
}

static const struct vl_app app = {
	.name = "auth_forgot",
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
