/*
 * tpl.cc: expansion with auto-escape, sections and includes, a broken
 * template reported with its file name, reload after an edit, and the
 * site directory overriding the default one; names interned a process.
 * The recorded calls (tplrec.c): one digest for the same calls, another
 * for any difference; calls after an expansion replayed.  The kept pages'
 * key (pagememo.c) follows the templates' files; kept pages are bounded.
 */
#include "vectors.h"
#include "internal.h"
#include "tplrec.h"
#include "pagememo.h"

#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static char	 root[] = "/tmp/vl-tpl-XXXXXX";
static char	 site[4200], deflt[4200];
static long	 bump = 10;
/* Owns each test's dictionaries; reset after every test frees them. */
static struct vl_pool *pool;

/* Writes a template and moves its mtime forward so a reload sees it. */
static void
put(const char *dir, const char *name, const char *text)
{
	char		 path[8192];
	struct timeval	 tv[2];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec += bump++;
	tv[1] = tv[0];
	utimes(path, tv);
}

static void
unlink_site(const char *name)
{
	char	 path[8192];

	snprintf(path, sizeof(path), "%s/%s", site, name);
	assert_int_equal(unlink(path), 0);
}

static enum vl_tpl_rc
expand(const char *file, struct vl_tpl *d, struct vl_buf *out, struct vl_buf *err)
{
	vl_buf_reset(out);
	vl_buf_reset(err);
	return vl_tpl_expand(file, VL_TPL_HTML, d, out, err);
}

static void
test_escape(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);
	static const struct {
		const char *val, *want;
	} vec[] = {
		{ "<script>", "<p>&lt;script&gt;</p>" },
		{ "a&b \"q\" 'x'", "<p>a&amp;b &quot;q&quot; &#39;x&#39;</p>" },
		{ NULL, "<p></p>" },
		{ "plain", "<p>plain</p>" },
	};
	size_t	 i;

	(void)state;
	put(deflt, "esc.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<p>{{V}}</p>");
	for (i = 0; i < NELEM(vec); i++) {
		vl_tpl_set(d, "V", vec[i].val);
		assert_int_equal(expand("esc.tpl", d, &out, &err), VL_TPL_OK);
		assert_string_equal(vl_buf_str(&out), vec[i].want);
	}
	put(deflt, "href.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<a href=\"{{U}}\">x</a>");
	vl_tpl_set(d, "U", "javascript:alert(1)");
	vl_tpl_reload_now();
	assert_int_equal(expand("href.tpl", d, &out, &err), VL_TPL_OK);
	assert_null(strstr(vl_buf_str(&out), "javascript:"));
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

