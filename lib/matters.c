/*
 * The firm's matters as records: see matters.h.
 *
 * Numbers: the firm's pattern (matter_numbering) holds a year and a
 * counter.  Taking a number locks the firm's row (SELECT ... FOR UPDATE)
 * until the new matter commits, so two creations at once wait for each
 * other and get consecutive numbers; a new year (where the firm is)
 * starts the counter again at 1.  A number someone typed earlier is
 * skipped: the unique key on (firm, number) refuses it and the next is
 * tried, a bounded number of times.
 */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "matters.h"
#include "matterscopy.h"
#include "audit.h"
#include "tz.h"
#include "mfield.h"

#define DESC_MAX	500
#define NUMBER_TRIES	1000	/* typed numbers skipped before giving up */

const char *const vl_matter_sorts[VL_MSORT__MAX] = {
	"number", "-number", "opened", "-opened",
};

static const enum vl_stmt find_stmts[VL_MSORT__MAX] = {
	STMT_MATTERS_FIND_NUMBER, STMT_MATTERS_FIND_NUMBER_DESC,
	STMT_MATTERS_FIND_OPENED, STMT_MATTERS_FIND_OPENED_DESC,
};
/* The first page with the session checked in the same statement. */
static const enum vl_stmt joined_stmts[VL_MSORT__MAX] = {
	STMT_PAGES_MATTERS_NUMBER, STMT_PAGES_MATTERS_NUMBER_DESC,
	STMT_PAGES_MATTERS_OPENED, STMT_PAGES_MATTERS_OPENED_DESC,
};
/* The same with no filter and no search: no filter terms, no LIKE, the
 * join order and the order's index fixed (lib/sql/pages.def). */
static const enum vl_stmt joined_all_stmts[VL_MSORT__MAX] = {
	STMT_PAGES_MATTERS_ALL_NUMBER, STMT_PAGES_MATTERS_ALL_NUMBER_DESC,
	STMT_PAGES_MATTERS_ALL_OPENED, STMT_PAGES_MATTERS_ALL_OPENED_DESC,
};

enum vl_matter_sort
vl_matter_sort_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < VL_MSORT__MAX; i++)
		if (strcmp(name, vl_matter_sorts[i]) == 0)
			return (enum vl_matter_sort)i;
	return VL_MSORT_NUMBER;
}

/* The length of the token at p ("{YYYY}", "{YY}", "{NNN}"), 0 for none;
 * *kind gets 'Y' or 'N' and *width the digits. */
static size_t
token(const char *p, char *kind, int *width)
{
	size_t	 n;

	if (strncmp(p, "{YYYY}", 6) == 0) {
		*kind = 'Y';
		*width = 4;
		return 6;
	}
	if (strncmp(p, "{YY}", 4) == 0) {
		*kind = 'Y';
		*width = 2;
		return 4;
	}
	if (p[0] != '{')
		return 0;
	for (n = 1; p[n] == 'N'; n++)
		;
	if (p[n] != '}' || n < 2 || n > 10)
		return 0;
	*kind = 'N';
	*width = (int)n - 1;
	return n + 1;
}

int
vl_number_pattern_ok(const char *p)
{
	int	 years = 0, counters = 0, width;
	char	 kind;
	size_t	 n;

	if (p == NULL || *p == '\0' || strlen(p) > VL_NUMBER_MAX || *p == ' ' ||
	    p[strlen(p) - 1] == ' ')
		return 0;
	while (*p != '\0') {
		if ((n = token(p, &kind, &width)) > 0) {
			if (kind == 'Y')
				years++;
			else
				counters++;
			p += n;
			continue;
		}
		if (!isalnum((unsigned char)*p) && strchr("-/._ #", *p) == NULL)
			return 0;
		p++;
	}
	return counters == 1 && years <= 1;
}

