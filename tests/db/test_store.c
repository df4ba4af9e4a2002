/*
 * Uploads in flight against the test stack's database and store: a file is
 * stored pending, recorded in a transaction, and what happens when that
 * transaction fails, before its COMMIT or at it (an answer lost: the rows
 * may exist), and when the sweep takes an upload for dead while it still
 * runs.  Run by tests/run-all with VELLUM_CONF pointing at the test stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "vellum.h"

static struct vl_pool	*pool;
static struct vl_ctx	 ctx;	/* the demo firm, nobody acting: no request */
static int64_t		 matter;

/* A finished upload: a temp file beside the store, as the parser leaves it. */
static void
stored(struct vl_stored *st)
{
	char	*path = vl_pool_printf(pool, "%s/upload-XXXXXX", vl_conf.tmp);
	int	 fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "pending", 7), 7);
	close(fd);
	memset(st, 0, sizeof(*st));
	st->name = "store-test.txt";
	st->mime = "text/plain";
	st->size = 7;
	assert_int_equal(vl_store_put(ctx.firm_id, path, st->key), VL_OK);
}

static int
on_disk(const char *key)
{
	char	 path[4096];

	assert_int_equal(vl_store_path(key, path, sizeof(path)), VL_OK);
	return access(path, F_OK) == 0;
}

/* How many documents and pending uploads name key. */
static void
uses(const char *key, int64_t *docs, int64_t *pend)
{
	assert_int_equal(vl_db_row(pool, STMT_STORE_KEY_USES, "ss", "ii", key, key, docs, pend), VL_OK);
}

static void
sweep(void)
{
	struct vl_sweep	 st;

	assert_int_equal(vl_store_sweep(pool, 0, &st), VL_OK);
}

static void
test_recorded_upload_is_no_longer_pending(void **state)
{
	struct vl_stored st;
	int64_t		 id = 0, docs, pend;

	(void)state;
	stored(&st);
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 0);
	assert_int_equal(pend, 1);
	assert_true(on_disk(st.key));
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, &id), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 1);
	assert_int_equal(pend, 0);
	sweep();
	assert_true(on_disk(st.key));
	assert_int_equal(vl_db_exec(STMT_DOC_DELETE, NULL, NULL, "iii", ctx.firm_id, matter, id), VL_OK);
	vl_store_remove(st.key);
}

static void
test_failure_before_commit_removes_the_file(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, NULL), VL_OK);
	assert_int_equal(vl_doc_abandon(&ctx, &st, 1, 0, VL_ERR), VL_ERR);
	assert_false(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

/* The COMMIT went through but its answer was lost: the file must stay. */
static void
test_lost_commit_answer_keeps_the_file_of_a_committed_row(void **state)
{
	struct vl_stored st;
	int64_t		 id = 0, docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, &id), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_doc_abandon(&ctx, &st, 1, 1, VL_ERR), VL_ERR);
	assert_true(on_disk(st.key));
	sweep();
	assert_true(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 1);
	assert_int_equal(vl_db_exec(STMT_DOC_DELETE, NULL, NULL, "iii", ctx.firm_id, matter, id), VL_OK);
	vl_store_remove(st.key);
}

/* The COMMIT really failed: the file waits for the sweep, which removes it. */
static void
test_failed_commit_leaves_the_file_to_the_sweep(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, NULL), VL_OK);
	assert_int_equal(vl_doc_abandon(&ctx, &st, 1, 1, VL_ERR), VL_ERR);
	assert_true(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 0);
	assert_int_equal(pend, 1);
	sweep();
	assert_false(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

/* An upload the sweep took for dead cannot be recorded afterwards. */
static void
test_swept_upload_cannot_be_recorded(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	sweep();
	assert_false(on_disk(st.key));
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_not_equal(vl_doc_record(&ctx, matter, 0, &st, 0, NULL), VL_OK);
	vl_doc_abandon(&ctx, &st, 1, 0, VL_ERR);
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

static int
setup(void **state)
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_rows	*rows;
	char		*number, *desc, *client, *status;

	(void)state;
	if (sodium_init() < 0 || vl_conf_load(NULL, &err) != VL_OK) {
		fprintf(stderr, "test_store: %s\n", vl_buf_str(&err));
		return -1;
	}
	pool = vl_pool_new();
	vl_ctx_init(&ctx, pool, 0, 0, 0, NULL);
	if (vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &ctx.firm_id) != VL_OK ||
	    vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", ctx.firm_id) != VL_OK)
		return -1;
	if (vl_db_next(rows, "issss", &matter, &number, &desc, &client, &status) <= 0)
		return -1;
	vl_db_rows_free(rows);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vl_pool_free(pool);
	vl_db_close();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorded_upload_is_no_longer_pending),
		cmocka_unit_test(test_failure_before_commit_removes_the_file),
		cmocka_unit_test(test_lost_commit_answer_keeps_the_file_of_a_committed_row),
		cmocka_unit_test(test_failed_commit_leaves_the_file_to_the_sweep),
		cmocka_unit_test(test_swept_upload_cannot_be_recorded),
	};

	vl_log_init("test_store", VL_LOG_ERR);
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
