/*
 * The PDF writer (pdf.h): cairo's PDF surface writes into a vl_buf through
 * a stream callback, pango lays out the text.  Each call draws at once at
 * the current height and starts a new page when the next block would not
 * fit, so memory stays that of one page plus the output.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "vellum.h"
#include "pdf.h"

#define PAGE_W	612.0		/* US Letter, points */
#define PAGE_H	792.0
#define MARGIN	54.0
#define BODY_W	(PAGE_W - 2 * MARGIN)
#define CELL_PAD 4.0
#define FONT	"Sans"

struct vl_pdf {
	struct vl_buf		 out;
	cairo_surface_t		*surface;
	cairo_t			*cr;
	double			 y;
	int			 pages;
	int			 done;
	/* the open table */
	size_t			 ncols;
	char			*head[VL_PDF_COLS];
	double			 x[VL_PDF_COLS], w[VL_PDF_COLS];
	int			 right[VL_PDF_COLS];
};

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	vl_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A layout of text (made valid UTF-8) in font at width w (points). */
static PangoLayout *
layout(struct vl_pdf *p, const char *text, const char *font, double w, int right)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;
	gchar			*valid;

	l = pango_cairo_create_layout(p->cr);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (right)
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	valid = g_utf8_make_valid(text != NULL ? text : "", -1);
	pango_layout_set_text(l, valid, -1);
	g_free(valid);
	return l;
}

static double
height(PangoLayout *l)
{
	int	 w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
new_page(struct vl_pdf *p)
{
	cairo_show_page(p->cr);
	p->pages++;
	p->y = MARGIN;
}

/* Makes room for h points, on a new page if this one is too full (a block
 * taller than a page is drawn anyway and runs off its foot). */
static void
need(struct vl_pdf *p, double h)
{
	if (p->y + h > PAGE_H - MARGIN && p->y > MARGIN)
		new_page(p);
}

static void
draw(struct vl_pdf *p, PangoLayout *l, double x)
{
	cairo_move_to(p->cr, x, p->y);
	pango_cairo_show_layout(p->cr, l);
}

struct vl_pdf *
vl_pdf_new(const char *title)
{
	struct vl_pdf	*p;

	p = vl_xcalloc(1, sizeof(*p));
	vl_buf_init(&p->out);
	p->surface = cairo_pdf_surface_create_for_stream(write_cb, &p->out, PAGE_W, PAGE_H);
	if (title != NULL)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "Vellum");
	p->cr = cairo_create(p->surface);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = MARGIN;
	p->pages = 1;
	return p;
}

void
vl_pdf_heading(struct vl_pdf *p, int level, const char *text)
{
	PangoLayout	*l;
	double		 h;

	if (p->done)
		return;
	l = layout(p, text, level <= 1 ? FONT " Bold 18" : FONT " Bold 13", BODY_W, 0);
	h = height(l);
	/* Keep a heading with a line of what follows it. */
	need(p, h + 30);
	if (p->y > MARGIN)
		p->y += level <= 1 ? 8 : 6;
	draw(p, l, MARGIN);
	p->y += h + 6;
	g_object_unref(l);
}

