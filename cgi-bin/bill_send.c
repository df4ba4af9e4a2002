/*
 * "Send" a bill: /bills/<id>/send.  GET the send form: "Send to client
 * portal", "Send via email", an optional message, "Send bill".  POST
 * sends it (lib/bill.c); a draft going to the portal first asks "This is
 * an Unfinal invoice..." (confirm=1 answers).  A multi-matter bill or a
 * client-level funds request cannot go through the portal: the form says
 * so and offers email only.  Comes back to the bill with what was done.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"

enum field { F_PORTAL, F_EMAIL, F_MESSAGE, F_CONFIRM, F_OP, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "portal", VL_V_BOOL, 8 },
	{ "email", VL_V_BOOL, 8 },
	{ "message", VL_V_STRING, 4000 },
	{ "confirm", VL_V_BOOL, 8 },
	{ "op", VL_V_LINE, 16 },
};

#define ON(f)	(r->fields[f].val != NULL && r->fields[f].num != 0)

/* The notice of each outcome (vl_bill_sent_names order). */
static const char *const outcome[VL_SENT__MAX] = {
	"not_sent", "sent_portal", "sent_email", "sent_both", "sent_email_only", "no_portal",
	"no_email", "not_sent",
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_bill	 b;
	struct vl_tpl	*d;
	int		 shared;
	enum vl_rc	 rc;

	if ((rc = vl_bill_load(r->ctx, vl_req_path_id(r, "/bills/"), &b)) != VL_OK)
		return rc;
	if (b.state == VL_BILL_VOID)
		return VL_CONFLICT;
	if ((shared = vl_bill_is_shared(r->ctx, &b)) < 0)
		return VL_ERR;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Send %s", b.number));
	vl_bill_fill(r->pool, d, &b);
	vl_tpl_show(d, vl_bill_portal_ok(&b) ? "PORTAL_OK" : "EMAIL_ONLY");
	if (shared)
		vl_tpl_show(d, "SHARED");
	return vl_page_send(r, "bill_send.tpl", d);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_bill	 b;
	struct vl_tpl	*d;
	enum vl_bill_sent how;
	int64_t		 id = vl_req_path_id(r, "/bills/");
	enum vl_rc	 rc;

	if (r->fields[F_MESSAGE].present && r->fields[F_MESSAGE].val == NULL)
		return VL_INVALID;
	if ((rc = vl_bill_load(r->ctx, id, &b)) != VL_OK)
		return rc;
	/* A draft into the portal: ask first; nothing changes until then. */
	if (ON(F_PORTAL) && b.state == VL_BILL_DRAFT && vl_bill_portal_ok(&b) && !ON(F_CONFIRM)) {
		d = vl_page_new(r, vl_pool_printf(r->pool, "Send %s", b.number));
		vl_bill_fill(r->pool, d, &b);
		vl_tpl_show(d, "ASK_FINAL");
		vl_tpl_show(d, "PORTAL_ON");
		if (ON(F_EMAIL))
			vl_tpl_show(d, "EMAIL_ON");
		vl_tpl_set(d, "OP", "send");
		vl_tpl_set(d, "MESSAGE_TEXT", r->fields[F_MESSAGE].val);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/bills/%lld/send", (long long)id));
		return vl_page_send(r, "bill_ask.tpl", d);
	}
	if ((rc = vl_bill_send(r->ctx, id, ON(F_PORTAL), ON(F_EMAIL), r->fields[F_MESSAGE].val, 0,
	    &how)) != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/bills/%lld?notice=%s", (long long)id,
	    outcome[how]));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "bill_send",
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
