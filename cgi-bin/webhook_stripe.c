/*
 * The payment provider's webhook: POST /webhooks/stripe, JSON, signed in
 * its Stripe-Signature header with the firm's endpoint secret.  No
 * session, no CSRF token (no browser sends it): lib/payment.c verifies
 * the signature, the time and the firm before anything changes.  The
 * answer is all the provider reads: 2xx done (or seen before), 400 and
 * 403 refused for good, 500 try again later.
 */
#include <time.h>

#include "vellum.h"
#include "payment.h"

static enum vl_rc
post(struct vl_req *r)
{
	enum vl_rc	 rc;

	rc = vl_pay_webhook(r->ctx, vl_req_env(r, "HTTP_STRIPE_SIGNATURE"), r->body ? r->body : "",
	    r->bodylen, (int64_t)time(NULL));
	if (rc != VL_OK)
		return rc;
	vl_out_send(r, 200, "application/json", "{\"received\":true}", 17);
	return VL_OK;
}

static const struct vl_app app = {
	.name = "webhook_stripe",
	.access = VL_PUBLIC,
	.signed_body = 1,	/* JSON up to 256 KiB, read by the front door */
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
