/*
 * The Messages pages a page at a time (lib/feed.c) and the users picker kept
 * per process (lib/picks.c), through struct vl_ctx with no request: pages
 * of the latest VL_FEED_PAGE messages that meet without a gap or an overlap
 * (messages at the same microsecond included), read receipts and their
 * events for the shown messages only, the firm's events of the same span,
 * nothing of another portal or firm; a user added shows in the picker as
 * soon as the stamp read with a session moves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "feed.h"
#include "picks.h"
#include "feedcopy.h"
#include "dbtest.h"

#define NMSG	(2 * VL_FEED_PAGE + 17)

static int64_t	 user, contact, other, matter, portal, portal2;

static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, "192.0.2.13");
	return ctx;
}

static int64_t
new_portal(const char *number, int64_t with)
{
	uint64_t	 id;
	int64_t		 mid;

	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number,
	    "Feed test", contact, "open"), VL_OK);
	mid = (int64_t)id;
	if (matter == 0)
		matter = mid;
	assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &id, "iii", dbt_firm, mid, user), VL_OK);
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm, (int64_t)id,
	    dbt_firm, with), VL_OK);
	return (int64_t)id;
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_feed") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@feed.test", dbt_tag), "Feed Tester", "x");
	contact = dbt_contact("Feed Client", vl_pool_printf(dbt_pool, "c-%s@feed.test", dbt_tag));
	other = dbt_contact("Feed Other", vl_pool_printf(dbt_pool, "o-%s@feed.test", dbt_tag));
	portal = new_portal(vl_pool_printf(dbt_pool, "FD-%s-1", dbt_tag), contact);
	portal2 = new_portal(vl_pool_printf(dbt_pool, "FD-%s-2", dbt_tag), other);
	/* NMSG messages a second apart, every fifth pair at the same
	 * microsecond (the keyset's tie on id), the newest a minute ago; one
	 * from the client; one deleted; and one in the other portal. */
	dbt_one("INSERT INTO messages (firm_id, portal_id, author_user, author_contact, body, created_at)"
	    " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
	    " SELECT %lld, %lld, IF(i = 7, NULL, %lld), IF(i = 7, %lld, NULL), CONCAT('m', i),"
	    " NOW(6) - INTERVAL 1 MINUTE - INTERVAL (%d - i - (i %% 5 = 1)) SECOND FROM n",
	    NMSG, (long long)dbt_firm, (long long)portal, (long long)user, (long long)contact, NMSG);
	dbt_one("UPDATE messages SET deleted_at = NOW(6) WHERE portal_id = %lld AND body = 'm9'",
	    (long long)portal);
	dbt_one("INSERT INTO messages (firm_id, portal_id, author_user, body, created_at) VALUES"
	    " (%lld, %lld, %lld, 'elsewhere', NOW(6))", (long long)dbt_firm, (long long)portal2,
	    (long long)user);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* The integer a query or a body ("mN") holds; -1 if none. */
static int64_t
n64(const char *s)
{
	int64_t	 v;

	return s != NULL && vl_strtonum(s, 0, INT64_MAX, &v) == VL_OK ? v : -1;
}

static int
num(const struct vl_feed_msg *m)
{
	return (int)n64(m->body + 1);
}

/* The firm's users_stamp now. */
static int64_t
stamp_now(void)
{
	return n64(dbt_one("SELECT users_stamp FROM firms WHERE id = %lld", (long long)dbt_firm));
}

static void
test_cursor(void **state)
{
	static const struct { const char *in; int ok; int64_t us, id; } v[] = {
		{ "1795262317342320-181", 1, 1795262317342320, 181 },
		{ "1-1", 1, 1, 1 },
		{ "253402300799999999-9223372036854775807", 1, VL_FEED_US_MAX, INT64_MAX },
		{ "253402300800000000-1", 0, 0, 0 },
		{ "9223372036854775807-1", 0, 0, 0 },
		{ "9223372036854775808-1", 0, 0, 0 },
		{ "0-5", 0, 0, 0 },
		{ "5-0", 0, 0, 0 },
		{ "-5-1", 0, 0, 0 },
		{ "5--1", 0, 0, 0 },
		{ "5-", 0, 0, 0 },
		{ "-5", 0, 0, 0 },
		{ "5", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "a-b", 0, 0, 0 },
		{ "5-1x", 0, 0, 0 },
		{ " 5-1", 0, 0, 0 },
		{ "5-1-2", 0, 0, 0 },
		{ "123456789012345678901234-1", 0, 0, 0 },
	};
	struct vl_feed_cursor	 c;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		c.us = c.id = 77;
		assert_int_equal(vl_feed_cursor_parse(v[i].in, &c), v[i].ok ? 0 : -1);
		assert_true(c.us == v[i].us && c.id == v[i].id);
		if (v[i].ok)
			assert_string_equal(vl_feed_cursor_fmt(dbt_pool, &c), v[i].in);
	}
	assert_int_equal(vl_feed_cursor_parse(NULL, &c), -1);
}

