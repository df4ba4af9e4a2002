/*
 * The firm's contacts: /contacts?q=...&archived=1&page=N.  Searched by
 * name or address, 50 a page, the search kept in the URL (and in the
 * pager's links); the archived ones on their own list.
 */
#include "vellum.h"
#include "contact.h"

enum field { F_Q, F_ARCHIVED, F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "q", VL_V_LINE, 200 },
	{ "archived", VL_V_BOOL, 2 },
	{ "page", VL_V_INT, 6 },
};

static enum vl_rc
get(struct vl_req *r)
{
	const char		*q = r->fields[F_Q].val;
	int			 archived = r->fields[F_ARCHIVED].val && r->fields[F_ARCHIVED].num, more;
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	struct vl_contact_row	*rows;
	struct vl_buf		 query = VL_BUF_INIT;
	struct vl_tpl		*d, *row;
	size_t			 n, i;
	enum vl_rc		 rc;

	if (r->fields[F_Q].present && q == NULL)
		return VL_INVALID;
	if ((rc = vl_contact_find(r->ctx, q, archived, page, &rows, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, archived ? "Archived contacts" : "Contacts");
	vl_tpl_set(d, "Q", q);
	vl_tpl_show(d, archived ? "ARCHIVED" : "ACTIVE");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "CONTACT");
		vl_tpl_set_int(row, "ID", rows[i].id);
		vl_tpl_set(row, "KIND", rows[i].kind);
		vl_tpl_set(row, "NAME", rows[i].name);
		vl_tpl_set(row, "EMAILS", rows[i].emails);
		vl_tpl_set_int(row, "MATTERS", rows[i].matters);
	}
	if (n == 0)
		vl_tpl_show(d, q && *q ? "NO_MATCH" : "NO_CONTACTS");
	if (q != NULL && *q)
		vl_buf_add_param(&query, "q", q);
	if (archived)
		vl_buf_add_param(&query, "archived", "1");
	vl_list_pager(r->pool, d, "/contacts", vl_pool_strdup(r->pool, vl_buf_str(&query)), page, more);
	vl_buf_release(&query);
	return vl_page_send(r, "contacts.tpl", d);
}

static const struct vl_app app = {
	.name = "contacts_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
