/*
 * A bill or funds request: /bills/<id> shows its lines, totals, balance,
 * payments and timeline with what can be done now; /bills/<id>.pdf is its
 * PDF ("Download PDF").  GET ?op=void|unshare asks "Are you sure...?";
 * POST op=finalise|void|unshare does it (lib/bill.c) and comes back with
 * a notice.  Another firm's id is no such bill.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "billpdf.h"
#include "money.h"
#include "tz.h"

enum field { F_OP, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "notice", VL_V_LINE, 24 },
};

static const char *const notices[] = { "created", "finalised", "unshared", "voided",
	"void_refused", "sent_portal", "sent_email", "sent_both", "sent_email_only", "no_email",
	"no_portal", "not_sent" };

static enum vl_rc
pdf(struct vl_req *r, const struct vl_bill *b)
{
	struct vl_buf	 out = VL_BUF_INIT;
	enum vl_rc	 rc;

	if ((rc = vl_billpdf_render(r->ctx, r->sess->firm_name, b, &out)) == VL_OK) {
		vl_out_header(r, "Content-Disposition", vl_pool_printf(r->pool,
		    "attachment; filename=\"%s\"", vl_billpdf_name(r->pool, b)));
		vl_out_send(r, 200, "application/pdf", out.buf, out.len);
	}
	vl_buf_release(&out);
	return rc;
}

/* s in capitals (a section's name from a stored word). */
static char *
upper(char *s)
{
	char	*p;

	for (p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static enum vl_rc
show(struct vl_req *r, const struct vl_bill *b)
{
	struct vl_bill_line *l;
	struct vl_bill_payment *p;
	struct vl_bill_event_row *ev;
	struct vl_tpl	*d, *row;
	size_t		 nl, np, ne, i;
	int		 shared;
	enum vl_rc	 rc;

	if ((rc = vl_bill_lines(r->ctx, b, &l, &nl)) != VL_OK ||
	    (rc = vl_bill_payments(r->ctx, b->id, &p, &np)) != VL_OK ||
	    (rc = vl_bill_timeline(r->ctx, b->id, &ev, &ne)) != VL_OK ||
	    (shared = vl_bill_is_shared(r->ctx, b)) < 0)
		return rc != VL_OK ? rc : VL_ERR;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Bill %s", b->number));
	vl_bill_fill(r->pool, d, b);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (shared)
		vl_tpl_show(d, "SHARED");
	for (i = 0; i < nl; i++) {
		row = vl_tpl_section(d, "LINE");
		vl_tpl_set(row, "DATE", vl_tz_date(r->pool, "UTC", l[i].date));
		vl_tpl_set(row, "DESCRIPTION", l[i].description);
		if (*l[i].description == '\0')
			vl_tpl_show(row, "FUNDS_LINE");
		vl_tpl_set(row, "QUANTITY", l[i].quantity);
		vl_tpl_set(row, "AMOUNT", vl_money_fmt(r->pool, l[i].amount, b->currency));
	}
	for (i = 0; i < np; i++) {
		row = vl_tpl_section(d, "PAYMENT");
		vl_tpl_set_int(row, "PAYMENT_ID", p[i].payment);
		vl_tpl_set(row, "RECEIVED", vl_tz_date(r->pool, "UTC", p[i].received_on));
		vl_tpl_set(row, "METHOD", p[i].method);
		vl_tpl_set(row, "AMOUNT", vl_money_fmt(r->pool, p[i].amount, b->currency));
		if (p[i].refunded > 0)
			vl_tpl_set(vl_tpl_section(row, "REFUNDED"), "REFUND",
			    vl_money_fmt(r->pool, p[i].refunded, b->currency));
	}
	if (np == 0)
		vl_tpl_show(d, "NO_PAYMENTS");
	for (i = 0; i < ne; i++) {
		row = vl_tpl_section(d, "EVENT");
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, ev[i].at));
		vl_tpl_set(row, "WHO", ev[i].who);
		vl_tpl_set(row, "DETAIL", ev[i].detail);
		vl_tpl_show(row, upper(vl_pool_printf(r->pool, "EV_%s", ev[i].kind)));
		if (*ev[i].who != '\0')
			vl_tpl_show(row, "WHO");
	}
	return vl_page_send(r, "bill.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val ? r->fields[F_OP].val : "";
	struct vl_bill	 b;
	struct vl_tpl	*d;
	enum vl_rc	 rc;
	int		 as_pdf;

	if ((rc = vl_bill_load(r->ctx, vl_bill_path_id(r->uri, "/bills/", &as_pdf), &b)) != VL_OK)
		return rc;
	if (as_pdf)
		return pdf(r, &b);
	/* "Are you sure...?": the question is the template's. */
	if (strcmp(op, "void") == 0 || strcmp(op, "unshare") == 0) {
		d = vl_page_new(r, vl_pool_printf(r->pool, "Bill %s", b.number));
		vl_bill_fill(r->pool, d, &b);
		vl_tpl_show(d, op[0] == 'v' ? "ASK_VOID" : "ASK_UNSHARE");
		vl_tpl_set(d, "OP", op);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/bills/%lld", (long long)b.id));
		return vl_page_send(r, "bill_ask.tpl", d);
	}
	return show(r, &b);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val ? r->fields[F_OP].val : "", *notice;
	int64_t		 id = vl_req_path_id(r, "/bills/");
	struct vl_bill	 b;
	enum vl_rc	 rc;

	if ((rc = vl_bill_load(r->ctx, id, &b)) != VL_OK)
		return rc;
	if (strcmp(op, "finalise") == 0) {
		rc = vl_bill_finalise(r->ctx, id);
		notice = "finalised";
	} else if (strcmp(op, "void") == 0) {
		rc = vl_bill_void(r->ctx, id);
		notice = "voided";
	} else if (strcmp(op, "unshare") == 0) {
		rc = vl_bill_share(r->ctx, id, 0);
		notice = "unshared";
	} else
		return VL_INVALID;
	if (rc == VL_CONFLICT && op[0] == 'v')
		notice = "void_refused";
	else if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/bills/%lld?notice=%s", (long long)id, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "bill_show",
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