/* Walks the firm's pages back from the latest: every live message once, in order. */
static void
test_pages(void **state)
{
	struct vl_feed_cursor	 before = { 0, 0 };
	struct vl_feed		 f;
	int			 seen[NMSG + 1], pages = 0, last = NMSG + 1, i, n = 0;
	size_t			 k;

	(void)state;
	memset(seen, 0, sizeof(seen));
	do {
		assert_int_equal(vl_feed_firm(as(user, 0), portal, &before, &f), VL_OK);
		assert_true(f.n <= VL_FEED_PAGE);
		/* Oldest first within a page, pages going back in time. */
		for (k = f.n; k-- > 0; ) {
			i = num(&f.msg[k]);
			assert_true(i < last);
			last = i;
			assert_int_equal(seen[i]++, 0);
			n++;
		}
		if (f.earlier) {
			assert_int_equal(f.n, VL_FEED_PAGE);
			before = f.oldest;
		}
		pages++;
	} while (f.earlier && pages < 10);
	assert_int_equal(pages, 3);
	assert_int_equal(n, NMSG - 1);		/* m9 is deleted */
	assert_int_equal(seen[9], 0);
	/* The client sees the same pages, its own message marked. */
	before.us = before.id = 0;
	assert_int_equal(vl_feed_client(as(0, contact), portal, &before, &f), VL_OK);
	assert_int_equal(f.n, VL_FEED_PAGE);
	assert_int_equal(num(&f.msg[f.n - 1]), NMSG);
	assert_true(f.earlier);
	/* Nothing of another portal, whatever the cursor. */
	before = f.oldest;
	assert_int_equal(vl_feed_firm(as(user, 0), portal2, &before, &f), VL_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(vl_feed_firm(as(user, 0), portal2, NULL, &f), VL_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.msg[0].body, "elsewhere");
}

/* Nothing of another firm: the same portal id read as another firm. */
static void
test_other_firm(void **state)
{
	struct vl_feed	 f;
	struct vl_ctx	*c = as(user, 0);

	(void)state;
	c->firm_id = dbt_firm + 100000;
	assert_int_equal(vl_feed_firm(c, portal, NULL, &f), VL_OK);
	assert_int_equal(f.n, 0);
	c = as(0, contact);
	c->firm_id = dbt_firm + 100000;
	assert_int_equal(vl_feed_client(c, portal, NULL, &f), VL_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(vl_feed_client(as(0, 0), portal, NULL, &f), VL_FORBIDDEN);
}

/* Receipts and events for the shown page only; the firm's events by span. */
static void
test_reads(void **state)
{
	struct vl_feed_cursor	 before;
	struct vl_feed_event	*ev;
	struct vl_feed		 f, g;
	size_t			 nev, k;
	int			 unread = 0;

	(void)state;
	assert_int_equal(vl_feed_client(as(0, contact), portal, NULL, &f), VL_OK);
	for (k = 0; k < f.n; k++)
		unread += f.msg[k].unread;
	assert_int_equal(unread, VL_FEED_PAGE);		/* its own m7 is further back */
	assert_int_equal(vl_feed_read(as(0, contact), portal, &f), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM item_reads WHERE portal_id = %lld"
	    " AND item_kind = 'message'", (long long)portal), "50");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM portal_events WHERE portal_id = %lld"
	    " AND kind = 'read_message'", (long long)portal), "50");
	/* Again: nothing new. */
	assert_int_equal(vl_feed_read(as(0, contact), portal, &f), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM portal_events WHERE portal_id = %lld"
	    " AND kind = 'read_message'", (long long)portal), "50");
	assert_int_equal(vl_feed_client(as(0, contact), portal, NULL, &g), VL_OK);
	for (k = 0; k < g.n; k++)
		assert_false(g.msg[k].unread);
	/* The page before: unread until shown, its own message never. */
	before = f.oldest;
	assert_int_equal(vl_feed_client(as(0, contact), portal, &before, &g), VL_OK);
	assert_int_equal(g.n, VL_FEED_PAGE);
	unread = 0;
	for (k = 0; k < g.n; k++)
		unread += g.msg[k].unread;
	assert_int_equal(unread, VL_FEED_PAGE);
	assert_int_equal(vl_feed_read(as(0, contact), portal, &g), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM item_reads WHERE portal_id = %lld"
	    " AND item_kind = 'message'", (long long)portal), "100");
	/* The firm sees the readers of the shown messages. */
	assert_int_equal(vl_feed_firm(as(user, 0), portal, NULL, &f), VL_OK);
	for (k = 0; k < f.n; k++)
		assert_non_null(strstr(f.msg[k].readers, "Feed Client"));
	/* Events: the latest page has every event after its oldest message
	 * (the reads happened now); the page before it has none of them. */
	assert_int_equal(vl_feed_events(as(user, 0), portal, &f, NULL, &ev, &nev), VL_OK);
	assert_int_equal(nev, 100);
	for (k = 1; k < nev; k++)
		assert_true(ev[k - 1].us <= ev[k].us);
	before = f.oldest;
	assert_int_equal(vl_feed_firm(as(user, 0), portal, &before, &g), VL_OK);
	assert_int_equal(vl_feed_events(as(user, 0), portal, &g, &before, &ev, &nev), VL_OK);
	assert_int_equal(nev, 0);
	/* A client who reads nothing changes nothing; no client, no reads. */
	memset(&g, 0, sizeof(g));
	assert_int_equal(vl_feed_read(as(0, contact), portal, &g), VL_OK);
	assert_int_equal(vl_feed_read(as(user, 0), portal, &f), VL_FORBIDDEN);
}

