/*
 * Activities of a matter (SPEC F-A6): time entries and expenses, each in a
 * category the firm defines, changed or deleted only while no bill holds
 * them; the matter's totals.  Money is int64 minor units (money.h).
 */
#ifndef VELLUM_ACTIVITY_H
#define VELLUM_ACTIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "listing.h"

#define VL_MINUTES_MAX	INT64_C(99999)		/* one entry: about 69 days */
#define VL_RATE_MAX	INT64_C(1000000000)	/* minor units an hour */
#define VL_AMOUNT_MAX	INT64_C(1000000000000)	/* minor units an expense */
#define VL_CATEGORY_MAX	100		/* bytes of a category's name */

/* The kinds; the names are the stored ones and the URL's. */
enum vl_activity_kind { VL_ACT_TIME, VL_ACT_EXPENSE, VL_ACT__MAX };
extern const char *const vl_activity_kinds[VL_ACT__MAX];
/* The kind named name, or VL_ACT__MAX. */
enum vl_activity_kind vl_activity_kind_of(const char *name);

/*
 * The amount of minutes at rate (minor units an hour), rounded half up to
 * a whole minor unit: (minutes * rate + 30) / 60, in integers.  1 with
 * *amount, or 0 when either is out of range (minutes 0..VL_MINUTES_MAX,
 * rate 0..VL_RATE_MAX).
 */
int	 vl_activity_amount(int64_t minutes, int64_t rate, int64_t *amount);
/* A duration typed as minutes ("90") or hours and minutes ("1:30", "0:05");
 * 1 with *minutes (1..VL_MINUTES_MAX), else 0. */
int	 vl_duration_parse(const char *s, int64_t *minutes);
/* minutes as "1:30". In the pool. */
char	*vl_duration_fmt(struct vl_pool *, int64_t minutes);

/* An activity as typed.  Time: date, user, duration, rate; expense: date,
 * amount, document (a receipt: one of the matter's, or 0).  Both: the
 * description and the category (0: none). */
struct vl_activity_in {
	enum vl_activity_kind	 kind;
	const char		*date, *duration, *rate, *amount, *description;
	int64_t			 user, category, document;
};
/*
 * Records (id 0) or changes activity id of matter.  VL_OK with *out;
 * VL_INVALID with *e (date_invalid, duration_invalid, rate_invalid,
 * amount_invalid, description_missing, description_long, user_missing);
 * VL_DECLINED for no such matter or activity, or a user, category or
 * document not the firm's (the matter's); VL_CONFLICT when a bill holds
 * it; VL_ERR.
 */
enum vl_rc vl_activity_save(struct vl_ctx *, int64_t matter, int64_t id,
	    const struct vl_activity_in *, int64_t *out, struct vl_form_err *e);
/* Deletes activity id of matter.  VL_OK, VL_DECLINED, VL_CONFLICT (billed). */
enum vl_rc vl_activity_delete(struct vl_ctx *, int64_t matter, int64_t id);

/* An activity as stored (date: epoch of its day). */
struct vl_activity {
	int64_t			 id, date, user, minutes, rate, amount, category, document;
	enum vl_activity_kind	 kind;
	int			 billed;
	char			*description, *user_name, *category_name, *document_name;
};
enum vl_rc vl_activity_get(struct vl_ctx *, int64_t matter, int64_t id, struct vl_activity *);

struct vl_activity_filter {
	const char	*kind;		/* "time", "expense", NULL or "" for both */
	const char	*from, *to;	/* "YYYY-MM-DD" or NULL */
	int64_t		 page;
};
/* The matter's activities that pass f, latest first, a page; *more says a
 * next page exists.  VL_OK, VL_INVALID for a malformed filter, VL_ERR. */
enum vl_rc vl_activity_find(struct vl_ctx *, int64_t matter, const struct vl_activity_filter *f,
	    struct vl_activity **rows, size_t *n, int *more);

/* The whole matter's totals. */
struct vl_activity_totals {
	int64_t	 minutes, time, expenses, total;
};
enum vl_rc vl_activity_totals(struct vl_ctx *, int64_t matter, struct vl_activity_totals *);

/* amount (minor units) as typed in a form, without symbol or grouping
 * ("1234.50"; "1235" for a currency without minor units), in the pool. */
char	*vl_amount_plain(struct vl_pool *, int64_t amount, const char *currency);
/* The acting firm's currency ("USD" if unknown); in the pool. */
const char *vl_firm_currency(struct vl_ctx *);

/* The firm's categories, with how many activities use each. */
struct vl_category {
	int64_t	 id, uses;
	char	*name;
};
enum vl_rc vl_category_list(struct vl_ctx *, struct vl_category **, size_t *n);
/* Adds a category (id 0) or renames category id.  VL_OK; VL_INVALID with
 * *e (name_missing, name_long, name_taken); VL_DECLINED; VL_ERR. */
enum vl_rc vl_category_save(struct vl_ctx *, int64_t id, const char *name,
	    struct vl_form_err *e);
/* Deletes category id.  VL_OK; VL_CONFLICT while an activity uses it;
 * VL_DECLINED. */
enum vl_rc vl_category_delete(struct vl_ctx *, int64_t id);

#endif
