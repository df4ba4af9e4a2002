/*
 * "New bill": /matters/<id>/bills/new from the matter's unbilled
 * activities, or /contacts/<id>/bills/new, a multi-matter bill from the
 * unbilled activities of the contact's matters.  GET shows them, all
 * chosen; POST (id repeated for each chosen one, due, memo) makes the bill
 * and locks them (lib/bill.c), then shows it.  A refused form comes back
 * with what was chosen and typed and the field at fault.
 */
#include <string.h>

#include "vellum.h"
#include "activity.h"
#include "bill.h"
#include "envelope.h"
#include "matter.h"
#include "money.h"
#include "tz.h"

enum field { F_DUE, F_MEMO, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "due", VL_V_LINE, 16 },
	{ "memo", VL_V_STRING, 4000 },
};

/* Which page: the matter's (*matter) or the contact's (*contact). */
static void
target(struct vl_req *r, int64_t *matter, int64_t *contact)
{
	*matter = strncmp(r->uri, "/matters/", 9) == 0 ? vl_req_path_id(r, "/matters/") : 0;
	*contact = *matter == 0 ? vl_req_path_id(r, "/contacts/") : 0;
}

/* The form; chosen NULL: every activity chosen; e after a refusal. */
static enum vl_rc
form(struct vl_req *r, int64_t matter, int64_t contact, const int64_t *chosen, size_t nchosen,
    const struct vl_form_err *e)
{
	struct vl_bill_unbilled *u;
	struct vl_matter m;
	struct vl_tpl	*d, *row;
	const char	*cur = vl_firm_currency(r->ctx);
	char		*name = NULL;
	size_t		 n, i, j;
	enum vl_rc	 rc;

	if (matter != 0 && (rc = vl_matter_load(r->ctx, matter, &m)) != VL_OK)
		return rc;
	if (matter == 0 && (rc = vl_bill_contact_name(r->ctx, contact, &name)) != VL_OK)
		return rc;
	if ((rc = vl_bill_unbilled(r->ctx, matter, contact, &u, &n)) != VL_OK)
		return rc;
	if (matter != 0) {
		d = vl_page_new(r, vl_pool_printf(r->pool, "New bill · %s", m.number));
		vl_matter_frame(r->pool, d, &m, "bills");
		vl_tpl_show(d, "OF_MATTER");
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/matters/%lld/bills/new",
		    (long long)matter));
	} else {
		d = vl_page_new(r, vl_pool_printf(r->pool, "New bill · %s", name));
		vl_tpl_set(vl_tpl_section(d, "OF_CONTACT"), "CONTACT", name);
		vl_tpl_set_int(d, "CONTACT_ID", contact);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/contacts/%lld/bills/new",
		    (long long)contact));
	}
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "ACTIVITY");
		vl_tpl_set_int(row, "ID", u[i].id);
		vl_tpl_set(row, "DATE", vl_tz_date(r->pool, "UTC", u[i].date));
		vl_tpl_show(row, strcmp(u[i].kind, "time") == 0 ? "TIME" : "EXPENSE");
		vl_tpl_set(row, "DESCRIPTION", u[i].description);
		vl_tpl_set(row, "QUANTITY", u[i].quantity);
		vl_tpl_set(row, "AMOUNT", vl_money_fmt(r->pool, u[i].amount, cur));
		vl_tpl_set(row, "MATTER_NUMBER", u[i].matter_number);
		for (j = 0; chosen != NULL && j < nchosen && chosen[j] != u[i].id; j++)
			;
		if (chosen == NULL || j < nchosen)
			vl_tpl_show(row, "CHOSEN");
	}
	vl_tpl_show(d, n > 0 ? "HAS_ACTIVITIES" : "NO_ACTIVITIES");
	vl_tpl_set(d, "DUE", r->fields[F_DUE].val);
	vl_tpl_set(d, "MEMO_TEXT", r->fields[F_MEMO].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? (strcmp(e->code, "taken") == 0 ? 409 : 400) : 200,
	    "bill_new.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	int64_t	 matter, contact;

	target(r, &matter, &contact);
	return form(r, matter, contact, NULL, 0, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_form_err e = { NULL, NULL };
	int64_t		*ids, matter, contact, id = 0;
	size_t		 n;
	enum vl_rc	 rc;

	target(r, &matter, &contact);
	if (r->fields[F_MEMO].present && r->fields[F_MEMO].val == NULL)
		return VL_INVALID;
	if (vl_form_ids(r->pool, r->form, "id", 1000, &ids, &n) != VL_OK)
		return VL_INVALID;
	if (matter != 0)
		rc = vl_bill_create(r->ctx, matter, ids, n, r->fields[F_DUE].val,
		    r->fields[F_MEMO].val, &id, &e);
	else
		rc = vl_bill_create_multi(r->ctx, contact, ids, n, r->fields[F_DUE].val,
		    r->fields[F_MEMO].val, &id, &e);
	/* Billed by someone else meanwhile: the form again, as it stands now. */
	if (rc == VL_CONFLICT) {
		e.field = "activities";
		e.code = "taken";
		return form(r, matter, contact, ids, n, &e);
	}
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, matter, contact, ids, n, &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/bills/%lld?notice=created", (long long)id));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "bill_new",
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
