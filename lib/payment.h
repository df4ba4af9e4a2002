/*
 * Payments (SPEC F-C4, F-C6): the firm's provider account, money received
 * online (a checkout the client starts, recorded only from the provider's
 * verified webhook) or offline ("Record payment"), spread over bills and
 * funds requests oldest first, and refunds that re-open what they touch.
 * Trust money (funds requests) and operating money (bills) never share a
 * payment.  Every change is one transaction, audited, with the bills'
 * timeline (vl_bill_event) and a receipt mailed to the contact's address
 * on file.  Takes struct vl_ctx: the webhook program, the pages and
 * vellumctl call the same functions.  See docs/architecture.md, "Payments".
 */
#ifndef VELLUM_PAYMENT_H
#define VELLUM_PAYMENT_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"

/* How money came, as stored (payments.method). */
enum vl_pay_method {
	VL_PM_CARD,
	VL_PM_ACH,		/* us_bank_account at the provider */
	VL_PM_CHECK,
	VL_PM_CASH,
	VL_PM_WIRE,
	VL_PM_OTHER,
	VL_PM__MAX
};
extern const char *const vl_pay_methods[VL_PM__MAX];
/* The method named name, or VL_PM__MAX. */
enum vl_pay_method vl_pay_method_of(const char *name);

/* Most bills one checkout pays (an envelope holds at most 10). */
#define VL_PAY_ITEMS_MAX	10

/* ---- pure functions (tests/unit/test_payment.c) ---- */

/* An open item a payment may go to: its id, the day it was issued (epoch)
 * and what is still owed. */
struct vl_pay_item {
	int64_t	 id, issued, balance;
};
/*
 * Spreads amount over items[n], oldest first (by issued, then id), never
 * above an item's balance: out[i] gets item i's part.  Returns the part of
 * amount that found no item (0 when it all fits); -1 for an amount that is
 * not positive, a negative balance, or a sum that overflows (out all 0).
 */
int64_t	 vl_pay_allocate(int64_t amount, const struct vl_pay_item *items, size_t n,
	    int64_t *out);
/*
 * Spreads a refund of amount over a payment's allocations whose
 * unrefunded parts are open[n] (in the order they were allocated): the
 * latest first, so the oldest bill stays paid longest.  out[i] gets
 * allocation i's part.  1 when it fits; 0 when amount is not positive or
 * above the sum (out all 0).
 */
int	 vl_pay_unallocate(int64_t amount, const int64_t *open, size_t n, int64_t *out);
/* A final bill's state for its balance: "paid" at 0, "final" when nothing
 * is paid (balance == total), else "partial". */
const char *vl_pay_state_for(int64_t total, int64_t balance);

/* ---- the provider (Settings > Payments, admins) ---- */

struct vl_pay_provider {
	int	 configured, enabled;
	char	*label;
	char	*key_hint, *webhook_hint;	/* "sk_test_…4f2a": the ends only */
};
/* The acting firm's provider (configured 0 when none).  VL_OK, VL_ERR. */
enum vl_rc vl_pay_provider_get(struct vl_ctx *, struct vl_pay_provider *p);

struct vl_pay_provider_in {
	const char	*label;
	const char	*secret_key;	/* NULL or "": keep the stored one */
	const char	*webhook_secret;	/* likewise */
	int		 enabled;
};
/*
 * Saves the acting firm's provider: the secret key (sk_ or rk_, at most
 * 200 printable characters) and the webhook signing secret (whsec_),
 * sealed with a key derived from the server secret; both required the
 * first time.  Audited ("payment_provider_saved", no secret in it).
 * VL_OK; VL_INVALID with *e (label_long, key_missing, key_invalid,
 * webhook_missing, webhook_invalid); VL_ERR.
 */
enum vl_rc vl_pay_provider_save(struct vl_ctx *, const struct vl_pay_provider_in *,
	    struct vl_form_err *e);

/* ---- money in ---- */

/* What a firm user typed for money received offline. */
struct vl_pay_offline {
	const char	*amount;	/* in the firm's currency, "125.00" */
	const char	*date;		/* "YYYY-MM-DD", not after today */
	const char	*method;	/* check, cash, wire, other */
	const char	*reference;	/* may be NULL */
};
/*
 * Records money received offline for bill (a funds request's goes to
 * trust): the payment, its allocation, the bill's balance and state, a
 * "paid" event, the audit and the receipt, one transaction.  VL_OK with
 * *payment; VL_INVALID with *e (amount_invalid, amount_zero,
 * amount_over, date_invalid, date_future, method_invalid,
 * reference_long); VL_CONFLICT for a bill that takes no payment (draft,
 * void, paid); VL_DECLINED for no such bill; VL_ERR.
 */
enum vl_rc vl_pay_record(struct vl_ctx *, int64_t bill, const struct vl_pay_offline *,
	    int64_t *payment, struct vl_form_err *e);

/* The bills a checkout could pay: each open bill of ids[n] (the acting
 * firm's, for contact) with its balance; trust and operating apart. */
