/*
 * Notes of a matter (SPEC F-A8, F-B11): subject, a plain-text body whose
 * line breaks are kept (never HTML), a day and its author; shared into the
 * portal through lib/rshare.c ("Share via client portal").  See
 * docs/architecture.md.
 */
#ifndef VL_NOTE_H
#define VL_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "fielderr.h"
#include "portal.h"

#define VL_NOTE_SUBJECT_MAX	200	/* bytes */
#define VL_NOTE_BODY_MAX	20000	/* bytes */

/*
 * Splits text into its lines at "\n", "\r\n" or a lone "\r", so a body
 * shows with its line breaks: *lines gets the lines (without their
 * breaks; an empty line is an empty string; text ending in a break has no
 * empty last line), *n their number (0 for NULL or "").  The array and
 * strings are in the pool.  Pure but for the pool.
 */
void	 vl_text_lines(struct vl_pool *, const char *text, char ***lines, size_t *n);
/* Adds a section named section to d for each line of text, with LINE set
 * to it (the template escapes it and puts a <br> between lines). */
void	 vl_text_show(struct vl_pool *, struct vl_tpl *d, const char *section, const char *text);

/* A note as typed (strings may be NULL: missing). */
struct vl_note_in {
	const char	*subject, *body, *date;
	int		 share;		/* "Share via client portal" */
};
/*
 * Adds (id 0) or changes note id of matter, sharing or unsharing it as
 * in->share says, in one transaction with its audit row.  VL_OK with
 * *out; VL_INVALID with fe filled (subject_missing, subject_long,
 * body_missing, body_long, date_invalid, share_no_portal); VL_DECLINED
 * for no such matter or note; VL_ERR.
 */
enum vl_rc vl_note_save(struct vl_ctx *, int64_t matter, int64_t id, const struct vl_note_in *,
	    int64_t *out, struct vl_ferr *fe);
/* Deletes note id of matter, ending its share first.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_note_delete(struct vl_ctx *, int64_t matter, int64_t id);

/* A note as stored: date the epoch of its day; strings in the pool. */
struct vl_note {
	int64_t	 id, matter, date, updated;
	char	*subject, *body, *author;
};
/* Note id of matter of the acting firm.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_note_get(struct vl_ctx *, int64_t matter, int64_t id, struct vl_note *);
/* A page of the matter's notes, latest day first; *more says a next page
 * exists.  VL_OK or VL_ERR. */
enum vl_rc vl_note_find(struct vl_ctx *, int64_t matter, int64_t page, struct vl_note **rows,
	    size_t *n, int *more);

/* The client side: a page of the notes of portal p shared live with it
 * (bodies not read: each note has its page).  VL_OK, VL_DECLINED without
 * the Notes permission, VL_ERR. */
enum vl_rc vl_note_client_list(struct vl_ctx *, const struct vl_client_portal *p, int64_t page,
	    struct vl_note **rows, size_t *n, int *more);
/*
 * The acting client opens note id of matter: VL_OK with *note and *p when
 * vl_rshare_client_may allows it, and its read receipt when read (the
 * client's own navigation; the first open an event for the firm);
 * VL_DECLINED otherwise (all refusals look alike); VL_ERR.
 */
enum vl_rc vl_note_client_open(struct vl_ctx *, int64_t matter, int64_t id, int read,
	    struct vl_note *note, struct vl_client_portal *p);

#endif
