/*
 * The workspace's pure functions, each against a table of vectors: the
 * logo check (signatures, headers, sizes), the mail preview's cut, the
 * slug rule, the setup code as typed, and the field errors a form shows.
 */
#include "vectors.h"
#include "internal.h"
#include "fielderr.h"
#include "logo.h"
#include "settings.h"
#include "setup.h"

static const unsigned char png1[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
};
/* SOI, APP0 (JFIF), SOF0 height 3 width 2, EOI. */
static const unsigned char jpg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	0xff, 0xc0, 0, 17, 8, 0, 3, 0, 2, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9,
};

/* A copy of base (n bytes) with width and height written where its format
 * keeps them. */
static unsigned char *
sized(const unsigned char *base, size_t n, uint32_t w, uint32_t h)
{
	unsigned char	*b = vl_xmalloc(n);

	memcpy(b, base, n);
	if (b[0] == 0x89) {
		b[16] = (unsigned char)(w >> 24), b[17] = (unsigned char)(w >> 16);
		b[18] = (unsigned char)(w >> 8), b[19] = (unsigned char)w;
		b[20] = (unsigned char)(h >> 24), b[21] = (unsigned char)(h >> 16);
		b[22] = (unsigned char)(h >> 8), b[23] = (unsigned char)h;
	} else {
		b[25] = (unsigned char)(h >> 8), b[26] = (unsigned char)h;
		b[27] = (unsigned char)(w >> 8), b[28] = (unsigned char)w;
	}
	return b;
}

static void
test_logo(void **state)
{
	static const struct {
		const char	*name;
		int		 png;		/* 1 PNG, 0 JPEG */
		uint32_t	 w, h;
		size_t		 cut;		/* bytes kept, 0: all */
		enum vl_logo_why want;
	} vec[] = {
		{ "png 1x1", 1, 1, 1, 0, VL_LOGO_OK },
		{ "png 4000x4000", 1, 4000, 4000, 0, VL_LOGO_OK },
		{ "png 4001 wide", 1, 4001, 10, 0, VL_LOGO_SIZE },
		{ "png 0 high", 1, 10, 0, 0, VL_LOGO_SIZE },
		{ "png 2^32-1 wide", 1, 0xffffffffu, 1, 0, VL_LOGO_SIZE },
		{ "png cut in IHDR", 1, 1, 1, 20, VL_LOGO_BROKEN },
		{ "png signature only", 1, 1, 1, 8, VL_LOGO_BROKEN },
		{ "jpeg 2x3", 0, 2, 3, 0, VL_LOGO_OK },
		{ "jpeg 4000x4000", 0, 4000, 4000, 0, VL_LOGO_OK },
		{ "jpeg 65535 wide", 0, 65535, 3, 0, VL_LOGO_SIZE },
		{ "jpeg 0 wide", 0, 0, 3, 0, VL_LOGO_SIZE },
		{ "jpeg cut in APP0", 0, 2, 3, 10, VL_LOGO_BROKEN },
		{ "jpeg cut in SOF", 0, 2, 3, 26, VL_LOGO_BROKEN },
		{ "jpeg soi only", 0, 2, 3, 3, VL_LOGO_BROKEN },
	};
	static const struct {
		const char	*name, *bytes;
		size_t		 n;
		enum vl_logo_why want;
	} raw[] = {
		{ "empty", "", 0, VL_LOGO_EMPTY },
		{ "svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x()</script></svg>", 66, VL_LOGO_TYPE },
		{ "svg with xml prolog", "<?xml version=\"1.0\"?><svg/>", 27, VL_LOGO_TYPE },
		{ "html", "<html><script>x()</script>", 26, VL_LOGO_TYPE },
		{ "gif", "GIF89a\x01\x00\x01\x00", 10, VL_LOGO_TYPE },
		{ "png signature cut", "\x89PNG\r\n", 6, VL_LOGO_TYPE },
		{ "jpeg scan before frame", "\xff\xd8\xff\xda\x00\x02", 6, VL_LOGO_BROKEN },
		{ "jpeg bad length", "\xff\xd8\xff\xe0\x00\x01", 6, VL_LOGO_BROKEN },
		{ "jpeg junk after soi", "\xff\xd8\xff\xd8zzzz", 8, VL_LOGO_BROKEN },
	};
	const char	*mime;
	unsigned char	*b, *big;
	uint32_t	 w, h;
	size_t		 i, n;
	enum vl_logo_why got;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		n = vec[i].png ? sizeof(png1) : sizeof(jpg);
		b = sized(vec[i].png ? png1 : jpg, n, vec[i].w, vec[i].h);
		got = vl_logo_check(b, vec[i].cut ? vec[i].cut : n, &mime, &w, &h);
		if (got != vec[i].want)
			fail_msg("%s: %s, expected %s", vec[i].name, vl_logo_whys[got], vl_logo_whys[vec[i].want]);
		if (got == VL_LOGO_OK) {
			assert_string_equal(mime, vec[i].png ? "image/png" : "image/jpeg");
			assert_int_equal(w, vec[i].w);
			assert_int_equal(h, vec[i].h);
		} else
			assert_null(mime);
		free(b);
	}
	for (i = 0; i < NELEM(raw); i++) {
		got = vl_logo_check((const unsigned char *)raw[i].bytes, raw[i].n, &mime, &w, &h);
		if (got != raw[i].want)
			fail_msg("%s: %s, expected %s", raw[i].name, vl_logo_whys[got], vl_logo_whys[raw[i].want]);
	}
	/* 1 MB passes, one byte more does not (the check before the parse). */
	big = vl_xcalloc(1, VL_LOGO_MAX + 1);
	memcpy(big, png1, sizeof(png1));
	assert_int_equal(vl_logo_check(big, VL_LOGO_MAX, &mime, &w, &h), VL_LOGO_OK);
	assert_int_equal(vl_logo_check(big, VL_LOGO_MAX + 1, &mime, &w, &h), VL_LOGO_TOOBIG);
	free(big);
}

