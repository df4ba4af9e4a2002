/*
 * The firm's matters: /matters?status=&client=&responsible=&q=&sort=&page=.
 * Filtered by status, client and responsible user, searched by number,
 * description or client, sorted by number or opening date either way, 50
 * a page; every filter is in the URL and in the links of the page.
 */
#include <string.h>

#include "vellum.h"
#include "tz.h"
#include "matters.h"
#include "picks.h"
#include "matterscopy.h"

enum field { F_STATUS, F_CLIENT, F_RESPONSIBLE, F_Q, F_SORT, F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "status", VL_V_LINE, 16 },
	{ "client", VL_V_INT, 20 },
	{ "responsible", VL_V_INT, 20 },
	{ "q", VL_V_LINE, 200 },
	{ "sort", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
};

/* The header's mark of the sort shown, a section per sort. */
static const char *const by_sort[VL_MSORT__MAX] = {
	"BY_NUMBER", "BY_NUMBER_DESC", "BY_OPENED", "BY_OPENED_DESC",
};

#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The client a link filters by, with a link to the same list for all clients. */
static void
client_filter(struct vl_req *r, struct vl_tpl *d, const struct vl_matter_filter *f,
    const char *name)
{
	struct vl_buf	 all = VL_BUF_INIT;
	struct vl_tpl	*c = vl_tpl_section(d, "CLIENT_FILTER");

	if (f->status != NULL && *f->status)
		vl_buf_add_param(&all, "status", f->status);
	if (f->responsible)
		vl_buf_add_param(&all, "responsible", vl_pool_printf(r->pool, "%lld",
		    (long long)f->responsible));
	if (f->q != NULL && *f->q)
		vl_buf_add_param(&all, "q", f->q);
	vl_buf_add_param(&all, "sort", vl_matter_sorts[f->sort]);
	vl_tpl_set_int(c, "CLIENT_ID", f->client);
	vl_tpl_set(c, "CLIENT_NAME", name);
	vl_tpl_set(c, "ALL_CLIENTS", vl_pool_printf(r->pool, "/matters?%s", vl_buf_str(&all)));
	vl_buf_release(&all);
}

/* A query value that is there and not empty. */
static int
given(struct vl_req *r, const char *name)
{
	const struct vl_pair	*p = vl_pair_find(r->query, name);

	return p != NULL && p->val[0] != '\0';
}

/* The first page checks the session in its own statement (one round trip);
 * a later one loads it first, as its statement may rightly find nothing.
 * So does the page as it opens when the process keeps a copy of it: the
 * session's statement then reads the stamps the copy is checked against
 * (lib/matterscopy.c), and the list costs no statement while they hold. */
static int
joined(struct vl_req *r)
{
	const struct vl_pair	*p = vl_pair_find(r->query, "page");
	const struct vl_pair	*sort = vl_pair_find(r->query, "sort");

	if (p != NULL && strcmp(p->val, "") != 0 && strcmp(p->val, "1") != 0)
		return 0;
	return given(r, "status") || given(r, "client") || given(r, "responsible") ||
	    given(r, "q") || !vl_matters_copy_held(vl_matter_sort_of(sort ? sort->val : NULL));
}

/*
 * The list as it opens (no field in the request) is a function of the
 * session (its token and CSRF token) and the firm's stamps its session's
 * statement read: matters_stamp (the matters and their clients: the
 * process's copy, matterscopy.h), users_stamp (the users picker) and
 * facts_stamp (the header's user, firm and role).  Sent by them when the
 * process kept it (vl_page_alias); a page that checks its session in its
 * own statement (joined) has not read them yet, and is built.
 */
