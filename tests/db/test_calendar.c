/*
 * The calendar's rules (lib/calendar.c) through struct vl_ctx with no
 * request: an event saved with its attendees, shared only while the box is
 * ticked and a contact whose portal is active attends, opened by that
 * client only while shared; a date moved and another cancelled; another
 * firm's ids refused; the feed's token found by its hash only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "calendar.h"
#include "matter.h"
#include "portal.h"
#include "rshare.h"
#include "dbtest.h"

static int64_t	 user, contact, outsider, matter, portal;

static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, "192.0.2.10");
	ctx->name = u ? "Cal Tester" : "Cal Client";
	return ctx;
}

static int
setup(void **state)
{
	uint64_t	 id;

	(void)state;
	if (dbt_setup("test_calendar") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@cal.test", dbt_tag), "Cal Tester",
	    "calendar-test-password");
	contact = dbt_contact("Cal Client", vl_pool_printf(dbt_pool, "c-%s@cal.test", dbt_tag));
	outsider = dbt_contact("Cal Outsider", vl_pool_printf(dbt_pool, "o-%s@cal.test", dbt_tag));
	if (user == 0 || contact == 0 || outsider == 0)
		return -1;
	if (vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm,
	    vl_pool_printf(dbt_pool, "CA-%s", dbt_tag), "Calendar test", contact, "open") != VL_OK)
		return -1;
	matter = (int64_t)id;
	if (vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, matter, user) != VL_OK)
		return -1;
	portal = (int64_t)id;
	if (vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, portal, dbt_firm,
	    contact) != VL_OK)
		return -1;
	/* Its portal is active: it has an account. */
	dbt_one("INSERT INTO client_accounts (firm_id, contact_id, created_at) VALUES (%lld, %lld,"
	    " NOW(6))", (long long)dbt_firm, (long long)contact);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

static struct vl_cal_in
event(const char *title, const int64_t *contacts, size_t n, int share)
{
	struct vl_cal_in in;

	memset(&in, 0, sizeof(in));
	in.title = title;
	in.location = "Room 1";
	in.description = "";
	in.start_date = in.end_date = "2027-05-04";
	in.start_time = "09:00";
	in.end_time = "10:00";
	in.freq = "none";
	in.matter = matter;
	in.contacts = contacts;
	in.ncontacts = n;
	in.share = share;
	return in;
}

static void
test_share_rule(void **state)
{
	struct vl_ctx		*firm = as(user, 0), *client = as(0, contact);
	struct vl_ctx		*other = as(0, outsider);
	struct vl_cal_event	 e;
	struct vl_client_portal	 p;
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_cal_in	 in;
	const int64_t		 who[1] = { contact };
	int64_t			 id = 0, id2 = 0;

	(void)state;
	in = event("Shared", who, 1, 1);
	assert_int_equal(vl_cal_save(firm, 0, &in, &id, &fe), VL_OK);
	assert_int_equal(vl_rshare_is_shared(firm, matter, VL_REC_EVENT, id), 1);
	assert_int_equal(vl_cal_client_get(client, id, &e, &p), VL_OK);
	assert_string_equal(e.title, "Shared");
	assert_int_equal(vl_cal_client_get(other, id, &e, &p), VL_DECLINED);
	/* Unticked: unshared, and the client refused at once. */
	in.share = 0;
	assert_int_equal(vl_cal_save(firm, id, &in, &id2, &fe), VL_OK);
	assert_int_equal(id2, id);
	assert_int_equal(vl_rshare_is_shared(firm, matter, VL_REC_EVENT, id), 0);
	assert_int_equal(vl_cal_client_get(client, id, &e, &p), VL_DECLINED);
	/* Ticked, but no portal contact attends: not shared. */
	in = event("Nobody", NULL, 0, 1);
	assert_int_equal(vl_cal_save(firm, 0, &in, &id2, &fe), VL_OK);
	assert_int_equal(vl_rshare_is_shared(firm, matter, VL_REC_EVENT, id2), 0);
	/* A contact of the firm without a portal account does not share it. */
	{
		const int64_t	 out[1] = { outsider };
		in = event("Outsider", out, 1, 1);
		assert_int_equal(vl_cal_save(firm, 0, &in, &id2, &fe), VL_OK);
		assert_int_equal(vl_rshare_is_shared(firm, matter, VL_REC_EVENT, id2), 0);
	}
	/* A shared repeating event whose every date is cancelled stays in the
	 * client's list, as cancelled. */
	{
		struct vl_cal_in	 r = event("Twice", who, 1, 1), none;
		struct vl_cal_item	*items;
		size_t			 n, i, seen = 0;
		int			 more;
		int64_t			 rid = 0;

		r.freq = "daily";
		r.ends = "count";
		r.count = "2";
		memset(&none, 0, sizeof(none));
		assert_int_equal(vl_cal_save(firm, 0, &r, &rid, &fe), VL_OK);
		assert_int_equal(vl_cal_occurrence(firm, rid, "2027-05-04", 1, &none, &fe), VL_OK);
		assert_int_equal(vl_cal_occurrence(firm, rid, "2027-05-05", 1, &none, &fe), VL_OK);
		assert_int_equal(vl_portal_of_client(client, matter, &p), VL_OK);
		assert_int_equal(vl_cal_client_list(client, &p, 1, &items, &n, &more), VL_OK);
		for (i = 0; i < n; i++)
			if (items[i].event == rid) {
				seen++;
				assert_int_equal(items[i].cancelled, 1);
			}
		assert_int_equal(seen, 1);
	}
	/* A client's context changes nothing. */
	in = event("By a client", who, 1, 1);
	assert_int_not_equal(vl_cal_feed_new(client, (char[44]){ 0 }), VL_OK);
}

