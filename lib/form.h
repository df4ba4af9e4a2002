/*
 * Intake forms (SPEC F-A8, F-B12): the firm's forms and their fields, a
 * form given to a matter and shared through the portal (lib/rshare.h,
 * record kind VL_REC_FORM, permission Forms), a client's draft and its one
 * submission, the contact and matter fields it fills, and what the firm
 * reads of it (the page, CSV).  A form that a matter was given is frozen:
 * its fields no longer change, so old submissions read as answered; the
 * builder offers a copy instead.  The pure rules are formval.h's.
 */
#ifndef VELLUM_FORM_H
#define VELLUM_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "formval.h"
#include "listing.h"
#include "matter.h"
#include "matters.h"
#include "portal.h"

#define VL_FORM_NAME_MAX	200

/* A form of the firm: uses is how many matters were given it (frozen
 * when above 0). */
struct vl_form {
	int64_t	 id, updated, fields, uses;
	char	*name;
};
struct vl_form_field {
	int64_t			 id, position;
	enum vl_ffield_kind	 kind;
	enum vl_fmap		 maps_to;
	int			 required;
	char			*label, *help, *options;
	/* A matter field target (VL_FMAP_MATTER_FIELD): its id, label and
	 * whether it was archived since (a submission then leaves it). */
	int64_t			 maps_field;
	char			*maps_label;
	int			 maps_archived;
};

/* The firm's forms whose name holds q (NULL: all), by name, a page of
 * VL_PAGE_ROWS; *more says a next page exists.  VL_OK or VL_ERR. */
enum vl_rc vl_form_find(struct vl_ctx *, const char *q, int64_t page, struct vl_form **rows,
	    size_t *n, int *more);
/* Form id with its fields in order.  VL_DECLINED: not the firm's. */
enum vl_rc vl_form_get(struct vl_ctx *, int64_t id, struct vl_form *f,
	    struct vl_form_field **fields, size_t *n);
/* A new form named name (*id).  VL_INVALID with *e (name_missing,
 * name_long); audited. */
enum vl_rc vl_form_create(struct vl_ctx *, const char *name, int64_t *id, struct vl_form_err *e);
/* Renames form id (allowed while frozen: the name is not an answer's).
 * VL_INVALID with *e; VL_DECLINED. */
enum vl_rc vl_form_rename(struct vl_ctx *, int64_t id, const char *name, struct vl_form_err *e);
/* A copy of form id ("<name> (copy)", its fields), not frozen: *copy. */
enum vl_rc vl_form_copy(struct vl_ctx *, int64_t id, int64_t *copy);
/* Deletes form id.  VL_CONFLICT once a matter was given it; VL_DECLINED. */
enum vl_rc vl_form_delete(struct vl_ctx *, int64_t id);

/* A field as typed in the builder; maps_to is a choice of
 * vl_fmap_parse ("matter_field:<id>" for a matter field). */
struct vl_form_field_in {
	const char	*kind, *label, *help, *options, *maps_to;
	int		 required;
};
/*
 * Adds (field 0) or changes field of form id.  VL_OK; VL_INVALID with *e
 * (kind_invalid, label_missing, label_long, help_long, options_missing,
 * options_long, options_invalid, maps_invalid: a target the type cannot
 * fill, or a matter field that is not a live one of the firm's,
 * fields_many); VL_CONFLICT when the form is frozen; VL_DECLINED.
 * Audited.
 */
enum vl_rc vl_form_field_save(struct vl_ctx *, int64_t form, int64_t field,
	    const struct vl_form_field_in *, struct vl_form_err *e);
/* Deletes field of form.  VL_CONFLICT when frozen; VL_DECLINED. */
enum vl_rc vl_form_field_delete(struct vl_ctx *, int64_t form, int64_t field);
/* Moves field of form one place up (dir -1) or down (1); at the end it
 * stays.  VL_CONFLICT when frozen; VL_DECLINED. */
enum vl_rc vl_form_field_move(struct vl_ctx *, int64_t form, int64_t field, int dir);
/* Puts the fields of form in the order of ids (every field once: the
 * script's drag and drop).  VL_DECLINED for an id that is no field of the
 * form; VL_INVALID for another set; VL_CONFLICT when frozen. */
enum vl_rc vl_form_field_order(struct vl_ctx *, int64_t form, const int64_t *ids, size_t n);

