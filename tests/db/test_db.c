/*
 * The data layer against the test stack's database: a value that does not
 * fit its result binding is an error, never a silently wrong number; the
 * request connection runs one statement per text, and only migrations run
 * several; a failed fetch sticks (to the rows, the transaction and the
 * request); running a statement again takes its result from the rows that
 * held it; transaction hooks hear how it ended; a statement started and
 * waited for later keeps its order with the statements around it.  Run by tests/run-all with
 * VELLUM_CONF pointing at the stack.
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
#include "internal.h"

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
	/* The error sticks to these rows; a new query reads with the declared types. */
	assert_int_equal(vl_db_next(rows, "issss", &id, &number, &desc, &name, &status), -1);
	assert_true(vl_db_rows_failed(rows));
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", firm), VL_OK);
	assert_int_equal(vl_db_next(rows, "issss", &id, &number, &desc, &name, &status), 1);
	assert_false(vl_db_rows_failed(rows));
	vl_buf_reset(&logged);
	assert_int_equal(vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "s", "demo", &name), VL_ERR);
	assert_non_null(strstr(vl_buf_str(&logged), "statement FIRM_BY_SLUG: result types"));
	vl_log_context(NULL, NULL, NULL, NULL);
	vl_buf_release(&logged);
}

/* Work decided on a list cut short does not commit, and the request knows. */
static void
test_fetch_error_stops_the_commit(void **state)
{
	struct vl_rows	*rows;
	int64_t		 id, client, docs = -1, pend = -1;
	char		*number, *desc, *status, k[65];
	unsigned char	 rnd[32];

	(void)state;
	vl_db_fetch_clear();
	randombytes_buf(rnd, sizeof(rnd));
	vl_hex(rnd, sizeof(rnd), k);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_exec(STMT_STORE_PENDING_ADD, NULL, NULL, "si", k, firm), VL_OK);
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", firm), VL_OK);
	assert_false(vl_db_fetch_failed());
	assert_int_equal(vl_db_next(rows, "issis", &id, &number, &desc, &client, &status), -1);
	assert_true(vl_db_fetch_failed());
	assert_int_equal(vl_db_commit(), VL_ERR);
	assert_false(vl_db_in_tx());
	assert_int_equal(vl_db_row(pool, STMT_STORE_KEY_USES, "ss", "ii", k, k, &docs, &pend), VL_OK);
	assert_int_equal(pend, 0);
	/* A later transaction of the same process commits again. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	vl_db_fetch_clear();
	assert_false(vl_db_fetch_failed());
}

/* The same statement run again (a lookup in a loop): the earlier rows lose
 * their result, and reading them is an error, never the new rows' values. */
static void
test_rerun_takes_the_result(void **state)
{
	struct vl_rows	*a, *b;
	int64_t		 id;
	char		*number, *desc, *client, *status;

	(void)state;
	vl_log_context(sink, NULL, NULL, NULL);
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &a, "i", firm), VL_OK);
	assert_int_equal(vl_db_query(pool, STMT_MATTERS_LIST, &b, "i", firm), VL_OK);
	assert_int_equal(vl_db_next(a, "issss", &id, &number, &desc, &client, &status), -1);
	assert_non_null(strstr(vl_buf_str(&logged), "statement MATTERS_LIST: its result was freed"));
	assert_int_equal(vl_db_next(b, "issss", &id, &number, &desc, &client, &status), 1);
	/* Freed early (allowed), then again by the pool: once only. */
	vl_db_rows_free(b);
	assert_int_equal(vl_db_count(b), 0);
	vl_log_context(NULL, NULL, NULL, NULL);
	vl_buf_release(&logged);
	vl_db_fetch_clear();
}

static enum vl_tx_end	 heard[4];
static int		 nheard;

static void
hook(void *arg, enum vl_tx_end how)
{
	(void)arg;
	if (nheard < 4)
		heard[nheard++] = how;
}

static void
test_transaction_hooks(void **state)
{
	(void)state;
	nheard = 0;
	assert_int_equal(vl_db_on_end(hook, NULL), VL_ERR);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_on_end(hook, NULL), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_on_end(hook, NULL), VL_OK);
	vl_db_rollback();
	/* Heard once each: a second rollback tells nobody. */
	vl_db_rollback();
	assert_int_equal(nheard, 2);
	assert_int_equal(heard[0], VL_TX_COMMITTED);
	assert_int_equal(heard[1], VL_TX_ROLLED_BACK);
}

