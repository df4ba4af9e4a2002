/*
 * The firm's own matter fields (SPEC F-A8): fields an admin defines once
 * (a label, an order; archived ones leave the forms and pages but keep
 * their values), that each matter's edit form offers and its page shows,
 * and that an intake form's answer may fill (lib/form.c).  A value is one
 * line of text, at most VL_MFIELD_VALUE_MAX bytes (lib/formval.h).
 */
#ifndef VELLUM_MFIELD_H
#define VELLUM_MFIELD_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"

#define VL_MFIELD_LABEL_MAX	100	/* bytes of a label */
#define VL_MFIELDS_MAX		50	/* fields of a firm, archived ones too */

/* A definition; uses: how many matters hold a value of it. */
struct vl_mfield {
	int64_t	 id, position, uses;
	char	*label;
	int	 archived;
};
/* The firm's fields, the live ones first in their order, then the
 * archived ones (memory in the pool).  VL_OK or VL_ERR. */
enum vl_rc vl_mfield_list(struct vl_ctx *, struct vl_mfield **, size_t *n);
/* Adds a field (id 0) at the end or renames field id; audited.  VL_OK;
 * VL_INVALID with *e (label_missing, label_long, label_taken,
 * fields_many); VL_DECLINED for no such field of the firm; VL_ERR. */
enum vl_rc vl_mfield_save(struct vl_ctx *, int64_t id, const char *label,
	    struct vl_form_err *e);
/* Moves field id one place earlier (dir < 0) or later among the live
 * ones; audited.  VL_OK (also at either end); VL_DECLINED for no such
 * live field of the firm; VL_ERR. */
enum vl_rc vl_mfield_move(struct vl_ctx *, int64_t id, int dir);
/* Archives field id (on 1) or restores it (0); audited when it changed.
 * VL_OK; VL_DECLINED for no such field of the firm; VL_ERR. */
enum vl_rc vl_mfield_archive(struct vl_ctx *, int64_t id, int on);

/* A live field and a matter's value of it ("" for none). */
struct vl_mfield_value {
	int64_t	 id;
	char	*label, *value;
};
/* The live fields with matter's values, in order (memory in the pool);
 * the caller has found the matter the firm's.  VL_OK or VL_ERR. */
enum vl_rc vl_mfield_values(struct vl_ctx *, int64_t matter, struct vl_mfield_value **,
	    size_t *n);
/*
 * The value typed for field id on a matter's form: pair "cf<id>" of typed,
 * or NULL when none was sent.  vl_mfield_check refuses the first value
 * of a live field of the firm's that cannot be kept (VL_INVALID with *e:
 * field "cf<id>", a code of vl_mfield_value_check); VL_OK; VL_ERR.
 */
const char *vl_mfield_typed(const struct vl_pair *typed, int64_t id);
enum vl_rc vl_mfield_check(struct vl_ctx *, const struct vl_pair *typed, struct vl_form_err *e);
/*
 * Inside the caller's transaction (a matter's creation or change): sets
 * matter's value of each live field typed sends ("" clears it); fields not
 * sent keep theirs, and a key naming no live field of the firm does
 * nothing.  Values already checked (vl_mfield_check).  VL_OK or VL_ERR.
 */
enum vl_rc vl_mfield_put(struct vl_ctx *, int64_t matter, const struct vl_pair *typed);
/*
 * Inside the caller's transaction (a form's submission): matter's value
 * of field into *old ("" for none), for vl_mfield_set.  VL_DECLINED when
 * field is archived or not the firm's; VL_ERR.
 */
enum vl_rc vl_mfield_value_of(struct vl_ctx *, int64_t matter, int64_t field, char **old);
/* Inside the caller's transaction: matter's value of field becomes value
 * ("" clears it).  VL_OK or VL_ERR. */
enum vl_rc vl_mfield_set(struct vl_ctx *, int64_t matter, int64_t field, const char *value);

#endif
