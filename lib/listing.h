/*
 * The pages of the firm's records (contacts, matters, activities): what
 * their lists and forms share.  Lists show 50 rows a page and keep their
 * filter in the URL; a form that is refused is shown again with what was
 * typed and the field at fault named (the texts are the templates').
 */
#ifndef VELLUM_LISTING_H
#define VELLUM_LISTING_H

#include <stdint.h>

#include "vellum.h"

/* Rows a list page shows; queries ask for one more to know of a next page. */
#define VL_PAGE_ROWS	50
/* The highest page number a URL may ask for (the offset stays small). */
#define VL_PAGE_MAX	100000

/* The offset of page (1 for the first; anything below 1 is 1, above
 * VL_PAGE_MAX is VL_PAGE_MAX). */
int64_t	 vl_page_offset(int64_t page);

/* A LIKE pattern that finds q anywhere, q's own % _ and \ taken literally
 * ("%" for NULL or ""); lower (1) lower-cases ASCII letters, to search
 * stored addresses.  In the pool. */
char	*vl_like_contains(struct vl_pool *, const char *q, int lower);

/* 1 if s is a date "YYYY-MM-DD" of the calendar (years 1900 to 9999). */
int	 vl_date_valid(const char *s);
/* The day of epoch (the midnight of a date as the statements give it) as
 * "YYYY-MM-DD", in the pool. */
char	*vl_date_iso(struct vl_pool *, int64_t epoch);
/* Today where the acting firm is, as "YYYY-MM-DD" into out. */
void	 vl_date_today(struct vl_ctx *, char out[11]);

/* Why a form was refused: the field at fault (its input is marked) and a
 * code whose text the page's template holds. */
struct vl_form_err {
	const char	*field;		/* "name", "email", ... */
	const char	*code;		/* "name_missing", ... */
};
/* Shows section ERROR with the code's section inside (upper case) and
 * marks the field: section BAD_<FIELD> at the top level. */
void	 vl_form_error(struct vl_tpl *, const struct vl_form_err *);
/* Sets e and returns VL_INVALID (for domain functions refusing a form). */
enum vl_rc vl_form_refuse(struct vl_form_err *e, const char *field, const char *code);

/* The pager of a list: PREV and NEXT sections with HREF, base (a path)
 * with query (filters, urlencoded, may be "") and the page number. */
void	 vl_list_pager(struct vl_pool *, struct vl_tpl *, const char *base, const char *query,
	    int64_t page, int more);

#endif
