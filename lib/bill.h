/*
 * Bills and funds (trust) requests (SPEC F-A7, F-C1 to F-C3, F-C5): made
 * from a matter's unbilled activities, from several matters of one
 * contact, or typed as a funds request; finalised, shared into the portal,
 * sent, voided; their timeline.  Money is int64 minor units (money.h); a
 * bill's total is the sum of its lines.  The payment module changes
 * balance and state when money moves and calls vl_bill_event() too.
 * See docs/architecture.md, "Bills".
 */
#ifndef VELLUM_BILL_H
#define VELLUM_BILL_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"
#include "portal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The states, as stored (bills.state). */
enum vl_bill_state {
	VL_BILL_DRAFT,
	VL_BILL_FINAL,
	VL_BILL_PARTIAL,
	VL_BILL_PAID,
	VL_BILL_VOID,
	VL_BILL_STATE__MAX
};
extern const char *const vl_bill_states[VL_BILL_STATE__MAX];
/* The state named name, or VL_BILL_STATE__MAX. */
enum vl_bill_state vl_bill_state_of(const char *name);

/* The kinds, as stored (bills.kind): a bill (operating money) or a funds
 * request (trust money); the two are never added up together. */
enum vl_bill_kind { VL_BILLK_BILL, VL_BILLK_TRUST, VL_BILLK__MAX };
extern const char *const vl_bill_kinds[VL_BILLK__MAX];

/* The timeline's kinds of event (bill_events.kind). */
enum vl_bill_ev {
	VL_BEV_CREATED,
	VL_BEV_FINALISED,
	VL_BEV_SHARED,
	VL_BEV_UNSHARED,
	VL_BEV_SENT,
	VL_BEV_VIEWED,
	VL_BEV_PAID,
	VL_BEV_REFUNDED,
	VL_BEV_VOIDED,
	VL_BEV__MAX
};
extern const char *const vl_bill_evs[VL_BEV__MAX];

/* A bill as stored.  matter is 0 for a multi-matter bill or a
 * contact-level funds request (then it can go by email only).  Dates are
 * the epoch of their day (UTC midnight); times are epoch seconds. */
struct vl_bill {
	int64_t			 id, firm, contact, matter;
	enum vl_bill_kind	 kind;
	enum vl_bill_state	 state;
	char			*number, *currency, *memo;
	char			*contact_name, *matter_number;	/* matter_number "" without one */
	int64_t			 total, balance;
	int64_t			 issued_on, due_on;		/* due_on 0: none */
	int64_t			 finalised_at, updated_at;	/* finalised_at 0: a draft */
};

/* A line of a bill (date: the epoch of its day). */
struct vl_bill_line {
	int64_t	 id, activity, matter, date, amount;
	char	*description, *quantity;
};

/* The sum of n line amounts into *total: 1, or 0 when a line is negative
 * or the sum passes VL_BILL_TOTAL_MAX (nothing is stored then). */
#define VL_BILL_TOTAL_MAX	INT64_C(100000000000000)	/* 10^14 minor units */
int	 vl_bill_sum(const int64_t *amounts, size_t n, int64_t *total);

/* 1 if a bill in state s can go through the portal at all: a single-matter
 * bill or funds request, not void. */
int	 vl_bill_portal_ok(const struct vl_bill *);

/* The bill id of a path prefix + "<id>" or prefix + "<id>.pdf" (*pdf then
 * 1); 0 for anything else. */
int64_t	 vl_bill_path_id(const char *path, const char *prefix, int *pdf);

/* Loads bill id of the acting firm into *b (pool memory).  VL_DECLINED
 * when the firm has none such (another firm's id too); VL_ERR. */
enum vl_rc vl_bill_load(struct vl_ctx *, int64_t id, struct vl_bill *b);
/* Loads bill id for the acting client: VL_OK only when it is shared live
 * into a portal the client takes part in and whose Bills permission is on
 * (vl_rshare_client_may with VL_REC_BILL), with *p that portal; else
 * VL_DECLINED, whatever the reason.  VL_ERR. */
enum vl_rc vl_bill_load_client(struct vl_ctx *, int64_t id, struct vl_bill *b,
	    struct vl_client_portal *p);
/* The lines of bill b, in order, in the pool. */
enum vl_rc vl_bill_lines(struct vl_ctx *, const struct vl_bill *b, struct vl_bill_line **lines,
	    size_t *n);

