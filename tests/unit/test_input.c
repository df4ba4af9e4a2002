/* input.c: urlencoded, cookies and multipart, from tables of vectors. */
#include "vectors.h"
#include "internal.h"
#include "doc.h"

#include <sys/stat.h>
#include <unistd.h>

/* Expected pairs as "k=v|k=v" (values shown raw), or NULL for VL_INVALID. */
static const struct {
	const char	*in;
	const char	*want;
} urlvec[] = {
	{ "", "" },
	{ "a=1", "a=1" },
	{ "a=1&b=2", "a=1|b=2" },
	{ "a=&b", "a=|b=" },
	{ "&&a=1&&", "a=1" },
	{ "a+b=c+d", "a b=c d" },
	{ "k=%41%42%43", "k=ABC" },
	{ "k=%e2%82%ac", "k=\xe2\x82\xac" },
	{ "k=a%3Db%26c", "k=a=b&c" },
	{ "k=%", NULL },
	{ "k=%4", NULL },
	{ "k=%zz", NULL },
	{ "k=%4g", NULL },
	{ "%00=1", NULL },		/* NUL in a key */
	{ "=1", NULL },			/* empty key */
	{ "a=1=2", "a=1=2" },
	{ "a=%20%20", "a=  " },
};

static void
join_pairs(struct vl_buf *b, const struct vl_pair *p)
{
	for (; p; p = p->next) {
		if (b->len)
			vl_buf_addc(b, '|');
		vl_buf_addf(b, "%s=%s", p->key, p->val);
	}
}

static void
test_urlencoded(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_pair	*pairs;
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 i;
	enum vl_rc	 rc;

	(void)state;
	for (i = 0; i < NELEM(urlvec); i++) {
		rc = vl_parse_urlencoded(pool, urlvec[i].in, strlen(urlvec[i].in), &pairs);
		if (urlvec[i].want == NULL) {
			if (rc != VL_INVALID)
				fail_msg("vector %zu \"%s\" accepted", i, urlvec[i].in);
			continue;
		}
		assert_int_equal(rc, VL_OK);
		vl_buf_reset(&b);
		join_pairs(&b, pairs);
		if (strcmp(vl_buf_str(&b), urlvec[i].want) != 0)
			fail_msg("vector %zu \"%s\": got \"%s\", want \"%s\"", i,
			    urlvec[i].in, vl_buf_str(&b), urlvec[i].want);
	}
	/* A value may hold NUL: its length says so, and validators refuse it. */
	assert_int_equal(vl_parse_urlencoded(pool, "v=a%00b", 7, &pairs), VL_OK);
	assert_int_equal(pairs->vallen, 3);
	assert_false(vl_validate(VL_V_LINE, pairs->val, pairs->vallen, 10, NULL));
	/* Parsing stops at the given length, not at a NUL. */
	assert_int_equal(vl_parse_urlencoded(pool, "a=1&b=2", 3, &pairs), VL_OK);
	assert_string_equal(pairs->val, "1");
	assert_null(pairs->next);
	vl_buf_release(&b);
	vl_pool_free(pool);
}

static const struct {
	const char	*in;
	const char	*want;
} cookievec[] = {
	{ "", "" },
	{ "a=1", "a=1" },
	{ "a=1; b=2", "a=1|b=2" },
	{ "a=1;b=2;  c=3 ", "a=1|b=2|c=3" },
	{ "a=\"quoted\"", "a=quoted" },
	{ "junk; a=1", "a=1" },
	{ "=x; a=1", "a=1" },
	{ ";;;", "" },
	{ "a=", "a=" },
	{ "__Host-sid=abc_-; __Host-pre=z", "__Host-sid=abc_-|__Host-pre=z" },
};

