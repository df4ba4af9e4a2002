/*
 * Intake forms' pure rules (lib/formval.c), driven by tables: each field
 * type's answers accepted and refused with their codes, the builder's
 * options, which targets a type may fill, the merge of an answer into a
 * mapped contact or matter field, and the parser of posted answers.
 */
#include "vectors.h"

#include "internal.h"
#include "formval.h"

#define OPTS	"Red\nGreen\nBlue"

static const struct {
	enum vl_ffield_kind	 kind;
	int			 required;
	const char		*value;
	const char		*want;		/* NULL: accepted */
} checks[] = {
	/* Any type: not answered is fine unless required. */
	{ VL_FF_TEXT, 0, NULL, NULL }, { VL_FF_TEXT, 0, "", NULL },
	{ VL_FF_TEXT, 1, NULL, "missing" }, { VL_FF_TEXT, 1, "", "missing" },
	{ VL_FF_FILE, 1, NULL, "missing" }, { VL_FF_FILE, 1, "report.pdf", NULL },
	{ VL_FF_CHOICE, 1, "", "missing" }, { VL_FF_YESNO, 1, NULL, "missing" },
	/* Text: one line, 500 bytes, UTF-8. */
	{ VL_FF_TEXT, 1, "Fiona Smith", NULL }, { VL_FF_TEXT, 0, "Zoë Ångström", NULL },
	{ VL_FF_TEXT, 0, "two\nlines", "line" }, { VL_FF_TEXT, 0, "cr\rhere", "line" },
	{ VL_FF_TEXT, 0, "bad \xff byte", "invalid" }, { VL_FF_TEXT, 0, "\xc3", "invalid" },
	{ VL_FF_LONGTEXT, 0, "two\nlines\nthree", NULL },
	/* Email. */
	{ VL_FF_EMAIL, 0, "a@b.co", NULL }, { VL_FF_EMAIL, 0, "name@example.com", NULL },
	{ VL_FF_EMAIL, 0, "not-an-address", "invalid" }, { VL_FF_EMAIL, 0, "a@", "invalid" },
	{ VL_FF_EMAIL, 0, "@b.co", "invalid" }, { VL_FF_EMAIL, 0, "a b@c.de", "invalid" },
	{ VL_FF_EMAIL, 0, "  A@B.co \t", NULL }, { VL_FF_EMAIL, 0, " \t ", "invalid" },
	/* Phone: digits and + ( ) - . / and blanks, 3 to 20 digits, 40 bytes. */
	{ VL_FF_PHONE, 0, "+44 20 7946 0000", NULL }, { VL_FF_PHONE, 0, "(555) 123-4567", NULL },
	{ VL_FF_PHONE, 0, "555.1234", NULL }, { VL_FF_PHONE, 0, "12", "invalid" },
	{ VL_FF_PHONE, 0, "call me", "invalid" }, { VL_FF_PHONE, 0, "+1 555 0100 ext 2", "invalid" },
	{ VL_FF_PHONE, 0, "123456789012345678901", "invalid" },
	{ VL_FF_PHONE, 0, "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1", "invalid" },
	/* Date: the calendar's, 1900 to 9999. */
	{ VL_FF_DATE, 0, "2026-01-15", NULL }, { VL_FF_DATE, 0, "2024-02-29", NULL },
	{ VL_FF_DATE, 0, "2026-02-29", "invalid" }, { VL_FF_DATE, 0, "1900-02-29", "invalid" },
	{ VL_FF_DATE, 0, "2026-13-01", "invalid" }, { VL_FF_DATE, 0, "15/01/2026", "invalid" },
	{ VL_FF_DATE, 0, "1899-12-31", "invalid" }, { VL_FF_DATE, 0, "2026-01-15T00", "invalid" },
	/* Number: digits, one point, a sign. */
	{ VL_FF_NUMBER, 0, "42", NULL }, { VL_FF_NUMBER, 0, "-3.5", NULL },
	{ VL_FF_NUMBER, 0, "1250.50", NULL }, { VL_FF_NUMBER, 0, "1,000", "invalid" },
	{ VL_FF_NUMBER, 0, "1e5", "invalid" }, { VL_FF_NUMBER, 0, ".5", "invalid" },
	{ VL_FF_NUMBER, 0, "5.", "invalid" }, { VL_FF_NUMBER, 0, "--1", "invalid" },
	{ VL_FF_NUMBER, 0, "0x10", "invalid" }, { VL_FF_NUMBER, 0, " 1", "invalid" },
	{ VL_FF_NUMBER, 0, "1234567890123456789", "invalid" },
	/* Choice: one option, exactly. */
	{ VL_FF_CHOICE, 0, "Green", NULL }, { VL_FF_CHOICE, 0, "green", "option" },
	{ VL_FF_CHOICE, 0, "Gree", "option" }, { VL_FF_CHOICE, 0, "Red\nBlue", "option" },
	{ VL_FF_CHOICE, 0, "Purple", "option" },
	/* Several: each an option, none twice. */
	{ VL_FF_MULTI, 0, "Red\nBlue", NULL }, { VL_FF_MULTI, 0, "Blue", NULL },
	{ VL_FF_MULTI, 0, "Red\nRed", "option" }, { VL_FF_MULTI, 0, "Red\nPink", "option" },
	{ VL_FF_MULTI, 0, "Red\n", "option" },
	/* Yes or no. */
	{ VL_FF_YESNO, 0, "yes", NULL }, { VL_FF_YESNO, 0, "no", NULL },
	{ VL_FF_YESNO, 0, "Yes", "invalid" }, { VL_FF_YESNO, 0, "maybe", "invalid" },
	/* Not a type. */
	{ VL_FF__MAX, 0, "x", "invalid" },
};

