/*
 * "Forgot password?": POST /forgot queues a reset email when the address
 * belongs to a user, and answers the same either way.  The typed address is
 * only a key: it is normalised (vl_email_norm) and the mail goes to the
 * address on file.  The reset row and the outbox row are written in one
 * transaction.
 */
#include <string.h>

#include "vellum.h"
#include "account.h"

enum field { F_EMAIL, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "email", VL_V_LINE, 254 },
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_tpl	*d = vl_page_new(r, "Reset your password");

	vl_tpl_set(d, "EMAIL", r->fields[F_EMAIL].val);
	return vl_page_send(r, "forgot.tpl", d);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*email = r->fields[F_EMAIL].val;
	struct vl_tpl	*d;
	enum vl_rc	 rc;

	if ((rc = vl_account_user_forgot(r->ctx, email)) == VL_INVALID) {
		d = vl_page_new(r, "Reset your password");
		vl_tpl_set(d, "EMAIL", email);
		vl_tpl_set(vl_tpl_section(d, "ERROR"), "MESSAGE", "Enter a valid email address.");
		return vl_page_send_status(r, 400, "forgot.tpl", d);
	}
	if (rc != VL_OK)
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