static void
test_cookies(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_pair	*pairs;
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(cookievec); i++) {
		assert_int_equal(vl_parse_cookies(pool, cookievec[i].in, &pairs), VL_OK);
		vl_buf_reset(&b);
		join_pairs(&b, pairs);
		if (strcmp(vl_buf_str(&b), cookievec[i].want) != 0)
			fail_msg("vector %zu \"%s\": got \"%s\"", i, cookievec[i].in, vl_buf_str(&b));
	}
	assert_int_equal(vl_parse_cookies(pool, NULL, &pairs), VL_OK);
	assert_null(pairs);
	assert_int_equal(vl_parse_cookies(pool, "a=1; b=2", &pairs), VL_OK);
	assert_string_equal(vl_pair_find(pairs, "b")->val, "2");
	assert_null(vl_pair_find(pairs, "c"));
	vl_buf_release(&b);
	vl_pool_free(pool);
}

#define CT "multipart/form-data; boundary=XyZ"
/* As curl makes them: the delimiter's search shifts by up to 44 bytes. */
#define CTL "multipart/form-data; boundary=------------------------d74496d66958873e"
#define NEAR "\r\n--XyQ\r\n-XyZ\r--XyZ\n--XyZ\r\n--xyZ--XyZ\r\n--Xy\r\n--X\r\n-\r\n\r\r\n--XyQ"
#define NEARL "\r\n--------------------------d74496d66958873f------------------------d74496d66958873e" \
    "\r\n-------------------------d74496d66958873e\r\n--------------------------d74496d66958873" \
    "\r\n-------------------------d74496d66958873ee"

static const struct {
	const char	*name;
	const char	*ctype;
	const char	*body;
	uint64_t	 filemax;
	enum vl_rc	 rc;
	const char	*fields;	/* expected pairs joined */
	int		 nfiles;
	const char	*file0;		/* content of the first file */
} mpvec[] = {
	{ "one field", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello\r\n--XyZ--\r\n",
	  100, VL_OK, "a=hello", 0, NULL },
	{ "field and file", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
	  "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--\r\n",
	  100, VL_OK, "csrf=tok", 1, "line1\r\nline2" },
	{ "preamble and epilogue", CT,
	  "ignored preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue",
	  100, VL_OK, "a=1", 0, NULL },
	{ "quoted boundary", "multipart/form-data; boundary=\"q b\"",
	  "--q b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--q b--\r\n",
	  100, VL_OK, "a=1", 0, NULL },
	{ "empty file input skipped", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
	  "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n",
	  100, VL_OK, "", 0, NULL },
	{ "file exactly at the limit", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n0123456789\r\n--XyZ--\r\n",
	  10, VL_OK, "", 1, "0123456789" },
	{ "file one byte over", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n0123456789A\r\n--XyZ--\r\n",
	  10, VL_TOOBIG, NULL, 0, NULL },
	{ "boundary-like data inside", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n--XyZ no CRLF before\r\n--XyZ--\r\n",
	  100, VL_OK, "", 1, "--XyZ no CRLF before" },
	{ "no final boundary", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello",
	  100, VL_INVALID, NULL, 0, NULL },
	{ "no boundary at all", CT, "hello", 100, VL_INVALID, NULL, 0, NULL },
	{ "missing name", CT,
	  "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n",
	  100, VL_INVALID, NULL, 0, NULL },
	{ "not form-data", CT,
	  "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--\r\n",
	  100, VL_INVALID, NULL, 0, NULL },
	{ "header without colon", CT,
	  "--XyZ\r\nBroken header\r\n\r\nx\r\n--XyZ--\r\n",
	  100, VL_INVALID, NULL, 0, NULL },
	{ "no boundary parameter", "multipart/form-data", "--XyZ--\r\n", 100, VL_INVALID, NULL, 0, NULL },
	{ "wrong type", "text/plain; boundary=XyZ", "--XyZ--\r\n", 100, VL_INVALID, NULL, 0, NULL },
	{ "boundary too long", "multipart/form-data; boundary="
	  "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
	  "", 100, VL_INVALID, NULL, 0, NULL },
	{ "garbage after boundary", CT, "--XyZxx", 100, VL_INVALID, NULL, 0, NULL },
	{ "near misses of the delimiter", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" NEAR "x\r\n--XyZ--\r\n",
	  1000, VL_OK, "", 1, NEAR "x" },
	{ "near misses of a long delimiter", CTL,
	  "--------------------------d74496d66958873e\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n"
	  NEARL "\r\n--------------------------d74496d66958873e\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	  "v\r\n--------------------------d74496d66958873e--\r\n",
	  1000, VL_OK, "a=v", 1, NEARL },
	{ "filename with a path is metadata only", CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../etc/passwd\"\r\n\r\nq\r\n--XyZ--\r\n",
	  100, VL_OK, "", 1, "q" },
};