static void
test_sections_includes(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool), *row, *inc;
	int		 i;

	(void)state;
	put(deflt, "inc.tpl", "{{%AUTOESCAPE context=\"HTML\"}}[{{X}}]");
	put(deflt, "page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{>INC}}"
	    "{{#ROW}}<i>{{N}}</i>{{/ROW}}{{#EMPTY}}none{{/EMPTY}}");
	vl_tpl_reload_now();
	inc = vl_tpl_include(d, "INC", "inc.tpl");
	vl_tpl_set(inc, "X", "<inc>");
	for (i = 0; i < 3; i++) {
		row = vl_tpl_section(d, "ROW");
		vl_tpl_set_int(row, "N", i);
	}
	assert_int_equal(expand("page.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "[&lt;inc&gt;]<i>0</i><i>1</i><i>2</i>");
	vl_tpl_show(d, "EMPTY");
	assert_int_equal(expand("page.tpl", d, &out, &err), VL_TPL_OK);
	assert_non_null(strstr(vl_buf_str(&out), "none"));
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

/* Integers are set as their decimal digits, the extremes included. */
static void
test_ints(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);
	static const struct {
		long long	 v;
		const char	*want;
	} vec[] = {
		{ 0, "<p>0</p>" },
		{ 7, "<p>7</p>" },
		{ -1, "<p>-1</p>" },
		{ 1234567890123LL, "<p>1234567890123</p>" },
		{ 9223372036854775807LL, "<p>9223372036854775807</p>" },
		{ -9223372036854775807LL - 1, "<p>-9223372036854775808</p>" },
	};
	size_t	 i;

	(void)state;
	put(deflt, "int.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<p>{{N}}</p>");
	vl_tpl_reload_now();
	for (i = 0; i < NELEM(vec); i++) {
		vl_tpl_set_int(d, "N", vec[i].v);
		assert_int_equal(expand("int.tpl", d, &out, &err), VL_TPL_OK);
		assert_string_equal(vl_buf_str(&out), vec[i].want);
	}
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

/*
 * Names are interned a process (tpl.cc): a name built in a reused buffer
 * must find its own value, never the one its buffer held before, and more
 * names than the table keeps still work (the slow way).
 */
static void
test_names(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);
	static const struct {
		const char	*name, *val;
	} vec[] = {
		{ "A", "one" }, { "B", "two" }, { "AB", "three" }, { "BA", "four" },
	};
	char		 name[32];
	size_t		 i;

	(void)state;
	put(deflt, "names.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{A}},{{B}},{{AB}},{{BA}}"
	    "{{#S_A}}[a]{{/S_A}}{{#S_B}}[b]{{/S_B}}|{{N4999}}|{{N0}}");
	vl_tpl_reload_now();
	for (i = 0; i < NELEM(vec); i++) {
		snprintf(name, sizeof(name), "%s", vec[i].name);
		vl_tpl_set(d, name, vec[i].val);
	}
	snprintf(name, sizeof(name), "S_%s", "B");
	vl_tpl_show(d, name);
	/* Past the table's bound: 5,000 more names, each still its own. */
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "N%zu", i);
		vl_tpl_set_int(d, name, (long long)i);
	}
	assert_int_equal(expand("names.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one,two,three,four[b]|4999|0");
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

static void
test_broken_and_reload(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);

	(void)state;
	vl_tpl_set(d, "V", "v");
	put(deflt, "edit.tpl", "{{%AUTOESCAPE context=\"HTML\"}}first {{V}}");
	vl_tpl_reload_now();
	assert_int_equal(expand("edit.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "first v");

	/* Without a reload the cached copy is used. */
	put(deflt, "edit.tpl", "{{%AUTOESCAPE context=\"HTML\"}}second {{V}}");
	assert_int_equal(expand("edit.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "first v");
	vl_tpl_reload_now();
	assert_int_equal(expand("edit.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "second v");

	/* A broken edit: an error naming the file, and no output. */
	put(deflt, "edit.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{#OPEN}}never closed");
	vl_tpl_reload_now();
	assert_int_equal(expand("edit.tpl", d, &out, &err), VL_TPL_SYNTAX);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(vl_buf_str(&err), "edit.tpl"));
	assert_non_null(strstr(vl_buf_str(&err), "ERROR"));

	/* Fixed on disk: the next reload brings it back. */
	put(deflt, "edit.tpl", "{{%AUTOESCAPE context=\"HTML\"}}third {{V}}");
	vl_tpl_reload_now();
	assert_int_equal(expand("edit.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "third v");

	/* Unsafe placement is refused when the template loads. */
	put(deflt, "unquoted.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<form action={{V}}></form>");
	vl_tpl_reload_now();
	assert_int_not_equal(expand("unquoted.tpl", d, &out, &err), VL_TPL_OK);
	assert_non_null(strstr(vl_buf_str(&err), "unquoted.tpl"));

	/* A broken include fails the page that includes it. */
	put(deflt, "badinc.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{/X}}");
	put(deflt, "outer.tpl", "{{%AUTOESCAPE context=\"HTML\"}}a{{>I}}b");
	vl_tpl_reload_now();
	vl_tpl_include(d, "I", "badinc.tpl");
	assert_int_equal(expand("outer.tpl", d, &out, &err), VL_TPL_EXPAND);
	assert_non_null(strstr(vl_buf_str(&err), "badinc.tpl"));
	/* The page is written into out as it expands: what came before the
	 * broken include ("a") is dropped, what out held before is kept. */
	assert_int_equal(out.len, 0);
	vl_buf_reset(&err);
	vl_buf_adds(&out, "held");
	assert_int_equal(vl_tpl_expand("outer.tpl", VL_TPL_HTML, d, &out, &err), VL_TPL_EXPAND);
	assert_string_equal(vl_buf_str(&out), "held");
	vl_buf_reset(&err);
	assert_int_equal(vl_tpl_expand("edit.tpl", VL_TPL_HTML, d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "heldthird v");

	assert_int_equal(expand("missing.tpl", d, &out, &err), VL_TPL_NOTFOUND);
	assert_non_null(strstr(vl_buf_str(&err), "missing.tpl"));
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

static void
test_site_override(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);

	(void)state;
	put(deflt, "over.tpl", "{{%AUTOESCAPE context=\"HTML\"}}default");
	vl_tpl_reload_now();
	assert_int_equal(expand("over.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "default");
	put(site, "site.tpl", "{{%AUTOESCAPE context=\"HTML\"}}site");
	assert_int_equal(expand("site.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "site");
	assert_int_equal(vl_tpl_check("over.tpl", VL_TPL_HTML, &err), VL_TPL_OK);
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(site, sizeof(site), "%s/site", root);
	snprintf(deflt, sizeof(deflt), "%s/default", root);
	if (mkdir(site, 0700) != 0 || mkdir(deflt, 0700) != 0)
		return -1;
	pool = vl_pool_new();
	return vl_tpl_init(site, deflt);
}

static int
teardown(void **state)
{
	char	 cmd[8300];

	(void)state;
	vl_pool_free(pool);
	vl_tpl_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd);
}

/* The calls of one small page, varied by which (0: none). */
static struct vl_tpl *
page_of(int which)
{
	struct vl_tpl	*d = vl_tpl_new(pool), *row, *inc;

	vl_tpl_set(d, "NAME", which == 1 ? "Dana AdmiN" : "Dana Admin");
	vl_tpl_set(d, which == 2 ? "NAMF" : "NAME2", "x");
	vl_tpl_set_int(d, "COUNT", which == 3 ? 13 : 12);
	row = vl_tpl_section(d, which == 4 ? "ROWS" : "ROW");
	vl_tpl_set(which == 5 ? d : row, "CELL", "a");
	if (which == 6) {
		vl_tpl_set(row, "CELL", "a");
		vl_tpl_set(row, "CELL", "");
	}
	if (which == 7)
		vl_tpl_show(d, "ROW");
	inc = vl_tpl_include(d, "HEADER", which == 8 ? "_other.tpl" : "_header.tpl");
	vl_tpl_set(inc, "TITLE", which == 9 ? "t" : NULL);	/* NULL is "" */
	if (which == 10)
		vl_tpl_set(d, "NAME", "Dana Admin");
	return d;
}

static void
test_digest(void **state)
{
	unsigned char	 a[32], b[32];
	int		 i;

	(void)state;
	vl_tpl_digest(page_of(0), "page.tpl", VL_TPL_HTML, a);
	vl_tpl_digest(page_of(0), "page.tpl", VL_TPL_HTML, b);
	assert_memory_equal(a, b, 32);
	for (i = 1; i <= 10; i++) {
		vl_tpl_digest(page_of(i), "page.tpl", VL_TPL_HTML, b);
		if (memcmp(a, b, 32) == 0)
			fail_msg("variation %d has the same digest", i);
	}
	vl_tpl_digest(page_of(0), "other.tpl", VL_TPL_HTML, b);
	assert_memory_not_equal(a, b, 32);
	vl_tpl_digest(page_of(0), "page.tpl", VL_TPL_TEXT, b);
	assert_memory_not_equal(a, b, 32);
	vl_pool_reset(pool);
}

/* Calls made after an expansion are in the next one. */
static void
test_calls_after_expansion(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);

	(void)state;
	put(deflt, "later.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{A}}{{#S}}[{{B}}]{{/S}}");
	vl_tpl_set(d, "A", "one");
	assert_int_equal(expand("later.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one");
	assert_int_equal(expand("later.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one");
	vl_tpl_set(vl_tpl_section(d, "S"), "B", "<b>");
	vl_tpl_set(d, "A", "two");
	assert_int_equal(expand("later.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "two[&lt;b&gt;]");
	assert_int_equal(vl_tpl_expand("later.tpl", VL_TPL_HTML, NULL, &out, &err), VL_TPL_NOMEM);
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

/* The kept pages' key: the dictionary and each template file the page
 * reads, wherever it is served from. */
static void
test_memo_key(void **state)
{
	unsigned char	 k0[32], k1[32], k2[32], k3[32], k4[32];
	struct vl_tpl	*d;

	(void)state;
	vl_conf.site_templates = site;
	vl_conf.templates = deflt;
	put(deflt, "memo.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{>HEADER}}{{NAME}}");
	put(deflt, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}head");
	vl_pagememo_forget();
	vl_pagememo_key(page_of(0), "memo.tpl", k0);
	vl_pagememo_key(page_of(0), "memo.tpl", k1);
	assert_memory_equal(k0, k1, 32);
	vl_pagememo_key(page_of(1), "memo.tpl", k1);
	assert_memory_not_equal(k0, k1, 32);
	/* The page's own file edited (seen at once after forget, else
	 * within a second), then an include's, then a site copy. */
	put(deflt, "memo.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{>HEADER}}{{NAME}}!");
	vl_pagememo_forget();
	vl_pagememo_key(page_of(0), "memo.tpl", k1);
	assert_memory_not_equal(k0, k1, 32);
	put(deflt, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}HEAD");
	vl_pagememo_forget();
	vl_pagememo_key(page_of(0), "memo.tpl", k2);
	assert_memory_not_equal(k1, k2, 32);
	put(site, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}HEAD");
	vl_pagememo_forget();
	vl_pagememo_key(page_of(0), "memo.tpl", k3);
	assert_memory_not_equal(k2, k3, 32);
	/* Within the second, what was seen stands (no stat a request). */
	put(site, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}HEAd");
	vl_pagememo_key(page_of(0), "memo.tpl", k4);
	assert_memory_equal(k3, k4, 32);
	d = page_of(0);
	vl_pagememo_key(d, "memo.tpl", k4);
	assert_memory_equal(k3, k4, 32);
	unlink_site("_header.tpl");
	vl_pagememo_forget();
	vl_pagememo_key(page_of(0), "memo.tpl", k4);
	assert_memory_equal(k2, k4, 32);
	vl_pool_reset(pool);
}

/* A page named by what its program read gives the key its calls made,
 * made again from the template files as they are now; an unknown name
 * gives none. */
static void
test_memo_alias(void **state)
{
	unsigned char	 name[32], other[32], k0[32], k1[32], k2[32];

	(void)state;
	memset(name, 7, sizeof(name));
	memset(other, 8, sizeof(other));
	vl_conf.site_templates = site;
	vl_conf.templates = deflt;
	put(deflt, "memo.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{>HEADER}}{{NAME}}");
	put(deflt, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}head");
	vl_pagememo_forget();
	assert_int_equal(vl_pagememo_alias_key(name, k1), 0);
	vl_pagememo_key(page_of(0), "memo.tpl", k0);
	vl_pagememo_alias_put(name);
	assert_int_equal(vl_pagememo_alias_key(name, k1), 1);
	assert_memory_equal(k0, k1, 32);
	assert_int_equal(vl_pagememo_alias_key(other, k1), 0);
	/* Another page's key named by another name leaves the first. */
	vl_pagememo_key(page_of(1), "memo.tpl", k2);
	vl_pagememo_alias_put(other);
	assert_int_equal(vl_pagememo_alias_key(other, k1), 1);
	assert_memory_equal(k1, k2, 32);
	assert_int_equal(vl_pagememo_alias_key(name, k1), 1);
	assert_memory_equal(k0, k1, 32);
	/* An include edited, seen after a second: the name gives the key
	 * the same calls make under the new text, not the old one. */
	put(deflt, "_header.tpl", "{{%AUTOESCAPE context=\"HTML\"}}HEAD");
	usleep(1100 * 1000);
	assert_int_equal(vl_pagememo_alias_key(name, k1), 1);
	assert_memory_not_equal(k0, k1, 32);
	vl_pagememo_key(page_of(0), "memo.tpl", k2);
	assert_memory_equal(k1, k2, 32);
	vl_pool_reset(pool);
}

/* A FastCGI process keeps four pages, the least recently read giving
 * way, and none too large. */
static void
test_memo_slots(void **state)
{
	unsigned char	 k[6][32];
	const char	*body;
	size_t		 len;
	char		*big;
	int		 i;

	(void)state;
	vl_pagememo_forget();
	for (i = 0; i < 6; i++)
		memset(k[i], i + 1, 32);
	for (i = 0; i < 4; i++)
		vl_pagememo_put(k[i], "page", 4);
	assert_int_equal(vl_pagememo_get(pool, k[0], &body, &len), 1);
	assert_int_equal(len, 4);
	assert_memory_equal(body, "page", 4);
	vl_pagememo_put(k[4], "five", 4);
	assert_int_equal(vl_pagememo_get(pool, k[1], &body, &len), 0);
	assert_int_equal(vl_pagememo_get(pool, k[0], &body, &len), 1);
	assert_int_equal(vl_pagememo_get(pool, k[4], &body, &len), 1);
	assert_memory_equal(body, "five", 4);
	big = calloc(1, 200 * 1024);
	vl_pagememo_put(k[5], big, 200 * 1024);
	free(big);
	assert_int_equal(vl_pagememo_get(pool, k[5], &body, &len), 0);
	vl_pagememo_forget();
	assert_int_equal(vl_pagememo_get(pool, k[0], &body, &len), 0);
	vl_pool_reset(pool);
}

/* The text of an edit made in the second of the one ctemplate read is
 * what a kept page's key names: ctemplate compares whole seconds, the key
 * nanoseconds (seen failing with fold_file asking ctemplate to reload
 * rather than to read the file again: "A" kept under B's key). */
static void
test_memo_same_second(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	unsigned char	 k[32];
	struct timeval	 tv[2];
	char		 path[8192];

	(void)state;
	vl_conf.site_templates = site;
	vl_conf.templates = deflt;
	snprintf(path, sizeof(path), "%s/second.tpl", deflt);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec += bump++;
	tv[0].tv_usec = 100000;
	put(deflt, "second.tpl", "A");
	tv[1] = tv[0];
	utimes(path, tv);
	assert_int_equal(expand("second.tpl", vl_tpl_new(pool), &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "A");
	put(deflt, "second.tpl", "B");
	tv[0].tv_usec = 600000;
	tv[1] = tv[0];
	utimes(path, tv);
	vl_tpl_reload_now();
	vl_pagememo_forget();
	assert_int_equal(vl_pagememo_key(vl_tpl_new(pool), "second.tpl", k), 1);
	assert_int_equal(expand("second.tpl", vl_tpl_new(pool), &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "B");
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

/* A page whose template changed between its key and its keeping (the
 * key names a state seen up to a second ago; ctemplate may have read the
 * file since) is not kept: its text is not the one the key names (seen
 * failing without the check in vl_pagememo_put). */
static void
test_memo_changed_before_kept(void **state)
{
	unsigned char	 k[32], k2[32];
	const char	*body;
	size_t		 len;

	(void)state;
	vl_conf.site_templates = site;
	vl_conf.templates = deflt;
	put(deflt, "kept.tpl", "one");
	vl_pagememo_forget();
	assert_int_equal(vl_pagememo_key(page_of(0), "kept.tpl", k), 1);
	put(deflt, "kept.tpl", "two");
	vl_pagememo_put(k, "two", 3);
	assert_int_equal(vl_pagememo_get(pool, k, &body, &len), 0);
	/* Unchanged, it is kept; and so is a key not made here (the slots'
	 * own test). */
	vl_pagememo_forget();
	assert_int_equal(vl_pagememo_key(page_of(0), "kept.tpl", k2), 1);
	assert_memory_not_equal(k, k2, 32);
	vl_pagememo_put(k2, "two", 3);
	assert_int_equal(vl_pagememo_get(pool, k2, &body, &len), 1);
	vl_pagememo_forget();
	vl_pool_reset(pool);
}

/* A page reading a file the process cannot remember (a long name, or
 * more files than it keeps) could see it change unseen: not kept. */
static void
test_memo_unseen(void **state)
{
	unsigned char	 k[32];
	struct vl_tpl	*d;
	char		 name[80];
	int		 i;

	(void)state;
	vl_pagememo_forget();
	d = vl_tpl_new(pool);
	vl_tpl_include(d, "A", "_header.tpl");
	assert_int_equal(vl_pagememo_key(d, "memo.tpl", k), 1);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	vl_tpl_include(d, "B", name);
	assert_int_equal(vl_pagememo_key(d, "memo.tpl", k), 0);
	vl_pagememo_forget();
	d = vl_tpl_new(pool);
	for (i = 0; i < 15; i++)
		vl_tpl_include(d, "I", vl_pool_printf(pool, "_%d.tpl", i));
	assert_int_equal(vl_pagememo_key(d, "memo.tpl", k), 1);
	vl_tpl_include(d, "I", "_15.tpl");
	assert_int_equal(vl_pagememo_key(d, "memo.tpl", k), 0);
	vl_pagememo_forget();
	vl_pool_reset(pool);
}

/* Marked at most once a second: an edit shows after the second, not before. */
static void
test_reload_once_a_second(void **state)
{
	struct vl_buf	 out = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_tpl	*d = vl_tpl_new(pool);

	(void)state;
	vl_tpl_set(d, "V", "v");
	put(deflt, "second.tpl", "{{%AUTOESCAPE context=\"HTML\"}}one {{V}}");
	vl_tpl_reload_at(1000000);
	assert_int_equal(expand("second.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one v");
	put(deflt, "second.tpl", "{{%AUTOESCAPE context=\"HTML\"}}two {{V}}");
	vl_tpl_reload_at(1000400);
	assert_int_equal(expand("second.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one v");
	vl_tpl_reload_at(1000999);
	assert_int_equal(expand("second.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "one v");
	vl_tpl_reload_at(1001000);
	assert_int_equal(expand("second.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "two v");
	/* A clock that went back (another process's test, a restart): marked. */
	put(deflt, "second.tpl", "{{%AUTOESCAPE context=\"HTML\"}}three {{V}}");
	vl_tpl_reload_at(5);
	assert_int_equal(expand("second.tpl", d, &out, &err), VL_TPL_OK);
	assert_string_equal(vl_buf_str(&out), "three v");
	vl_pool_reset(pool);
	vl_buf_release(&out);
	vl_buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_sections_includes),
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_broken_and_reload),
		cmocka_unit_test(test_reload_once_a_second),
		cmocka_unit_test(test_site_override),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_calls_after_expansion),
		cmocka_unit_test(test_memo_key),
		cmocka_unit_test(test_memo_alias),
		cmocka_unit_test(test_memo_slots),
		cmocka_unit_test(test_memo_same_second),
		cmocka_unit_test(test_memo_unseen),
		cmocka_unit_test(test_memo_changed_before_kept),
	};

	return cmocka_run_group_tests_name("tpl", tests, setup, teardown);
}