char *
vl_number_format(struct vl_pool *pool, const char *pattern, int64_t year, int64_t counter)
{
	struct vl_buf	 b = VL_BUF_INIT;
	const char	*p = pattern;
	char		*out = NULL, kind;
	int		 width;
	size_t		 n;

	if (!vl_number_pattern_ok(pattern) || year < 0 || counter < 0)
		return NULL;
	while (*p != '\0') {
		if ((n = token(p, &kind, &width)) > 0) {
			if (kind == 'N')
				vl_buf_addf(&b, "%0*lld", width, (long long)counter);
			else if (width == 4)
				vl_buf_addf(&b, "%04lld", (long long)(year % 10000));
			else
				vl_buf_addf(&b, "%02lld", (long long)(year % 100));
			p += n;
		} else
			vl_buf_addc(&b, *p++);
	}
	if (b.len <= VL_NUMBER_MAX)
		out = vl_pool_strdup(pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return out;
}

/* This year where the acting firm is. */
static int64_t
this_year(struct vl_ctx *c)
{
	int	 y, m, d;

	vl_tz_ymd(vl_tz_firm(c), (int64_t)time(NULL), &y, &m, &d);
	return y;
}

/* A typed number: printable, no blanks around it, not too long. */
static int
number_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > VL_NUMBER_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!isprint((unsigned char)s[i]))
			return 0;
	return 1;
}

/* What create and update check alike; current: the matter's client (0 for
 * a new matter), which may stay even when archived. */
static enum vl_rc
check_in(struct vl_ctx *c, const struct vl_matter_in *in, int64_t current, struct vl_form_err *e)
{
	char	*name;
	enum vl_rc rc;

	if (in->number != NULL && *in->number != '\0' && !number_ok(in->number))
		return vl_form_refuse(e, "number", "number_invalid");
	if (in->description == NULL || *in->description == '\0')
		return vl_form_refuse(e, "description", "description_missing");
	if (strlen(in->description) > DESC_MAX)
		return vl_form_refuse(e, "description", "description_long");
	if (in->client == 0)
		return vl_form_refuse(e, "client", "client_missing");
	if (in->responsible == 0)
		return vl_form_refuse(e, "responsible", "responsible_missing");
	if (!vl_date_valid(in->opened))
		return vl_form_refuse(e, "opened", "opened_invalid");
	if ((rc = vl_mfield_check(c, in->custom, e)) != VL_OK)
		return rc;
	/* Ids no page offers (another firm's): not found, like any. */
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_PICKABLE, "iii", "s", c->firm_id, in->client,
	    current, &name)) != VL_OK)
		return rc;
	return vl_db_row(c->pool, STMT_USER_OF_FIRM, "ii", "s", c->firm_id, in->responsible, &name);
}

enum vl_rc
vl_matter_create(struct vl_ctx *c, const struct vl_matter_in *in, int64_t *id, char **number,
    struct vl_form_err *e)
{
	char		*pattern, *num = NULL;
	int64_t		 year, y, counter;
	uint64_t	 newid = 0;
	int		 typed = in->number != NULL && *in->number != '\0', tries;
	enum vl_rc	 rc;

