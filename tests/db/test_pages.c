/*
 * The matters list with its session checked in the same statement
 * (vl_sess_join, lib/sql/pages.def), through struct vl_ctx with no request:
 * the session's columns come only with rows of its own firm, and a revoked,
 * idle, expired or client session, a deactivated user or another firm's
 * session finds nothing (j->found stays 0: the front door then checks the
 * session alone).  A joined session past the first page is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "matters.h"
#include "dbtest.h"

static int64_t	 user, contact, other_firm, other_user;
static char	*number;

/* A session of account (a firm user, or a client with client set). */
static void
session(int64_t firm, int64_t account, int client, char token[44])
{
	struct vl_ctx	 c;

	vl_ctx_init(&c, dbt_pool, firm, 0, 0, "192.0.2.7");
	assert_int_equal(vl_sess_new(&c, client ? VL_SIGNIN_CLIENT : VL_SIGNIN_USER, firm, account,
	    "test_pages", token), VL_OK);
}

/* The list's first page searched for q ("": the page as it opens, its own
 * statement) in sort with the session of token pending, as the front door
 * leaves it; the join in *j. */
static enum vl_rc
find_sorted(const char *token, const char *q, enum vl_matter_sort sort, int64_t page,
    struct vl_sess_join **j, size_t *n)
{
	struct vl_ctx		*c = vl_pool_calloc(dbt_pool, 1, sizeof(*c));
	struct vl_matter_filter	 f = { NULL, q, 0, 0, sort, page };
	struct vl_matter_rec	*rows;
	int			 more;

	vl_ctx_init(c, dbt_pool, 0, 0, 0, "192.0.2.7");
	*j = vl_pool_calloc(dbt_pool, 1, sizeof(**j));
	vl_sha256(token, 43, (*j)->hash);
	(*j)->touch = 60;
	(*j)->idle = vl_conf.session_idle;
	(*j)->max = vl_conf.session_max;
	(*j)->s = vl_pool_calloc(dbt_pool, 1, sizeof(*(*j)->s));
	c->join = *j;
	return vl_matter_find(c, &f, &rows, n, &more);
}

static enum vl_rc
find(const char *token, const char *q, int64_t page, struct vl_sess_join **j, size_t *n)
{
	return find_sorted(token, q, VL_MSORT_NUMBER, page, j, n);
}

static int
setup(void **state)
{
	uint64_t	 id;

	(void)state;
	if (dbt_setup("test_pages") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@pages.test", dbt_tag), "Pages Tester",
	    "pages-test-password");
	contact = dbt_contact("Pages Client", vl_pool_printf(dbt_pool, "c-%s@pages.test", dbt_tag));
	number = vl_pool_printf(dbt_pool, "PG-%s", dbt_tag);
	if (user == 0 || contact == 0 || vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis",
	    dbt_firm, number, "Joined list test", contact, "open") != VL_OK)
		return -1;
	/* Another firm with a user of its own. */
	if (dbt_one("INSERT INTO firms (name, slug) VALUES ('Pages Other', 'pages-%s')", dbt_tag) ==
	    NULL)
		return -1;
	other_firm = strtoll(dbt_one("SELECT id FROM firms WHERE slug = 'pages-%s'", dbt_tag), NULL,
	    10);
	if (dbt_one("INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (%lld, "
	    "'o-%s@pages.test', 'Other User', 'admin', '!')", (long long)other_firm, dbt_tag) == NULL)
		return -1;
	other_user = strtoll(dbt_one("SELECT id FROM users WHERE email = 'o-%s@pages.test'", dbt_tag),
	    NULL, 10);
	return other_firm > 0 && other_user > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* A valid session: its columns and its firm's matter, one statement. */
