/*
 * "Request funds" (a trust request): /matters/<id>/funds/new at matter
 * level, /contacts/<id>/funds/new at client level (email only).  GET the
 * form; POST amount (the firm's currency), due, memo makes the request as
 * a draft and shows it.  A refused form comes back with what was typed.
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"
#include "bill.h"
#include "matter.h"

enum field { F_AMOUNT, F_DUE, F_MEMO, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "amount", VL_V_LINE, 32 },
	{ "due", VL_V_LINE, 16 },
	{ "memo", VL_V_STRING, 4000 },
};

static void
target(struct vl_req *r, int64_t *matter, int64_t *contact)
{
	*matter = strncmp(r->uri, "/matters/", 9) == 0 ? vl_req_path_id(r, "/matters/") : 0;
	*contact = *matter == 0 ? vl_req_path_id(r, "/contacts/") : 0;
}

static enum vl_rc
form(struct vl_req *r, int64_t matter, int64_t contact, const struct vl_form_err *e)
{
	struct vl_matter m;
	struct vl_tpl	*d;
	char		*name = NULL;
	enum vl_rc	 rc;

	if (matter != 0 && (rc = vl_matter_load(r->ctx, matter, &m)) != VL_OK)
		return rc;
	if (matter == 0 && (rc = vl_bill_contact_name(r->ctx, contact, &name)) != VL_OK)
		return rc;
	if (matter != 0) {
		d = vl_page_new(r, vl_pool_printf(r->pool, "Request funds · %s", m.number));
		vl_matter_frame(r->pool, d, &m, "bills");
		vl_tpl_show(d, "OF_MATTER");
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/matters/%lld/funds/new",
		    (long long)matter));
	} else {
		d = vl_page_new(r, vl_pool_printf(r->pool, "Request funds · %s", name));
		vl_tpl_set(vl_tpl_section(d, "OF_CONTACT"), "CONTACT", name);
		vl_tpl_set_int(d, "CONTACT_ID", contact);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/contacts/%lld/funds/new",
		    (long long)contact));
	}
	vl_tpl_set(d, "CURRENCY", vl_firm_currency(r->ctx));
	vl_tpl_set(d, "AMOUNT", r->fields[F_AMOUNT].val);
	vl_tpl_set(d, "DUE", r->fields[F_DUE].val);
	vl_tpl_set(d, "MEMO_TEXT", r->fields[F_MEMO].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "funds_new.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	int64_t	 matter, contact;

	target(r, &matter, &contact);
	return form(r, matter, contact, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_form_err e = { NULL, NULL };
	int64_t		 matter, contact, id = 0;
	enum vl_rc	 rc;

	target(r, &matter, &contact);
	if (r->fields[F_MEMO].present && r->fields[F_MEMO].val == NULL)
		return VL_INVALID;
	rc = vl_bill_create_funds(r->ctx, matter, contact, r->fields[F_AMOUNT].val,
	    r->fields[F_DUE].val, r->fields[F_MEMO].val, &id, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, matter, contact, &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/bills/%lld?notice=created", (long long)id));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "funds_new",
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
