/*
 * The firm's payment provider (admins): /settings/payments.  The secret
 * key and the webhook signing secret are sealed (lib/payment.c) and shown
 * only by their ends; a blank field keeps the stored one.  Switching
 * payments off hides "Pay bill" and pay links; money already under way
 * is still recorded when its webhook comes.
 */
#include "vellum.h"
#include "payment.h"

enum field { F_LABEL, F_KEY, F_WEBHOOK, F_ENABLED, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "label", VL_V_LINE, 400 },
	{ "secret_key", VL_V_LINE, 400 },
	{ "webhook_secret", VL_V_LINE, 400 },
	{ "enabled", VL_V_BOOL, 4 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "saved", "disabled" };

static enum vl_rc
page(struct vl_req *r, const char *label, int enabled, const struct vl_form_err *e)
{
	struct vl_pay_provider	 p;
	struct vl_tpl		*d;
	enum vl_rc		 rc;

	if ((rc = vl_pay_provider_get(r->ctx, &p)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Payments");
	vl_tpl_set(d, "LABEL", label ? label : p.label);
	vl_tpl_set(d, "WEBHOOK_URL", vl_pool_printf(r->pool, "%s/webhooks/stripe", vl_conf.base_url));
	if (p.configured) {
		vl_tpl_set(vl_tpl_section(d, "CONFIGURED"), "KEY_HINT", p.key_hint);
		vl_tpl_set(vl_tpl_section(d, "WEBHOOK_CONFIGURED"), "WEBHOOK_HINT", p.webhook_hint);
		vl_tpl_show(d, p.enabled ? "ON" : "OFF");
	} else
		vl_tpl_show(d, "NOT_CONFIGURED");
	if (e != NULL ? enabled : (!p.configured || p.enabled))
		vl_tpl_show(d, "ENABLED_CHECKED");
	vl_page_notice(d, notices, 2, r->fields[F_NOTICE].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "settings_payments.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, NULL, 1, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_pay_provider_in in = { r->fields[F_LABEL].val, r->fields[F_KEY].val,
	    r->fields[F_WEBHOOK].val, r->fields[F_ENABLED].val != NULL };
	struct vl_form_err	 e = { NULL, NULL };
	enum vl_rc		 rc;

	/* a field sent but refused by its validator is said, not ignored */
	if (r->fields[F_LABEL].present && in.label == NULL)
		rc = vl_form_refuse(&e, "label", "label_long");
	else if (r->fields[F_KEY].present && in.secret_key == NULL)
		rc = vl_form_refuse(&e, "secret_key", "key_invalid");
	else if (r->fields[F_WEBHOOK].present && in.webhook_secret == NULL)
		rc = vl_form_refuse(&e, "webhook_secret", "webhook_invalid");
	else
		rc = vl_pay_provider_save(r->ctx, &in, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, in.label ? in.label : "", in.enabled, &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, in.enabled ? "/settings/payments?notice=saved" :
	    "/settings/payments?notice=disabled");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_payments",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
