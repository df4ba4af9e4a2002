/*
 * Contacts, matters and activities through struct vl_ctx, with no request:
 * matter numbers from the firm's pattern (typed numbers skipped, a new
 * year, matters created at once by several processes), a contact's
 * addresses and its login email (sessions end when it changes; the login
 * address is not removed from a contact in a portal), activity amounts and
 * the matter's totals, a bill's lock, categories of another firm refused.
 * Every run makes a firm of its own, named with the run's tag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "vellum.h"
#include "internal.h"
#include "dbtest.h"
#include "activity.h"
#include "contact.h"
#include "matters.h"

#define REMOTE	"192.0.2.9"
#define RACERS	8

static int64_t	 firm, user, client, other_firm, other_category;
static int	 year;

static struct vl_ctx *
as_user(void)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, firm, user, 0, REMOTE);
	return ctx;
}

static char *
num(int64_t n)
{
	return vl_pool_printf(dbt_pool, "%lld", (long long)n);
}

static char *
number(int64_t counter)
{
	return vl_pool_printf(dbt_pool, "%04d-%04lld", year, (long long)counter);
}

static int64_t
new_firm(const char *what, int64_t *admin)
{
	uint64_t	 id;
	int64_t		 f;

	if (vl_db_exec(STMT_FIRM_INSERT, NULL, &id, "ss", what, vl_pool_printf(dbt_pool, "%s-%s",
	    what, dbt_tag)) != VL_OK)
		return 0;
	f = (int64_t)id;
	if (vl_db_exec(STMT_USER_INSERT, NULL, &id, "issss", f, vl_pool_printf(dbt_pool,
	    "%s-%s@records.test", what, dbt_tag), "Rec Admin", "admin", "x") != VL_OK)
		return 0;
	*admin = (int64_t)id;
	return f;
}

static int
setup(void **state)
{
	struct vl_form_err	 e;
	struct vl_contact_in	 in = { "person", "Rita Records", "+1 555 0199", "1 Main St", NULL };
	struct vl_ctx		 c;
	time_t			 now = time(NULL);
	struct tm		 tm;
	int64_t			 admin2;

	(void)state;
	if (dbt_setup("test_records") != 0)
		return -1;
	gmtime_r(&now, &tm);
	year = tm.tm_year + 1900;	/* a new firm's zone is UTC */
	if ((firm = new_firm("records", &user)) == 0 ||
	    (other_firm = new_firm("rival", &admin2)) == 0)
		return -1;
	if (vl_contact_create(as_user(), &in, vl_pool_printf(dbt_pool,
	    "Rita.%s@Records.test\nrita2.%s@records.test", dbt_tag, dbt_tag), &client, &e) != VL_OK)
		return -1;
	vl_ctx_init(&c, dbt_pool, other_firm, admin2, 0, REMOTE);
	if (vl_category_save(&c, 0, "Rival's category", &e) != VL_OK)
		return -1;
	other_category = atoll(dbt_one("SELECT id FROM activity_categories WHERE firm_id = %lld",
	    (long long)other_firm));
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
create(const char *typed, enum vl_rc want, const char *code)
{
	struct vl_matter_in	 in = { typed, "A records matter", "2026-03-01", NULL, client, user, NULL };
	struct vl_form_err	 e = { NULL, NULL };
	char			*n = NULL;
	int64_t			 id = 0;

	assert_int_equal(vl_matter_create(as_user(), &in, &id, &n, &e), want);
	if (code != NULL)
		assert_string_equal(e.code, code);
	return id;
}

static void
test_numbers(void **state)
{
	struct vl_form_err	 e;
	char			*pattern, *preview;
	int64_t			 next, id;

	(void)state;
	assert_int_equal(vl_numbering_get(as_user(), &pattern, &next, &preview), VL_OK);
	assert_string_equal(pattern, VL_NUMBER_PATTERN);
	assert_int_equal(next, 1);
	assert_string_equal(preview, number(1));
	id = create(NULL, VL_OK, NULL);
	assert_string_equal(dbt_one("SELECT number FROM matters WHERE id = %lld", (long long)id),
	    number(1));
	/* The responsible user is one of the matter's (told of client mail). */
	assert_string_equal(dbt_one("SELECT user_id FROM matter_responsible WHERE matter_id = %lld",
	    (long long)id), num(user));
	/* A typed number: taken ones refused, and the counter skips it. */
	create(number(2), VL_OK, NULL);
	create(number(2), VL_INVALID, "number_taken");
	assert_int_equal(vl_numbering_get(as_user(), &pattern, &next, &preview), VL_OK);
	assert_int_equal(next, 2);
	assert_string_equal(preview, number(3));	/* past the typed one */
	id = create("", VL_OK, NULL);
	assert_string_equal(dbt_one("SELECT number FROM matters WHERE id = %lld", (long long)id),
	    number(3));
	/* Another pattern and counter; a wider counter keeps its digits. */
	assert_int_equal(vl_numbering_set(as_user(), "R-{NN}", 99, &e), VL_OK);
	id = create(NULL, VL_OK, NULL);
	assert_string_equal(dbt_one("SELECT number FROM matters WHERE id = %lld", (long long)id), "R-99");
	id = create(NULL, VL_OK, NULL);
	assert_string_equal(dbt_one("SELECT number FROM matters WHERE id = %lld", (long long)id), "R-100");
	assert_int_equal(vl_numbering_set(as_user(), "R-{NN}-{NN}", 1, &e), VL_INVALID);
	assert_string_equal(e.code, "pattern_invalid");
	assert_int_equal(vl_numbering_set(as_user(), "R-{NN}", 0, &e), VL_INVALID);
	assert_string_equal(e.code, "next_invalid");
	/* Last year's counter: this year starts at 1 again. */
	dbt_one("UPDATE matter_numbering SET year = year - 1, counter = 500 WHERE firm_id = %lld",
	    (long long)firm);
	id = create(NULL, VL_OK, NULL);
	assert_string_equal(dbt_one("SELECT number FROM matters WHERE id = %lld", (long long)id), "R-01");
	/* Another firm's client or user is not found. */
	{
		struct vl_matter_in in = { NULL, "x", "2026-03-01", NULL, client, user, NULL };
		struct vl_ctx c;
		char *n;
		vl_ctx_init(&c, dbt_pool, other_firm, user, 0, REMOTE);
		assert_int_equal(vl_matter_create(&c, &in, &id, &n, &e), VL_DECLINED);
	}
}