struct vl_pay_due {
	int64_t	 bill, balance, issued;
	int	 trust;
	char	*number, *currency;
};
/*
 * The items of ids[n] a checkout may pay for contact, in out[] (up to
 * VL_PAY_ITEMS_MAX; the rest are ignored): final or partial, balance above
 * 0, the contact's.  Others (paid meanwhile, void, another contact's) are
 * left out.  VL_OK (*n may be 0), VL_ERR.
 */
enum vl_rc vl_pay_due(struct vl_ctx *, int64_t contact, const int64_t *ids, size_t n,
	    struct vl_pay_due *out, size_t *nout);

/* The open items of pay link l (its bill, or every bill of its envelope)
 * for l's contact, as vl_pay_due.  c acts for l's firm. */
struct vl_paylink;
enum vl_rc vl_pay_link_due(struct vl_ctx *, const struct vl_paylink *l, struct vl_pay_due *out,
	    size_t *nout);

/*
 * Starts a checkout for contact over bills[n] (all trust or all
 * operating: VL_CONFLICT otherwise), for amount typed (NULL or "": the
 * whole balance; never 0, never above it): a checkouts row and a Checkout
 * Session at the provider; *url is its hosted page, back_url the page
 * the client returns to (success and cancel).  The bills are paid only
 * when the webhook says so.  VL_OK; VL_INVALID with *e (amount_invalid,
 * amount_zero, amount_over, provider); VL_DECLINED (nothing to pay);
 * VL_FORBIDDEN when payments are off for the firm; VL_ERR.
 */
enum vl_rc vl_pay_checkout(struct vl_ctx *, int64_t contact, const int64_t *bills, size_t n,
	    const char *amount, const char *back_url, const char **url, struct vl_form_err *e);

/*
 * Handles one webhook delivery (body of len bytes, header the
 * Stripe-Signature) at time now, for no firm in particular (c->firm_id 0;
 * the event's metadata names it and the firm's webhook secret must have
 * signed it).  A checkout.session.completed or async_payment_succeeded
 * whose session the provider confirms as paid records the checkout's
 * payment; a delivery seen before changes nothing; other events are kept
 * and acknowledged.  VL_OK; VL_FORBIDDEN for a signature that fails (bad,
 * old, another firm's secret); VL_INVALID for a body that is no event of
 * a firm with payments; VL_ERR (the provider will retry).
 */
enum vl_rc vl_pay_webhook(struct vl_ctx *, const char *header, const char *body, size_t len,
	    int64_t now);
/* Handles stored event id again as if delivered now (vellumctl webhook
 * replay): changes state only if it never did.  VL_DECLINED: no such
 * event. */
enum vl_rc vl_pay_replay(struct vl_ctx *, const char *event_id);

/* ---- a payment and its refunds ---- */

struct vl_pay_alloc {
	int64_t	 bill, amount, refunded;
	char	*number, *kind;
};
struct vl_pay_refund_row {
	int64_t	 amount, at;
	char	*reason, *who;
};
struct vl_payment {
	int64_t			 id, contact, amount, refunded, received_on, created_at;
	char			*account, *method, *currency, *reference, *contact_name;
	int			 online;		/* through the provider */
	struct vl_pay_alloc	*allocs;
	size_t			 nallocs;
	struct vl_pay_refund_row *refunds;
	size_t			 nrefunds;
};
/* Payment id of the acting firm with its allocations and refunds (pool).
 * VL_DECLINED, VL_ERR. */
enum vl_rc vl_pay_load(struct vl_ctx *, int64_t id, struct vl_payment *p);

/*
 * Refunds amount (typed; NULL or "": all that is left) of payment id, with
 * reason (may be NULL): a card payment fully or partly, a bank (ACH)
 * payment only in full, at the provider (online) or recorded only
 * (offline); the allocations, balances and states re-open, "refunded"
 * events, audit and receipt, one transaction.  VL_OK; VL_INVALID with *e
 * (amount_invalid, amount_zero, amount_over, ach_partial, reason_long,
 * provider); VL_CONFLICT when nothing is left to refund; VL_DECLINED;
 * VL_ERR.
 */
enum vl_rc vl_pay_refund(struct vl_ctx *, int64_t id, const char *amount, const char *reason,
	    struct vl_form_err *e);

/*
 * The provider's charges of day ("YYYY-MM-DD", the firm's day in its time
 * zone) against the acting firm's online payments received that day: one line a difference into out
 * ("missing here: ...", "missing there: ...", "amounts differ: ...").
 * *diffs counts them.  VL_OK, VL_INVALID (a bad day), VL_FORBIDDEN (no
 * provider), VL_ERR.
 */
enum vl_rc vl_pay_reconcile(struct vl_ctx *, const char *day, struct vl_buf *out, int *diffs);

/* A page of the acting firm's payments (latest first). */
struct vl_pay_row {
	int64_t	 id, amount, refunded, received_on;
	char	*contact, *account, *method, *currency;
};
enum vl_rc vl_pay_list(struct vl_ctx *, int64_t page, struct vl_pay_row **rows, size_t *n,
	    int *more);

#endif
