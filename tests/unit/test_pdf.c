/* pdf.c: documents rendered into memory, read back with pdftotext. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vectors.h"

#include "pdf.h"

/*
 * Fontconfig keeps its configuration and font caches for the life of the
 * process (freed only by FcFini, which pango never calls): under the leak
 * checker of the ASan build they are not this code's leaks.
 */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* The text of pdf (pdftotext -layout) into out; 1 if it ran. */
static int
text_of(const struct vl_buf *pdf, struct vl_buf *out)
{
	char	 path[] = "/tmp/vl-pdf-XXXXXX", cmd[128], chunk[4096];
	FILE	*f;
	size_t	 n;
	int	 fd;

	if ((fd = mkstemp(path)) == -1)
		return 0;
	if (write(fd, pdf->buf, pdf->len) != (ssize_t)pdf->len) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s -", path);
	if ((f = popen(cmd, "r")) == NULL) {
		unlink(path);
		return 0;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vl_buf_add(out, chunk, n);
	pclose(f);
	unlink(path);
	return 1;
}

static void
test_document(void **state)
{
	static const char *const head[] = { "Date", "Description", "Amount" };
	static const double width[] = { 1, 4, 1.5 };
	static const int right[] = { 0, 0, 1 };
	struct vl_pdf	*p;
	struct vl_buf	 out = VL_BUF_INIT, text = VL_BUF_INIT;
	char		 desc[64], amt[32];
	const char	*cells[3];
	int		 i;

	(void)state;
	p = vl_pdf_new("Invoice 7");
	vl_pdf_heading(p, 1, "Invoice 7");
	vl_pdf_row(p, "Client", "Zo\xc3\xab M\xc3\xbcller");
	vl_pdf_row(p, "Broken", "bad \xff byte");
	vl_pdf_para(p, "A paragraph of text that wraps over the width of the page "
	    "because it goes on and on and on, and on again, until it does.");
	vl_pdf_table(p, 3, head, width, right);
	for (i = 0; i < 120; i++) {
		snprintf(desc, sizeof(desc), "Line item number %d", i);
		snprintf(amt, sizeof(amt), "$%d.00", i);
		cells[0] = "2026-11-01";
		cells[1] = desc;
		cells[2] = amt;
		vl_pdf_table_row(p, cells, 0);
	}
	cells[0] = "";
	cells[1] = "Total";
	cells[2] = "$7,140.00";
	vl_pdf_table_row(p, cells, 1);
	vl_pdf_table_end(p);
	assert_true(vl_pdf_pages(p) > 1);
	assert_int_equal(vl_pdf_finish(p, &out), VL_OK);
	/* A second finish is refused, the document is whole. */
	assert_int_equal(vl_pdf_finish(p, &out), VL_ERR);
	vl_pdf_free(p);
	assert_true(out.len > 1000);
	assert_memory_equal(out.buf, "%PDF-", 5);
	assert_true(text_of(&out, &text));
	assert_non_null(strstr(text.buf, "Invoice 7"));
	assert_non_null(strstr(text.buf, "Zo\xc3\xab M\xc3\xbcller"));
	assert_non_null(strstr(text.buf, "Line item number 0"));
	assert_non_null(strstr(text.buf, "Line item number 119"));
	assert_non_null(strstr(text.buf, "$7,140.00"));
	/* The head repeats on the next page: more than once in the text. */
	assert_non_null(strstr(strstr(text.buf, "Description") + 1, "Description"));
	vl_buf_release(&out);
	vl_buf_release(&text);
}

static void
test_empty(void **state)
{
	struct vl_pdf	*p;
	struct vl_buf	 out = VL_BUF_INIT;
	static const char *const head[] = { NULL };
	static const double width[] = { 0 };

	(void)state;
	p = vl_pdf_new(NULL);
	vl_pdf_heading(p, 2, NULL);
	vl_pdf_para(p, NULL);
	vl_pdf_row(p, NULL, NULL);
	vl_pdf_table(p, 0, head, width, NULL);		/* refused: no columns */
	vl_pdf_table_row(p, head, 0);			/* no open table: ignored */
	vl_pdf_table(p, 1, head, width, NULL);
	vl_pdf_table_row(p, head, 0);
	assert_int_equal(vl_pdf_finish(p, &out), VL_OK);
	vl_pdf_heading(p, 1, "after");			/* ignored */
	vl_pdf_free(p);
	assert_memory_equal(out.buf, "%PDF-", 5);
	assert_int_equal(vl_pdf_pages(p = vl_pdf_new("x")), 1);
	vl_pdf_free(p);
	vl_buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