/* The users picker: kept while the stamp holds, read anew when it moves. */
static void
test_users_picker(void **state)
{
	struct vl_ctx	*c = as(user, 0);
	struct vl_pick	*p;
	size_t		 n, n0, k;
	int64_t		 stamp;
	int		 found;

	(void)state;
	vl_picks_forget();
	stamp = stamp_now();
	c->users_stamp = stamp;
	assert_int_equal(vl_picks_users(c, &p, &n0), VL_OK);
	assert_true(n0 > 0);
	/* Added behind the process's back: the triggers move the stamp. */
	dbt_user(vl_pool_printf(dbt_pool, "late-%s@feed.test", dbt_tag), "Late Colleague", "x");
	assert_true(stamp_now() != stamp);
	/* Under the old stamp the copy is kept (it is what that stamp saw)... */
	assert_int_equal(vl_picks_users(c, &p, &n), VL_OK);
	assert_int_equal(n, n0);
	/* ... and the next request's stamp brings the new colleague. */
	c = as(user, 0);
	c->users_stamp = stamp_now();
	assert_int_equal(vl_picks_users(c, &p, &n), VL_OK);
	assert_int_equal(n, n0 + 1);
	for (found = 0, k = 0; k < n; k++)
		found |= strcmp(p[k].name, "Late Colleague") == 0;
	assert_true(found);
	/* No stamp (no session): always read. */
	c->users_stamp = 0;
	assert_int_equal(vl_picks_users(c, &p, &n), VL_OK);
	assert_int_equal(n, n0 + 1);
	/* A sign-in (no name changed) leaves the stamp alone. */
	stamp = stamp_now();
	dbt_one("UPDATE users SET last_login_at = NOW(6), role = role WHERE id = %lld", (long long)user);
	assert_int_equal(stamp_now(), stamp);
	dbt_one("UPDATE users SET name = 'Feed Tester Renamed' WHERE id = %lld", (long long)user);
	assert_true(stamp_now() != stamp);
	vl_picks_forget();
}

