/*
 * A small PDF writer for documents Vellum hands out (bills, form
 * submissions): a flow of headings, paragraphs, label/value rows and
 * tables, broken into Letter pages, rendered into memory with cairo and
 * pango (real fonts and shaping, any script the system's fonts cover).
 * Nothing touches the disk.  See docs/architecture.md, "PDF".
 */
#ifndef VELLUM_PDF_H
#define VELLUM_PDF_H

#include <stddef.h>

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vl_pdf;

#define VL_PDF_COLS	8	/* most columns a table has */

/* A new document titled title (the PDF's metadata; may be NULL).  Never
 * NULL (aborts on out of memory); free with vl_pdf_free(). */
struct vl_pdf *vl_pdf_new(const char *title);
/* A heading (level 1 large, 2 smaller). */
void	 vl_pdf_heading(struct vl_pdf *, int level, const char *text);
/* A paragraph, wrapped to the page; "\n" starts a new line. */
void	 vl_pdf_para(struct vl_pdf *, const char *text);
/* A row "label   value", the label in bold in a narrow column. */
void	 vl_pdf_row(struct vl_pdf *, const char *label, const char *value);
/* Vertical space of pt points. */
void	 vl_pdf_space(struct vl_pdf *, double pt);
/*
 * Starts a table of ncols (1..VL_PDF_COLS) columns: head[] their titles,
 * width[] their shares of the page's width (they need not add to 1),
 * right[] 1 for a column aligned right (amounts).  The head repeats at
 * the top of each page the table runs onto.
 */
void	 vl_pdf_table(struct vl_pdf *, size_t ncols, const char *const *head,
	    const double *width, const int *right);
/* A row of the open table (cells may wrap); bold 1 sets it in bold (a
 * total).  Ignored without an open table. */
void	 vl_pdf_table_row(struct vl_pdf *, const char *const *cells, int bold);
/* Ends the open table. */
void	 vl_pdf_table_end(struct vl_pdf *);
/* Finishes the document into out (appended).  VL_OK, or VL_ERR when
 * cairo failed (logged).  The document cannot be added to afterwards. */
enum vl_rc vl_pdf_finish(struct vl_pdf *, struct vl_buf *out);
/* How many pages the document has so far. */
int	 vl_pdf_pages(const struct vl_pdf *);
void	 vl_pdf_free(struct vl_pdf *);

#ifdef __cplusplus
}
#endif
#endif