static void
test_checks(void **state)
{
	const char	*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(checks); i++) {
		got = vl_ffield_check(checks[i].kind, checks[i].required, OPTS, checks[i].value);
		if ((got == NULL) != (checks[i].want == NULL) ||
		    (got != NULL && strcmp(got, checks[i].want) != 0))
			fail_msg("%zu: %s \"%s\" gave %s, want %s", i,
			    checks[i].kind < VL_FF__MAX ? vl_ffield_kinds[checks[i].kind] : "?",
			    checks[i].value ? checks[i].value : "(null)", got ? got : "ok",
			    checks[i].want ? checks[i].want : "ok");
	}
}

static void
test_lengths(void **state)
{
	char	 big[VL_FF_LONG_MAX + 2];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_string_equal(vl_ffield_check(VL_FF_LONGTEXT, 0, "", big), "long");
	big[VL_FF_LONG_MAX] = '\0';
	assert_null(vl_ffield_check(VL_FF_LONGTEXT, 0, "", big));
	big[VL_FF_TEXT_MAX + 1] = '\0';
	assert_string_equal(vl_ffield_check(VL_FF_TEXT, 0, "", big), "long");
	big[VL_FF_TEXT_MAX] = '\0';
	assert_null(vl_ffield_check(VL_FF_TEXT, 0, "", big));
	memset(big, 'a', 300);
	memcpy(big + 244, "@example.com", 13);
	assert_string_equal(vl_ffield_check(VL_FF_EMAIL, 0, "", big), "long");
}

static const struct {
	enum vl_ffield_kind	 kind;
	const char		*text, *want, *code;
} options[] = {
	{ VL_FF_CHOICE, "Red\nGreen", "Red\nGreen", NULL },
	{ VL_FF_CHOICE, "  Red  \r\n\r\nGreen\t\nRed\n", "Red\nGreen", NULL },
	{ VL_FF_MULTI, "One", "One", NULL },
	{ VL_FF_CHOICE, "", NULL, "options_missing" },
	{ VL_FF_CHOICE, NULL, NULL, "options_missing" },
	{ VL_FF_MULTI, " \n\t\n", NULL, "options_missing" },
	{ VL_FF_CHOICE, "bad \xff", NULL, "options_invalid" },
	{ VL_FF_TEXT, "ignored", "", NULL },
	{ VL_FF_FILE, NULL, "", NULL },
};

static void
test_options(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_buf	 b = VL_BUF_INIT;
	const char	*code;
	char		*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(options); i++) {
		got = vl_ffield_options(pool, options[i].kind, options[i].text, &code);
		if ((got == NULL) != (options[i].want == NULL) ||
		    (got != NULL && strcmp(got, options[i].want) != 0) ||
		    (code == NULL) != (options[i].code == NULL) ||
		    (code != NULL && strcmp(code, options[i].code) != 0))
			fail_msg("options %zu: gave \"%s\" %s", i, got ? got : "(null)",
			    code ? code : "");
	}
	/* 50 options are fine, 51 are not; an option of 201 bytes neither. */
	for (i = 0; i < VL_FF_OPTIONS_MAX; i++)
		vl_buf_addf(&b, "option %zu\n", i);
	assert_non_null(vl_ffield_options(pool, VL_FF_CHOICE, vl_buf_str(&b), &code));
	vl_buf_adds(&b, "one more");
	assert_null(vl_ffield_options(pool, VL_FF_CHOICE, vl_buf_str(&b), &code));
	assert_string_equal(code, "options_long");
	vl_buf_reset(&b);
	for (i = 0; i <= VL_FF_OPTION_MAX; i++)
		vl_buf_addc(&b, 'x');
	assert_null(vl_ffield_options(pool, VL_FF_MULTI, vl_buf_str(&b), &code));
	assert_string_equal(code, "options_long");
	vl_buf_release(&b);
	vl_pool_free(pool);
}