/* Several processes create matters at once: each gets its own number. */
static void
test_numbers_at_once(void **state)
{
	pid_t	 pids[RACERS];
	int	 i, status, ok = 0;

	(void)state;
	vl_db_close();	/* each child opens its own connection */
	for (i = 0; i < RACERS; i++) {
		if ((pids[i] = fork()) == 0) {
			struct vl_matter_in in = { NULL, "Raced", "2026-03-02", NULL, client, user, NULL };
			struct vl_form_err e;
			struct vl_pool *pool = vl_pool_new();
			struct vl_ctx c;
			int64_t id;
			char *n;
			vl_ctx_init(&c, pool, firm, user, 0, REMOTE);
			_exit(vl_matter_create(&c, &in, &id, &n, &e) == VL_OK ? 0 : 1);
		}
		assert_true(pids[i] > 0);
	}
	for (i = 0; i < RACERS; i++)
		if (waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			ok++;
	assert_int_equal(ok, RACERS);
	assert_string_equal(dbt_one("SELECT COUNT(DISTINCT number) FROM matters WHERE firm_id = %lld"
	    " AND description = 'Raced'", (long long)firm), num(RACERS));
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(number ORDER BY number) FROM matters"
	    " WHERE firm_id = %lld AND description = 'Raced'", (long long)firm),
	    "R-02,R-03,R-04,R-05,R-06,R-07,R-08,R-09");
}

static void
test_addresses(void **state)
{
	struct vl_form_err	 e;
	struct vl_contact	 k;
	char			 tok[44];
	uint64_t		 pid;
	int64_t			 mid;
	const char		*first = vl_pool_printf(dbt_pool, "rita.%s@records.test", dbt_tag);
	const char		*second = vl_pool_printf(dbt_pool, "rita2.%s@records.test", dbt_tag);

	(void)state;
	assert_int_equal(vl_contact_get(as_user(), client, &k), VL_OK);
	assert_int_equal(k.nemails, 2);
	assert_string_equal(k.emails[0].email, first);	/* normalised, primary */
	assert_true(k.emails[0].primary && k.emails[0].login);
	/* In a portal, with a session. */
	mid = create(NULL, VL_OK, NULL);
	assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &pid, "iii", firm, mid, user), VL_OK);
	assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", firm, (int64_t)pid,
	    firm, client), VL_OK);
	assert_int_equal(vl_sess_new(as_user(), VL_SIGNIN_CLIENT, firm, client, NULL, tok), VL_OK);
	/* The login address is not removed while the contact is in a portal. */
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_REMOVE, k.emails[0].id, NULL, &e),
	    VL_INVALID);
	assert_string_equal(e.code, "login_remove");
	/* Another primary: the login email follows, the session ends, the
	 * portal records it. */
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_PRIMARY, k.emails[1].id, NULL, &e),
	    VL_OK);
	assert_string_equal(dbt_one("SELECT login_email FROM contacts WHERE id = %lld",
	    (long long)client), second);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE contact_id = %lld",
	    (long long)client), "0");
	assert_string_equal(dbt_one("SELECT detail FROM portal_events WHERE portal_id = %llu AND"
	    " kind = 'login_email_changed'", (unsigned long long)pid), vl_pool_printf(dbt_pool, ": %s",
	    second));
	/* Now the first may go. */
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_REMOVE, k.emails[0].id, NULL, &e),
	    VL_OK);
	/* Three more; the last moved up twice comes right after the primary. */
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_ADD, 0, " C@Records.test ", &e),
	    VL_OK);
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_ADD, 0, "d@records.test", &e),
	    VL_OK);
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_ADD, 0, "D@records.test", &e),
	    VL_INVALID);
	assert_string_equal(e.code, "email_duplicate");
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_ADD, 0, "not an address", &e),
	    VL_INVALID);
	assert_string_equal(e.code, "email_invalid");
	assert_int_equal(vl_contact_get(as_user(), client, &k), VL_OK);
	assert_int_equal(k.nemails, 3);
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_UP, k.emails[2].id, NULL, &e), VL_OK);
	assert_int_equal(vl_contact_email(as_user(), client, VL_EMAIL_UP, k.emails[2].id, NULL, &e), VL_OK);
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(email ORDER BY is_primary DESC, position)"
	    " FROM contact_emails WHERE contact_id = %lld", (long long)client),
	    vl_pool_printf(dbt_pool, "%s,d@records.test,c@records.test", second));
	/* Another firm's contact is not found. */
	{
		struct vl_ctx c;
		vl_ctx_init(&c, dbt_pool, other_firm, 0, 0, REMOTE);
		assert_int_equal(vl_contact_email(&c, client, VL_EMAIL_ADD, 0, "x@records.test", &e),
		    VL_DECLINED);
		assert_int_equal(vl_contact_archive(&c, client, 1), VL_DECLINED);
	}
}