/* A new bill from activities of matter: ids[n] (each must be the matter's
 * and unbilled); due "YYYY-MM-DD" or NULL/""; memo may be NULL.  The
 * activities are locked (activities.bill_id) in the same transaction.
 * VL_OK with *id; VL_INVALID with *e (activities_missing, activities_many,
 * total_large, due_invalid, memo_long); VL_DECLINED for no such matter, or
 * an activity not the matter's; VL_CONFLICT when one of them is billed
 * already (or twice in ids); VL_ERR. */
enum vl_rc vl_bill_create(struct vl_ctx *, int64_t matter, const int64_t *ids, size_t n,
	    const char *due, const char *memo, int64_t *id, struct vl_form_err *e);
/* A multi-matter bill for contact from the unbilled activities ids[n] of
 * its matters (the contact is each matter's client); as above. */
enum vl_rc vl_bill_create_multi(struct vl_ctx *, int64_t contact, const int64_t *ids, size_t n,
	    const char *due, const char *memo, int64_t *id, struct vl_form_err *e);
/* A funds request of matter (matter != 0) or of contact (matter 0) for
 * amount typed in the firm's currency.  VL_OK with *id; VL_INVALID with *e
 * (amount_invalid, due_invalid, memo_long); VL_DECLINED; VL_ERR. */
enum vl_rc vl_bill_create_funds(struct vl_ctx *, int64_t matter, int64_t contact,
	    const char *amount, const char *due, const char *memo, int64_t *id,
	    struct vl_form_err *e);

/* An unbilled activity offered to "New bill". */
struct vl_bill_unbilled {
	int64_t	 id, date, amount;
	char	*kind, *description, *quantity, *matter_number;
};
/* The unbilled activities of matter (matter != 0), or of every matter of
 * contact (matter 0), oldest first, at most 1000.  VL_DECLINED for no such
 * matter or contact of the firm. */
enum vl_rc vl_bill_unbilled(struct vl_ctx *, int64_t matter, int64_t contact,
	    struct vl_bill_unbilled **rows, size_t *n);
/* The name of contact of the acting firm (pool); VL_DECLINED for none. */
enum vl_rc vl_bill_contact_name(struct vl_ctx *, int64_t contact, char **name);

/* Marks draft bill b final (an event and the audit row).  Nothing for a
 * bill already past draft.  VL_CONFLICT for a void bill.  Opens its own
 * transaction unless one is open. */
enum vl_rc vl_bill_finalise(struct vl_ctx *, int64_t id);
/* Voids bill id: refused (VL_CONFLICT) while it has payments not fully
 * refunded; frees its activities, ends its share and revokes its pay
 * links, one transaction, audited. */
enum vl_rc vl_bill_void(struct vl_ctx *, int64_t id);
/* Shares bill id into its matter's portal (on 1, finalising a draft
 * first) or ends the share (0, revoking its pay links).  VL_CONFLICT for a
 * bill that cannot go through the portal (multi-matter, contact-level,
 * void) or a matter without an open portal.  One transaction, audited. */
enum vl_rc vl_bill_share(struct vl_ctx *, int64_t id, int on);
/* 1 if bill id is shared live, 0 if not, -1 on error. */
int	 vl_bill_is_shared(struct vl_ctx *, const struct vl_bill *b);

/* How a send went, for the result page. */
enum vl_bill_sent {
	VL_SENT_NONE,		/* nothing asked */
	VL_SENT_PORTAL,
	VL_SENT_EMAIL,
	VL_SENT_BOTH,
	VL_SENT_EMAIL_ONLY,	/* portal asked but not possible: email only */
	VL_SENT_NO_PORTAL,	/* portal asked, not possible, no email asked */
	VL_SENT_NO_EMAIL,	/* no address on file */
	VL_SENT_VOID,		/* a void bill is not sent */
	VL_SENT__MAX
};
extern const char *const vl_bill_sent_names[VL_SENT__MAX];
/* Sends bill id: into the portal (portal 1; finalises a draft) and/or by
 * email (email 1) to the contact's address on file, with message (may be
 * NULL) in the mail.  One transaction, audited, a "sent" event.  *how
 * says what was done (a bill that cannot go through the portal goes by
 * email only when email was asked or bulk is 1).  VL_OK, VL_DECLINED,
 * VL_ERR. */