	if ((rc = check_in(c, in, 0, e)) != VL_OK)
		return rc;
	year = this_year(c);
	/* Made outside the transaction: two first creations of a firm would
	 * otherwise both hold the new row's shared lock and deadlock. */
	if (!typed && (rc = vl_db_exec(STMT_NUMBERING_ENSURE, NULL, NULL, "ii", c->firm_id,
	    year)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (typed) {
		num = vl_pool_strdup(c->pool, in->number);
		rc = vl_db_exec(STMT_MATTER_CREATE, NULL, &newid, "issisi", c->firm_id, num,
		    in->description, in->client, in->opened, in->responsible);
		if (rc == VL_CONFLICT)
			rc = vl_form_refuse(e, "number", "number_taken");
	} else {
		if ((rc = vl_db_row(c->pool, STMT_NUMBERING_LOCK, "i", "sii", c->firm_id, &pattern,
		    &y, &counter)) != VL_OK)
			goto fail;
		if (y != year)
			counter = 0;
		rc = VL_CONFLICT;
		for (tries = 0; rc == VL_CONFLICT && tries < NUMBER_TRIES; tries++) {
			if ((num = vl_number_format(c->pool, pattern, year, ++counter)) == NULL)
				break;
			rc = vl_db_exec(STMT_MATTER_CREATE, NULL, &newid, "issisi", c->firm_id, num,
			    in->description, in->client, in->opened, in->responsible);
		}
		if (rc == VL_CONFLICT || num == NULL)
			rc = vl_form_refuse(e, "number", "numbering_full");
		else if (rc == VL_OK)
			rc = vl_db_exec(STMT_NUMBERING_SET, NULL, NULL, "siii", pattern, year, counter,
			    c->firm_id);
	}
	if (rc != VL_OK)
		goto fail;
	if ((rc = vl_db_exec(STMT_MATTER_RESPONSIBLE_ADD, NULL, NULL, "iii", c->firm_id,
	    (int64_t)newid, in->responsible)) != VL_OK ||
	    (rc = vl_mfield_put(c, (int64_t)newid, in->custom)) != VL_OK ||
	    (rc = vl_db_commit()) != VL_OK)
		goto fail;
	*id = (int64_t)newid;
	*number = num;
	vl_audit(c, "matter_create", "matter", *id);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_matter_update(struct vl_ctx *c, int64_t id, const struct vl_matter_in *in,
    struct vl_form_err *e)
{
	struct vl_matter_rec	 m;
	const char		*closed = NULL;
	enum vl_rc		 rc;

	if ((rc = vl_matter_get(c, id, &m)) != VL_OK)
		return rc;
	if (in->number == NULL || *in->number == '\0')
		return vl_form_refuse(e, "number", "number_invalid");
	if ((rc = check_in(c, in, m.client_id, e)) != VL_OK)
		return rc;
	if (strcmp(m.status, "closed") == 0) {
		closed = in->closed;
		if (!vl_date_valid(closed))
			return vl_form_refuse(e, "closed", "closed_invalid");
		if (strcmp(closed, in->opened) < 0)
			return vl_form_refuse(e, "closed", "closed_before_opened");
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_exec(STMT_MATTER_UPDATE, NULL, NULL, "ssissiii", in->number, in->description,
	    in->client, in->opened, closed, in->responsible, c->firm_id, id);
	if (rc == VL_CONFLICT)
		rc = vl_form_refuse(e, "number", "number_taken");
	if (rc != VL_OK)
		goto fail;
	/* The responsible user is told of the client's messages (portal.c). */
	if (m.responsible_id != in->responsible && ((m.responsible_id != 0 &&
	    (rc = vl_db_exec(STMT_MATTER_RESPONSIBLE_DROP, NULL, NULL, "iii", c->firm_id, id,
	    m.responsible_id)) != VL_OK) || (rc = vl_db_exec(STMT_MATTER_RESPONSIBLE_ADD, NULL,
	    NULL, "iii", c->firm_id, id, in->responsible)) != VL_OK))
		goto fail;
	if ((rc = vl_mfield_put(c, id, in->custom)) != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		goto fail;
	vl_audit(c, "matter_update", "matter", id);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_matter_set_open(struct vl_ctx *c, int64_t id, int open)
{
	struct vl_matter_rec	 m;
	char			 today[11];
	const char		*status = open ? "open" : "closed";
	uint64_t		 n = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_get(c, id, &m)) != VL_OK)
		return rc;
	vl_date_today(c, today);
	if ((rc = vl_db_exec(STMT_MATTER_SET_STATUS, &n, NULL, "ssiis", status, open ? NULL : today,
	    c->firm_id, id, status)) != VL_OK)
		return rc;
	if (n > 0)
		vl_audit(c, open ? "matter_reopen" : "matter_close", "matter", id);
	return VL_OK;
}

enum vl_rc
vl_matter_get(struct vl_ctx *c, int64_t id, struct vl_matter_rec *m)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	return vl_db_row(c->pool, STMT_MATTER_RECORD, "ii", "sssisiiis", c->firm_id, id,
	    &m->number, &m->description, &m->status, &m->client_id, &m->client, &m->opened,
	    &m->closed, &m->responsible_id, &m->responsible);
}

/*
 * vl_matter_find's first page with the session pending in c->join: one
 * statement reads the session and the matters.  No row is no session or no
 * matter (j->found stays 0): vl_sess_joined then checks the session alone.
 */
static enum vl_rc
find_joined(struct vl_ctx *c, const struct vl_matter_filter *f, const char *like,
    struct vl_matter_rec *list, struct vl_matter_rec **out, size_t *n, int *more)
{
	struct vl_sess_join	*j = c->join;
	struct vl_sess		*s = j->s;
	struct vl_matter_rec	*row;
	struct vl_rows		*rows;
	const char		*status = f->status ? f->status : "";
	int			 got;
	enum vl_rc		 rc;

	/* Past the first page no row could mean either; those load the
	 * session first (matters_list says which). */
	if (vl_page_offset(f->page) != 0) {
		vl_err("matters: a joined session on page %lld", (long long)f->page);
		return VL_ERR;
	}
	if (*status == '\0' && f->client == 0 && f->responsible == 0 &&
	    (f->q == NULL || *f->q == '\0'))
		rc = vl_db_query(c->pool, joined_all_stmts[f->sort], &rows, "ibiii", j->touch,
		    j->hash, sizeof(j->hash), j->idle, j->max, (int64_t)VL_PAGE_ROWS + 1);
	else
		rc = vl_db_query(c->pool, joined_stmts[f->sort], &rows, "ibiissiiiisssi", j->touch,
		    j->hash, sizeof(j->hash), j->idle, j->max, status, status, f->client, f->client,
		    f->responsible, f->responsible, like, like, like, (int64_t)VL_PAGE_ROWS + 1);
	if (rc != VL_OK)
		return rc;
	for (;;) {
		row = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "iissssisssiiissssis", &s->firm_id, &s->user_id,
		    &s->firm_name, &s->user_email, &s->user_name, &s->role, &j->stale, &s->firm_logo,
		    &s->firm_zone, &s->firm_slug, &s->users_stamp, &s->matters_stamp, &row->id,
		    &row->number, &row->description, &row->client, &row->status, &row->opened,
		    &row->responsible)) <= 0)
			break;
		j->found = 1;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	if (got < 0)
		return VL_ERR;
	/* Rows and stamps of one statement: the process keeps the page. */
	if (j->found && vl_matters_copy_fits(f))
		vl_matters_copy_put(s->firm_id, f->sort, s->matters_stamp, s->users_stamp, list, *n,
		    *more);
	return VL_OK;
}

enum vl_rc
vl_matter_find(struct vl_ctx *c, const struct vl_matter_filter *f, struct vl_matter_rec **out,
    size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_matter_rec	*list, *row;
	const char		*status = f->status ? f->status : "", *like;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	like = vl_like_contains(c->pool, f->q, 0);
	if ((unsigned)f->sort >= VL_MSORT__MAX)
		return VL_INVALID;
	if (c->join != NULL)
		return find_joined(c, f, like, list, out, n, more);
	if (vl_matters_copy_fits(f) && vl_matters_copy_get(c->pool, c->firm_id, f->sort,
	    c->matters_stamp, c->users_stamp, out, n, more))
		return VL_OK;
	if ((rc = vl_db_query(c->pool, find_stmts[f->sort], &rows, "issiiiisssii", c->firm_id,
	    status, status, f->client, f->client, f->responsible, f->responsible, like, like, like,
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(f->page))) != VL_OK)
		return rc;
	for (;;) {
		row = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "issssis", &row->id, &row->number, &row->description,
		    &row->client, &row->status, &row->opened, &row->responsible)) <= 0)
			break;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	if (got < 0)
		return VL_ERR;
	/* Read after the session's stamps: kept under them (matterscopy.c). */
	if (vl_matters_copy_fits(f))
		vl_matters_copy_put(c->firm_id, f->sort, c->matters_stamp, c->users_stamp, list, *n,
		    *more);
	return VL_OK;
}

