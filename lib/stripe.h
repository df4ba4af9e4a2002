/*
 * The payment provider's client: Stripe's HTTP API (form-encoded requests,
 * JSON answers, "Authorization: Bearer <secret key>") through libcurl, at
 * the configured base URL (vl_conf.stripe_api_base).  Checkout Sessions
 * (the hosted payment page: the portal never sees card or bank numbers),
 * Refunds, the list of Charges, and the events of its webhooks.  Takes a
 * pool and the firm's secret key, never a request, so a page, the mailer
 * and vellumctl call it alike.  Signatures of webhooks: stripesig.h.
 *
 * Every function returns VL_OK; VL_FORBIDDEN when the provider refuses the
 * key (401, 403); VL_INVALID when it refuses the request (another 4xx),
 * with its message in why; VL_DECLINED for an object it does not know
 * (404); VL_ERR when it cannot be reached or answers what it should not.
 * Strings returned live in the pool.
 */
#ifndef VELLUM_STRIPE_H
#define VELLUM_STRIPE_H

#include <stdint.h>

#include "vellum.h"

/* One line of a checkout: a name the client reads and an amount. */
struct vl_stripe_line {
	const char	*name;
	int64_t		 amount;	/* minor units, > 0 */
};

#define VL_STRIPE_META_MAX	4

/* What a Checkout Session is made of (mode "payment", card and
 * us_bank_account). */
struct vl_stripe_new {
	const char			*currency;	/* ISO 4217, sent lower-case */
	const struct vl_stripe_line	*lines;
	size_t				 nlines;
	const char			*success_url, *cancel_url;
	const char			*reference;	/* client_reference_id */
	const char			*email;		/* customer_email; NULL: none */
	const char			*meta_key[VL_STRIPE_META_MAX];
	const char			*meta_val[VL_STRIPE_META_MAX];
	size_t				 nmeta;
	const char			*idempotency;	/* Idempotency-Key; NULL: none */
};

struct vl_stripe_session {
	char	*id, *url;
	char	*status;		/* open, complete, expired */
	char	*payment_status;	/* paid, unpaid, no_payment_required */
	char	*payment_intent;	/* NULL until paid or processing */
	char	*method;		/* card, us_bank_account; NULL: not known */
	char	*reference;		/* client_reference_id */
	char	*currency;		/* upper-case */
	int64_t	 amount_total;
	char	*meta_firm, *meta_checkout;
};

struct vl_stripe_refund {
	char	*id, *status;		/* pending, succeeded, failed, ... */
	int64_t	 amount;
};

struct vl_stripe_charge {
	char	*id, *payment_intent, *method, *currency, *status;
	int64_t	 amount, refunded, created;
	int	 paid;
	char	*meta_firm, *meta_checkout;
};

/* A webhook's event, as far as Vellum reads it. */
struct vl_stripe_event {
	char	*id, *type;
	int64_t	 created;
	char	*object_id;		/* data.object.id */
	char	*payment_intent;	/* data.object.payment_intent */
	char	*meta_firm, *meta_checkout;	/* data.object.metadata */
};

/* Creates a Checkout Session; *s gets it (its url is the page to send the
 * client to). */
enum vl_rc vl_stripe_session_create(struct vl_pool *, const char *key,
	    const struct vl_stripe_new *, struct vl_stripe_session *s, struct vl_buf *why);

/* Retrieves session id with its payment intent's payment method expanded,
 * so s->method says how the client paid. VL_INVALID for an id that is not
 * one (only letters, digits and '_', at most 255). */
enum vl_rc vl_stripe_session_get(struct vl_pool *, const char *key, const char *id,
	    struct vl_stripe_session *s, struct vl_buf *why);

/* Refunds amount (minor units) of payment intent pi; idempotency as above. */
enum vl_rc vl_stripe_refund_create(struct vl_pool *, const char *key, const char *pi,
	    int64_t amount, const char *idempotency, struct vl_stripe_refund *out,
	    struct vl_buf *why);

/* Every charge created in [gte, lt) (unix seconds), following has_more
 * with starting_after, at most max (VL_TOOBIG past it).  *out is an array
 * in the pool. */
enum vl_rc vl_stripe_charges(struct vl_pool *, const char *key, int64_t gte, int64_t lt,
	    size_t max, struct vl_stripe_charge **out, size_t *n, struct vl_buf *why);

/* Reads a webhook body (JSON) into *e. VL_OK; VL_INVALID for a body that
 * is not an event (no id or type). */
enum vl_rc vl_stripe_event_parse(struct vl_pool *, const char *body, size_t len,
	    struct vl_stripe_event *e);

#endif
