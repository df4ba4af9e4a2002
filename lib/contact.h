/*
 * Contacts (SPEC F-A3): people and companies, their addresses in order
 * (one may be primary), phones and postal address, archived or not.  A
 * change to the addresses that changes the login email (F-B2) ends the
 * contact's sessions and voids its open links, like vl_account_set_login.
 */
#ifndef VELLUM_CONTACT_H
#define VELLUM_CONTACT_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"

/* At most this many addresses a contact. */
#define VL_CONTACT_EMAILS_MAX	20

/* A contact as typed: kind "person" or "company", a name, phones and the
 * postal address (free text, a line each), and the date of birth
 * (YYYY-MM-DD, "" for none, NULL to leave it as it is). */
struct vl_contact_in {
	const char	*kind, *name, *phones, *address, *dob;
};

/* Creates a contact of the acting firm with the addresses in emails (one a
 * line, the first primary; NULL or "" for none).  VL_OK with *id; VL_INVALID
 * with *e (a field and a code); VL_ERR. */
enum vl_rc vl_contact_create(struct vl_ctx *, const struct vl_contact_in *, const char *emails,
	    int64_t *id, struct vl_form_err *e);
/* Changes a contact's kind, name, phones, address and date of birth.
 * VL_OK, VL_INVALID with *e (also dob_invalid, dob_future: a date of
 * birth not of the calendar or after today in the firm's zone),
 * VL_DECLINED for no such contact of the firm, VL_ERR. */
enum vl_rc vl_contact_update(struct vl_ctx *, int64_t id, const struct vl_contact_in *,
	    struct vl_form_err *e);
/* Archives (on 1) or restores (0) a contact: it leaves (or rejoins) the
 * list and the client pickers; matters and portals stay.  VL_OK, also
 * when it was so already; VL_DECLINED for no such contact. */
enum vl_rc vl_contact_archive(struct vl_ctx *, int64_t id, int on);

/* What can be done to one of a contact's addresses. */
enum vl_email_op {
	VL_EMAIL_ADD,		/* typed, at the end of the list */
	VL_EMAIL_CHANGE,	/* address id becomes typed */
	VL_EMAIL_REMOVE,
	VL_EMAIL_PRIMARY,	/* address id is the primary one */
	VL_EMAIL_UP,		/* one place earlier among the others */
	VL_EMAIL_DOWN,
	VL_EMAIL_OP__MAX
};
/*
 * Does op to contact's address id (typed: the address for ADD and
 * CHANGE, normalised here), in one transaction with what a new login
 * email brings (vl_contact_login_changed).  The address a contact in a
 * portal signs in with is not removed: another is made the login email
 * first.  VL_OK (also for a move past the end); VL_INVALID with *e
 * (email_invalid, email_duplicate, email_too_many, login_remove,
 * login_taken); VL_DECLINED for no such contact or address; VL_ERR.
 */
enum vl_rc vl_contact_email(struct vl_ctx *, int64_t contact, enum vl_email_op, int64_t id,
	    const char *typed, struct vl_form_err *e);
/* Inside the caller's transaction, after contact's addresses changed:
 * if its login email is no longer old ("" for none), its sessions end,
 * its open links are voided, news queued for old is not sent and each of
 * its portals records the change (as vl_account_set_login does). */
enum vl_rc vl_contact_login_changed(struct vl_ctx *, int64_t contact, const char *old);

/* One of a contact's addresses. */
struct vl_contact_email {
	int64_t	 id;
	char	*email;
	int	 primary, login;
};
/* A contact's card. */
struct vl_contact {
	int64_t			 id;
	char			*name, *kind, *phones, *address, *login;
	char			*dob;		/* YYYY-MM-DD, "" for none */
	int			 archived, in_portal;
	struct vl_contact_email	*emails;	/* primary first, then listed order */
	size_t			 nemails;
};
/* Reads contact id of the acting firm into *k (memory in the pool).
 * VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_contact_get(struct vl_ctx *, int64_t id, struct vl_contact *k);

/* A row of the contacts list. */
struct vl_contact_row {
	int64_t	 id, matters;
	char	*kind, *name, *emails;
	int	 archived;
};
/* The firm's contacts (archived 1: the archived ones) whose name or an
 * address holds q (NULL: all), page (1...) of VL_PAGE_ROWS by name; *more
 * says a next page exists.  VL_OK or VL_ERR. */
enum vl_rc vl_contact_find(struct vl_ctx *, const char *q, int archived, int64_t page,
	    struct vl_contact_row **rows, size_t *n, int *more);

#endif
