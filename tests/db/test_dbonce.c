/*
 * The data layer as plain CGI runs it (vl_db_once): a statement's first
 * run prepared and executed in one round trip with the session's settings
 * in the statement, the connection opened without a SET of its own.  Every
 * statement sees the same settings as on a set-up connection; values of
 * every type (NULL, quotes, backslashes, every byte) arrive as bound; a
 * statement run twice runs again on its prepared handle, one without
 * parameters runs; a duplicate is a
 * conflict and the statement then runs again; a transaction rolls back.
 * Each case runs in both modes, so the two paths are held to one result.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "internal.h"
#include "dbtest.h"

static int64_t	 client;

/* Each case once per mode, on a fresh connection. */
static void
mode(int once)
{
	vl_db_close();
	vl_db_once(once);
}

static void
settings(int once)
{
	char	*tz, *sqlmode;
	int64_t	 wait;
	int	 i;

	mode(once);
	/* The first statement of the connection, then a second one. */
	for (i = 0; i < 2; i++) {
		assert_int_equal(vl_db_row(dbt_pool, STMT_CGI_SESSION_VARS, "i", "ssi", dbt_firm,
		    &tz, &sqlmode, &wait), VL_OK);
		assert_string_equal(tz, "+00:00");
		assert_non_null(strstr(sqlmode, "STRICT_ALL_TABLES"));
		assert_non_null(strstr(sqlmode, "ERROR_FOR_DIVISION_BY_ZERO"));
		assert_int_equal(wait, 5);
	}
}

static void
test_settings(void **state)
{
	(void)state;
	settings(0);
	settings(1);
}

static void
echo(int once)
{
	unsigned char	 bytes[256];
	const char	*texts[] = { "", "it's", "a\\' OR 1=1 -- ", "\"double\" `back`",
	    "\\", "'", "%_?", "Zoë Müller 中文 😀", "x\\0y", NULL };
	int64_t		 ints[] = { 0, 1, -1, INT64_MAX, INT64_MIN, 51 };
	char		*s;
	void		*b;
	size_t		 bl, i, k;
	int64_t		 n;

	mode(once);
	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)i;
	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
			assert_int_equal(vl_db_row(dbt_pool, STMT_CGI_ECHO, "isbi", "isb", ints[i],
			    texts[k], bytes, sizeof(bytes), dbt_firm, &n, &s, &b, &bl), VL_OK);
			assert_true(n == ints[i]);
			if (texts[k] == NULL)
				assert_null(s);
			else
				assert_string_equal(s, texts[k]);
			assert_int_equal(bl, sizeof(bytes));
			assert_memory_equal(b, bytes, sizeof(bytes));
		}
	}
	/* Empty bytes and another firm's id: no row. */
	assert_int_equal(vl_db_row(dbt_pool, STMT_CGI_ECHO, "isbi", "isb", (int64_t)7, "x", bytes,
	    (size_t)0, dbt_firm, &n, &s, &b, &bl), VL_OK);
	assert_int_equal(bl, 0);
	assert_int_equal(vl_db_row(dbt_pool, STMT_CGI_ECHO, "isbi", "isb", (int64_t)7, "x", bytes,
	    (size_t)1, (int64_t)-1, &n, &s, &b, &bl), VL_DECLINED);
}

static void
test_values(void **state)
{
	(void)state;
	echo(0);
	echo(1);
}

static void
writes(int once)
{
	char	 number[64];
	char	*got;

	mode(once);
	/* A statement without parameters. */
	assert_int_equal(vl_db_exec(STMT_THROTTLE_PURGE, NULL, NULL, ""), VL_OK);
	snprintf(number, sizeof(number), "once-%s-%d", dbt_tag, once);
	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, NULL, "issis", dbt_firm, number,
	    "A plain-CGI write", client, "open"), VL_OK);
	/* The same number again: a conflict, and the statement still runs. */
	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, NULL, "issis", dbt_firm, number,
	    "again", client, "open"), VL_CONFLICT);
	snprintf(number, sizeof(number), "once-%s-%d-b", dbt_tag, once);
	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, NULL, "issis", dbt_firm, number,
	    "A second", client, "open"), VL_OK);
	/* A transaction rolled back leaves nothing. */
	snprintf(number, sizeof(number), "once-%s-%d-tx", dbt_tag, once);
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, NULL, "issis", dbt_firm, number,
	    "Rolled back", client, "open"), VL_OK);
	vl_db_rollback();
	got = dbt_one("SELECT COUNT(*) FROM matters WHERE number LIKE 'once-%s-%d%%'", dbt_tag,
	    once);
	assert_non_null(got);
	assert_string_equal(got, "2");
}

static void
test_writes(void **state)
{
	(void)state;
	writes(0);
	writes(1);
}

static int
setup(void **state)
{
	char	 email[64];

	(void)state;
	if (dbt_setup("test_dbonce") != 0)
		return -1;
	snprintf(email, sizeof(email), "once-%s@example.test", dbt_tag);
	client = dbt_contact("Once Client", email);
	return client != 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	vl_db_once(0);
	(void)dbt_one("DELETE FROM matters WHERE number LIKE 'once-%s-%%'", dbt_tag);
	dbt_teardown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_writes),
	};

	vl_log_init("test_dbonce", VL_LOG_ERR);
	return cmocka_run_group_tests_name("dbonce", tests, setup, teardown);
}