static void
test_found(void **state)
{
	struct vl_sess_join	*j;
	char			 token[44];
	size_t			 n;
	int			 s;

	(void)state;
	session(dbt_firm, user, 0, token);
	assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 1);
	assert_int_equal(n, 1);
	assert_int_equal(j->s->firm_id, dbt_firm);
	assert_int_equal(j->s->user_id, user);
	assert_string_equal(j->s->user_name, "Pages Tester");
	assert_string_equal(j->s->role, "member");
	assert_int_equal(j->stale, 0);
	/* Nothing matches: no row, and the session is left to be checked alone. */
	assert_int_equal(find(token, "no-such-matter-anywhere", 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(n, 0);
	/* Past the first page a joined session is a caller's mistake. */
	assert_int_equal(find(token, number, 2, &j, &n), VL_ERR);
	/* As the page opens (no filter, no search), in each sort: the session's
	 * columns and the firm's matters, this one among them. */
	for (s = 0; s < VL_MSORT__MAX; s++) {
		assert_int_equal(find_sorted(token, "", (enum vl_matter_sort)s, 1, &j, &n), VL_OK);
		assert_int_equal(j->found, 1);
		assert_true(n >= 1);
		assert_int_equal(j->s->firm_id, dbt_firm);
		assert_int_equal(j->s->user_id, user);
		assert_string_equal(j->s->user_name, "Pages Tester");
	}
}

/* Every session the check refuses finds nothing, the matter notwithstanding. */
static void
test_refused(void **state)
{
	static const struct {
		const char	*what, *before, *after;	/* the SQL around the token's hash */
	} vec[] = {
		{ "revoked", "DELETE FROM sessions WHERE token_hash = ", "" },
		{ "idle", "UPDATE sessions SET last_seen = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ",
		    "" },
		{ "expired", "UPDATE sessions SET created_at = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ",
		    "" },
		/* Two statements: one that reads sessions cannot write users,
		 * whose triggers write the sessions' stamps (sql/035). */
		{ "deactivated", "SELECT user_id INTO @u FROM sessions WHERE token_hash = ",
		    "; UPDATE users SET deactivated_at = NOW(6) WHERE id = @u" },
	};
	struct vl_sess_join	*j;
	char			 token[44], *h;
	size_t			 i, n;
	int64_t			 u;

	(void)state;
	for (i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		u = dbt_user(vl_pool_printf(dbt_pool, "r%zu-%s@pages.test", i, dbt_tag), "Refused",
		    "pages-test-password");
		assert_true(u > 0);
		session(dbt_firm, u, 0, token);
		assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
		assert_int_equal(j->found, 1);
		h = vl_pool_printf(dbt_pool, "UNHEX(SHA2('%.43s', 256))", token);
		assert_non_null(dbt_one("%s%s%s", vec[i].before, h, vec[i].after));
		/* Searched, and as the page opens (its own statement). */
		assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
		if (j->found || n != 0)
			fail_msg("%s: found %d, %zu rows", vec[i].what, j->found, n);
		assert_int_equal(find(token, "", 1, &j, &n), VL_OK);
		if (j->found || n != 0)
			fail_msg("%s, no filter: found %d, %zu rows", vec[i].what, j->found, n);
	}
	/* A client's session is no firm session. */
	session(dbt_firm, contact, 1, token);
	assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(find(token, "", 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
	/* An unknown token. */
	memset(token, 'A', 43);
	token[43] = '\0';
	assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(find(token, "", 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
}

/* Another firm's session lists its own firm's matters only. */
static void
test_other_firm(void **state)
{
	struct vl_sess_join	*j;
	char			 token[44];
	size_t			 n;

	(void)state;
	session(other_firm, other_user, 0, token);
	assert_int_equal(find(token, number, 1, &j, &n), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(n, 0);
	assert_int_equal(find(token, "", 1, &j, &n), VL_OK);
	assert_int_equal(n, 0);
}

/* The stamps a session's row carries (sql/035) against its firm's, as
 * "matters,facts,clients". */
static char *
stamps_of(const char *table, const char *where)
{
	const char	*v = dbt_one("SELECT CONCAT_WS(',', matters_stamp, facts_stamp, clients_stamp)"
	    " FROM %s WHERE %s", table, where);

	assert_non_null(v);
	return vl_pool_strdup(dbt_pool, v);
}

/* The stamps the row of the session of token carries. */
static char *
session_stamps(const char *token)
{
	return stamps_of("sessions", vl_pool_printf(dbt_pool, "token_hash = UNHEX(SHA2('%.43s', 256))",
	    token));
}

/* A user's session row carries its firm's three stamps from its insert on,
 * and takes each move of them in the mover's transaction; another firm's
 * sessions keep theirs, and a client's session carries none. */
static void
test_session_stamps(void **state)
{
	const char	*move[3];
	char		 token[44], other[44], client[44], *firm, *before, *theirs;
	size_t		 i;

	(void)state;
	move[0] = vl_pool_printf(dbt_pool, "UPDATE matters SET description = 'Stamps moved'"
	    " WHERE firm_id = %lld AND number = '%s'", (long long)dbt_firm, number);
	move[1] = vl_pool_printf(dbt_pool, "UPDATE users SET name = 'Pages Stamps' WHERE id = %lld",
	    (long long)user);
	move[2] = vl_pool_printf(dbt_pool, "UPDATE contacts SET name = 'Pages Stamps Client'"
	    " WHERE id = %lld", (long long)contact);
	session(dbt_firm, user, 0, token);
	session(other_firm, other_user, 0, other);
	session(dbt_firm, contact, 1, client);
	firm = vl_pool_printf(dbt_pool, "firm_id = %lld", (long long)dbt_firm);
	theirs = session_stamps(other);
	before = session_stamps(token);
	assert_string_not_equal(before, "0,0,0");
	assert_string_equal(before, stamps_of("firm_stamps", firm));
	for (i = 0; i < sizeof(move) / sizeof(move[0]); i++) {
		assert_non_null(dbt_one("%s", move[i]));
		assert_string_not_equal(session_stamps(token), before);
		before = session_stamps(token);
		assert_string_equal(before, stamps_of("firm_stamps", firm));
	}
	assert_string_equal(session_stamps(other), theirs);
	assert_string_equal(session_stamps(client), "0,0,0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_other_firm),
		cmocka_unit_test(test_session_stamps),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
