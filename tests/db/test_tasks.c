/*
 * Tasks and notes (lib/task.c, lib/note.c) through struct vl_ctx with no
 * request: a save that shares does so once, in its transaction, and tells
 * the client through the outbox; unticking ends the share at once; a
 * client marks a task done only where the firm allows it, once, and the
 * firm is told; a removed participant or another matter gets nothing;
 * deleting ends the share; a note's read is the firm's "Viewed" mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "matter.h"
#include "note.h"
#include "portal.h"
#include "rshare.h"
#include "task.h"
#include "dbtest.h"

static int64_t	 user, contact, matter, portal, matter2;
static char	*client_email;

static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, "192.0.2.10");
	ctx->name = u ? "Task Tester" : "Task Client";
	return ctx;
}

static int
setup(void **state)
{
	uint64_t	 id;

	(void)state;
	if (dbt_setup("test_tasks") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@tasks.test", dbt_tag), "Task Tester",
	    "tasks-test-password");
	client_email = vl_pool_printf(dbt_pool, "c-%s@tasks.test", dbt_tag);
	contact = dbt_contact("Task Client", client_email);
	if (user == 0 || contact == 0)
		return -1;
	if (vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm,
	    vl_pool_printf(dbt_pool, "TK-%s-1", dbt_tag), "Tasks test", contact, "open") != VL_OK)
		return -1;
	matter = (int64_t)id;
	if (vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, matter, user) != VL_OK)
		return -1;
	portal = (int64_t)id;
	if (vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, portal, dbt_firm,
	    contact) != VL_OK)
		return -1;
	if (vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm,
	    vl_pool_printf(dbt_pool, "TK-%s-2", dbt_tag), "No portal", contact, "open") != VL_OK)
		return -1;
	matter2 = (int64_t)id;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

static int64_t
new_task(int64_t mid, const char *title, int share, int client_done)
{
	struct vl_task_in	 in = { title, "", "", "normal", user, share, client_done };
	struct vl_ferr		 fe = VL_FERR_INIT;
	int64_t			 id = 0;

	assert_int_equal(vl_task_save(as(user, 0), mid, 0, &in, &id, &fe), VL_OK);
	assert_true(id > 0);
	return id;
}

static const char *
live(const char *kind, int64_t id)
{
	return dbt_one("SELECT COUNT(*) FROM shares WHERE portal_id = %lld AND record_kind = '%s' AND "
	    "record_id = %lld AND revoked_at IS NULL", (long long)portal, kind, (long long)id);
}

static void
test_share_once_and_unshare(void **state)
{
	struct vl_task_in	 in = { "Shared twice", "", "", "normal", 0, 1, 0 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_client_portal	 p;
	int64_t			 id, out = 0, before, after;

	(void)state;
	assert_int_equal(vl_strtonum(dbt_one("SELECT COUNT(*) FROM notifications WHERE "
	    "recipient = '%s'", client_email), 0, INT64_MAX, &before), VL_OK);
	id = new_task(matter, "Shared twice", 1, 0);
	assert_string_equal(live("task", id), "1");
	assert_int_equal(vl_task_save(as(user, 0), matter, id, &in, &out, &fe), VL_OK);
	assert_string_equal(live("task", id), "1");
	/* One notification (an invitation: the client has no password yet);
	 * the second save changed nothing of the share. */
	assert_int_equal(vl_strtonum(dbt_one("SELECT COUNT(*) FROM notifications WHERE recipient = "
	    "'%s'", client_email), 0, INT64_MAX, &after), VL_OK);
	assert_int_equal(after - before, 1);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE action = 'task_shared' "
	    "AND item_id = %lld", (long long)id), "1");
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, id, &p), VL_OK);
	in.share = 0;
	assert_int_equal(vl_task_save(as(user, 0), matter, id, &in, &out, &fe), VL_OK);
	assert_string_equal(live("task", id), "0");
	assert_int_equal(vl_rshare_client_may(as(0, contact), matter, VL_REC_TASK, id, &p),
	    VL_DECLINED);
	/* Sharing into a matter without a portal: the box is the fault, nothing saved. */
	in.share = 1;
	out = 0;
	assert_int_equal(vl_task_save(as(user, 0), matter2, 0, &in, &out, &fe), VL_INVALID);
	assert_int_equal(fe.n, 1);
	assert_string_equal(fe.e[0].field, "share");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM tasks WHERE matter_id = %lld",
	    (long long)matter2), "0");
	/* A task of the matter asked for under another: no such task. */
	assert_int_equal(vl_task_save(as(user, 0), matter2, id, &in, &out, &fe), VL_DECLINED);
	in.assignee = 999999999;
	fe = (struct vl_ferr)VL_FERR_INIT;
	assert_int_equal(vl_task_save(as(user, 0), matter, 0, &in, &out, &fe), VL_DECLINED);
}

