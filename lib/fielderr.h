/*
 * Field errors of a form: which field is wrong and why, as codes.  The
 * words are the template's: the page shows section <FIELD>_ERR and in it
 * <FIELD>_<CODE> (both upper-cased), and ERRORS once above the form, so a
 * form can say next to each field what is wrong with it, and keep what
 * was typed.
 */
#ifndef VELLUM_FIELDERR_H
#define VELLUM_FIELDERR_H

#include "vellum.h"

#define VL_FERR_MAX	12

struct vl_ferr {
	size_t		 n;
	struct {
		const char *field, *code;
	}		 e[VL_FERR_MAX];
};
#define VL_FERR_INIT { 0, { { NULL, NULL } } }

/* Records that field is wrong for reason code (a field's first error
 * wins; past VL_FERR_MAX errors the rest are dropped). */
void	 vl_ferr_add(struct vl_ferr *, const char *field, const char *code);
/* 1 if field has an error. */
int	 vl_ferr_has(const struct vl_ferr *, const char *field);
/* Shows the errors in d (see above); nothing when there are none. */
void	 vl_ferr_show(struct vl_tpl *d, const struct vl_ferr *);

#endif
