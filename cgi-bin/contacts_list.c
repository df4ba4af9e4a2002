/* The firm's contacts, each with its addresses (primary first). */
#include "vellum.h"

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_rows	*rows;
	struct vl_tpl	*d, *row;
	char		*kind, *name, *emails;
	int64_t		 id, matters;
	int		 n = 0, got;
	enum vl_rc	 rc;

	rc = vl_db_query(r->pool, STMT_CONTACTS_LIST, &rows, "i", r->sess->firm_id);
	if (rc != VL_OK)
		return rc;
	d = vl_page_new(r, "Contacts");
	while ((got = vl_db_next(rows, "isssi", &id, &kind, &name, &emails, &matters)) > 0) {
		row = vl_tpl_section(d, "CONTACT");
		vl_tpl_set_int(row, "ID", id);
		vl_tpl_set(row, "KIND", kind);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "EMAILS", emails);
		vl_tpl_set_int(row, "MATTERS", matters);
		n++;
	}
	if (got < 0)
		return VL_ERR;
	if (n == 0)
		vl_tpl_show(d, "NO_CONTACTS");
	return vl_page_send(r, "contacts.tpl", d);
}

static const struct vl_app app = {
	.name = "contacts_list",
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