enum vl_rc
vl_numbering_get(struct vl_ctx *c, char **pattern, int64_t *next, char **preview)
{
	int64_t		 year = this_year(c), y, counter, used;
	int		 tries;
	enum vl_rc	 rc;

	rc = vl_db_row(c->pool, STMT_NUMBERING_GET, "i", "sii", c->firm_id, pattern, &y, &counter);
	if (rc == VL_DECLINED) {
		*pattern = vl_pool_strdup(c->pool, VL_NUMBER_PATTERN);
		y = year;
		counter = 0;
	} else if (rc != VL_OK)
		return rc;
	*next = y == year ? counter + 1 : 1;
	/* The number a new matter would get: typed ones are skipped. */
	for (tries = 0; tries < NUMBER_TRIES; tries++) {
		if ((*preview = vl_number_format(c->pool, *pattern, year, *next + tries)) == NULL)
			break;
		if ((rc = vl_db_row(c->pool, STMT_MATTER_NUMBER_USED, "is", "i", c->firm_id, *preview,
		    &used)) != VL_OK)
			return rc;
		if (used == 0)
			return VL_OK;
	}
	*preview = "";
	return VL_OK;
}

enum vl_rc
vl_numbering_set(struct vl_ctx *c, const char *pattern, int64_t next, struct vl_form_err *e)
{
	int64_t		 year = this_year(c);
	enum vl_rc	 rc;

	if (!vl_number_pattern_ok(pattern))
		return vl_form_refuse(e, "pattern", "pattern_invalid");
	if (next < 1 || next > 999999999 || vl_number_format(c->pool, pattern, year, next) == NULL)
		return vl_form_refuse(e, "next", "next_invalid");
	if ((rc = vl_db_exec(STMT_NUMBERING_ENSURE, NULL, NULL, "ii", c->firm_id, year)) != VL_OK ||
	    (rc = vl_db_exec(STMT_NUMBERING_SET, NULL, NULL, "siii", pattern, year, next - 1,
	    c->firm_id)) != VL_OK)
		return rc;
	vl_audit(c, "settings_numbering", "firm", c->firm_id);
	return VL_OK;
}

