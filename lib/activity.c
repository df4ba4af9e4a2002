/*
 * Activities of a matter: see activity.h.
 *
 * A time entry's amount is computed once, when it is saved, from its
 * minutes and rate in integers: minutes * rate / 60 rounded half up to a
 * minor unit ((minutes * rate + 30) / 60; both are bounded so the product
 * fits easily in 64 bits).  Totals add those amounts, so a bill built from
 * the entries adds up to the same.  An activity a bill holds (bill_id set)
 * is neither changed nor deleted: the statements say so themselves.
 */
#include <ctype.h>
#include <string.h>

#include "activity.h"
#include "matter.h"
#include "audit.h"
#include "money.h"

#define DESC_MAX	1000

const char *const vl_activity_kinds[VL_ACT__MAX] = { "time", "expense" };

enum vl_activity_kind
vl_activity_kind_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < VL_ACT__MAX; i++)
		if (strcmp(name, vl_activity_kinds[i]) == 0)
			return (enum vl_activity_kind)i;
	return VL_ACT__MAX;
}

int
vl_activity_amount(int64_t minutes, int64_t rate, int64_t *amount)
{
	if (minutes < 0 || minutes > VL_MINUTES_MAX || rate < 0 || rate > VL_RATE_MAX)
		return 0;
	*amount = (minutes * rate + 30) / 60;
	return 1;
}

int
vl_duration_parse(const char *s, int64_t *minutes)
{
	const char	*colon;
	char		 h[8];
	int64_t		 hours, mins;
	size_t		 n;

	if (s == NULL)
		return 0;
	if ((colon = strchr(s, ':')) == NULL) {
		if (vl_strtonum(s, 1, VL_MINUTES_MAX, minutes) != VL_OK)
			return 0;
		return 1;
	}
	/* "h:mm": minutes of exactly two digits, below 60. */
	n = (size_t)(colon - s);
	if (n == 0 || n >= sizeof(h) || strlen(colon + 1) != 2 ||
	    !isdigit((unsigned char)colon[1]) || !isdigit((unsigned char)colon[2]))
		return 0;
	memcpy(h, s, n);
	h[n] = '\0';
	if (vl_strtonum(h, 0, VL_MINUTES_MAX / 60, &hours) != VL_OK)
		return 0;
	mins = (colon[1] - '0') * 10 + (colon[2] - '0');
	if (mins > 59 || hours * 60 + mins < 1 || hours * 60 + mins > VL_MINUTES_MAX)
		return 0;
	*minutes = hours * 60 + mins;
	return 1;
}

char *
vl_duration_fmt(struct vl_pool *pool, int64_t minutes)
{
	return vl_pool_printf(pool, "%lld:%02lld", (long long)(minutes / 60),
	    (long long)(minutes % 60));
}

const char *
vl_firm_currency(struct vl_ctx *c)
{
	char	*cur = NULL;

	if (vl_db_row(c->pool, STMT_FIRM_CURRENCY, "i", "s", c->firm_id, &cur) != VL_OK ||
	    cur == NULL || vl_money_digits(cur) < 0)
		return "USD";
	return cur;
}

/* The typed activity checked and its amount computed; ids that are not the
 * firm's (the matter's) are VL_DECLINED. */
