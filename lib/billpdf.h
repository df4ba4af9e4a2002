/* A bill as a PDF (Download PDF), in the words of templates/bill_pdf.tpl.
 * See docs/architecture.md, "PDF". */
#ifndef VELLUM_BILLPDF_H
#define VELLUM_BILLPDF_H

#include "vellum.h"
#include "bill.h"

/* Renders bill b of the firm named firm (a bill loaded for the firm or
 * the acting client) into out.  VL_OK or VL_ERR. */
enum vl_rc vl_billpdf_render(struct vl_ctx *, const char *firm, const struct vl_bill *b,
	    struct vl_buf *out);
/* The download's file name for b ("bill-<number>.pdf"), in the pool. */
const char *vl_billpdf_name(struct vl_pool *, const struct vl_bill *b);

#endif