/* The firm's stamps and portal p's, as the page's first statement reads them. */
static void
stamps_now(struct vl_ctx *c, int64_t p, int64_t *feed)
{
	c->users_stamp = stamp_now();
	c->matters_stamp = strtoll(dbt_one("SELECT matters_stamp FROM firm_stamps WHERE firm_id = %lld",
	    (long long)dbt_firm), NULL, 10);
	*feed = strtoll(dbt_one("SELECT stamp FROM portal_stamps WHERE portal_id = %lld",
	    (long long)p), NULL, 10);
}

/* The latest page kept by the process: used while the stamps hold, read
 * anew once a write moves one, never another viewer's or portal's. */
static void
test_feed_copy(void **state)
{
	struct vl_ctx	*c = as(user, 0), *cl = as(0, contact), *o = as(0, other);
	struct vl_feed	 f, g;
	int64_t		 st, st2;

	(void)state;
	vl_feed_copies_forget();
	stamps_now(c, portal, &st);
	assert_true(st != 0 && c->matters_stamp != 0);
	assert_int_equal(vl_feed_latest(c, portal, st, 0, &f), VL_OK);
	assert_string_equal(f.msg[f.n - 1].body, vl_pool_printf(dbt_pool, "m%d", NMSG));
	/* Written behind the process's back: the portal's stamp moves... */
	dbt_one("UPDATE messages SET body = 'changed' WHERE portal_id = %lld AND body = '%s'",
	    (long long)portal, vl_pool_printf(dbt_pool, "m%d", NMSG));
	stamps_now(c, portal, &st2);
	assert_true(st2 != st);
	/* ... under the old stamps the copy is what they saw... */
	assert_int_equal(vl_feed_latest(c, portal, st, 0, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 1].body, vl_pool_printf(dbt_pool, "m%d", NMSG));
	/* ... and the next request's stamps bring the change. */
	assert_int_equal(vl_feed_latest(c, portal, st2, 0, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 1].body, "changed");
	assert_int_equal(g.n, f.n);
	/* A client's view is its own copy (its own messages marked)... */
	dbt_one("INSERT INTO messages (firm_id, portal_id, author_contact, body, created_at)"
	    " VALUES (%lld, %lld, %lld, 'from the client', NOW(6))", (long long)dbt_firm,
	    (long long)portal, (long long)contact);
	stamps_now(cl, portal, &st);
	assert_int_equal(vl_feed_latest(cl, portal, st, 1, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 1].body, "from the client");
	assert_int_equal(g.msg[g.n - 1].mine, 1);
	/* ... another contact under the same stamps gets its own reading
	 * (vl_feed_client has no participation check: the page checks it
	 * first), never the first client's copy. */
	stamps_now(o, portal, &st2);
	assert_int_equal(st2, st);
	assert_int_equal(vl_feed_latest(o, portal, st2, 1, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 1].body, "from the client");
	assert_int_equal(g.msg[g.n - 1].mine, 0);
	/* The other portal: its own feed. */
	stamps_now(c, portal2, &st);
	assert_int_equal(vl_feed_latest(c, portal2, st, 0, &g), VL_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.msg[0].body, "elsewhere");
	/* A renamed author moves the firm's users_stamp: the new name. */
	stamps_now(c, portal, &st);
	assert_int_equal(vl_feed_latest(c, portal, st, 0, &g), VL_OK);
	dbt_one("UPDATE users SET name = 'FEED TESTER' WHERE id = %lld", (long long)user);
	stamps_now(c, portal, &st2);
	assert_int_equal(st2, st);
	assert_int_equal(vl_feed_latest(c, portal, st2, 0, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 2].body, "changed");
	assert_string_equal(g.msg[g.n - 2].who, "FEED TESTER");
	/* No stamp (none yet): always read. */
	dbt_one("UPDATE messages SET body = 'again' WHERE portal_id = %lld AND body = 'changed'",
	    (long long)portal);
	assert_int_equal(vl_feed_latest(c, portal, 0, 0, &g), VL_OK);
	assert_string_equal(g.msg[g.n - 2].body, "again");
	vl_feed_copies_forget();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_other_firm),
		cmocka_unit_test(test_reads),
		cmocka_unit_test(test_users_picker),
		cmocka_unit_test(test_feed_copy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
