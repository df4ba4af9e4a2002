/* The transactional outbox: the kinds of mail and queueing them.  See docs/architecture.md. */
#ifndef VL_NOTIFY_H
#define VL_NOTIFY_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- notify.c: the transactional outbox ---- */
/* The kinds of mail: each name is its templates' (templates/mail/<name>.*)
 * and the outbox's kind column; vl_mail_keys[] lists, for each, the
 * payload keys its templates need. */
enum vl_mail_kind {
	VL_MAIL_PASSWORD_RESET,		/* link, minutes */
	VL_MAIL_PASSWORD_CHANGED,	/* email, what, link */
	VL_MAIL_INVITATION,		/* name, matter, link */
	VL_MAIL_CLIENT_RESET,		/* link */
	VL_MAIL_CLIENT_ITEMS,		/* matter, what, when, link (coalesced) */
	VL_MAIL_FIRM_ITEMS,		/* matter, who, what, when, link (coalesced) */
	VL_MAIL_STAFF_INVITATION,	/* who, role, link */
	VL_MAIL_BILL,			/* number, kind, amount, due, message, portal, pay */
	VL_MAIL_ENVELOPE,		/* subject, body, portal, payall, items.* rows */
	VL_MAIL_PAYMENT_RECEIPT,	/* name, amount, method, items, when, link */
	VL_MAIL_REFUND_RECEIPT,		/* name, amount, method, items, when, link */
	VL_MAIL_KIND__MAX
};
extern const char *const vl_mail_kinds[VL_MAIL_KIND__MAX];
/* Each kind's payload keys, a list ending in NULL. */
extern const char *const *const vl_mail_keys[VL_MAIL_KIND__MAX];
/* The kind named name, or VL_MAIL_KIND__MAX for none. */
enum vl_mail_kind vl_mail_kind_of(const char *name);
/* Queues a mail of kind to recipient; payload is urlencoded template data
 * with every key of the kind (else VL_ERR, logged, nothing queued). */
enum vl_rc vl_notify(int64_t firm_id, enum vl_mail_kind, const char *recipient,
	    const char *payload);
/* The same, giving the outbox row's id (for rows that others follow). */
enum vl_rc vl_notify_id(int64_t firm_id, enum vl_mail_kind, const char *recipient,
	    const char *payload, int64_t *id);
/* Queues payload into recipient's open window of kind (one mail per window). */
enum vl_rc vl_notify_coalesced(struct vl_pool *, int64_t firm, enum vl_mail_kind,
	    const char *recipient, const char *payload);

#ifdef __cplusplus
}
#endif
#endif