static void
test_preview(void **state)
{
	static const struct {
		const char	*in;
		size_t		 max;
		const char	*out;
	} vec[] = {
		{ "short", 80, "short" },
		{ "", 80, "" },
		{ "   \n\t ", 80, "" },
		{ "  lead and\n\n trail  ", 80, "lead and trail" },
		{ "exactly ten", 11, "exactly ten" },
		{ "exactly ten!", 11, "exactly te\xe2\x80\xa6" },
		{ "one two three", 8, "one two\xe2\x80\xa6" },
		{ "one two three", 9, "one two\xe2\x80\xa6" },		/* no blank before the cut */
		/* Characters, not bytes: five é are five. */
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6" },
		{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 2, "\xf0\x9f\x98\x80\xe2\x80\xa6" },
		/* Control characters and stray bytes are dropped. */
		{ "a\x01" "b\x7f" "c\xff" "d", 80, "abcd" },
		{ "a\xc3", 80, "a" },
		{ "tab\there", 80, "tab here" },
	};
	struct vl_pool	*p = vl_pool_new();
	char		 long_in[400], *out;
	size_t		 i, chars;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		out = vl_preview_cut(p, vec[i].in, vec[i].max);
		if (strcmp(out, vec[i].out) != 0)
			fail_msg("preview #%zu: got \"%s\", expected \"%s\"", i, out, vec[i].out);
	}
	assert_string_equal(vl_preview_cut(p, NULL, 80), "");
	/* 200 two-byte characters: 79 of them and the ellipsis, valid UTF-8. */
	for (i = 0; i < 200; i++)
		memcpy(long_in + 2 * i, "\xc3\xa9", 2);
	long_in[399] = '\0';
	long_in[398] = 'x';
	out = vl_preview_cut(p, long_in, VL_PREVIEW_CHARS);
	assert_true(vl_utf8_valid(out, strlen(out)));
	for (chars = 0, i = 0; out[i] != '\0'; i++)
		chars += ((unsigned char)out[i] & 0xc0) != 0x80;
	assert_int_equal(chars, VL_PREVIEW_CHARS);
	assert_int_equal(strlen(out), 79 * 2 + 3);
	vl_pool_free(p);
}