static void
test_fits(void **state)
{
	static const char *const want[VL_FF__MAX] = {
		/* none name phone address description email birth matter-field */
		[VL_FF_TEXT] = "11111001", [VL_FF_LONGTEXT] = "10011000", [VL_FF_EMAIL] = "10000101",
		[VL_FF_PHONE] = "10100001", [VL_FF_DATE] = "10000011", [VL_FF_NUMBER] = "10000001",
		[VL_FF_CHOICE] = "10000001", [VL_FF_MULTI] = "10000000", [VL_FF_YESNO] = "10000001",
		[VL_FF_FILE] = "10000000",
	};
	size_t	 k, m;

	(void)state;
	for (k = 0; k < VL_FF__MAX; k++)
		for (m = 0; m < VL_FMAP__MAX; m++)
			if (vl_fmap_fits((enum vl_ffield_kind)k, (enum vl_fmap)m) != (want[k][m] == '1'))
				fail_msg("%s -> %s", vl_ffield_kinds[k], vl_fmaps[m]);
	assert_false(vl_fmap_fits(VL_FF__MAX, VL_FMAP_NONE));
	assert_false(vl_fmap_fits(VL_FF_TEXT, VL_FMAP__MAX));
	for (k = 0; k < VL_FF__MAX; k++)
		assert_int_equal(vl_ffield_kind_of(vl_ffield_kinds[k]), k);
	for (m = 0; m < VL_FMAP__MAX; m++)
		assert_int_equal(vl_fmap_of(vl_fmaps[m]), m);
	assert_int_equal(vl_fmap_of(NULL), VL_FMAP_NONE);
	assert_int_equal(vl_fmap_of("contact_mail"), VL_FMAP__MAX);
	assert_int_equal(vl_ffield_kind_of("Text"), VL_FF__MAX);
	assert_int_equal(vl_ffield_kind_of(NULL), VL_FF__MAX);
}

static const struct {
	enum vl_fmap	 map;
	const char	*old, *answer, *want;	/* want NULL: unchanged */
} merges[] = {
	{ VL_FMAP_CONTACT_NAME, "Fiona", "Fiona Smith", "Fiona Smith" },
	{ VL_FMAP_CONTACT_NAME, "Fiona", "Fiona", NULL },
	{ VL_FMAP_CONTACT_NAME, "Fiona", "", NULL },
	{ VL_FMAP_CONTACT_NAME, "Fiona", NULL, NULL },
	{ VL_FMAP_CONTACT_ADDRESS, "Old Street 1", "New Road 2\nLondon", "New Road 2\nLondon" },
	{ VL_FMAP_CONTACT_ADDRESS, NULL, "Here", "Here" },
	{ VL_FMAP_MATTER_DESCRIPTION, "Matter X", "Slipped on ice", "Slipped on ice" },
	/* A phone number is added as a line, unless it is one already. */
	{ VL_FMAP_CONTACT_PHONE, "", "+44 1", "+44 1" },
	{ VL_FMAP_CONTACT_PHONE, "+44 1", "+44 2", "+44 1\n+44 2" },
	{ VL_FMAP_CONTACT_PHONE, "+44 1\n+44 2", "+44 2", NULL },
	{ VL_FMAP_CONTACT_PHONE, "+44 1\n+44 2", "+44", "+44 1\n+44 2\n+44" },
	/* An email is added as a line, trimmed and lower-cased, unless the
	 * contact has it already in any case. */
	{ VL_FMAP_CONTACT_EMAIL, "", "new@example.com", "new@example.com" },
	{ VL_FMAP_CONTACT_EMAIL, "a@x.test", "  New@Example.COM \t", "a@x.test\nnew@example.com" },
	{ VL_FMAP_CONTACT_EMAIL, "a@x.test\nb@x.test", "B@X.test", NULL },
	{ VL_FMAP_CONTACT_EMAIL, "a@x.test\nb@x.test", " b@x.test ", NULL },
	{ VL_FMAP_CONTACT_EMAIL, "ab@x.test", "b@x.test", "ab@x.test\nb@x.test" },
	{ VL_FMAP_CONTACT_EMAIL, "a@x.test", "   ", NULL },
	/* A date of birth or a matter field is replaced; one line only. */
	{ VL_FMAP_CONTACT_BIRTH, "", "1980-04-30", "1980-04-30" },
	{ VL_FMAP_CONTACT_BIRTH, "1980-04-30", "1980-04-30", NULL },
	{ VL_FMAP_CONTACT_BIRTH, "1980-04-30", "1981-01-01", "1981-01-01" },
	{ VL_FMAP_CONTACT_BIRTH, "1980-04-30", "", NULL },
	{ VL_FMAP_MATTER_FIELD, "", "CV-2026-1", "CV-2026-1" },
	{ VL_FMAP_MATTER_FIELD, "CV-1", "CV-1", NULL },
	{ VL_FMAP_MATTER_FIELD, "CV-1", "CV-2\nmore", NULL },
	{ VL_FMAP_NONE, "a", "b", NULL },
	{ VL_FMAP__MAX, "a", "b", NULL },
};

