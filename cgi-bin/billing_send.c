/*
 * Bulk send: POST /billing/send from the Billing list's Unpaid tab with
 * id repeated for each chosen bill, the toggles portal and email, and a
 * message.  Each bill is sent in its own transaction (lib/bill.c); those
 * that cannot go through the portal (several matters, client-level funds
 * requests) go by email only.  The page lists, per bill, how it went.
 */
#include "vellum.h"
#include "bill.h"
#include "envelope.h"

enum field { F_PORTAL, F_EMAIL, F_MESSAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "portal", VL_V_BOOL, 8 },
	{ "email", VL_V_BOOL, 8 },
	{ "message", VL_V_STRING, 4000 },
};

#define ON(f)	(r->fields[f].val != NULL && r->fields[f].num != 0)

static const char *const how_sections[VL_SENT__MAX] = {
	"HOW_NONE", "HOW_PORTAL", "HOW_EMAIL", "HOW_BOTH", "HOW_EMAIL_ONLY", "HOW_NO_PORTAL",
	"HOW_NO_EMAIL", "HOW_VOID",
};

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_bill_sendres *res;
	struct vl_tpl	*d, *row;
	int64_t		*ids;
	size_t		 n, i;
	enum vl_rc	 rc;

	if (r->fields[F_MESSAGE].present && r->fields[F_MESSAGE].val == NULL)
		return VL_INVALID;
	if (vl_form_ids(r->pool, r->form, "id", VL_BULK_MAX, &ids, &n) != VL_OK)
		return VL_INVALID;
	d = vl_page_new(r, "Bills sent");
	if (n == 0 || (!ON(F_PORTAL) && !ON(F_EMAIL))) {
		vl_tpl_show(d, n == 0 ? "NONE_CHOSEN" : "NO_WAY");
		return vl_page_send_status(r, 400, "billing_sent.tpl", d);
	}
	if ((rc = vl_bill_send_bulk(r->ctx, ids, n, ON(F_PORTAL), ON(F_EMAIL),
	    r->fields[F_MESSAGE].val, &res)) != VL_OK)
		return rc;
	vl_tpl_show(d, "RESULTS");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "RESULT");
		vl_tpl_set_int(row, "ID", res[i].id);
		vl_tpl_set(row, "NUMBER", res[i].number);
		if (*res[i].number != '\0')
			vl_tpl_show(row, "NUMBER");
		vl_tpl_set(row, "CONTACT", res[i].contact);
		vl_tpl_show(row, res[i].rc == VL_OK ? how_sections[res[i].how] : "HOW_MISSING");
	}
	return vl_page_send(r, "billing_sent.tpl", d);
}

static const struct vl_app app = {
	.name = "billing_send",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