static enum vl_rc
check_in(struct vl_ctx *c, int64_t matter, const struct vl_activity_in *in, int64_t *minutes,
    int64_t *rate, int64_t *amount, struct vl_form_err *e)
{
	const char	*cur = vl_firm_currency(c);
	char		*name;
	enum vl_rc	 rc;

	*minutes = 0;
	*rate = -1;
	if (!vl_date_valid(in->date))
		return vl_form_refuse(e, "date", "date_invalid");
	if (in->kind == VL_ACT_TIME) {
		if (in->user == 0)
			return vl_form_refuse(e, "user", "user_missing");
		if (!vl_duration_parse(in->duration, minutes))
			return vl_form_refuse(e, "duration", "duration_invalid");
		if (in->rate == NULL || vl_money_parse(in->rate, cur, rate) != VL_OK || *rate < 0 ||
		    *rate > VL_RATE_MAX)
			return vl_form_refuse(e, "rate", "rate_invalid");
		if (!vl_activity_amount(*minutes, *rate, amount))
			return vl_form_refuse(e, "rate", "rate_invalid");
	} else if (in->kind == VL_ACT_EXPENSE) {
		if (in->amount == NULL || vl_money_parse(in->amount, cur, amount) != VL_OK ||
		    *amount <= 0 || *amount > VL_AMOUNT_MAX)
			return vl_form_refuse(e, "amount", "amount_invalid");
	} else
		return VL_INVALID;
	if (in->description == NULL || *in->description == '\0')
		return vl_form_refuse(e, "description", "description_missing");
	if (strlen(in->description) > DESC_MAX)
		return vl_form_refuse(e, "description", "description_long");
	if (in->kind == VL_ACT_TIME && (rc = vl_db_row(c->pool, STMT_USER_OF_FIRM, "ii", "s",
	    c->firm_id, in->user, &name)) != VL_OK)
		return rc;
	if (in->category != 0 && (rc = vl_db_row(c->pool, STMT_CATEGORY_GET, "ii", "s", c->firm_id,
	    in->category, &name)) != VL_OK)
		return rc;
	if (in->kind == VL_ACT_EXPENSE && in->document != 0 && (rc = vl_db_row(c->pool,
	    STMT_MATTER_DOC_NAME, "iii", "s", c->firm_id, matter, in->document, &name)) != VL_OK)
		return rc;
	return VL_OK;
}

enum vl_rc
vl_activity_save(struct vl_ctx *c, int64_t matter, int64_t id, const struct vl_activity_in *in,
    int64_t *out, struct vl_form_err *e)
{
	struct vl_matter	 m;
	struct vl_activity	 old;
	int64_t			 minutes, rate, amount = 0;
	int64_t			 user = in->kind == VL_ACT_TIME ? in->user : 0;
	int64_t			 doc = in->kind == VL_ACT_EXPENSE ? in->document : 0;
	uint64_t		 n = 0, newid = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(c, matter, &m)) != VL_OK)
		return rc;
	if (id != 0) {
		if ((rc = vl_activity_get(c, matter, id, &old)) != VL_OK)
			return rc;
		if (old.billed)
			return VL_CONFLICT;
		if (old.kind != in->kind)
			return VL_INVALID;
	}
	if ((rc = check_in(c, matter, in, &minutes, &rate, &amount, e)) != VL_OK)
		return rc;
	if (id == 0) {
		if ((rc = vl_db_exec(STMT_ACTIVITY_INSERT, NULL, &newid, "iissiiiisiii", c->firm_id,
		    matter, vl_activity_kinds[in->kind], in->date, user, minutes, rate, amount,
		    in->description, in->category, doc, c->user_id)) != VL_OK)
			return rc;
		*out = (int64_t)newid;
		vl_audit(c, "activity_add", "activity", *out);
		return VL_OK;
	}
	if ((rc = vl_db_exec(STMT_ACTIVITY_UPDATE, &n, NULL, "siiiisiiiii", in->date, user, minutes,
	    rate, amount, in->description, in->category, doc, c->firm_id, matter, id)) != VL_OK)
		return rc;
	/* Nothing changed, or a bill took it meanwhile. */
	if (n == 0 && (rc = vl_activity_get(c, matter, id, &old)) == VL_OK && old.billed)
		return VL_CONFLICT;
	*out = id;
	vl_audit(c, "activity_edit", "activity", id);
	return VL_OK;
}