/* Rows of (id, name) from a query already made. */
static enum vl_rc
picks(struct vl_ctx *c, struct vl_rows *rows, struct vl_pick **out, size_t *n)
{
	struct vl_pick	*list = NULL;
	int64_t		 id;
	char		*name;
	size_t		 cap = 0;
	int		 got;

	*n = 0;
	while ((got = vl_db_next(rows, "is", &id, &name)) > 0) {
		if (*n == cap) {
			struct vl_pick *grown;
			cap = cap ? cap * 2 : 16;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (*n > 0)
				memcpy(grown, list, *n * sizeof(*grown));
			list = grown;
		}
		list[*n].id = id;
		list[(*n)++].name = name;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_pick_clients(struct vl_ctx *c, int64_t current, struct vl_pick **out, size_t *n)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_CONTACT_PICK, &rows, "ii", c->firm_id, current)) != VL_OK)
		return rc;
	return picks(c, rows, out, n);
}

enum vl_rc
vl_pick_users(struct vl_ctx *c, struct vl_pick **out, size_t *n)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_USERS_PICK, &rows, "i", c->firm_id)) != VL_OK)
		return rc;
	return picks(c, rows, out, n);
}

void
vl_pick_options(struct vl_tpl *d, const char *section, const struct vl_pick *p, size_t n,
    int64_t chosen)
{
	struct vl_tpl	*o;
	size_t		 i;

	for (i = 0; i < n; i++) {
		o = vl_tpl_section(d, section);
		vl_tpl_set_int(o, "VALUE", p[i].id);
		vl_tpl_set(o, "LABEL", p[i].name);
		if (p[i].id == chosen)
			vl_tpl_show(o, "SELECTED");
	}
}
