/*
 * A contact's card: /contacts/<id>.  Its addresses (primary first), its
 * matters, and the client portal login email (F-B2): by default the primary
 * address, else the first; the firm may choose another of the contact's
 * addresses, and the client then signs in only with that one (sessions made
 * with the old one end, links sent to it die; each portal the contact takes
 * part in records it).  No two contacts of a firm share a login email.
 */
#include <string.h>

#include "vellum.h"
#include "account.h"

enum field { F_EMAIL, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "email", VL_V_LINE, 254 },	/* normalised by vl_account_set_login */
	{ "notice", VL_V_LINE, 16 },
};

/* Notice codes; the texts are in contact.tpl. */
static const char *const notices[] = {
	"email",
};

static enum vl_rc
get(struct vl_req *r)
{
	int64_t		 id = vl_req_path_id(r, "/contacts/"), mid;
	char		*name, *kind, *login, *addr, *number, *desc;
	struct vl_rows	*rows;
	struct vl_tpl	*d, *o;
	enum vl_rc	 rc;

	if (id == 0)
		return VL_DECLINED;
	if ((rc = vl_db_row(r->pool, STMT_CONTACT_GET, "ii", "sss", r->sess->firm_id, id, &name,
	    &kind, &login)) != VL_OK)
		return rc;
	d = vl_page_new(r, name);
	vl_tpl_set_int(d, "ID", id);
	vl_tpl_set(d, "NAME", name);
	vl_tpl_set(d, "KIND", kind);
	vl_tpl_set(d, "LOGIN", *login ? login : "(no email address)");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (vl_db_query(r->pool, STMT_CONTACT_EMAILS, &rows, "ii", r->sess->firm_id, id) != VL_OK)
		return VL_ERR;
	while (vl_db_next(rows, "s", &addr) > 0) {
		o = vl_tpl_section(d, "ADDRESS");
		vl_tpl_set(o, "ADDR", addr);
		if (strcmp(addr, login) == 0)
			vl_tpl_show(o, "SELECTED");
	}
	if (vl_db_query(r->pool, STMT_CONTACT_MATTERS, &rows, "ii", r->sess->firm_id, id) != VL_OK)
		return VL_ERR;
	while (vl_db_next(rows, "iss", &mid, &number, &desc) > 0) {
		o = vl_tpl_section(d, "MATTER");
		vl_tpl_set_int(o, "MID", mid);
		vl_tpl_set(o, "NUMBER", number);
		vl_tpl_set(o, "DESCRIPTION", desc);
	}
	return vl_page_send(r, "contact.tpl", d);
}

static enum vl_rc
post(struct vl_req *r)
{
	int64_t		 id = vl_req_path_id(r, "/contacts/");
	const char	*msg;
	enum vl_rc	 rc;

	if (id == 0)
		return VL_DECLINED;
	rc = vl_account_set_login(r->ctx, id, r->fields[F_EMAIL].val, &msg);
	if (rc == VL_INVALID || rc == VL_CONFLICT) {
		vl_out_error(r, rc, msg);
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/contacts/%lld?notice=email", (long long)id));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "contact_show",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