void
vl_pdf_para(struct vl_pdf *p, const char *text)
{
	PangoLayout	*l;
	PangoLayoutIter	*it;
	double		 top, base;
	int		 n;

	if (p->done)
		return;
	l = layout(p, text, FONT " 10", BODY_W, 0);
	/* A long paragraph breaks between its lines, not only before it. */
	n = pango_layout_get_line_count(l);
	if (p->y + height(l) <= PAGE_H - MARGIN || n <= 1) {
		need(p, height(l));
		draw(p, l, MARGIN);
		p->y += height(l) + 6;
		g_object_unref(l);
		return;
	}
	it = pango_layout_get_iter(l);
	top = p->y;
	do {
		PangoLayoutLine	*line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle	 r;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (top + (double)(r.y + r.height) / PANGO_SCALE > PAGE_H - MARGIN) {
			new_page(p);
			top = MARGIN - (double)r.y / PANGO_SCALE;
		}
		cairo_move_to(p->cr, MARGIN, top + base);
		pango_cairo_show_layout_line(p->cr, line);
		p->y = top + (double)(r.y + r.height) / PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += 6;
	g_object_unref(l);
}

void
vl_pdf_row(struct vl_pdf *p, const char *label, const char *value)
{
	PangoLayout	*a, *b;
	double		 h, ha, hb, lw = BODY_W * 0.3;

	if (p->done)
		return;
	a = layout(p, label, FONT " Bold 10", lw - CELL_PAD, 0);
	b = layout(p, value, FONT " 10", BODY_W - lw, 0);
	ha = height(a);
	hb = height(b);
	h = ha > hb ? ha : hb;
	need(p, h);
	draw(p, a, MARGIN);
	draw(p, b, MARGIN + lw);
	p->y += h + 3;
	g_object_unref(a);
	g_object_unref(b);
}

void
vl_pdf_space(struct vl_pdf *p, double pt)
{
	if (p->done)
		return;
	p->y += pt;
	if (p->y > PAGE_H - MARGIN)
		new_page(p);
}

/* Draws cells[] as one row of the table in font, with a rule below. */
static void
table_line(struct vl_pdf *p, const char *const *cells, const char *font, int head)
{
	PangoLayout	*l[VL_PDF_COLS];
	double		 h = 0, t;
	size_t		 i;

	for (i = 0; i < p->ncols; i++) {
		l[i] = layout(p, cells[i], font, p->w[i] - 2 * CELL_PAD, p->right[i]);
		if ((t = height(l[i])) > h)
			h = t;
	}
	h += 2 * CELL_PAD;
	if (!head && p->y + h > PAGE_H - MARGIN && p->y > MARGIN) {
		new_page(p);
		table_line(p, (const char *const *)p->head, FONT " Bold 10", 1);
	}
	for (i = 0; i < p->ncols; i++) {
		cairo_move_to(p->cr, p->x[i] + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, l[i]);
		g_object_unref(l[i]);
	}
	p->y += h;
	cairo_set_line_width(p->cr, head ? 1.0 : 0.4);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, MARGIN + BODY_W, p->y);
	cairo_stroke(p->cr);
}

void
vl_pdf_table(struct vl_pdf *p, size_t ncols, const char *const *head, const double *width,
    const int *right)
{
	double	 sum = 0, x = MARGIN;
	size_t	 i;

	if (p->done || ncols == 0 || ncols > VL_PDF_COLS)
		return;
	vl_pdf_table_end(p);
	for (i = 0; i < ncols; i++)
		sum += width[i] > 0 ? width[i] : 0;
	if (sum <= 0)
		sum = 1;
	p->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		p->head[i] = vl_xstrdup(head[i] != NULL ? head[i] : "");
		p->w[i] = BODY_W * (width[i] > 0 ? width[i] : 0) / sum;
		p->x[i] = x;
		x += p->w[i];
		p->right[i] = right != NULL && right[i];
	}
	need(p, 60);
	table_line(p, (const char *const *)p->head, FONT " Bold 10", 1);
}

void
vl_pdf_table_row(struct vl_pdf *p, const char *const *cells, int bold)
{
	if (p->done || p->ncols == 0)
		return;
	table_line(p, cells, bold ? FONT " Bold 10" : FONT " 10", 0);
}

void
vl_pdf_table_end(struct vl_pdf *p)
{
	size_t	 i;

	for (i = 0; i < p->ncols; i++) {
		free(p->head[i]);
		p->head[i] = NULL;
	}
	if (p->ncols > 0)
		p->y += 10;
	p->ncols = 0;
}

int
vl_pdf_pages(const struct vl_pdf *p)
{
	return p->pages;
}

enum vl_rc
vl_pdf_finish(struct vl_pdf *p, struct vl_buf *out)
{
	cairo_status_t	 st;

	if (p->done)
		return VL_ERR;
	vl_pdf_table_end(p);
	p->done = 1;
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	p->surface = NULL;
	if (st != CAIRO_STATUS_SUCCESS) {
		vl_err("pdf: %s", cairo_status_to_string(st));
		return VL_ERR;
	}
	vl_buf_add(out, p->out.buf != NULL ? p->out.buf : "", p->out.len);
	return VL_OK;
}

void
vl_pdf_free(struct vl_pdf *p)
{
	if (p == NULL)
		return;
	vl_pdf_table_end(p);
	if (p->cr != NULL)
		cairo_destroy(p->cr);
	if (p->surface != NULL)
		cairo_surface_destroy(p->surface);
	vl_buf_release(&p->out);
	free(p);
}