static void
test_merge(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		 big[600];
	char		*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(merges); i++) {
		got = vl_fmap_merge(pool, merges[i].map, merges[i].old, merges[i].answer);
		if ((got == NULL) != (merges[i].want == NULL) ||
		    (got != NULL && strcmp(got, merges[i].want) != 0))
			fail_msg("merge %zu gave \"%s\"", i, got ? got : "(null)");
	}
	/* Past the column: left as it was (a name holds 200 bytes, a
	 * description 500). */
	memset(big, 'n', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[201] = '\0';
	assert_null(vl_fmap_merge(pool, VL_FMAP_CONTACT_NAME, "x", big));
	big[200] = '\0';
	assert_non_null(vl_fmap_merge(pool, VL_FMAP_CONTACT_NAME, "x", big));
	memset(big, 'd', sizeof(big) - 1);
	assert_null(vl_fmap_merge(pool, VL_FMAP_MATTER_DESCRIPTION, "x", big));
	/* A matter field holds 500 bytes. */
	assert_null(vl_fmap_merge(pool, VL_FMAP_MATTER_FIELD, "x", big));
	big[VL_MFIELD_VALUE_MAX] = '\0';
	assert_non_null(vl_fmap_merge(pool, VL_FMAP_MATTER_FIELD, "x", big));
	vl_pool_free(pool);
}

static const struct {
	const char	*choice;
	enum vl_fmap	 map;
	int64_t		 field;
} choices[] = {
	{ "", VL_FMAP_NONE, 0 },
	{ NULL, VL_FMAP_NONE, 0 },
	{ "contact_name", VL_FMAP_CONTACT_NAME, 0 },
	{ "contact_email", VL_FMAP_CONTACT_EMAIL, 0 },
	{ "contact_birth", VL_FMAP_CONTACT_BIRTH, 0 },
	{ "matter_field:1", VL_FMAP_MATTER_FIELD, 1 },
	{ "matter_field:42", VL_FMAP_MATTER_FIELD, 42 },
	{ "matter_field:9223372036854775807", VL_FMAP_MATTER_FIELD, INT64_MAX },
	/* No id, a bad one, one past int64, anything after it. */
	{ "matter_field", VL_FMAP__MAX, 0 },
	{ "matter_field:", VL_FMAP__MAX, 0 },
	{ "matter_field:0", VL_FMAP__MAX, 0 },
	{ "matter_field:012", VL_FMAP__MAX, 0 },
	{ "matter_field:-3", VL_FMAP__MAX, 0 },
	{ "matter_field:+3", VL_FMAP__MAX, 0 },
	{ "matter_field:3x", VL_FMAP__MAX, 0 },
	{ "matter_field:3 ", VL_FMAP__MAX, 0 },
	{ "matter_field:9223372036854775808", VL_FMAP__MAX, 0 },
	{ "matter_field:99999999999999999999999", VL_FMAP__MAX, 0 },
	{ "Matter_field:3", VL_FMAP__MAX, 0 },
	{ "contact_name:3", VL_FMAP__MAX, 0 },
};

static void
test_choice(void **state)
{
	int64_t	 field;
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(choices); i++) {
		field = -1;
		if (vl_fmap_parse(choices[i].choice, &field) != choices[i].map ||
		    field != choices[i].field)
			fail_msg("choice %zu (\"%s\") gave %lld", i,
			    choices[i].choice ? choices[i].choice : "(null)", (long long)field);
	}
}