static void
test_refusals(void **state)
{
	struct vl_ctx		*firm = as(user, 0);
	struct vl_ctx		*rival = as(user, 0);
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_cal_event	 e;
	struct vl_cal_in	 in;
	const int64_t		 bad[1] = { INT64_C(999999999) };
	int64_t			 id = 0, x = 0;

	(void)state;
	rival->firm_id = dbt_firm + 100000;
	in = event("Mine", NULL, 0, 0);
	assert_int_equal(vl_cal_save(firm, 0, &in, &id, &fe), VL_OK);
	assert_int_equal(vl_cal_get(rival, id, &e), VL_DECLINED);
	assert_int_equal(vl_cal_delete(rival, id), VL_DECLINED);
	assert_int_equal(vl_cal_save(rival, id, &in, &x, &fe), VL_DECLINED);
	/* Another firm's matter, a contact not the firm's. */
	assert_int_equal(vl_cal_save(rival, 0, &in, &x, &fe), VL_DECLINED);
	in.contacts = bad;
	in.ncontacts = 1;
	assert_int_equal(vl_cal_save(firm, 0, &in, &x, &fe), VL_DECLINED);
	/* A form that is not one: the fields named. */
	in = event("", NULL, 0, 0);
	in.end_time = "08:00";
	in.freq = "weekly";
	in.ends = "count";
	in.count = "999";
	assert_int_equal(vl_cal_save(firm, 0, &in, &x, &fe), VL_INVALID);
	assert_true(vl_ferr_has(&fe, "title"));
	assert_true(vl_ferr_has(&fe, "end"));
	assert_true(vl_ferr_has(&fe, "count"));
	assert_int_equal(vl_cal_get(firm, id, &e), VL_OK);
	assert_int_equal(vl_cal_delete(firm, id), VL_OK);
	assert_int_equal(vl_cal_get(firm, id, &e), VL_DECLINED);
	assert_int_equal(vl_cal_delete(firm, id), VL_DECLINED);
}

static void
test_occurrences(void **state)
{
	struct vl_ctx		*firm = as(user, 0);
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_cal_item	*items;
	struct vl_cal_event	 e;
	struct vl_cal_in	 in, mv;
	struct vl_wall		 a = { 2027, 5, 1, 0, 0 }, b = { 2027, 6, 1, 0, 0 };
	int64_t			 id = 0;
	size_t			 n, i, mine = 0;

	(void)state;
	in = event("Daily", NULL, 0, 0);
	in.freq = "daily";
	in.ends = "count";
	in.count = "5";
	assert_int_equal(vl_cal_save(firm, 0, &in, &id, &fe), VL_OK);
	memset(&mv, 0, sizeof(mv));
	mv.start_date = mv.end_date = "2027-05-06";
	mv.start_time = "15:00";
	mv.end_time = "16:00";
	assert_int_equal(vl_cal_occurrence(firm, id, "2027-05-06", 0, &mv, &fe), VL_OK);
	assert_int_equal(vl_cal_occurrence(firm, id, "2027-05-07", 1, &mv, &fe), VL_OK);
	/* Not a date of the event. */
	assert_int_equal(vl_cal_occurrence(firm, id, "2027-05-20", 1, &mv, &fe), VL_DECLINED);
	assert_int_equal(vl_cal_occurrence(firm, id, "2027-5-7", 1, &mv, &fe), VL_DECLINED);
	assert_int_equal(vl_cal_get(firm, id, &e), VL_OK);
	assert_int_equal(e.nex, 2);
	assert_int_equal(e.sequence, 2);
	assert_int_equal(vl_cal_range(firm, matter, 0, vl_wall_utc("UTC", &a), vl_wall_utc("UTC", &b),
	    &items, &n), VL_OK);
	for (i = 0; i < n; i++)
		if (items[i].event == id) {
			mine++;
			if (items[i].moved)
				assert_int_equal(items[i].start % 86400, 15 * 3600);
		}
	assert_int_equal(mine, 4);
}

static void
test_feed(void **state)
{
	struct vl_ctx	*firm = as(user, 0), anon;
	char		 token[44], *ics = NULL;

	(void)state;
	assert_int_equal(vl_cal_feed_new(firm, token), VL_OK);
	assert_true(vl_cal_feed_since(firm) > 0);
	vl_ctx_init(&anon, dbt_pool, 0, 0, 0, NULL);
	assert_int_equal(vl_cal_feed(&anon, token, &ics), VL_OK);
	assert_int_equal(anon.firm_id, dbt_firm);
	assert_int_equal(anon.user_id, user);
	assert_non_null(strstr(ics, "BEGIN:VCALENDAR"));
	/* The hash of the token is stored, never the token. */
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM cal_feeds WHERE token_hash = '%s'", token),
	    "0");
	vl_ctx_init(&anon, dbt_pool, 0, 0, 0, NULL);
	token[0] = token[0] == 'A' ? 'B' : 'A';
	assert_int_equal(vl_cal_feed(&anon, token, &ics), VL_DECLINED);
	assert_int_equal(vl_cal_feed(&anon, "short", &ics), VL_DECLINED);
	assert_int_equal(vl_cal_feed_revoke(firm), VL_OK);
	assert_int_equal(vl_cal_feed_since(firm), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_rule),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_occurrences),
		cmocka_unit_test(test_feed),
	};

	return cmocka_run_group_tests_name("calendar", tests, setup, teardown);
}