enum vl_rc vl_bill_send(struct vl_ctx *, int64_t id, int portal, int email, const char *message,
	    int bulk, enum vl_bill_sent *how);

/* One bill's outcome of a bulk send. */
struct vl_bill_sendres {
	int64_t			 id;
	char			*number, *contact;
	enum vl_bill_sent	 how;
	enum vl_rc		 rc;	/* VL_DECLINED: no such bill of the firm */
};
/* Sends bills ids[n] (at most VL_BULK_MAX) as vl_bill_send with bulk 1,
 * each in its own transaction: a bill that cannot go through the portal
 * goes by email only.  *out gets one result a bill, in order.  VL_OK;
 * VL_INVALID for none or too many; VL_DECLINED (nothing sent) when one is
 * not the firm's; VL_ERR stops at a database failure. */
#define VL_BULK_MAX	500
enum vl_rc vl_bill_send_bulk(struct vl_ctx *, const int64_t *ids, size_t n, int portal,
	    int email, const char *message, struct vl_bill_sendres **out);

/* Records a timeline event of kind for bill (the acting user or contact;
 * detail may be NULL) inside the caller's transaction.  VL_OK or VL_ERR. */
enum vl_rc vl_bill_event(struct vl_ctx *, int64_t bill, enum vl_bill_ev kind, const char *detail);
/* A bill's timeline entry. */
struct vl_bill_event_row {
	int64_t	 at;
	char	*kind, *detail, *who;
};
enum vl_rc vl_bill_timeline(struct vl_ctx *, int64_t bill, struct vl_bill_event_row **rows,
	    size_t *n);
/* The acting client opened bill b of portal p (read 1: its own
 * navigation): the read receipt and a "viewed" event. */
enum vl_rc vl_bill_viewed(struct vl_ctx *, const struct vl_bill *b,
	    const struct vl_client_portal *p, int read);

/* A filter of the Billing list. */
struct vl_bill_filter {
	enum vl_bill_state	 tab;	/* DRAFT; FINAL: unpaid (final + partial); PAID; VOID */
	int64_t			 contact, matter;	/* 0: any */
	const char		*from, *to;		/* issued on, "YYYY-MM-DD" or NULL */
	int64_t			 page;
};
/* Bills of the acting firm passing f, latest first, a page of
 * VL_PAGE_ROWS; *more for a next page.  VL_INVALID for a bad date. */
enum vl_rc vl_bill_find(struct vl_ctx *, const struct vl_bill_filter *f, struct vl_bill **rows,
	    size_t *n, int *more);
/* Totals per tab (all matching contact/matter/dates, not only the page):
 * bills and funds requests apart. */
struct vl_bill_totals {
	int64_t	 count[VL_BILL_STATE__MAX];
	int64_t	 bills[VL_BILL_STATE__MAX], trust[VL_BILL_STATE__MAX];
};
enum vl_rc vl_bill_totals(struct vl_ctx *, const struct vl_bill_filter *f,
	    struct vl_bill_totals *t);
/* Bills of matter (all states), latest first, a page. */
enum vl_rc vl_bill_of_matter(struct vl_ctx *, int64_t matter, int64_t page, struct vl_bill **rows,
	    size_t *n, int *more);
/* Shared bills of the client's portal p, latest first, a page. */
enum vl_rc vl_bill_of_portal(struct vl_ctx *, const struct vl_client_portal *p, int64_t page,
	    struct vl_bill **rows, size_t *n, int *more);

/* A payment applied to a bill, for the bill's page. */
struct vl_bill_payment {
	int64_t	 payment, amount, refunded, received_on;
	char	*method;
};
enum vl_rc vl_bill_payments(struct vl_ctx *, int64_t bill, struct vl_bill_payment **rows,
	    size_t *n);

/*
 * Sets bill b on d for a page: ID, NUMBER, CONTACT, CONTACT_ID, MATTER
 * (number), MATTER_ID, TOTAL, BALANCE, PAID (formatted), ISSUED, DUE,
 * MEMO, and the sections of its kind (BILL or TRUST), its state (DRAFT,
 * FINAL, PARTIAL, PAID, VOID; UNPAID for final and partial), ONE_MATTER
 * or NO_MATTER, HAS_DUE, HAS_BALANCE.
 */
void	 vl_bill_fill(struct vl_pool *, struct vl_tpl *d, const struct vl_bill *b);

#ifdef __cplusplus
}
#endif
#endif