enum vl_rc
vl_activity_delete(struct vl_ctx *c, int64_t matter, int64_t id)
{
	struct vl_activity	 a;
	uint64_t		 n = 0;
	enum vl_rc		 rc;

	if ((rc = vl_activity_get(c, matter, id, &a)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_ACTIVITY_DELETE, &n, NULL, "iii", c->firm_id, matter, id)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_CONFLICT;	/* billed (or gone) meanwhile */
	vl_audit(c, "activity_delete", "activity", id);
	return VL_OK;
}

enum vl_rc
vl_activity_get(struct vl_ctx *c, int64_t matter, int64_t id, struct vl_activity *a)
{
	char		*kind;
	int64_t		 billed;
	enum vl_rc	 rc;

	memset(a, 0, sizeof(*a));
	a->id = id;
	if ((rc = vl_db_row(c->pool, STMT_ACTIVITY_GET, "iii", "siiiiisiii", c->firm_id, matter, id,
	    &kind, &a->date, &a->user, &a->minutes, &a->rate, &a->amount, &a->description,
	    &a->category, &a->document, &billed)) != VL_OK)
		return rc;
	a->kind = vl_activity_kind_of(kind);
	a->billed = billed != 0;
	return VL_OK;
}

enum vl_rc
vl_activity_find(struct vl_ctx *c, int64_t matter, const struct vl_activity_filter *f,
    struct vl_activity **out, size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_activity	*list, *a;
	const char		*kind = f->kind ? f->kind : "";
	const char		*from = f->from && *f->from ? f->from : "1900-01-01";
	const char		*to = f->to && *f->to ? f->to : "9999-12-31";
	char			*k;
	int64_t			 billed;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	if ((*kind && vl_activity_kind_of(kind) == VL_ACT__MAX) || !vl_date_valid(from) ||
	    !vl_date_valid(to))
		return VL_INVALID;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_ACTIVITIES_FIND, &rows, "iissssii", c->firm_id, matter,
	    kind, kind, from, to, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(f->page))) != VL_OK)
		return rc;
	for (;;) {
		a = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "isisiiissisi", &a->id, &k, &a->date, &a->user_name,
		    &a->minutes, &a->rate, &a->amount, &a->description, &a->category_name,
		    &a->document, &a->document_name, &billed)) <= 0)
			break;
		a->kind = vl_activity_kind_of(k);
		a->billed = billed != 0;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_activity_totals(struct vl_ctx *c, int64_t matter, struct vl_activity_totals *t)
{
	enum vl_rc	 rc;

	memset(t, 0, sizeof(*t));
	if ((rc = vl_db_row(c->pool, STMT_ACTIVITY_TOTALS, "ii", "iii", c->firm_id, matter,
	    &t->minutes, &t->time, &t->expenses)) != VL_OK)
		return rc;
	t->total = t->time + t->expenses;
	return VL_OK;
}

enum vl_rc
vl_category_list(struct vl_ctx *c, struct vl_category **out, size_t *n)
{
	struct vl_rows		*rows;
	struct vl_category	*list = NULL;
	struct vl_category	 k;
	size_t			 cap = 0;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_CATEGORIES_LIST, &rows, "i", c->firm_id)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "isi", &k.id, &k.name, &k.uses)) > 0) {
		if (*n == cap) {
			struct vl_category *grown;
			cap = cap ? cap * 2 : 16;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (*n > 0)
				memcpy(grown, list, *n * sizeof(*grown));
			list = grown;
		}
		list[(*n)++] = k;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_category_save(struct vl_ctx *c, int64_t id, const char *name, struct vl_form_err *e)
{
	char		*was;
	enum vl_rc	 rc;

	if (name == NULL || *name == '\0')
		return vl_form_refuse(e, "name", "name_missing");
	if (strlen(name) > VL_CATEGORY_MAX)
		return vl_form_refuse(e, "name", "name_long");
	if (id != 0 && (rc = vl_db_row(c->pool, STMT_CATEGORY_GET, "ii", "s", c->firm_id, id,
	    &was)) != VL_OK)
		return rc;
	rc = id == 0 ? vl_db_exec(STMT_CATEGORY_ADD, NULL, NULL, "is", c->firm_id, name) :
	    vl_db_exec(STMT_CATEGORY_RENAME, NULL, NULL, "sii", name, c->firm_id, id);
	if (rc == VL_CONFLICT)
		return vl_form_refuse(e, "name", "name_taken");
	if (rc == VL_OK)
		vl_audit(c, id == 0 ? "category_add" : "category_rename", "category", id);
	return rc;
}

enum vl_rc
vl_category_delete(struct vl_ctx *c, int64_t id)
{
	char		*was;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_CATEGORY_GET, "ii", "s", c->firm_id, id, &was)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CATEGORY_DELETE, &n, NULL, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_CONFLICT;
	vl_audit(c, "category_delete", "category", id);
	return VL_OK;
}

char *
vl_amount_plain(struct vl_pool *pool, int64_t amount, const char *currency)
{
	int		 digits = vl_money_digits(currency), i;
	uint64_t	 a = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount, scale = 1;

	if (digits <= 0)
		return vl_pool_printf(pool, "%s%llu", amount < 0 ? "-" : "", (unsigned long long)a);
	for (i = 0; i < digits; i++)
		scale *= 10;
	return vl_pool_printf(pool, "%s%llu.%0*llu", amount < 0 ? "-" : "",
	    (unsigned long long)(a / scale), digits, (unsigned long long)(a % scale));
}
