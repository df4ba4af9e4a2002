/*
 * A bill's PDF (billpdf.h): the firm, the bill's facts as label/value rows,
 * its lines as a table with the total, what was paid and the balance.  The
 * words come from templates/bill_pdf.tpl (admins edit them like any
 * page's), the facts from the bill's live row, so a PDF always says what
 * the bill says now.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "billpdf.h"
#include "money.h"
#include "pdf.h"
#include "tz.h"
#include "words.h"

/* The words of the template; an empty table when it cannot be read (the
 * PDF then falls back to its keys, and the failure is logged). */
static struct vl_words *
words(struct vl_pool *pool)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);
	struct vl_words	*w;

	if (vl_tpl_expand("bill_pdf.tpl", VL_TPL_TEXT, d, &out, &err) != VL_TPL_OK)
		vl_err("bill_pdf.tpl: %s", vl_buf_str(&err));
	w = vl_words_parse(pool, vl_buf_str(&out), out.len);
	vl_buf_release(&out);
	vl_buf_release(&err);
	return w;
}

#define W(k)	vl_words_get(w, k, k)

enum vl_rc
vl_billpdf_render(struct vl_ctx *c, const char *firm, const struct vl_bill *b, struct vl_buf *out)
{
	static const char *const head_keys[] = { "date", "description", "quantity", "amount" };
	static const double width[] = { 1.6, 4.2, 0.8, 1.5 };
	static const int right[] = { 0, 0, 1, 1 };
	struct vl_words	*w = words(c->pool);
	struct vl_bill_line *l;
	struct vl_pdf	*p;
	const char	*head[4], *cells[4], *title;
	size_t		 n, i;
	enum vl_rc	 rc;

	if ((rc = vl_bill_lines(c, b, &l, &n)) != VL_OK)
		return rc;
	title = vl_pool_printf(c->pool, "%s %s", W(b->kind == VL_BILLK_TRUST ? "title_trust" :
	    "title_bill"), b->number);
	p = vl_pdf_new(title);
	vl_pdf_heading(p, 2, firm);
	vl_pdf_heading(p, 1, title);
	vl_pdf_row(p, W("client"), b->contact_name);
	if (b->matter != 0)
		vl_pdf_row(p, W("matter"), b->matter_number);
	vl_pdf_row(p, W("issued"), vl_tz_date(c->pool, "UTC", b->issued_on));
	if (b->due_on != 0)
		vl_pdf_row(p, W("due"), vl_tz_date(c->pool, "UTC", b->due_on));
	vl_pdf_row(p, W("state"), W(vl_pool_printf(c->pool, "state_%s", vl_bill_states[b->state])));
	vl_pdf_space(p, 10);
	for (i = 0; i < 4; i++)
		head[i] = W(head_keys[i]);
	vl_pdf_table(p, 4, head, width, right);
	for (i = 0; i < n; i++) {
		cells[0] = vl_tz_date(c->pool, "UTC", l[i].date);
		cells[1] = *l[i].description != '\0' ? l[i].description : W("funds_line");
		cells[2] = l[i].quantity;
		cells[3] = vl_money_fmt(c->pool, l[i].amount, b->currency);
		vl_pdf_table_row(p, cells, 0);
	}
	cells[0] = "";
	cells[2] = "";
	cells[1] = W("total");
	cells[3] = vl_money_fmt(c->pool, b->total, b->currency);
	vl_pdf_table_row(p, cells, 1);
	if (b->total != b->balance) {
		cells[1] = W("paid");
		cells[3] = vl_money_fmt(c->pool, b->total - b->balance, b->currency);
		vl_pdf_table_row(p, cells, 0);
	}
	cells[1] = W("balance");
	cells[3] = vl_money_fmt(c->pool, b->balance, b->currency);
	vl_pdf_table_row(p, cells, 1);
	vl_pdf_table_end(p);
	if (b->memo != NULL && *b->memo != '\0' && b->kind == VL_BILLK_BILL) {
		vl_pdf_heading(p, 2, W("memo"));
		vl_pdf_para(p, b->memo);
	}
	if (b->kind == VL_BILLK_TRUST)
		vl_pdf_para(p, W("trust_note"));
	rc = vl_pdf_finish(p, out);
	vl_pdf_free(p);
	return rc;
}

const char *
vl_billpdf_name(struct vl_pool *pool, const struct vl_bill *b)
{
	return vl_pool_printf(pool, "%s-%lld.pdf", vl_bill_kinds[b->kind], (long long)b->id);
}