static char tmpdir[] = "/tmp/vl-test-XXXXXX";

static void
check_file(const char *path, const char *want)
{
	char	 buf[256];
	FILE	*f = fopen(path, "r");
	size_t	 n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(buf, want, n);
}

static void
run_mp(size_t i, size_t step)
{
	struct vl_pool		*pool = vl_pool_new();
	struct vl_pair		*pairs;
	struct vl_upload	*ups, *u;
	struct vl_buf		 b = VL_BUF_INIT;
	struct memreader	 m = { mpvec[i].body, strlen(mpvec[i].body), step };
	struct stat		 st;
	char			*path = NULL;
	int			 n = 0;
	enum vl_rc		 rc;

	rc = vl_parse_multipart(pool, mpvec[i].ctype, memreader_read, &m, tmpdir,
	    mpvec[i].filemax, 1000, NULL, NULL, &pairs, &ups);
	if (rc != mpvec[i].rc)
		fail_msg("\"%s\" (step %zu): rc %d, want %d", mpvec[i].name, step, rc, mpvec[i].rc);
	if (rc == VL_OK) {
		join_pairs(&b, pairs);
		if (strcmp(vl_buf_str(&b), mpvec[i].fields) != 0)
			fail_msg("\"%s\": fields \"%s\"", mpvec[i].name, vl_buf_str(&b));
		for (u = ups; u; u = u->next)
			n++;
		assert_int_equal(n, mpvec[i].nfiles);
		if (n > 0) {
			check_file(ups->path, mpvec[i].file0);
			assert_int_equal(ups->size, strlen(mpvec[i].file0));
			assert_non_null(strstr(ups->path, tmpdir));
			path = vl_xstrdup(ups->path);
		}
	}
	vl_buf_release(&b);
	/* Temp files go when the request's pool is reset. */
	vl_pool_free(pool);
	if (path != NULL) {
		assert_int_not_equal(stat(path, &st), 0);
		free(path);
	}
}

static void
test_multipart(void **state)
{
	static const size_t steps[] = { 0, 1, 2, 3, 7, 64 };
	size_t	 i, s;

	(void)state;
	for (i = 0; i < NELEM(mpvec); i++)
		for (s = 0; s < NELEM(steps); s++)
			run_mp(i, steps[s]);
}

/* A file much larger than the parser's buffer streams through in bounded memory. */
static void
test_multipart_large(void **state)
{
	struct vl_pool		*pool = vl_pool_new();
	struct vl_pair		*pairs;
	struct vl_upload	*ups;
	struct vl_buf		 body = VL_BUF_INIT;
	struct memreader	 m;
	size_t			 i, size = 3 * 1024 * 1024 + 17;

	(void)state;
	vl_buf_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n");
	for (i = 0; i < size; i++)
		vl_buf_addc(&body, (char)('A' + i % 23));
	vl_buf_adds(&body, "\r\n--XyZ--\r\n");
	m.p = body.buf;
	m.left = body.len;
	m.step = 4096;
	assert_int_equal(vl_parse_multipart(pool, CT, memreader_read, &m, tmpdir, size,
	    1000, NULL, NULL, &pairs, &ups), VL_OK);
	assert_non_null(ups);
	assert_int_equal(ups->size, size);
	/* The pool did not hold the file. */
	assert_true(vl_pool_used(pool) < 64 * 1024);
	vl_buf_release(&body);
	vl_pool_free(pool);
}

/* Whether the file at path holds exactly want[0..n). */
static void
check_bytes(const char *path, const char *want, size_t n)
{
	char	 buf[65536];
	FILE	*f = fopen(path, "r");
	size_t	 got = 0, r;

	assert_non_null(f);
	while ((r = fread(buf, 1, sizeof(buf), f)) > 0) {
		assert_true(got + r <= n);
		assert_memory_equal(buf, want + got, r);
		got += r;
	}
	fclose(f);
	assert_int_equal(got, n);
}

