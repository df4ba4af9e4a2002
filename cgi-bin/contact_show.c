/*
 * A contact's card: /contacts/<id>.  Its details, its addresses (primary
 * first, then in their listed order, moved with Up and Down buttons), its
 * matters and the client portal login email (F-B2).  POST with an op of
 * ops[]: the address changes (lib/contact.c, which ends sessions and voids
 * links when the login email changes), the login email
 * (vl_account_set_login), archiving.  A refused change shows the card
 * again with what was typed and the reason (400).
 */
#include <string.h>

#include "vellum.h"
#include "account.h"
#include "contact.h"

enum field { F_OP, F_ID, F_EMAIL, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 32 },
	{ "id", VL_V_ID, 20 },
	{ "email", VL_V_LINE, 1000 },	/* normalised by the domain */
	{ "notice", VL_V_LINE, 16 },
};

/* Notice codes after a change; the texts are in contact.tpl. */
static const char *const notices[] = {
	"email", "created", "saved", "added", "changed", "removed", "primary", "moved",
	"archived", "restored",
};

/* Fills and sends the card (status 200, or 400 with e after a refusal). */
static enum vl_rc
card(struct vl_req *r, int64_t id, const struct vl_form_err *e, const char *typed)
{
	struct vl_contact	 k;
	struct vl_rows		*rows;
	struct vl_tpl		*d, *o;
	char			*number, *desc;
	int64_t			 mid;
	size_t			 i;
	int			 got;
	enum vl_rc		 rc;

	if ((rc = vl_contact_get(r->ctx, id, &k)) != VL_OK)
		return rc;
	d = vl_page_new(r, k.name);
	vl_tpl_set_int(d, "ID", id);
	vl_tpl_set(d, "NAME", k.name);
	vl_tpl_show(d, k.kind[0] == 'c' ? "COMPANY" : "PERSON");
	vl_tpl_show(d, k.archived ? "ARCHIVED" : "ACTIVE");
	if (*k.phones)
		vl_tpl_set(vl_tpl_section(d, "PHONES"), "TEXT", k.phones);
	if (*k.address)
		vl_tpl_set(vl_tpl_section(d, "ADDRESS_TEXT"), "TEXT", k.address);
	if (*k.dob)
		vl_tpl_set(vl_tpl_section(d, "DOB"), "TEXT", k.dob);
	if (*k.login)
		vl_tpl_set(vl_tpl_section(d, "LOGIN"), "LOGIN", k.login);
	else
		vl_tpl_show(d, "NO_LOGIN");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < k.nemails; i++) {
		o = vl_tpl_section(d, "ADDRESS");
		vl_tpl_set_int(o, "EID", k.emails[i].id);
		vl_tpl_set(o, "ADDR", k.emails[i].email);
		vl_tpl_set_int(o, "N", (long long)i + 1);
		vl_tpl_set(o, "CSRF", vl_csrf_for(r));
		vl_tpl_show(o, k.emails[i].primary ? "PRIMARY" : "NOT_PRIMARY");
		if (k.emails[i].login)
			vl_tpl_show(o, "IS_LOGIN");
		if (!k.emails[i].primary && i > 0 && !k.emails[i - 1].primary)
			vl_tpl_show(o, "UP");
		if (!k.emails[i].primary && i + 1 < k.nemails)
			vl_tpl_show(o, "DOWN");
		o = vl_tpl_section(d, "CHOICE");
		vl_tpl_set(o, "ADDR", k.emails[i].email);
		if (k.emails[i].login)
			vl_tpl_show(o, "SELECTED");
	}
	if (k.nemails == 0)
		vl_tpl_show(d, "NO_ADDRESSES");
	vl_tpl_set(d, "TYPED", typed);
	/* What was typed stays in the box it was typed into. */
	if (e != NULL && strcmp(r->fields[F_OP].val ? r->fields[F_OP].val : "", "add_email") == 0)
		vl_tpl_set(d, "ADD_TYPED", typed);
	if (e != NULL)
		vl_form_error(d, e);
	if (vl_db_query(r->pool, STMT_CONTACT_MATTERS, &rows, "ii", r->ctx->firm_id, id) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "iss", &mid, &number, &desc)) > 0) {
		o = vl_tpl_section(d, "MATTER");
		vl_tpl_set_int(o, "MID", mid);
		vl_tpl_set(o, "NUMBER", number);
		vl_tpl_set(o, "DESCRIPTION", desc);
	}
	if (got < 0)
		return VL_ERR;
	return vl_page_send_status(r, e != NULL ? 400 : 200, "contact.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	int64_t	 id = vl_req_path_id(r, "/contacts/");

	if (id == 0)
		return VL_DECLINED;
	return card(r, id, NULL, NULL);
}

/* The ops: each is a call to the domain and the notice of its success. */
static const struct {
	const char		*name;
	enum vl_email_op	 email;		/* VL_EMAIL_OP__MAX: not an address op */
	const char		*notice;
} ops[] = {
	{ "add_email", VL_EMAIL_ADD, "added" },
	{ "change_email", VL_EMAIL_CHANGE, "changed" },
	{ "remove_email", VL_EMAIL_REMOVE, "removed" },
	{ "primary_email", VL_EMAIL_PRIMARY, "primary" },
	{ "up", VL_EMAIL_UP, "moved" },
	{ "down", VL_EMAIL_DOWN, "moved" },
	{ "login", VL_EMAIL_OP__MAX, "email" },
	{ "archive", VL_EMAIL_OP__MAX, "archived" },
	{ "unarchive", VL_EMAIL_OP__MAX, "restored" },
};

static enum vl_rc
post(struct vl_req *r)
{
	int64_t			 id = vl_req_path_id(r, "/contacts/");
	int64_t			 eid = r->fields[F_ID].val ? r->fields[F_ID].num : 0;
	const char		*op = r->fields[F_OP].val, *typed = r->fields[F_EMAIL].val, *msg;
	struct vl_form_err	 e = { NULL, NULL };
	size_t			 i;
	enum vl_rc		 rc;

	if (id == 0)
		return VL_DECLINED;
	/* The login email's form came first, without an op. */
	if (!r->fields[F_OP].present)
		op = "login";
	for (i = 0; op != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].name) == 0)
			break;
	if (op == NULL || i == sizeof(ops) / sizeof(ops[0]))
		return VL_INVALID;
	if (ops[i].email != VL_EMAIL_OP__MAX)
		rc = vl_contact_email(r->ctx, id, ops[i].email, eid, typed, &e);
	else if (strcmp(op, "login") == 0) {
		rc = vl_account_set_login(r->ctx, id, typed, &msg);
		if (rc == VL_INVALID || rc == VL_CONFLICT) {
			vl_out_error(r, rc, msg);
			return VL_OK;
		}
	} else
		rc = vl_contact_archive(r->ctx, id, strcmp(op, "archive") == 0);
	if (rc == VL_INVALID && e.code != NULL)
		return card(r, id, &e, typed);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/contacts/%lld?notice=%s", (long long)id,
	    ops[i].notice));
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
