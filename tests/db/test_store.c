/*
 * Uploads in flight against the test stack's database and store: a file is
 * stored pending and belongs to the request's pool, recorded in a
 * transaction; what happens when that transaction rolls back, when its
 * COMMIT fails (the connection cut: the outcome unknown, the file left to
 * the sweep), when the sweep takes an upload for dead while it still runs,
 * and when a deleted document's file leaves the disk.  Run by
 * tests/run-all with VELLUM_CONF pointing at the test stack.
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
#include "internal.h"
#include "store.h"
#include "doc.h"

static struct vl_pool	*pool;	/* the suite's */
static struct vl_pool	*req;	/* one test's "request": reset when it ends */
static struct vl_ctx	 ctx;	/* the demo firm, nobody acting: no request */
static int64_t		 matter;

/* A finished upload: a temp file beside the store, as the parser leaves it. */
static void
stored(struct vl_stored *st)
{
	char	*path = vl_pool_printf(req, "%s/upload-XXXXXX", vl_conf.tmp);
	int	 fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "pending", 7), 7);
	close(fd);
	memset(st, 0, sizeof(*st));
	st->name = "store-test.txt";
	st->mime = "text/plain";
	st->size = 7;
	assert_int_equal(vl_store_put(req, ctx.firm_id, path, st->key), VL_OK);
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

/* Cuts this process's connection from another one, as a server restart would. */
static void
cut_connection(void)
{
	struct vl_buf	 sql = VL_BUF_INIT, err = VL_BUF_INIT;
	int64_t		 id;

	assert_int_equal(vl_db_row(pool, STMT_CONNECTION_ID, "", "i", &id), VL_OK);
	vl_buf_addf(&sql, "KILL CONNECTION %lld", (long long)id);
	assert_int_equal(vl_db_script(vl_buf_str(&sql), &err), VL_OK);
	vl_buf_release(&sql);
	vl_buf_release(&err);
}

static void
test_recorded_upload_is_kept(void **state)
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
	vl_pool_reset(req);
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 1);
	assert_int_equal(pend, 0);
	assert_true(on_disk(st.key));
	sweep();
	assert_true(on_disk(st.key));
	/* Deleting the document: the file goes once the deletion commits. */
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_exec(STMT_DOC_DELETE, NULL, NULL, "iii", ctx.firm_id, matter, id), VL_OK);
	assert_int_equal(vl_store_remove_on_commit(req, st.key), VL_OK);
	assert_true(on_disk(st.key));
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_false(on_disk(st.key));
}

/* A deletion rolled back keeps the file of the document that stays. */
static void
test_rolled_back_deletion_keeps_the_file(void **state)
{
	struct vl_stored st;
	int64_t		 id = 0, docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, &id), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_exec(STMT_DOC_DELETE, NULL, NULL, "iii", ctx.firm_id, matter, id), VL_OK);
	assert_int_equal(vl_store_remove_on_commit(req, st.key), VL_OK);
	vl_db_rollback();
	vl_pool_reset(req);
	assert_true(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs, 1);
	assert_int_equal(vl_db_exec(STMT_DOC_DELETE, NULL, NULL, "iii", ctx.firm_id, matter, id), VL_OK);
	vl_store_remove(st.key);
}

/* Rolled back: the file stays until the request ends, then goes with it. */
static void
test_rollback_removes_the_file_with_the_request(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, NULL), VL_OK);
	vl_db_rollback();
	assert_true(on_disk(st.key));
	vl_pool_reset(req);
	assert_false(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

/* Stored but never recorded (the request failed before its transaction). */
static void
test_unrecorded_upload_goes_with_the_request(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	vl_pool_reset(req);
	assert_false(on_disk(st.key));
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

/* The connection is cut before COMMIT: its outcome is unknown to us, so the
 * file stays (its row might exist); the server rolled back, the upload is
 * still pending, and the sweep removes it. */
static void
test_failed_commit_leaves_the_file_to_the_sweep(void **state)
{
	struct vl_stored st;
	int64_t		 docs, pend;

	(void)state;
	stored(&st);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_doc_record(&ctx, matter, 0, &st, 0, NULL), VL_OK);
	cut_connection();
	assert_int_not_equal(vl_db_commit(), VL_OK);
	vl_pool_reset(req);
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
	vl_db_rollback();
	vl_pool_reset(req);
	uses(st.key, &docs, &pend);
	assert_int_equal(docs + pend, 0);
}

/* A key this request did not store cannot be claimed (nor kept by it). */
static void
test_foreign_key_cannot_be_claimed(void **state)
{
	(void)state;
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_store_claim(ctx.firm_id, "00000000000000000000000000000000"
	    "00000000000000000000000000000000"), VL_ERR);
	vl_db_rollback();
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
	req = vl_pool_new();
	vl_ctx_init(&ctx, req, 0, 0, 0, NULL);
	if (vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &ctx.firm_id) != VL_OK ||
	    vl_db_query(pool, STMT_MATTERS_LIST, &rows, "i", ctx.firm_id) != VL_OK)
		return -1;
	if (vl_db_next(rows, "issss", &matter, &number, &desc, &client, &status) <= 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vl_pool_free(req);
	vl_pool_free(pool);
	vl_db_close();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorded_upload_is_kept),
		cmocka_unit_test(test_rolled_back_deletion_keeps_the_file),
		cmocka_unit_test(test_rollback_removes_the_file_with_the_request),
		cmocka_unit_test(test_unrecorded_upload_goes_with_the_request),
		cmocka_unit_test(test_failed_commit_leaves_the_file_to_the_sweep),
		cmocka_unit_test(test_swept_upload_cannot_be_recorded),
		cmocka_unit_test(test_foreign_key_cannot_be_claimed),
	};

	vl_log_init("test_store", VL_LOG_ERR);
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