static const struct {
	const char	*dob, *want;
} births[] = {
	{ "", NULL },
	{ NULL, NULL },
	{ "1980-04-30", NULL },
	{ "2026-06-15", NULL },		/* today */
	{ "2026-06-16", "dob_future" },
	{ "2099-01-01", "dob_future" },
	{ "1900-01-01", NULL },
	{ "1899-12-31", "dob_invalid" },
	{ "2000-02-29", NULL },
	{ "2023-02-29", "dob_invalid" },
	{ "1900-02-29", "dob_invalid" },
	{ "1980-13-01", "dob_invalid" },
	{ "1980-04-31", "dob_invalid" },
	{ "30/04/1980", "dob_invalid" },
	{ "1980-4-30", "dob_invalid" },
	{ "1980-04-30x", "dob_invalid" },
	{ " 1980-04-30", "dob_invalid" },
};

static const struct {
	const char	*value, *want;
} field_values[] = {
	{ NULL, NULL },
	{ "", NULL },
	{ "CV-2026-0042", NULL },
	{ "Ünïcödé ok", NULL },
	{ "two\nlines", "value_line" },
	{ "carriage\rreturn", "value_line" },
	{ "\xff\xfe", "value_invalid" },
	{ "\xc3", "value_invalid" },
};

static void
test_birth_value(void **state)
{
	char	 big[VL_MFIELD_VALUE_MAX + 2];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(births); i++) {
		const char *got = vl_birth_check(births[i].dob, "2026-06-15");
		if ((got == NULL) != (births[i].want == NULL) ||
		    (got != NULL && strcmp(got, births[i].want) != 0))
			fail_msg("birth %zu (%s) gave %s", i, births[i].dob ? births[i].dob : "(null)",
			    got ? got : "(null)");
	}
	for (i = 0; i < NELEM(field_values); i++) {
		const char *got = vl_mfield_value_check(field_values[i].value);
		if ((got == NULL) != (field_values[i].want == NULL) ||
		    (got != NULL && strcmp(got, field_values[i].want) != 0))
			fail_msg("value %zu gave %s", i, got ? got : "(null)");
	}
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_string_equal(vl_mfield_value_check(big), "value_long");
	big[VL_MFIELD_VALUE_MAX] = '\0';
	assert_null(vl_mfield_value_check(big));
}

static const struct {
	const char	*body;
	const char	*want[3];	/* fields 7 (text), 8 (multi), 9 (longtext) */
} parses[] = {
	{ "f7=a&f8=Red&f9=x", { "a", "Red", "x" } },
	{ "f8=Red&f8=Blue&f8=Green", { NULL, "Red\nBlue\nGreen", NULL } },
	{ "f7=first&f7=second", { "first", NULL, NULL } },
	{ "f9=one%0D%0Atwo%0Dthree%0Afour", { NULL, NULL, "one\ntwo\nthree\nfour" } },
	{ "f7=", { "", NULL, NULL } },
	{ "f8=&f8=Red", { NULL, "Red", NULL } },
	{ "f07=x&F7=y&f7x=z&f=1&f-7=2&f99=3&g7=4&op=save&csrf=t", { NULL, NULL, NULL } },
	{ "f7=nul%00cut", { "nul", NULL, NULL } },
	{ "f9223372036854775808=x&f9223372036854775807=y", { NULL, NULL, NULL } },
	{ "", { NULL, NULL, NULL } },
};

static void
test_parse(void **state)
{
	static const int64_t		 ids[] = { 7, 8, 9 };
	static const enum vl_ffield_kind kinds[] = { VL_FF_TEXT, VL_FF_MULTI, VL_FF_LONGTEXT };
	struct vl_pool			*pool = vl_pool_new();
	struct vl_pair			*pairs;
	char				*values[3];
	size_t				 i, j;

	(void)state;
	for (i = 0; i < NELEM(parses); i++) {
		assert_int_equal(vl_parse_urlencoded(pool, parses[i].body, strlen(parses[i].body),
		    &pairs), VL_OK);
		vl_fanswers_parse(pool, pairs, ids, kinds, 3, values);
		for (j = 0; j < 3; j++)
			if ((values[j] == NULL) != (parses[i].want[j] == NULL) ||
			    (values[j] != NULL && strcmp(values[j], parses[i].want[j]) != 0))
				fail_msg("parse %zu field %zu gave \"%s\"", i, j,
				    values[j] ? values[j] : "(null)");
	}
	assert_int_equal(vl_fanswer_key("f12"), 12);
	assert_int_equal(vl_fanswer_key("f0"), 0);
	assert_int_equal(vl_fanswer_key("f012"), 0);
	assert_int_equal(vl_fanswer_key("f"), 0);
	assert_int_equal(vl_fanswer_key(NULL), 0);
	assert_int_equal(vl_fanswer_key("f1 "), 0);
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_fits),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_choice),
		cmocka_unit_test(test_birth_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
