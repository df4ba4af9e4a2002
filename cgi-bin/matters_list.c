/* The firm's matters: number, description, client, status. */
#include "vellum.h"

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_rows	*rows;
	struct vl_tpl	*d, *row;
	char		*number, *desc, *client, *status;
	int64_t		 id;
	int		 n = 0, got;
	enum vl_rc	 rc;

	rc = vl_db_query(r->pool, STMT_MATTERS_LIST, &rows, "i", r->sess->firm_id);
	if (rc != VL_OK)
		return rc;
	d = vl_page_new(r, "Matters");
	while ((got = vl_db_next(rows, "issss", &id, &number, &desc, &client, &status)) > 0) {
		row = vl_tpl_section(d, "MATTER");
		vl_tpl_set_int(row, "ID", id);
		vl_tpl_set(row, "NUMBER", number);
		vl_tpl_set(row, "DESCRIPTION", desc);
		vl_tpl_set(row, "CLIENT", client);
		vl_tpl_set(row, "STATUS", status);
		n++;
	}
	if (got < 0)
		return VL_ERR;
	if (n == 0)
		vl_tpl_show(d, "NO_MATTERS");
	vl_tpl_set_int(d, "COUNT", n);
	return vl_page_send(r, "matters.tpl", d);
}

static const struct vl_app app = {
	.name = "matters_list",
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
