/* conf.c: the configuration parser, accepted and refused files. */
#include "vectors.h"
#include "internal.h"

#include <unistd.h>

#define LONG10	"abcdefghij"
#define LONG190	LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 \
		LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10
#define LONG200	LONG190 LONG10
#define SECRET "secret = 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"

static const struct {
	const char	*text;
	enum vl_rc	 rc;
	const char	*errpart;
} vec[] = {
	{ "", VL_OK, NULL },
	{ "# comment only\n\n", VL_OK, NULL },
	{ SECRET "db_name = vellum_test\nsession_idle = 5\n", VL_OK, NULL },
	{ "db_name=x", VL_OK, NULL },
	{ "  db_name  =  spaced  # trailing comment\n", VL_OK, NULL },
	{ "nonsense = 1\n", VL_INVALID, "unknown key" },
	{ "db_name\n", VL_INVALID, "expected key = value" },
	{ "session_idle = abc\n", VL_INVALID, "must be a number" },
	{ "session_idle = 0\n", VL_INVALID, "must be a number" },
	{ "db_port = 70000\n", VL_INVALID, "line 1" },
	{ "db_name = a\n\nsession_idle = -1\n", VL_INVALID, "line 3" },
	{ "secret = short\n", VL_INVALID, "64 hex" },
	{ "secret = zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", VL_INVALID, "64 hex" },
	{ "; a comment too\n\t# and an indented one\n", VL_OK, NULL },
	{ "db_name = x\r\nsession_idle = 5\r\n", VL_OK, NULL },
	{ "session_idle = 5 # minutes? no: seconds\n", VL_OK, NULL },
	{ "session_idle = 5x\n", VL_INVALID, "line 1: session_idle must be a number from 1 to 86400" },
	{ "nonsense = 1\ndb_name\n", VL_INVALID, "line 1: unknown key \"nonsense\"" },
	{ "db_name = a\n\ndb_name\nnonsense = 1\n", VL_INVALID, "line 3: expected key = value" },
	{ "= value\n", VL_INVALID, "line 1: " },
	{ "[vellum]\ndb_name = x\n", VL_INVALID, "line 1: sections are not used" },
	{ "db_name = x\n  [vellum]\n", VL_INVALID, "line 2: sections are not used" },
	/* A line longer than the reader takes is refused, never split. */
	{ "db_name = x\nstore = /" LONG200 "\n", VL_INVALID, "line 2: longer than" },
	{ "store = /" LONG190 "\n", VL_OK, NULL },
	/* Quoted values: closed, and nothing but a comment after them. */
	{ "db_password = \"a #b;c\"\n", VL_OK, NULL },
	{ "db_password = \"a #b;c\"  # why\n", VL_OK, NULL },
	{ "db_password = \"open\n", VL_INVALID, "line 1: a quoted value without its closing quote" },
	{ "db_name = x\ndb_password = \"a\" b\n", VL_INVALID, "line 2: text after a quoted value's closing quote" },
	{ "# db_password = \"not closed, but a comment\n", VL_OK, NULL },
	{ "session_idle = \"60\"\n", VL_OK, NULL },
	{ "session_idle = \"6 0\"\n", VL_INVALID, "must be a number" },
};

static void
test_vectors(void **state)
{
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		vl_conf_defaults(&c);
		vl_buf_reset(&err);
		enum vl_rc rc = vl_conf_parse(&c, vec[i].text, &err);
		if (rc != vec[i].rc)
			fail_msg("vector %zu: rc %d, want %d (%s)", i, rc, vec[i].rc, vl_buf_str(&err));
		if (vec[i].errpart && strstr(vl_buf_str(&err), vec[i].errpart) == NULL)
			fail_msg("vector %zu: error \"%s\" lacks \"%s\"", i, vl_buf_str(&err), vec[i].errpart);
		vl_conf_free(&c);
	}
	vl_buf_release(&err);
}

static void
test_values(void **state)
{
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	vl_conf_defaults(&c);
	assert_int_equal(c.session_idle, 1800);
	assert_int_equal(c.session_max, 43200);
	assert_int_equal(c.reset_ttl, 1800);
	assert_int_equal(c.cookie_secure, 1);
	assert_int_equal(vl_conf_parse(&c, SECRET "db_name = other\nsession_idle = 7\n"
	    "cookie_secure = 0\n", &err), VL_OK);
	assert_string_equal(c.db_name, "other");
	assert_int_equal(c.session_idle, 7);
	assert_int_equal(c.cookie_secure, 0);
	assert_int_equal(c.secret[0], 0x00);
	assert_int_equal(c.secret[1], 0x11);
	assert_int_equal(c.secret[31], 0xff);
	vl_conf_free(&c);
	vl_buf_release(&err);
}

/* The values as read: comments, blanks and line ends are not part of them. */
static void
test_read_values(void **state)
{
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	vl_conf_defaults(&c);
	assert_int_equal(vl_conf_parse(&c, "\xef\xbb\xbf" "db_name = first\r\n"
	    "  db_user  =  spaced  # trailing comment\n"
	    "db_password = pa#ss;word\n"
	    "smtp_password = two words ; comment\n"
	    "smtp_user =\n"
	    "  session_max = 99\n"
	    "store = /" LONG190 "\n"
	    "db_name = last wins\n", &err), VL_OK);
	assert_string_equal(c.db_name, "last wins");
	assert_string_equal(c.db_user, "spaced");
	assert_string_equal(c.db_password, "pa#ss;word");
	assert_string_equal(c.smtp_password, "two words");
	assert_string_equal(c.smtp_user, "");
	assert_int_equal(c.session_max, 99);
	assert_string_equal(c.store, "/" LONG190);
	vl_conf_free(&c);
	vl_buf_release(&err);
}