/* The name of document id as the next statement reads it. */
static char *
doc_name(int64_t id)
{
	struct vl_rows	*rows;
	int64_t		 did;
	char		*name, *found = NULL;

	assert_int_equal(vl_db_query(pool, STMT_DOCS_OF_MATTER, &rows, "ii", firm, matter), VL_OK);
	while (vl_db_next(rows, "is", &did, &name) > 0)
		if (did == id)
			found = name;
	return found;
}

static void
test_started_statement(void **state)
{
	struct vl_buf	 sql = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_rows	*rows;
	int64_t		 id = 0, did;
	uint64_t	 n = 9;
	char		*name, key2[65];

	(void)state;
	/* Storage keys are unique: this document's is the suite's key changed. */
	memcpy(key2, key, sizeof(key2));
	key2[0] = key[0] == 'a' ? 'b' : 'a';
	vl_buf_addf(&sql, "INSERT INTO documents (firm_id, matter_id, folder_id, name, size, mime,"
	    " storage_key, created_at) VALUES (%lld, %lld, NULL, 'started', 1, 'text/plain', '%s',"
	    " NOW(6))", (long long)firm, (long long)matter, key2);
	assert_int_equal(vl_db_script(vl_buf_str(&sql), &err), VL_OK);
	/* (Not DOCS_IN: the suite's first test left a size no row can read.) */
	assert_int_equal(vl_db_query(pool, STMT_DOCS_OF_MATTER, &rows, "ii", firm, matter), VL_OK);
	while (vl_db_next(rows, "is", &did, &name) > 0)
		if (strcmp(name, "started") == 0)
			id = did;
	assert_true(id != 0);
	/* On a connection that overlaps, as the mailer's does. */
	vl_db_close();
	vl_db_nonblocking();
	assert_int_equal(vl_db_exec_start(STMT_DOC_RENAME, "siii", "renamed once", firm, matter, id),
	    VL_OK);
	/* The next statement sees it done: it waited for it first. */
	assert_string_equal(doc_name(id), "renamed once");
	assert_int_equal(vl_db_exec_finish(&n), VL_OK);
	assert_int_equal(n, 1);
	/* Waited for by its own finish. */
	assert_int_equal(vl_db_exec_start(STMT_DOC_RENAME, "siii", "renamed twice", firm, matter, id),
	    VL_OK);
	assert_int_equal(vl_db_exec_finish(&n), VL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(doc_name(id), "renamed twice");
	/* No row of this firm: done, nothing changed. */
	assert_int_equal(vl_db_exec_start(STMT_DOC_RENAME, "siii", "not ours", firm + 1000000,
	    matter, id), VL_OK);
	assert_int_equal(vl_db_exec_finish(&n), VL_OK);
	assert_int_equal(n, 0);
	/* Closing the connection waits for it too; its outcome is kept. */
	assert_int_equal(vl_db_exec_start(STMT_DOC_RENAME, "siii", "before the close", firm, matter,
	    id), VL_OK);
	vl_db_close();
	assert_int_equal(vl_db_exec_finish(&n), VL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(doc_name(id), "before the close");
	/* Wrong types: refused before anything is sent, and its finish says so. */
	assert_int_equal(vl_db_exec_start(STMT_DOC_RENAME, "iiii", (int64_t)1, firm, matter, id),
	    VL_ERR);
	assert_int_equal(vl_db_exec_finish(&n), VL_ERR);
	assert_string_equal(doc_name(id), "before the close");
	vl_buf_reset(&sql);
	vl_buf_addf(&sql, "DELETE FROM documents WHERE storage_key = '%s'", key2);
	assert_int_equal(vl_db_script(vl_buf_str(&sql), &err), VL_OK);
	vl_buf_release(&sql);
	vl_buf_release(&err);
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
		cmocka_unit_test(test_fetch_error_stops_the_commit),
		cmocka_unit_test(test_rerun_takes_the_result),
		cmocka_unit_test(test_transaction_hooks),
		cmocka_unit_test(test_started_statement),
	};

	vl_log_init("test_db", VL_LOG_ERR);
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
