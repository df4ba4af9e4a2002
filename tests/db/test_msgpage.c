/*
 * The Messages pages' heads (lib/msgpage.c, lib/sql/msgpage.def) through
 * struct vl_ctx with no request: the firm's head reads the matter, its
 * portal and permissions, the user's mute and the responsible users of its
 * own firm only; the client's reads the matters of the portals the client
 * takes part in (not once removed), with the current one's permissions.
 * With a session pending (vl_sess_join) each checks it in the same
 * statement: a revoked, idle or expired session, a deactivated user and a
 * session of the other kind find nothing (j->found stays 0: the front door
 * then checks the session alone).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "msgpage.h"
#include "dbtest.h"

static int64_t	 user, other_user, contact, mid, portal, gone_mid, bare_mid, other_firm;

static int64_t
num(const char *s)
{
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

/* A matter of contact at the demo firm, numbered number; its id. */
static int64_t
matter(const char *number)
{
	uint64_t	 id;

	if (vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number, "Head test",
	    contact, "open") != VL_OK)
		return 0;
	return (int64_t)id;
}

/* Opens matter m's portal with contact taking part (removed when gone); the portal's id. */
static int64_t
open_portal(int64_t m, int gone)
{
	int64_t	 p;

	if (dbt_one("INSERT INTO portals (firm_id, matter_id, opened_at, opened_by, perm_messages,"
	    " perm_documents, perm_bills, perm_calendar, perm_tasks, perm_notes, perm_forms)"
	    " VALUES (%lld, %lld, NOW(6), %lld, 1, 0, 1, 0, 0, 1, 1)", (long long)dbt_firm,
	    (long long)m, (long long)user) == NULL)
		return 0;
	p = num(dbt_one("SELECT id FROM portals WHERE matter_id = %lld", (long long)m));
	if (dbt_one("INSERT INTO participants (firm_id, portal_id, contact_id, added_at, removed_at)"
	    " VALUES (%lld, %lld, %lld, NOW(6), %s)", (long long)dbt_firm, (long long)p,
	    (long long)contact, gone ? "NOW(6)" : "NULL") == NULL)
		return 0;
	return p;
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_msgpage") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@msgpage.test", dbt_tag), "Zed Head",
	    "msgpage-test-password");
	other_user = dbt_user(vl_pool_printf(dbt_pool, "v-%s@msgpage.test", dbt_tag), "Amy Head",
	    "msgpage-test-password");
	contact = dbt_contact("Head Client", vl_pool_printf(dbt_pool, "c-%s@msgpage.test", dbt_tag));
	if (user == 0 || other_user == 0 || contact == 0)
		return -1;
	mid = matter(vl_pool_printf(dbt_pool, "HA-%s", dbt_tag));
	gone_mid = matter(vl_pool_printf(dbt_pool, "HB-%s", dbt_tag));
	bare_mid = matter(vl_pool_printf(dbt_pool, "HC-%s", dbt_tag));
	if (mid == 0 || gone_mid == 0 || bare_mid == 0 || (portal = open_portal(mid, 0)) == 0 ||
	    open_portal(gone_mid, 1) == 0)
		return -1;
	if (dbt_one("INSERT INTO portal_mutes (firm_id, portal_id, user_id, muted_at) VALUES"
	    " (%lld, %lld, %lld, NOW(6))", (long long)dbt_firm, (long long)portal,
	    (long long)user) == NULL ||
	    dbt_one("INSERT INTO matter_responsible (firm_id, matter_id, user_id) VALUES"
	    " (%lld, %lld, %lld), (%lld, %lld, %lld)", (long long)dbt_firm, (long long)mid,
	    (long long)user, (long long)dbt_firm, (long long)mid, (long long)other_user) == NULL)
		return -1;
	if (dbt_one("INSERT INTO firms (name, slug) VALUES ('Head Other', 'msgpage-%s')",
	    dbt_tag) == NULL)
		return -1;
	other_firm = num(dbt_one("SELECT id FROM firms WHERE slug = 'msgpage-%s'", dbt_tag));
	if (other_firm <= 0 || dbt_one("INSERT INTO users (firm_id, email, name, role, pw_hash)"
	    " VALUES (%lld, 'o-%s@msgpage.test', 'Other Head', 'admin', '!')", (long long)other_firm,
	    dbt_tag) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* A context acting for firm as user or contact, with the session of token
 * pending when token is not NULL; the join in *j. */
static struct vl_ctx *
ctx(int64_t firm, int64_t u, int64_t k, const char *token, struct vl_sess_join **j)
{
	struct vl_ctx	*c = vl_pool_calloc(dbt_pool, 1, sizeof(*c));

	vl_ctx_init(c, dbt_pool, firm, u, k, "192.0.2.8");
	*j = NULL;
	if (token == NULL)
		return c;
	vl_ctx_init(c, dbt_pool, 0, 0, 0, "192.0.2.8");
	*j = vl_pool_calloc(dbt_pool, 1, sizeof(**j));
	vl_sha256(token, 43, (*j)->hash);
	(*j)->touch = 60;
	(*j)->idle = vl_conf.session_idle;
	(*j)->max = vl_conf.session_max;
	(*j)->s = vl_pool_calloc(dbt_pool, 1, sizeof(*(*j)->s));
	c->join = *j;
	return c;
}

static void
session(int64_t firm, int64_t account, int client, char token[44])
{
	struct vl_ctx	 c;

	vl_ctx_init(&c, dbt_pool, firm, 0, 0, "192.0.2.8");
	assert_int_equal(vl_sess_new(&c, client ? VL_SIGNIN_CLIENT : VL_SIGNIN_USER, firm, account,
	    "test_msgpage", token), VL_OK);
}

static void
test_firm_head(void **state)
{
	static const int want[VL_PERM__MAX] = { 1, 0, 1, 0, 0, 1, 1 };
	struct vl_msgpage_firm	 h;
	struct vl_sess_join	*j;
	size_t			 i;

	(void)state;
	assert_int_equal(vl_msgpage_firm_head(ctx(dbt_firm, user, 0, NULL, &j), mid, &h), VL_OK);
	assert_int_equal(h.portal, portal);
	assert_int_equal(h.matter.client_id, contact);
	assert_string_equal(h.matter.client, "Head Client");
	for (i = 0; i < VL_PERM__MAX; i++)
		if (h.perm[i] != want[i])
			fail_msg("permission %zu: %d", i, h.perm[i]);
	assert_int_equal(h.muted, 1);
	/* Responsible users in name order. */
	assert_int_equal(h.nresponsible, 2);
	assert_string_equal(h.responsible[0], "Amy Head");
	assert_string_equal(h.responsible[1], "Zed Head");
	/* The mute is the acting user's own. */
	assert_int_equal(vl_msgpage_firm_head(ctx(dbt_firm, other_user, 0, NULL, &j), mid, &h), VL_OK);
	assert_int_equal(h.muted, 0);
	/* No portal yet, and nobody responsible. */
	assert_int_equal(vl_msgpage_firm_head(ctx(dbt_firm, user, 0, NULL, &j), bare_mid, &h), VL_OK);
	assert_int_equal(h.portal, 0);
	assert_int_equal(h.nresponsible, 0);
	for (i = 0; i < VL_PERM__MAX; i++)
		assert_int_equal(h.perm[i], 0);
	/* Another firm, no matter, a bad id: not found. */
	assert_int_equal(vl_msgpage_firm_head(ctx(other_firm, user, 0, NULL, &j), mid, &h), VL_DECLINED);
	assert_int_equal(vl_msgpage_firm_head(ctx(dbt_firm, user, 0, NULL, &j), 0, &h), VL_DECLINED);
	assert_int_equal(vl_msgpage_firm_head(ctx(dbt_firm, user, 0, NULL, &j), -5, &h), VL_DECLINED);
}

/* The firm's head with its session: found for a valid one, nothing for each refusal. */
static void
test_firm_head_joined(void **state)
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
	struct vl_msgpage_firm	 h;
	struct vl_sess_join	*j;
	struct vl_ctx		*c;
	char			 token[44], *hash;
	size_t			 i;
	int64_t			 u;

	(void)state;
	session(dbt_firm, user, 0, token);
	assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h), VL_OK);
	assert_int_equal(j->found, 1);
	assert_int_equal(j->s->firm_id, dbt_firm);
	assert_int_equal(j->s->user_id, user);
	assert_string_equal(j->s->user_name, "Zed Head");
	assert_int_equal(h.portal, portal);
	assert_int_equal(h.muted, 1);
	/* A valid session and no such matter of its firm: no row either. */
	assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid + 1000000, &h),
	    VL_DECLINED);
	assert_int_equal(j->found, 0);
	/* Kept with its panels (lib/firmcopy.c): the next head is the copy,
	 * the session still checked. */
	c = ctx(0, 0, 0, token, &j);
	assert_int_equal(vl_msgpage_firm_head(c, mid, &h), VL_OK);
	assert_int_equal(h.kept, 0);
	c->firm_id = dbt_firm;
	c->user_id = user;
	assert_int_equal(vl_msgpage_firm_panels(c, &h), VL_OK);
	assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h), VL_OK);
	assert_int_equal(h.kept, 1);
	assert_int_equal(j->found, 1);
	assert_int_equal(j->s->user_id, user);
	assert_string_equal(j->s->user_name, "Zed Head");
	assert_int_equal(h.portal, portal);
	assert_int_equal(h.muted, 1);
	for (i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		u = dbt_user(vl_pool_printf(dbt_pool, "r%zu-%s@msgpage.test", i, dbt_tag), "Refused",
		    "msgpage-test-password");
		assert_true(u > 0);
		session(dbt_firm, u, 0, token);
		c = ctx(0, 0, 0, token, &j);
		assert_int_equal(vl_msgpage_firm_head(c, mid, &h), VL_OK);
		assert_int_equal(j->found, 1);
		c->firm_id = dbt_firm;
		c->user_id = u;
		assert_int_equal(vl_msgpage_firm_panels(c, &h), VL_OK);
		assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h), VL_OK);
		assert_int_equal(h.kept, 1);
		hash = vl_pool_printf(dbt_pool, "UNHEX(SHA2('%.43s', 256))", token);
		assert_non_null(dbt_one("%s%s%s", vec[i].before, hash, vec[i].after));
		if (vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h) != VL_DECLINED || j->found)
			fail_msg("%s: found", vec[i].what);
	}
	/* A client's session is no firm session. */
	session(dbt_firm, contact, 1, token);
	assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h), VL_DECLINED);
	assert_int_equal(j->found, 0);
	/* Another firm's valid session finds none of this firm's matters. */
	u = num(dbt_one("SELECT id FROM users WHERE firm_id = %lld", (long long)other_firm));
	assert_true(u > 0);
	session(other_firm, u, 0, token);
	assert_int_equal(vl_msgpage_firm_head(ctx(0, 0, 0, token, &j), mid, &h), VL_DECLINED);
	assert_int_equal(j->found, 0);
}