static void
test_activities(void **state)
{
	struct vl_activity_in	 t1 = { VL_ACT_TIME, "2026-03-03", "1:30", "250.00", NULL, "Drafting",
	    0, 0, 0 };
	struct vl_activity_in	 t2 = { VL_ACT_TIME, "2026-03-04", "1", "1.00", NULL, "A minute", 0, 0, 0 };
	struct vl_activity_in	 x = { VL_ACT_EXPENSE, "2026-03-05", NULL, NULL, "12.34", "Court fee",
	    0, 0, 0 };
	struct vl_activity_totals tot;
	struct vl_form_err	 e;
	int64_t			 mid, a1, a2, a3, cat;

	(void)state;
	t1.user = t2.user = user;
	mid = create(NULL, VL_OK, NULL);
	assert_int_equal(vl_category_save(as_user(), 0, "Drafting", &e), VL_OK);
	assert_int_equal(vl_category_save(as_user(), 0, "Drafting", &e), VL_INVALID);
	assert_string_equal(e.code, "name_taken");
	cat = atoll(dbt_one("SELECT id FROM activity_categories WHERE firm_id = %lld AND name = 'Drafting'",
	    (long long)firm));
	t1.category = cat;
	assert_int_equal(vl_activity_save(as_user(), mid, 0, &t1, &a1, &e), VL_OK);
	assert_int_equal(vl_activity_save(as_user(), mid, 0, &t2, &a2, &e), VL_OK);
	assert_int_equal(vl_activity_save(as_user(), mid, 0, &x, &a3, &e), VL_OK);
	/* 90 min at 250.00 = 375.00; 1 min at 1.00 = 1.67 rounds to 0.02. */
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(amount ORDER BY id) FROM activities WHERE"
	    " matter_id = %lld", (long long)mid), "37500,2,1234");
	assert_int_equal(vl_activity_totals(as_user(), mid, &tot), VL_OK);
	assert_int_equal(tot.minutes, 91);
	assert_int_equal(tot.time, 37502);
	assert_int_equal(tot.expenses, 1234);
	assert_int_equal(tot.total, 38736);
	/* Refusals: the field at fault; another firm's category not found. */
	t2.duration = "0";
	assert_int_equal(vl_activity_save(as_user(), mid, a2, &t2, &a2, &e), VL_INVALID);
	assert_string_equal(e.code, "duration_invalid");
	t2.duration = "2";
	t2.category = other_category;
	assert_int_equal(vl_activity_save(as_user(), mid, a2, &t2, &a2, &e), VL_DECLINED);
	t2.category = 0;
	assert_int_equal(vl_activity_save(as_user(), mid, a2, &t2, &a2, &e), VL_OK);
	assert_int_equal(vl_activity_totals(as_user(), mid, &tot), VL_OK);
	assert_int_equal(tot.time, 37503);	/* 3.33 */
	/* A used category is kept. */
	assert_int_equal(vl_category_delete(as_user(), cat), VL_CONFLICT);
	/* Billed: locked. */
	dbt_one("UPDATE activities SET bill_id = 1 WHERE id = %lld", (long long)a1);
	assert_int_equal(vl_activity_save(as_user(), mid, a1, &t1, &a1, &e), VL_CONFLICT);
	assert_int_equal(vl_activity_delete(as_user(), mid, a1), VL_CONFLICT);
	assert_int_equal(vl_activity_delete(as_user(), mid, a3), VL_OK);
	assert_int_equal(vl_activity_delete(as_user(), mid, a3), VL_DECLINED);
	/* Another firm sees no such matter. */
	{
		struct vl_ctx c;
		vl_ctx_init(&c, dbt_pool, other_firm, 0, 0, REMOTE);
		assert_int_equal(vl_activity_delete(&c, mid, a2), VL_DECLINED);
		assert_int_equal(vl_activity_totals(&c, mid, &tot), VL_OK);
		assert_int_equal(tot.total, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_at_once),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_activities),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