/*
 * The delimiter's search against memmem: contents of the delimiter's own
 * bytes (a fixed sequence, so a failure repeats), each parsed and its
 * file compared; a content with the delimiter inside ends the part there,
 * so those are left out.
 */
static void
test_delim_search(void **state)
{
	static const char	 alpha[] = "\r\n-XyZ";
	static const char	 delim[] = "\r\n--XyZ";
	struct vl_buf		 body = VL_BUF_INIT, content = VL_BUF_INIT, probe = VL_BUF_INIT;
	struct vl_pair		*pairs;
	struct vl_upload	*ups;
	struct memreader	 m;
	uint32_t		 x = 12345;
	size_t			 i, j, len, tried = 0;

	(void)state;
	for (i = 0; i < 3000; i++) {
		struct vl_pool *pool;

		vl_buf_reset(&content);
		x = x * 1103515245 + 12345;
		len = (x >> 16) % 200;
		for (j = 0; j < len; j++) {
			x = x * 1103515245 + 12345;
			vl_buf_addc(&content, alpha[(x >> 16) % 6]);
		}
		vl_buf_reset(&probe);
		vl_buf_adds(&probe, "\r\n");
		vl_buf_add(&probe, content.buf, content.len);
		vl_buf_adds(&probe, delim);
		if ((char *)memmem(probe.buf, probe.len, delim, strlen(delim)) !=
		    probe.buf + 2 + content.len)
			continue;
		tried++;
		vl_buf_reset(&body);
		vl_buf_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n");
		vl_buf_add(&body, content.buf, content.len);
		vl_buf_adds(&body, "\r\n--XyZ--\r\n");
		pool = vl_pool_new();
		m.p = body.buf;
		m.left = body.len;
		m.step = 1 + i % 13;
		assert_int_equal(vl_parse_multipart(pool, CT, memreader_read, &m, tmpdir, 1000, 1000,
		    NULL, NULL, &pairs, &ups), VL_OK);
		if (content.len == 0)
			assert_true(ups == NULL || ups->size == 0);
		else {
			assert_non_null(ups);
			check_bytes(ups->path, content.buf, content.len);
		}
		vl_pool_free(pool);
	}
	assert_true(tried > 1000);
	vl_buf_release(&body);
	vl_buf_release(&content);
	vl_buf_release(&probe);
}

/*
 * Every byte of a file reaches its temp file, in order, whatever its size
 * against the parser's buffer (512 KiB), the direct-I/O block (4 KiB) and
 * the reads: whole blocks go direct (and, past half a buffer, by the
 * writer thread while the next buffer fills), the tail through the page
 * cache.  Multipart and raw bodies alike.
 */