static void
test_client_done(void **state)
{
	int64_t		 yes, no;
	int		 changed = -1;

	(void)state;
	yes = new_task(matter, "Client may", 1, 1);
	no = new_task(matter, "Client may not", 1, 0);
	assert_int_equal(vl_task_client_done(as(0, contact), matter, no, &changed), VL_FORBIDDEN);
	assert_string_equal(dbt_one("SELECT done_at IS NULL FROM tasks WHERE id = %lld",
	    (long long)no), "1");
	assert_int_equal(vl_task_client_done(as(0, contact), matter, yes, &changed), VL_OK);
	assert_int_equal(changed, 1);
	assert_string_equal(dbt_one("SELECT done_by_contact FROM tasks WHERE id = %lld",
	    (long long)yes), vl_pool_printf(dbt_pool, "%lld", (long long)contact));
	assert_int_equal(vl_task_client_done(as(0, contact), matter, yes, &changed), VL_OK);
	assert_int_equal(changed, 0);
	/* The firm user who opened the portal is told, once. */
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM notifications n JOIN users u ON "
	    "u.email = n.recipient WHERE u.id = %lld AND n.kind = 'firm_items' AND n.payload LIKE "
	    "'%%Client%%may%%'", (long long)user), "1");
	/* A firm user is no client; another matter's id is no task here. */
	assert_int_equal(vl_task_client_done(as(user, 0), matter, yes, &changed), VL_DECLINED);
	assert_int_equal(vl_task_client_done(as(0, contact), matter2, yes, &changed), VL_DECLINED);
	/* The firm opens it again, then a removed participant tries. */
	assert_int_equal(vl_task_set_done(as(user, 0), matter, yes, 0, &changed), VL_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_REMOVE, NULL, NULL, "iii", dbt_firm, portal,
	    contact), VL_OK);
	assert_int_equal(vl_task_client_done(as(0, contact), matter, yes, &changed), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT done_at IS NULL FROM tasks WHERE id = %lld",
	    (long long)yes), "1");
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, portal,
	    dbt_firm, contact), VL_OK);
	/* Deleted: its share ends with it. */
	assert_int_equal(vl_task_delete(as(user, 0), matter, yes), VL_OK);
	assert_string_equal(live("task", yes), "0");
	assert_int_equal(vl_task_delete(as(user, 0), matter, yes), VL_DECLINED);
}

static void
test_lists(void **state)
{
	struct vl_task_filter	 f = { "open", 0, "", 1 };
	struct vl_client_portal	 p;
	struct vl_task		*rows;
	size_t			 n;
	int			 more;

	(void)state;
	f.due = "soon";
	assert_int_equal(vl_task_find(as(user, 0), matter, &f, &rows, &n, &more), VL_INVALID);
	f.due = "";
	f.show = "everything";
	assert_int_equal(vl_task_find(as(user, 0), matter, &f, &rows, &n, &more), VL_INVALID);
	f.show = "all";
	assert_int_equal(vl_task_find(as(user, 0), matter, &f, &rows, &n, &more), VL_OK);
	assert_true(n >= 2);
	/* The client's list: only what is shared live. */
	assert_int_equal(vl_portal_of_client(as(0, contact), matter, &p), VL_OK);
	assert_int_equal(vl_task_client_list(as(0, contact), &p, 1, &rows, &n, &more), VL_OK);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(live("task", rows[i].id), "1");
	assert_int_equal(vl_task_mine(as(0, contact), "", 1, &rows, &n, &more), VL_FORBIDDEN);
}

static void
test_note_read_and_delete(void **state)
{
	struct vl_note_in	 in = { "Minutes", "line one\nline two", "2026-03-04", 1 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_client_portal	 p;
	struct vl_note		 note;
	int64_t			 id = 0;

	(void)state;
	assert_int_equal(vl_note_save(as(user, 0), matter, 0, &in, &id, &fe), VL_OK);
	assert_string_equal(live("note", id), "1");
	assert_int_equal(vl_rshare_first_read(as(user, 0), matter, VL_REC_NOTE, id), 0);
	/* Not the client's own navigation: shown, not read. */
	assert_int_equal(vl_note_client_open(as(0, contact), matter, id, 0, &note, &p), VL_OK);
	assert_string_equal(note.body, "line one\nline two");
	assert_int_equal(vl_rshare_first_read(as(user, 0), matter, VL_REC_NOTE, id), 0);
	assert_int_equal(vl_note_client_open(as(0, contact), matter, id, 1, &note, &p), VL_OK);
	assert_true(vl_rshare_first_read(as(user, 0), matter, VL_REC_NOTE, id) > 0);
	/* Unticked: refused at once; deleted: gone, share ended. */
	in.share = 0;
	assert_int_equal(vl_note_save(as(user, 0), matter, id, &in, &id, &fe), VL_OK);
	assert_int_equal(vl_note_client_open(as(0, contact), matter, id, 1, &note, &p), VL_DECLINED);
	in.share = 1;
	assert_int_equal(vl_note_save(as(user, 0), matter, id, &in, &id, &fe), VL_OK);
	assert_int_equal(vl_note_delete(as(user, 0), matter, id), VL_OK);
	assert_string_equal(live("note", id), "0");
	assert_int_equal(vl_note_client_open(as(0, contact), matter, id, 1, &note, &p), VL_DECLINED);
	/* Refused fields, each named. */
	in = (struct vl_note_in){ "", "", "2026-02-30", 0 };
	assert_int_equal(vl_note_save(as(user, 0), matter, 0, &in, &id, &fe), VL_INVALID);
	assert_true(vl_ferr_has(&fe, "subject") && vl_ferr_has(&fe, "body") &&
	    vl_ferr_has(&fe, "date"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_once_and_unshare),
		cmocka_unit_test(test_client_done),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_note_read_and_delete),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
