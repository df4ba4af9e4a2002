/*
 * The data layer against the test stack's database: a value that does not
 * fit its result binding is an error, never a silently wrong number; the
 * request connection runs one statement per text, and only migrations run
 * several.  Run by tests/run-all with VELLUM_CONF pointing at the stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "vellum.h"

static struct vl_pool	*pool;
static int64_t		 firm, matter;
static char		 key[65];

static void
test_truncated_value_is_an_error(void **state)
{
	struct vl_buf	 sql = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_rows	*rows;
	int64_t		 id, size, at;
	char		*name, *mime;
	int		 got;

	(void)state;
	/* A size above INT64_MAX cannot be read into an int64_t. */
	vl_buf_addf(&sql, "INSERT INTO documents (firm_id, matter_id, folder_id, name, size, mime,"
	    " storage_key, created_at) VALUES (%lld, %lld, NULL, 'huge', 18446744073709551000,"
	    " 'text/plain', '%s', NOW(6))", (long long)firm, (long long)matter, key);
	assert_int_equal(vl_db_script(vl_buf_str(&sql), &err), VL_OK);
	assert_int_equal(vl_db_query(pool, STMT_DOCS_IN, &rows, "iii", firm, matter, (int64_t)0), VL_OK);
	while ((got = vl_db_next(rows, "isisi", &id, &name, &size, &mime, &at)) > 0) {
		if (strcmp(name, "huge") == 0)
			fail_msg("the huge size was read as %lld", (long long)size);
	}
	vl_db_rows_free(rows);
	assert_int_equal(got, -1);
	vl_buf_release(&sql);
	vl_buf_release(&err);
}

static void
test_only_migrations_run_several_statements(void **state)
{
	struct vl_buf	 err = VL_BUF_INIT;
	int64_t		 one;

	(void)state;
	assert_int_equal(vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &one), VL_OK);
	assert_int_equal(vl_db_multi_statements(), 0);
	/* A migration still may, on a connection of its own. */
	assert_int_equal(vl_db_script("SELECT 1; SELECT 2; DO 3", &err), VL_OK);
	assert_int_equal(vl_db_multi_statements(), 0);
	/* And the request connection still works afterwards. */
	assert_int_equal(vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &one), VL_OK);
	assert_int_equal(one, firm);
	vl_buf_release(&err);
}

static struct vl_buf	 logged;

static void
sink(void *arg, const char *line, size_t len)
{
	(void)arg;
	vl_buf_add(&logged, line, len);
}

/* Rows read with other types than the statement declares are an error,
 * named in the log, never values read as the wrong C type. */
static void
test_result_types_checked(void **state)
{
	struct vl_rows	*rows;
	int64_t		 id, client;
	char		*number, *desc, *status, *name;

	(void)state;
	vl_log_context(sink, NULL, NULL, NULL);
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", firm), VL_OK);
	assert_true(vl_db_count(rows) > 0);
	assert_int_equal(vl_db_next(rows, "issis", &id, &number, &desc, &client, &status), -1);
	assert_non_null(strstr(vl_buf_str(&logged),
	    "statement MATTERS_LIST: result types \"issis\", declared \"issss\""));
	/* The declared types still read the same rows. */
	assert_int_equal(vl_db_next(rows, "issss", &id, &number, &desc, &name, &status), 1);
	vl_db_rows_free(rows);
	vl_buf_reset(&logged);
	assert_int_equal(vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "s", "demo", &name), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&logged), "statement FIRM_BY_SLUG: result types"));
	vl_log_context(NULL, NULL, NULL, NULL);
	vl_buf_release(&logged);
}

static int
setup(void **state)
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_rows	*rows;
	int64_t		 id;
	char		*number, *desc, *client, *status;
	unsigned char	 rnd[32];

	(void)state;
	if (sodium_init() < 0 || vl_conf_load(NULL, &err) != VL_OK) {
		fprintf(stderr, "configuration: %s\n", vl_buf_str(&err));
		return -1;
	}
	vl_buf_release(&err);
	pool = vl_pool_new();
	randombytes_buf(rnd, sizeof(rnd));
	vl_hex(rnd, sizeof(rnd), key);
	if (vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &firm) != VL_OK ||
	    vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", firm) != VL_OK)
		return -1;
	while (vl_db_next(rows, "issss", &id, &number, &desc, &client, &status) > 0)
		if (strcmp(number, "2026-0001") == 0)
			matter = id;
	vl_db_rows_free(rows);
	return matter != 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	struct vl_buf	 sql = VL_BUF_INIT, err = VL_BUF_INIT;

	(void)state;
	vl_buf_addf(&sql, "DELETE FROM documents WHERE storage_key = '%s'", key);
	(void)vl_db_script(vl_buf_str(&sql), &err);
	vl_buf_release(&sql);
	vl_buf_release(&err);
	vl_pool_free(pool);
	vl_db_close();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated_value_is_an_error),
		cmocka_unit_test(test_only_migrations_run_several_statements),
		cmocka_unit_test(test_result_types_checked),
	};

	vl_log_init("test_db", VL_LOG_ERR);
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