/* A form given to a matter (the portal's record), and its state. */
struct vl_form_req {
	int64_t	 id, form, created, saved, submitted;
	int	 shared;
	char	*name, *submitter;
};
/* The requests of matter, latest first, a page.  VL_OK or VL_ERR. */
enum vl_rc vl_form_requests(struct vl_ctx *, int64_t matter, int64_t page,
	    struct vl_form_req **rows, size_t *n, int *more);
/* The forms a matter may be given (those with fields), for the picker. */
enum vl_rc vl_form_pick(struct vl_ctx *, struct vl_pick **rows, size_t *n);
/*
 * Gives form to matter m and shares it through the portal (vl_rshare_set),
 * in one transaction: the clients are told; audited.  *req the new one.
 * VL_CONFLICT with *why "no_portal" (no open portal) or "forms_off" (the
 * portal's Forms permission is off); VL_DECLINED for a form not the
 * firm's, or one without fields.
 */
enum vl_rc vl_form_share(struct vl_ctx *, const struct vl_matter *m, int64_t form, int64_t *req,
	    const char **why);
/* Shares request req of m again (on 1) or stops sharing it (0); a
 * submitted one stays the firm's.  VL_CONFLICT/why as above; VL_DECLINED. */
enum vl_rc vl_form_reshare(struct vl_ctx *, const struct vl_matter *m, int64_t req, int on,
	    const char **why);

/* A request with its form's fields and answers (values[i] NULL when none;
 * for a file, the document's name and doc[i] its id; old/new: what the
 * submission changed in the mapped field, changed[i] 1). */
struct vl_form_fill {
	struct vl_form_req	 req;
	struct vl_form_field	*fields;
	size_t			 n;
	char			**values, **olds, **news;
	int64_t			*docs;
	int			*changed;
	const char		**errs;		/* a refused fill: each field's code or NULL */
};
/* Request req of matter for the firm: VL_DECLINED when not the firm's, or
 * (submitted 1) not submitted yet. */
enum vl_rc vl_form_submission(struct vl_ctx *, int64_t matter, int64_t req, int submitted,
	    struct vl_form_fill *out);
/* The submission as CSV (field, type, answer, before, after) into out;
 * the firm's download, audited. */
enum vl_rc vl_form_csv(struct vl_ctx *, int64_t matter, const struct vl_form_fill *f,
	    struct vl_buf *out);

/* The submission as a PDF (lib/pdf.h): each question and its answer, and
 * a table of what the answers changed, into out; the firm's download,
 * audited.  VL_OK or VL_ERR. */
enum vl_rc vl_form_pdf(struct vl_ctx *, const struct vl_matter *m, const struct vl_form_fill *f,
	    struct vl_buf *out);

/* The requests shared with the acting client in portal p, latest first,
 * a page.  VL_DECLINED when the portal's Forms permission is off. */
enum vl_rc vl_form_client_list(struct vl_ctx *, const struct vl_client_portal *p, int64_t page,
	    struct vl_form_req **rows, size_t *n, int *more);
/* Request req of matter as the acting client may open it now
 * (vl_rshare_client_may), with its answers so far; *p its portal; the
 * read recorded (read 1: the client's own navigation).  VL_DECLINED. */
enum vl_rc vl_form_client_open(struct vl_ctx *, int64_t matter, int64_t req, int read,
	    struct vl_client_portal *p, struct vl_form_fill *out);
/*
 * The acting client saves (submit 0) or submits (1) request req of matter
 * with the posted pairs and uploads (file fields "f<id>").  A draft keeps
 * what was typed (a file becomes a document of the matter's "Client
 * uploads"); a submission checks every field, then in one transaction
 * marks it submitted (once: a second is VL_CONFLICT), keeps the answers,
 * fills the mapped fields of the matter and its client (old and new kept,
 * one audit row each), tells the firm (coalesced) and audits.  An email
 * answer is added to the client's addresses (never as the primary one)
 * unless it is one already; one another contact of the firm has is
 * refused ("email_elsewhere", nothing saved), as is one past the
 * contact's VL_CONTACT_EMAILS_MAX ("email_full").  VL_INVALID with
 * out->errs set and out->values as typed; VL_DECLINED as for
 * vl_form_client_open.
 */
enum vl_rc vl_form_client_answer(struct vl_ctx *, int64_t matter, int64_t req,
	    const struct vl_pair *pairs, const struct vl_upload *uploads, int submit,
	    struct vl_form_fill *out);

#endif