/* '#' and ';' in a value: kept when not after a blank, always when quoted;
 * the rules docs/administration.md gives. */
static void
test_quoted_values(void **state)
{
	static const struct {
		const char	*line, *want;
	} q[] = {
		{ "db_password = pa#ss;word\n", "pa#ss;word" },
		{ "db_password = pa #ss\n", "pa" },
		{ "db_password = pa ;ss\n", "pa" },
		{ "db_password = \"pa #ss ;word\"\n", "pa #ss ;word" },
		{ "db_password = \"  blanks kept  \"\n", "  blanks kept  " },
		{ "db_password = \"say \\\"hi\\\" \\\\ done\"\n", "say \"hi\" \\ done" },
		{ "db_password = \"#\" ; a comment\n", "#" },
		{ "db_password = \"\"\n", "" },
		{ "db_password = \"crlf # ok\"\r\n", "crlf # ok" },
		{ "db_password = a\"b\n", "a\"b" },
		/* docs/administration.md's example, as printed there. */
		{ "db_password = \"k3#x ;Q\\\"w\"        # the password is  k3#x ;Q\"w\n", "k3#x ;Q\"w" },
	};
	struct vl_conf	 c;
	struct vl_buf	 err = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(q); i++) {
		vl_conf_defaults(&c);
		vl_buf_reset(&err);
		if (vl_conf_parse(&c, q[i].line, &err) != VL_OK)
			fail_msg("quoted %zu: %s", i, vl_buf_str(&err));
		if (c.db_password == NULL || strcmp(c.db_password, q[i].want) != 0)
			fail_msg("quoted %zu: got \"%s\", want \"%s\"", i,
			    c.db_password ? c.db_password : "(null)", q[i].want);
		vl_conf_free(&c);
	}
	vl_buf_release(&err);
}

/* Relative paths are read from the config file's directory, absolute ones
 * kept, empty optional ones left empty: an unpacked tarball's config says
 * templates = templates and magic = share/magic.mgc wherever it lies. */
static void
test_paths_beside_the_file(void **state)
{
	static const struct {
		const char	*text;
		const char	*templates, *site, *magic, *ca, *store;
	} v[] = {
		{ "templates = templates\nmagic = share/magic.mgc\nsite_templates = site\n"
		  "smtp_ca_file = ca.pem\n", "D/templates", "D/site", "D/share/magic.mgc", "D/ca.pem",
		  "D/store" },
		{ "templates = /opt/t\nmagic = /usr/lib/file/magic.mgc\nstore = /srv/s\n",
		  "/opt/t", NULL, "/usr/lib/file/magic.mgc", NULL, "/srv/s" },
		{ "site_templates =\nsmtp_ca_file =\n", "D/templates", "", NULL, "", "D/store" },
	};
	char		 dir[] = "/tmp/vellum-conf-XXXXXX", path[64], want[128];
	const char	*got[5], *exp[5];
	struct vl_buf	 err = VL_BUF_INIT;
	FILE		*f;
	size_t		 i, k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/vellum.conf", dir);
	for (i = 0; i < NELEM(v); i++) {
		assert_non_null(f = fopen(path, "w"));
		fprintf(f, "secret = %064d\n%s", 0, v[i].text);
		fclose(f);
		vl_buf_reset(&err);
		if (vl_conf_load(path, &err) != VL_OK)
			fail_msg("paths %zu: %s", i, vl_buf_str(&err));
		got[0] = vl_conf.templates, got[1] = vl_conf.site_templates, got[2] = vl_conf.magic;
		got[3] = vl_conf.smtp_ca_file, got[4] = vl_conf.store;
		exp[0] = v[i].templates, exp[1] = v[i].site, exp[2] = v[i].magic;
		exp[3] = v[i].ca, exp[4] = v[i].store;
		for (k = 0; k < 5; k++) {
			if (exp[k] == NULL) {
				if (got[k] != NULL)
					fail_msg("paths %zu.%zu: got %s, want none", i, k, got[k]);
				continue;
			}
			if (exp[k][0] == 'D')
				snprintf(want, sizeof(want), "%s%s", dir, exp[k] + 1);
			else
				snprintf(want, sizeof(want), "%s", exp[k]);
			if (got[k] == NULL || strcmp(got[k], want) != 0)
				fail_msg("paths %zu.%zu: got %s, want %s", i, k, got[k] ? got[k] : "(none)", want);
		}
	}
	vl_conf_free(&vl_conf);
	vl_buf_release(&err);
	unlink(path);
	rmdir(dir);
}

static void
test_load_missing(void **state)
{
	struct vl_buf	 err = VL_BUF_INIT;

	(void)state;
	assert_int_equal(vl_conf_load("/nonexistent/vellum.conf", &err), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&err), "/nonexistent/vellum.conf"));
	vl_conf_free(&vl_conf);
	vl_buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_read_values),
		cmocka_unit_test(test_quoted_values),
		cmocka_unit_test(test_paths_beside_the_file),
		cmocka_unit_test(test_load_missing),
	};

	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