static void
test_slug(void **state)
{
	static const struct {
		const char	*in;
		int		 ok;
	} vec[] = {
		{ "demo", 1 }, { "smith-law", 1 }, { "a1", 1 }, { "2026-firm", 1 },
		{ "a", 0 }, { "", 0 }, { "-lead", 0 }, { "trail-", 0 }, { "Upper", 0 },
		{ "sp ace", 0 }, { "under_score", 0 }, { "dot.s", 0 }, { "caf\xc3\xa9", 0 },
		{ "a/b", 0 }, { "a%20b", 0 },
		{ "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01", 1 },	/* 64 */
		{ "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012", 0 },	/* 65 */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++)
		if (vl_slug_valid(vec[i].in) != vec[i].ok)
			fail_msg("slug \"%s\": expected %d", vec[i].in, vec[i].ok);
	assert_int_equal(vl_slug_valid(NULL), 0);
}

static void
test_setup_code(void **state)
{
	static const struct {
		const char	*in, *out;	/* out NULL: not a code */
	} vec[] = {
		{ "0123A-BCDEF-GHJKM-NPQRS", "0123ABCDEFGHJKMNPQRS" },
		{ "0123abcdefghjkmnpqrs", "0123ABCDEFGHJKMNPQRS" },
		{ " 0123a bcdef\tghjkm-npqrs ", "0123ABCDEFGHJKMNPQRS" },
		{ "O1IL0-TVWXY-Z0000-00000", "01110TVWXYZ000000000" },	/* O as 0, I and L as 1 */
		{ "0123A-BCDEF-GHJKM-NPQR", NULL },			/* 19 */
		{ "0123A-BCDEF-GHJKM-NPQRST", NULL },			/* 21 */
		{ "0123A-BCDEF-GHJKM-NPQRU", NULL },			/* U is not used */
		{ "0123A-BCDEF-GHJKM-NPQR!", NULL },
		{ "0123A-BCDEF-GHJKM-NPQR\xc3\xa9", NULL },
		{ "", NULL },
	};
	struct vl_pool	*p = vl_pool_new();
	char		*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		got = vl_setup_code_norm(p, vec[i].in);
		if (vec[i].out == NULL ? got != NULL : got == NULL || strcmp(got, vec[i].out) != 0)
			fail_msg("code \"%s\": got %s", vec[i].in, got ? got : "NULL");
	}
	assert_null(vl_setup_code_norm(p, NULL));
	vl_pool_free(p);
}

static void
test_field_errors(void **state)
{
	struct vl_ferr	 fe = VL_FERR_INIT;
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_pool	*pool;
	struct vl_tpl	*d;
	size_t		 i;

	(void)state;
	vl_ferr_add(&fe, "slug", "taken");
	vl_ferr_add(&fe, "slug", "invalid");	/* a field's first error wins */
	vl_ferr_add(&fe, "zone", "invalid");
	assert_int_equal(fe.n, 2);
	assert_true(vl_ferr_has(&fe, "slug"));
	assert_false(vl_ferr_has(&fe, "name"));
	for (i = 0; i < 30; i++)
		vl_ferr_add(&fe, i % 2 ? "a" : "b", "x");
	assert_true(fe.n <= VL_FERR_MAX);
	fe.n = 2;
	assert_int_equal(vl_tpl_init(NULL, "templates"), 0);
	pool = vl_pool_new();
	d = vl_tpl_new(pool);
	vl_ferr_show(d, &fe);
	vl_tpl_set(d, "CSRF", "c");
	assert_int_equal(vl_tpl_expand("settings.tpl", VL_TPL_HTML, d, &out, &err), VL_TPL_OK);
	assert_non_null(strstr(out.buf, "Another firm uses this short name"));
	assert_non_null(strstr(out.buf, "This is not a time zone name we know"));
	assert_null(strstr(out.buf, "Use 2 to 64 lower-case letters"));
	assert_non_null(strstr(out.buf, "Nothing was saved"));
	vl_pool_free(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logo),
		cmocka_unit_test(test_preview),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_setup_code),
		cmocka_unit_test(test_field_errors),
	};

	vl_conf_defaults(&vl_conf);
	return cmocka_run_group_tests_name("workspace", tests, NULL, NULL);
}
