/*
 * The firm's matters as records (SPEC F-A4): numbers from the firm's
 * pattern or typed, creation, edits, closing and reopening, the list.
 * (lib/matter.c draws the frame of a matter's pages.)
 */
#ifndef VELLUM_MATTERS_H
#define VELLUM_MATTERS_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"

/* The pattern new firms number with. */
#define VL_NUMBER_PATTERN	"{YYYY}-{NNNN}"
#define VL_NUMBER_MAX		32	/* bytes of a matter number */

/*
 * 1 if pattern can number matters: at most 32 bytes of letters, digits
 * and "-/._ #", with exactly one counter {N...} (1 to 9 N's: its digits,
 * zero-padded) and at most one year, {YYYY} or {YY}.
 */
int	 vl_number_pattern_ok(const char *pattern);
/* The number pattern gives for year and counter ("2026-0042"); a counter
 * wider than its N's keeps all its digits.  In the pool; NULL when the
 * pattern is not one (vl_number_pattern_ok) or the number would be longer
 * than VL_NUMBER_MAX. */
char	*vl_number_format(struct vl_pool *, const char *pattern, int64_t year, int64_t counter);

/* A matter as typed.  number NULL or "": the next of the firm's pattern.
 * Dates "YYYY-MM-DD"; closed only counts for a closed matter.  custom:
 * the posted pairs, whose "cf<id>" ones are the firm's matter fields
 * (lib/mfield.h; NULL leaves them as they are). */
struct vl_matter_in {
	const char		*number, *description, *opened, *closed;
	int64_t			 client, responsible;	/* 0: none chosen */
	const struct vl_pair	*custom;
};
/*
 * Creates an open matter of the acting firm.  A generated number takes the
 * firm's counter under a row lock held to the commit, so matters created
 * at once get different numbers; a number typed before is skipped.
 * VL_OK with *id and *number (pool); VL_INVALID with *e (number_taken,
 * number_invalid, description_missing, client_missing, responsible_missing,
 * opened_invalid, numbering_full; or, field "cf<id>", a code of
 * vl_mfield_value_check); VL_DECLINED when the client or the user
 * is not the firm's (or the client archived); VL_ERR.
 */
enum vl_rc vl_matter_create(struct vl_ctx *, const struct vl_matter_in *, int64_t *id,
	    char **number, struct vl_form_err *e);
/* Changes matter id (number required).  Same answers, and VL_DECLINED for
 * no such matter; closed_invalid, closed_before_opened. */
enum vl_rc vl_matter_update(struct vl_ctx *, int64_t id, const struct vl_matter_in *,
	    struct vl_form_err *e);
/* Closes matter id today (open 0) or reopens it (1).  Its portal stays as
 * it is (SPEC F-B1).  VL_OK, also when it was so already; VL_DECLINED. */
enum vl_rc vl_matter_set_open(struct vl_ctx *, int64_t id, int open);

/* A matter's record. */
struct vl_matter_rec {
	int64_t	 id, client_id, responsible_id, opened, closed;	/* dates: epoch, 0 none */
	char	*number, *description, *status, *client, *responsible;
};
enum vl_rc vl_matter_get(struct vl_ctx *, int64_t id, struct vl_matter_rec *m);

/* How the list is sorted; the names are the URL's sort= values. */
enum vl_matter_sort {
	VL_MSORT_NUMBER,
	VL_MSORT_NUMBER_DESC,
	VL_MSORT_OPENED,
	VL_MSORT_OPENED_DESC,
	VL_MSORT__MAX
};
extern const char *const vl_matter_sorts[VL_MSORT__MAX];
/* The sort named name, or VL_MSORT_NUMBER for NULL or an unknown one. */
enum vl_matter_sort vl_matter_sort_of(const char *name);
struct vl_matter_filter {
	const char		*status;	/* "open", "closed", NULL or "" for all */
	const char		*q;		/* number, description or client name */
	int64_t			 client, responsible;	/* 0: any */
	enum vl_matter_sort	 sort;
	int64_t			 page;
};
/* The firm's matters that pass f, page f->page of VL_PAGE_ROWS; *more
 * says a next page exists.  VL_OK or VL_ERR. */
enum vl_rc vl_matter_find(struct vl_ctx *, const struct vl_matter_filter *f,
	    struct vl_matter_rec **rows, size_t *n, int *more);

/* The firm's numbering: its pattern, the counter of the next matter this
 * year, and the number a new matter would get now (past numbers already
 * taken; "" when the pattern has none left). */
enum vl_rc vl_numbering_get(struct vl_ctx *, char **pattern, int64_t *next, char **preview);
/* Sets the pattern and the counter of the next matter (in this year).
 * VL_OK; VL_INVALID with *e (pattern_invalid, next_invalid); VL_ERR. */
enum vl_rc vl_numbering_set(struct vl_ctx *, const char *pattern, int64_t next,
	    struct vl_form_err *e);

/* The firm's contacts a matter may have as its client (the matter's own
 * client too, current: 0 for none) and its users, as id and name pairs. */
struct vl_pick {
	int64_t	 id;
	char	*name;
};
enum vl_rc vl_pick_clients(struct vl_ctx *, int64_t current, struct vl_pick **, size_t *n);
/* Adds a row of section to d for each pick (VALUE, LABEL), SELECTED on
 * the chosen one: the options of a picker. */
void	 vl_pick_options(struct vl_tpl *d, const char *section, const struct vl_pick *p, size_t n,
	    int64_t chosen);
enum vl_rc vl_pick_users(struct vl_ctx *, struct vl_pick **, size_t *n);

#endif