static void
test_file_bytes(void **state)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 262144 + 5, 524288 - 1, 524288,
	    524288 + 1, 2 * 524288 + 3 * 4096 + 5, 3 * 1024 * 1024 + 17 };
	static const size_t steps[] = { 4096, 65539, 0 };
	struct vl_buf		 body = VL_BUF_INIT, data = VL_BUF_INIT;
	struct vl_pair		*pairs;
	struct vl_upload	*ups;
	struct memreader	 m;
	size_t			 i, j, s;

	(void)state;
	for (i = 0; i < NELEM(sizes); i++) {
		vl_buf_reset(&data);
		for (j = 0; j < sizes[i]; j++)
			vl_buf_addc(&data, (char)(j * 131 % 253));
		vl_buf_reset(&body);
		vl_buf_adds(&body, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n");
		vl_buf_add(&body, data.buf, data.len);
		vl_buf_adds(&body, "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--XyZ--\r\n");
		for (s = 0; s < NELEM(steps); s++) {
			struct vl_pool *pool = vl_pool_new();
			struct vl_buf f = VL_BUF_INIT;

			m.p = body.buf;
			m.left = body.len;
			m.step = steps[s];
			assert_int_equal(vl_parse_multipart(pool, CT, memreader_read, &m, tmpdir,
			    sizes[i], 1000, NULL, NULL, &pairs, &ups), VL_OK);
			join_pairs(&f, pairs);
			assert_string_equal(vl_buf_str(&f), "a=1|b=2");
			vl_buf_release(&f);
			if (sizes[i] == 0)
				assert_true(ups == NULL || ups->size == 0);
			else {
				assert_non_null(ups);
				assert_int_equal(ups->size, sizes[i]);
				check_bytes(ups->path, data.buf, data.len);
			}
			/* One byte fewer allowed: refused, nothing left. */
			if (sizes[i] > 0) {
				m.p = body.buf;
				m.left = body.len;
				assert_int_equal(vl_parse_multipart(pool, CT, memreader_read, &m, tmpdir,
				    sizes[i] - 1, 1000, NULL, NULL, &pairs, &ups), VL_TOOBIG);
			}
			m.p = data.len > 0 ? data.buf : "";
			m.left = data.len;
			ups = NULL;
			assert_int_equal(vl_read_raw(pool, memreader_read, &m, tmpdir, sizes[i], "r.bin",
			    NULL, &ups), VL_OK);
			assert_non_null(ups);
			assert_int_equal(ups->size, sizes[i]);
			check_bytes(ups->path, data.buf, data.len);
			vl_pool_free(pool);	/* the temp files go; teardown checks */
		}
	}
	vl_buf_release(&body);
	vl_buf_release(&data);
}

/* A raw body: exactly max is kept, one byte more is refused, nothing left. */
static void
test_raw(void **state)
{
	static const struct {
		size_t	 size, max;
		enum vl_rc rc;
	} vec[] = {
		{ 0, 10, VL_OK }, { 10, 10, VL_OK }, { 11, 10, VL_TOOBIG }, { 200000, 200000, VL_OK },
		{ 200001, 200000, VL_TOOBIG },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		struct vl_pool *pool = vl_pool_new();
		struct vl_upload *u = NULL;
		char *data = vl_xmalloc(vec[i].size + 1);
		struct memreader m = { data, vec[i].size, 4096 };
		memset(data, 'r', vec[i].size);
		assert_int_equal(vl_read_raw(pool, memreader_read, &m, tmpdir, vec[i].max, "a/b.txt",
		    NULL, &u), vec[i].rc);
		if (vec[i].rc == VL_OK) {
			assert_non_null(u);
			assert_int_equal(u->size, vec[i].size);
			assert_string_equal(u->filename, "a/b.txt");	/* cleaned later, by vl_doc_name */
			assert_string_equal(u->ctype, "application/octet-stream");
		}
		free(data);
		vl_pool_free(pool);	/* the temp file goes; teardown checks the dir is empty */
	}
}

static void
test_doc_name(void **state)
{
	static const struct {
		const char *in, *out;
	} vec[] = {
		{ "report.pdf", "report.pdf" }, { "C:\\Users\\x\\brief.docx", "brief.docx" },
		{ "../../etc/passwd", "passwd" }, { "...hidden", "hidden" }, { "", "upload" },
		{ NULL, "upload" }, { "bell\a.txt", "upload" }, { "caf\xc3\xa9.txt", "caf\xc3\xa9.txt" },
		{ "dir/", "upload" },
	};
	struct vl_pool	*pool = vl_pool_new();
	char		 longname[400];
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++)
		assert_string_equal(vl_doc_name(pool, vec[i].in), vec[i].out);
	/* 255 bytes at most, never half a character: 200 two-byte characters. */
	for (i = 0; i < 200; i++)
		memcpy(longname + 2 * i, "\xc3\xa9", 2);
	longname[400 - 1] = '\0';
	longname[398] = '\0';
	assert_int_equal(strlen(vl_doc_name(pool, longname)), 254);
	vl_pool_free(pool);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);	/* fails if a temp upload was left behind */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_multipart_large),
		cmocka_unit_test(test_file_bytes),
		cmocka_unit_test(test_delim_search),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_doc_name),
	};

	return cmocka_run_group_tests_name("input", tests, setup, teardown);
}
