/*
 * The firm's users (admins only): GET /users lists them, 50 a page, with
 * the filter (q: part of a name or address; status: all, active,
 * inactive) and the page in the URL; each row offers its role change and
 * deactivation (users_action), and the open invitations follow.
 */
#include <string.h>

#include "vellum.h"
#include "tz.h"
#include "staff.h"

enum field { F_Q, F_STATUS, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "q", VL_V_LINE, 100 },
	{ "status", VL_V_LINE, 8 },
	{ "page", VL_V_INT, 9 },
	{ "notice", VL_V_LINE, 16 },
};

/* Notice codes; the texts are in users.tpl. */
static const char *const notices[] = {
	"invited", "admin", "member", "deactivated", "reactivated",
};

/* A link to another page of the same list. */
static char *
page_link(struct vl_req *r, const char *q, const char *status, int64_t page)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		*s;

	vl_buf_add_param(&b, "q", q);
	vl_buf_add_param(&b, "status", status);
	vl_buf_add_param(&b, "page", vl_pool_printf(r->pool, "%lld", (long long)page));
	s = vl_pool_printf(r->pool, "/users?%s", vl_buf_str(&b));
	vl_buf_release(&b);
	return s;
}

static enum vl_rc
get(struct vl_req *r)
{
	const char	*q = r->fields[F_Q].val ? r->fields[F_Q].val : "";
	const char	*status = r->fields[F_STATUS].val ? r->fields[F_STATUS].val : "all";
	int64_t		 page = r->fields[F_PAGE].val && r->fields[F_PAGE].num > 0 ?
			    r->fields[F_PAGE].num : 1, total, pages, at;
	struct vl_staff	*list;
	struct vl_rows	*rows;
	struct vl_tpl	*d, *row;
	char		*email, *role;
	size_t		 n, i;
	int		 got;

	if (strcmp(status, "active") != 0 && strcmp(status, "inactive") != 0)
		status = "all";
	if (vl_staff_list(r->ctx, q, status, page, &list, &n, &total) != VL_OK)
		return VL_ERR;
	d = vl_page_new(r, "Users");
	vl_tpl_set(d, "Q", q);
	vl_tpl_show(d, vl_pool_printf(r->pool, "STATUS_%s", strcmp(status, "all") == 0 ? "ALL" :
	    strcmp(status, "active") == 0 ? "ACTIVE" : "INACTIVE"));
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "USER");
		vl_tpl_set_int(row, "ID", list[i].id);
		vl_tpl_set(row, "NAME", list[i].name);
		vl_tpl_set(row, "EMAIL", list[i].email);
		vl_tpl_show(row, strcmp(list[i].role, "admin") == 0 ? "ADMIN" : "MEMBER");
		vl_tpl_show(row, list[i].active ? "ACTIVE" : "INACTIVE");
		if (list[i].id == r->ctx->user_id)
			vl_tpl_show(row, "YOU");
		if (list[i].last_login > 0)
			vl_tpl_set(vl_tpl_section(row, "SEEN"), "WHEN",
			    vl_tz_when(r->ctx, list[i].last_login));
		else
			vl_tpl_show(row, "NEVER");
	}
	if (n == 0)
		vl_tpl_show(d, "NO_USERS");
	pages = total > 0 ? (total + VL_STAFF_PAGE - 1) / VL_STAFF_PAGE : 1;
	vl_tpl_set_int(d, "TOTAL", total);
	vl_tpl_set_int(d, "PAGE", page);
	vl_tpl_set_int(d, "PAGES", pages);
	if (page > 1)
		vl_tpl_set(vl_tpl_section(d, "PREV"), "HREF", page_link(r, q, status, page - 1));
	if (page < pages)
		vl_tpl_set(vl_tpl_section(d, "NEXT"), "HREF", page_link(r, q, status, page + 1));
	if (vl_db_query(r->pool, STMT_STAFF_INVITES_OPEN, &rows, "i", r->ctx->firm_id) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "ssi", &email, &role, &at)) > 0) {
		row = vl_tpl_section(d, "INVITE");
		vl_tpl_set(row, "EMAIL", email);
		vl_tpl_set(row, "ROLE", role);
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, at));
	}
	if (got < 0)
		return VL_ERR;
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	return vl_page_send(r, "users.tpl", d);
}

static const struct vl_app app = {
	.name = "users_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