static int
sent_as_named(struct vl_req *r)
{
	int64_t	 in[3];

	if (r->sess == NULL || r->sess->facts_stamp == 0 || r->sess->matters_stamp == 0 ||
	    r->sess->users_stamp == 0)
		return 0;
	in[0] = r->sess->facts_stamp;
	in[1] = r->sess->matters_stamp;
	in[2] = r->sess->users_stamp;
	return vl_page_alias(r, in, sizeof(in));
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_matter_filter	 f = { r->fields[F_STATUS].val, r->fields[F_Q].val, NUM(F_CLIENT),
	    NUM(F_RESPONSIBLE), vl_matter_sort_of(r->fields[F_SORT].val), NUM(F_PAGE) };
	struct vl_matter_rec	*rows;
	struct vl_pick		*users;
	struct vl_buf		 q = VL_BUF_INIT;
	struct vl_tpl		*d, *row;
	const char		*filters;
	char			*client = NULL;
	size_t			 n, nu, i;
	int			 more, s;
	enum vl_rc		 rc;

	if (sent_as_named(r))
		return VL_OK;
	if (f.status != NULL && *f.status && strcmp(f.status, "open") != 0 &&
	    strcmp(f.status, "closed") != 0)
		f.status = NULL;
	if (r->fields[F_Q].present && f.q == NULL)
		return VL_INVALID;
	/* No client picker (a firm has thousands): the search finds clients
	 * by name, and a link with ?client= (from a contact) names its client. */
	if ((rc = vl_matter_find(r->ctx, &f, &rows, &n, &more)) != VL_OK ||
	    (rc = vl_sess_joined(r)) != VL_OK ||
	    (rc = vl_picks_users(r->ctx, &users, &nu)) != VL_OK)
		return rc;
	if (f.client && n > 0)
		client = rows[0].client;
	else if (f.client && (rc = vl_picks_contact_name(r->ctx, f.client, &client)) == VL_ERR)
		return rc;
	d = vl_page_new(r, "Matters");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "MATTER");
		vl_tpl_set_int(row, "ID", rows[i].id);
		vl_tpl_set(row, "NUMBER", rows[i].number);
		vl_tpl_set(row, "DESCRIPTION", rows[i].description);
		vl_tpl_set(row, "CLIENT", rows[i].client);
		vl_tpl_show(row, strcmp(rows[i].status, "open") == 0 ? "OPEN" : "CLOSED");
		vl_tpl_set(row, "OPENED", vl_tz_date(r->pool, "UTC", rows[i].opened));
		vl_tpl_set(row, "RESPONSIBLE", rows[i].responsible);
	}
	if (n == 0)
		vl_tpl_show(d, (f.status && *f.status) || f.client || f.responsible || (f.q && *f.q) ||
		    f.page > 1 ? "NO_MATCH" : "NO_MATTERS");
	vl_tpl_set_int(d, "COUNT", (long long)n);
	vl_tpl_set(d, "Q", f.q);
	if (f.status != NULL && *f.status)
		vl_tpl_show(d, strcmp(f.status, "open") == 0 ? "STATUS_OPEN" : "STATUS_CLOSED");
	vl_pick_options(d, "USER_OPTION", users, nu, f.responsible);
	/* The filters, for the sort and page links. */
	if (f.status != NULL && *f.status)
		vl_buf_add_param(&q, "status", f.status);
	if (f.client)
		vl_buf_add_param(&q, "client", vl_pool_printf(r->pool, "%lld", (long long)f.client));
	if (f.responsible)
		vl_buf_add_param(&q, "responsible", vl_pool_printf(r->pool, "%lld",
		    (long long)f.responsible));
	if (f.q != NULL && *f.q)
		vl_buf_add_param(&q, "q", f.q);
	filters = vl_pool_strdup(r->pool, vl_buf_str(&q));
	if (client != NULL)
		client_filter(r, d, &f, client);
	vl_buf_add_param(&q, "sort", vl_matter_sorts[f.sort]);
	vl_list_pager(r->pool, d, "/matters", vl_pool_strdup(r->pool, vl_buf_str(&q)), f.page, more);
	vl_buf_release(&q);
	/* Each column sorts its way, then the other way once sorted by it. */
	s = f.sort == VL_MSORT_NUMBER ? VL_MSORT_NUMBER_DESC : VL_MSORT_NUMBER;
	vl_tpl_set(d, "SORT_NUMBER", vl_pool_printf(r->pool, "/matters?%s%ssort=%s", filters,
	    *filters ? "&" : "", vl_matter_sorts[s]));
	s = f.sort == VL_MSORT_OPENED_DESC ? VL_MSORT_OPENED : VL_MSORT_OPENED_DESC;
	vl_tpl_set(d, "SORT_OPENED", vl_pool_printf(r->pool, "/matters?%s%ssort=%s", filters,
	    *filters ? "&" : "", vl_matter_sorts[s]));
	vl_tpl_show(d, by_sort[f.sort]);
	vl_tpl_set(d, "SORT", vl_matter_sorts[f.sort]);
	return vl_page_send(r, "matters.tpl", d);
}

static const struct vl_app app = {
	.name = "matters_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.sess_joined = joined,
	.memo_pages = 1,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
