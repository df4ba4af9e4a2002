/*
 * Envelopes (SPEC F-C5): "Review & Send Selected" puts the chosen unpaid
 * bills and funds requests into draft emails, one per bill, or with the
 * firm's setting one per client holding at most VL_ENVELOPE_ITEMS; each is
 * reviewed (To from the client's addresses on file, subject, body) and
 * sent, alone or all at once.  See docs/architecture.md, "Envelopes".
 */
#ifndef VELLUM_ENVELOPE_H
#define VELLUM_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "bill.h"
#include "fielderr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VL_ENVELOPE_ITEMS	10	/* most items one envelope holds */
#define VL_ENVELOPE_SELECT	500	/* most bills one review takes */
#define VL_ENVELOPE_SUBJECT	200
#define VL_ENVELOPE_BODY	5000

/*
 * Splits n items, each for contact[i], into envelopes: group[i] gets the
 * envelope (0, 1, ...) item i goes into.  Without combine each item has its
 * own; with combine the items of one contact share envelopes of at most
 * VL_ENVELOPE_ITEMS, in the order the items came (12 of one client: 10 and
 * 2), envelopes numbered in the order their first item came.  Returns how
 * many envelopes.  Pure: no database.
 */
size_t	 vl_envelope_split(const int64_t *contact, size_t n, int combine, size_t *group);

/* The ids of a list form's repeated field key (each a positive id, at
 * most max of them, duplicates dropped) from pairs (a request's form).
 * VL_OK with *ids in pool; VL_INVALID for a malformed one or too many. */
enum vl_rc vl_form_ids(struct vl_pool *, const struct vl_pair *pairs, const char *key,
	    size_t max, int64_t **ids, size_t *n);

/* 1 if the acting firm combines a client's items into one envelope, 0 if
 * not, -1 on error. */
int	 vl_envelope_combine(struct vl_ctx *);
/* Sets it (an admin's setting; audited).  VL_OK or VL_ERR. */
enum vl_rc vl_envelope_set_combine(struct vl_ctx *, int on);

/*
 * Makes the acting user's draft envelopes of bills ids[n] (the user's
 * earlier drafts are dropped): only unpaid bills (final or partly paid)
 * go in, the others are counted in *skipped.  *made gets how many
 * envelopes.  VL_OK; VL_INVALID when none could go; VL_DECLINED (nothing
 * made) when one is not the firm's; VL_ERR.
 */
enum vl_rc vl_envelope_prepare(struct vl_ctx *, const int64_t *ids, size_t n, size_t *made,
	    size_t *skipped);

/* An envelope with its items. */
struct vl_envelope {
	int64_t		 id, contact;
	char		*to, *subject, *body, *contact_name;
	int		 sent;
	struct vl_bill	*items;
	size_t		 n;
	char		**emails;	/* the contact's addresses on file */
	size_t		 nemails;
};
/* Loads envelope id of the acting firm.  VL_DECLINED for none such. */
enum vl_rc vl_envelope_load(struct vl_ctx *, int64_t id, struct vl_envelope *e);
/* The acting user's draft envelopes, oldest first (ids in pool). */
enum vl_rc vl_envelope_drafts(struct vl_ctx *, int64_t **ids, size_t *n);
/* Saves a draft's To (one of the contact's addresses), subject and body.
 * VL_OK; VL_INVALID with *e (to: to_invalid; subject: subject_missing,
 * subject_long; body: body_long); VL_DECLINED; VL_CONFLICT once sent. */
enum vl_rc vl_envelope_save(struct vl_ctx *, int64_t id, const char *to, const char *subject,
	    const char *body, struct vl_ferr *e);
/* Sends draft envelope id (one email through the outbox listing each item
 * with View and, when payments are on, Pay, and a "Pay All" link); each
 * bill gets a "sent" event.  One transaction, audited.  VL_OK; VL_INVALID
 * without a subject or address; VL_CONFLICT once sent; VL_DECLINED. */
enum vl_rc vl_envelope_send(struct vl_ctx *, int64_t id);
/* "Send All Envelopes": every draft of the acting user with subject and
 * body, each in its own transaction; *sent and *failed count them. */
enum vl_rc vl_envelope_send_all(struct vl_ctx *, const char *subject, const char *body,
	    size_t *sent, size_t *failed, struct vl_ferr *e);

#ifdef __cplusplus
}
#endif
#endif