static void
test_client(void **state)
{
	struct vl_msgpage_matter	*v;
	struct vl_client_portal		 cp;
	struct vl_sess_join		*j;
	char				 token[44], *hash;
	size_t				 n;

	(void)state;
	/* The portal taken part in, not the one removed from, nor the bare matter. */
	assert_int_equal(vl_msgpage_client(ctx(dbt_firm, 0, contact, NULL, &j), mid, &v, &n, &cp),
	    VL_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, mid);
	assert_int_equal(cp.portal, portal);
	assert_int_equal(cp.matter, mid);
	assert_int_equal(cp.perm[VL_PERM_MESSAGES], 1);
	assert_int_equal(cp.perm[VL_PERM_DOCUMENTS], 0);
	assert_int_equal(cp.perm[VL_PERM_FORMS], 1);
	assert_int_equal(vl_msgpage_client(ctx(dbt_firm, 0, contact, NULL, &j), gone_mid, &v, &n,
	    &cp), VL_OK);
	assert_int_equal(cp.portal, 0);
	/* The same contact id at another firm: nothing. */
	assert_int_equal(vl_msgpage_client(ctx(other_firm, 0, contact, NULL, &j), mid, &v, &n, &cp),
	    VL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(cp.portal, 0);
	/* No client acts. */
	assert_int_equal(vl_msgpage_client(ctx(dbt_firm, user, 0, NULL, &j), mid, &v, &n, &cp),
	    VL_FORBIDDEN);
	/* With the session: found, then refused once revoked, idle or expired. */
	session(dbt_firm, contact, 1, token);
	assert_int_equal(vl_msgpage_client(ctx(0, 0, 0, token, &j), mid, &v, &n, &cp), VL_OK);
	assert_int_equal(j->found, 1);
	assert_int_equal(n, 1);		/* its own portals only, not the removed one */
	assert_int_equal(v[0].id, mid);
	assert_int_equal(j->s->contact_id, contact);
	assert_int_equal(j->s->firm_id, dbt_firm);
	assert_int_equal(cp.portal, portal);
	hash = vl_pool_printf(dbt_pool, "UNHEX(SHA2('%.43s', 256))", token);
	assert_non_null(dbt_one("UPDATE sessions SET last_seen = NOW(6) - INTERVAL 400 DAY"
	    " WHERE token_hash = %s", hash));
	assert_int_equal(vl_msgpage_client(ctx(0, 0, 0, token, &j), mid, &v, &n, &cp), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(n, 0);
	session(dbt_firm, contact, 1, token);
	hash = vl_pool_printf(dbt_pool, "UNHEX(SHA2('%.43s', 256))", token);
	assert_non_null(dbt_one("UPDATE sessions SET created_at = NOW(6) - INTERVAL 400 DAY"
	    " WHERE token_hash = %s", hash));
	assert_int_equal(vl_msgpage_client(ctx(0, 0, 0, token, &j), mid, &v, &n, &cp), VL_OK);
	assert_int_equal(j->found, 0);
	session(dbt_firm, contact, 1, token);
	hash = vl_pool_printf(dbt_pool, "UNHEX(SHA2('%.43s', 256))", token);
	assert_non_null(dbt_one("DELETE FROM sessions WHERE token_hash = %s", hash));
	assert_int_equal(vl_msgpage_client(ctx(0, 0, 0, token, &j), mid, &v, &n, &cp), VL_OK);
	assert_int_equal(j->found, 0);
	/* A firm user's session is no client session. */
	session(dbt_firm, user, 0, token);
	assert_int_equal(vl_msgpage_client(ctx(0, 0, 0, token, &j), mid, &v, &n, &cp), VL_OK);
	assert_int_equal(j->found, 0);
	assert_int_equal(n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_firm_head),
		cmocka_unit_test(test_firm_head_joined),
		cmocka_unit_test(test_client),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
