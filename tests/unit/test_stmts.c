/*
 * The statements table without a database: every declaration is well
 * formed (a name, types of i, s and b only, as many parameter types as
 * placeholders in the text), and a call whose parameter types differ from
 * the declaration is refused, with the statement named in the log, before
 * the data layer so much as connects.  `vellumctl check-sql` checks the
 * same declarations against the real schema.
 */
#include "vectors.h"
#include "internal.h"

static struct vl_buf lines;

static void
sink(void *arg, const char *line, size_t len)
{
	(void)arg;
	vl_buf_add(&lines, line, len);
}

/* Placeholders in an SQL text, outside quoted literals and identifiers. */
static size_t
placeholders(const char *sql)
{
	size_t	 n = 0;
	char	 quote = 0;

	for (; *sql; sql++) {
		if (quote) {
			if (*sql == '\\' && sql[1] != '\0')
				sql++;
			else if (*sql == quote)
				quote = 0;
		} else if (*sql == '\'' || *sql == '"' || *sql == '`')
			quote = *sql;
		else if (*sql == '?')
			n++;
	}
	return n;
}

static void
test_declarations(void **state)
{
	const struct vl_stmt_decl *d, *e;
	int	 i, j;

	(void)state;
	for (i = 0; i < STMT__MAX; i++) {
		d = vl_db_stmt((enum vl_stmt)i);
		assert_non_null(d);
		assert_non_null(d->name);
		assert_true(d->name[0] != '\0');
		if (strspn(d->ptypes, "isb") != strlen(d->ptypes) ||
		    strspn(d->rtypes, "isb") != strlen(d->rtypes))
			fail_msg("%s: a type that is not i, s or b", d->name);
		if (placeholders(d->sql) != strlen(d->ptypes))
			fail_msg("%s: %zu placeholders, %zu parameter types", d->name,
			    placeholders(d->sql), strlen(d->ptypes));
		for (j = 0; j < i; j++) {
			e = vl_db_stmt((enum vl_stmt)j);
			if (strcmp(d->name, e->name) == 0)
				fail_msg("%s declared twice", d->name);
		}
	}
	assert_string_equal(vl_db_stmt(STMT_DOC_GET)->name, "DOC_GET");
	assert_string_equal(vl_db_stmt(STMT_DOC_GET)->ptypes, "ii");
	assert_string_equal(vl_db_stmt(STMT_DOC_GET)->rtypes, "iissss");
	assert_null(vl_db_stmt(STMT__MAX));
}

static const struct {
	const char	*ptypes, *rtypes;
} wrong[] = {
	{ "i", "i" },		/* FIRM_BY_SLUG takes a string */
	{ "ss", "i" },		/* one parameter too many */
	{ "", "i" },		/* none */
	{ "s", "s" },		/* its result is an int */
	{ "s", "ii" },		/* one column too many */
	{ "s", "" },
};

static void
test_mismatch_refused_before_connecting(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_rows	*rows = NULL;
	int64_t		 a = 0, b = 0;
	size_t		 i;

	(void)state;
	vl_log_init("test_stmts", VL_LOG_ERR);
	vl_log_context(sink, NULL, NULL, NULL);
	/* No configuration: a call that got past the check would fail to
	 * connect, with a different line in the log. */
	for (i = 0; i < NELEM(wrong); i++) {
		vl_buf_reset(&lines);
		assert_int_equal(vl_db_row(pool, STMT_FIRM_BY_SLUG, wrong[i].ptypes,
		    wrong[i].rtypes, (int64_t)1, &a, &b), VL_ERR);
		if (strstr(vl_buf_str(&lines), "error test_stmts") == NULL ||
		    strstr(vl_buf_str(&lines), "statement FIRM_BY_SLUG:") == NULL ||
		    strstr(vl_buf_str(&lines), "declared") == NULL)
			fail_msg("case %zu logged: %s", i, vl_buf_str(&lines));
	}
	vl_buf_reset(&lines);
	assert_int_equal(vl_db_exec(STMT_FIRM_SET_LOGO, NULL, NULL, "is", (int64_t)1, "x"), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&lines),
	    "statement FIRM_SET_LOGO: parameter types \"is\", declared \"si\""));
	vl_buf_reset(&lines);
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &rows, "s", "1"), VL_ERR);
	assert_null(rows);
	assert_non_null(strstr(vl_buf_str(&lines), "statement MATTERS_LIST:"));
	/* No rows: an error, not the end of the rows. */
	assert_int_equal(vl_db_next(NULL, "i", &a), -1);
	assert_null(strstr(vl_buf_str(&lines), "connect"));
	vl_log_context(NULL, NULL, NULL, NULL);
	vl_buf_release(&lines);
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declarations),
		cmocka_unit_test(test_mismatch_refused_before_connecting),
	};

	return cmocka_run_group_tests_name("stmts", tests, NULL, NULL);
}
