/*
 * The workspace's rules through struct vl_ctx, with no request: the firm's
 * notification window and mail preview as the outbox and the message
 * poster use them, settings refused field by field, the last active admin
 * kept, deactivation ending sessions, a colleague's invitation to the
 * stored address whose hour starts at the send and which works once.
 * Each run makes a firm of its own (tagged).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "notify.h"
#include "dbtest.h"
#include "settings.h"
#include "staff.h"

static int64_t	 firm, admin, member, other_firm_user;

static int64_t
num(const char *s)
{
	int64_t	 v = 0;

	assert_non_null(s);
	assert_int_equal(vl_strtonum(s, 0, INT64_MAX, &v), VL_OK);
	return v;
}

static int64_t
user(const char *who, const char *role)
{
	dbt_one("INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (%lld, '%s-%s@ws.test',"
	    " '%s %s', '%s', '!')", (long long)firm, who, dbt_tag, who, dbt_tag, role);
	return num(dbt_one("SELECT id FROM users WHERE email = '%s-%s@ws.test'", who, dbt_tag));
}

static void
as(struct vl_ctx *c, int64_t who)
{
	vl_ctx_init(c, dbt_pool, firm, who, 0, "127.0.0.1");
	c->name = "Tester";
}

static void
test_window_and_preview(void **state)
{
	struct vl_ctx	 c;
	struct vl_ferr	 fe = VL_FERR_INIT;
	struct vl_settings_in in = { .name = "WS LLP", .zone = "Europe/Paris", .currency = "EUR",
	    .window = "42", .preview = 0 };
	char		*r = vl_pool_printf(dbt_pool, "w-%s@ws.test", dbt_tag);
	int		 changed;

	(void)state;
	as(&c, admin);
	in.slug = dbt_one("SELECT slug FROM firms WHERE id = %lld", (long long)firm);
	in.slug = vl_pool_strdup(dbt_pool, in.slug);
	/* No window of its own: the configuration's. */
	assert_int_equal(vl_settings_window(dbt_pool, firm), vl_conf.notify_window);
	assert_int_equal(vl_settings_save(&c, &in, &fe, &changed), VL_OK);
	assert_int_equal(changed, 0);
	assert_int_equal(vl_settings_window(dbt_pool, firm), 42);
	assert_int_equal(vl_notify_coalesced(dbt_pool, firm, VL_MAIL_CLIENT_ITEMS, r,
	    "what=x&matter=T&link=l&when=w"), VL_OK);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(SECOND, created_at, next_attempt_at)"
	    " FROM notifications WHERE recipient = '%s'", r), "42");
	/* Another firm keeps its own (the demo firm: the configuration's). */
	assert_int_equal(vl_settings_window(dbt_pool, dbt_firm), vl_conf.notify_window);
	/* The preview: none while off, the cut text when on. */
	assert_null(vl_settings_preview(&c, "a confidential message"));
	in.preview = 1;
	in.window = "";
	assert_int_equal(vl_settings_save(&c, &in, &fe, &changed), VL_OK);
	assert_int_equal(vl_settings_window(dbt_pool, firm), vl_conf.notify_window);
	assert_string_equal(vl_settings_preview(&c, "a confidential message"), "a confidential message");
	assert_null(vl_settings_preview(&c, ""));
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE firm_id = %lld"
	    " AND action = 'settings_changed'", (long long)firm), "2");
}

static void
test_settings_refused_field_by_field(void **state)
{
	struct vl_ctx	 c;
	struct vl_ferr	 fe = VL_FERR_INIT;
	struct vl_settings_in in = { .name = "", .slug = "demo", .zone = "../etc/passwd",
	    .currency = "usd", .window = "0" };
	const char	*before = vl_pool_strdup(dbt_pool, dbt_one("SELECT CONCAT_WS('|', name, slug,"
	    " time_zone, currency) FROM firms WHERE id = %lld", (long long)firm));
	int		 changed;
	size_t		 i;
	static const char *const want[][2] = {
		{ "name", "missing" }, { "slug", "taken" }, { "zone", "invalid" },
		{ "currency", "invalid" }, { "window", "invalid" },
	};

	(void)state;
	as(&c, admin);
	assert_int_equal(vl_settings_save(&c, &in, &fe, &changed), VL_INVALID);
	assert_int_equal(fe.n, 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(fe.e[i].field, want[i][0]);
		assert_string_equal(fe.e[i].code, want[i][1]);
	}
	/* A free slug still needs the admin's word that the old link breaks. */
	fe.n = 0;
	in = (struct vl_settings_in){ .name = "WS LLP", .zone = "UTC", .currency = "USD", .window = "",
	    .slug = vl_pool_printf(dbt_pool, "ws-new-%s", dbt_tag) };
	assert_int_equal(vl_settings_save(&c, &in, &fe, &changed), VL_INVALID);
	assert_string_equal(fe.e[0].code, "confirm");
	assert_string_equal(dbt_one("SELECT CONCAT_WS('|', name, slug, time_zone, currency) FROM firms"
	    " WHERE id = %lld", (long long)firm), before);
}

static void
test_last_admin(void **state)
{
	struct vl_ctx	 c;

	(void)state;
	as(&c, admin);
	assert_int_equal(vl_staff_set_role(&c, admin, "member"), VL_CONFLICT);
	assert_int_equal(vl_staff_set_active(&c, admin, 0), VL_CONFLICT);
	assert_int_equal(vl_staff_set_role(&c, admin, "owner"), VL_INVALID);
	assert_int_equal(vl_staff_set_role(&c, other_firm_user, "admin"), VL_DECLINED);
	assert_int_equal(vl_staff_set_active(&c, other_firm_user, 0), VL_DECLINED);
	assert_string_equal(dbt_one("SELECT CONCAT(role, deactivated_at IS NULL) FROM users WHERE id = %lld",
	    (long long)other_firm_user), "member1");
	/* Another admin, then the first may step down; the second is then the last. */
	assert_int_equal(vl_staff_set_role(&c, member, "admin"), VL_OK);
	assert_int_equal(vl_staff_set_role(&c, admin, "member"), VL_OK);
	as(&c, member);
	assert_int_equal(vl_staff_set_active(&c, member, 0), VL_CONFLICT);
	/* A deactivated admin does not count. */
	assert_int_equal(vl_staff_set_role(&c, admin, "admin"), VL_OK);
	assert_int_equal(vl_staff_set_active(&c, admin, 0), VL_OK);
	assert_int_equal(vl_staff_set_role(&c, member, "member"), VL_CONFLICT);
	assert_int_equal(vl_staff_set_active(&c, admin, 1), VL_OK);
	assert_int_equal(vl_staff_set_role(&c, member, "member"), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE firm_id = %lld AND action IN"
	    " ('user_made_admin', 'user_made_member', 'user_deactivated', 'user_reactivated')",
	    (long long)firm), "6");
}

static void
test_deactivation_ends_sessions(void **state)
{
	struct vl_ctx	 c;
	char		 token[44];

	(void)state;
	as(&c, admin);
	assert_int_equal(vl_sess_new(&c, VL_SIGNIN_USER, firm, member, "test", token), VL_OK);
	assert_int_equal(vl_sess_new(&c, VL_SIGNIN_USER, firm, member, "test", token), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld", (long long)member), "2");
	assert_int_equal(vl_staff_set_active(&c, member, 0), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM sessions WHERE user_id = %lld", (long long)member), "0");
	assert_int_equal(vl_staff_set_active(&c, member, 0), VL_OK);	/* again: unchanged */
	assert_int_equal(vl_staff_set_active(&c, member, 1), VL_OK);
}

static void
test_invitation(void **state)
{
	struct vl_ctx	 c;
	struct vl_ferr	 fe = VL_FERR_INIT;
	struct vl_staff_invitation inv;
	const char	*stored, *payload, *t;
	char		*typed = vl_pool_printf(dbt_pool, "  New.Colleague-%s@WS.Test ", dbt_tag);
	char		 token[44];
	int64_t		 note, f, u;

	(void)state;
	as(&c, admin);
	assert_int_equal(vl_staff_invite(&c, typed, "admin", &fe, &stored), VL_OK);
	assert_string_equal(stored, vl_pool_printf(dbt_pool, "new.colleague-%s@ws.test", dbt_tag));
	/* The mail goes to the stored form, and nowhere else. */
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(recipient) FROM notifications WHERE kind ="
	    " 'staff_invitation' AND recipient LIKE '%%colleague-%s%%'", dbt_tag), stored);
	note = num(dbt_one("SELECT notification_id FROM staff_invitations WHERE email = '%s'", stored));
	payload = vl_pool_strdup(dbt_pool, dbt_one("SELECT payload FROM notifications WHERE id = %lld",
	    (long long)note));
	assert_non_null(t = strstr(payload, "token%3D"));
	memcpy(token, t + 8, 43);
	token[43] = '\0';
	/* Not sent yet: no hour has started, the link does not work. */
	assert_int_equal(vl_staff_invitation(&c, token, &inv), VL_DECLINED);
	vl_staff_mail_sending(note);
	assert_string_equal(dbt_one("SELECT TIMESTAMPDIFF(MINUTE, NOW(6), expires_at) FROM staff_invitations"
	    " WHERE email = '%s'", stored), "59");
	assert_int_equal(vl_staff_invitation(&c, token, &inv), VL_OK);
	assert_int_equal(inv.firm, firm);
	assert_string_equal(inv.role, "admin");
	assert_int_equal(vl_staff_join(&c, token, "", "short", "short", &fe, &f, &u), VL_INVALID);
	assert_int_equal(fe.n, 2);
	fe.n = 0;
	assert_int_equal(vl_staff_join(&c, token, "Newton", "a long enough password",
	    "a long enough password", &fe, &f, &u), VL_OK);
	assert_int_equal(f, firm);
	assert_string_equal(dbt_one("SELECT CONCAT(role, '|', name) FROM users WHERE id = %lld", (long long)u),
	    "admin|Newton");
	assert_int_equal(vl_staff_join(&c, token, "Again", "a long enough password",
	    "a long enough password", &fe, &f, &u), VL_DECLINED);
	/* Now a user: a new invitation to the address is refused. */
	assert_int_equal(vl_staff_invite(&c, stored, "member", &fe, &stored), VL_INVALID);
	assert_string_equal(fe.e[0].code, "member");
	fe.n = 0;
	assert_int_equal(vl_staff_invite(&c, "admin@demo.test", "member", &fe, &stored), VL_INVALID);
	assert_string_equal(fe.e[0].code, "taken");
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_workspace") != 0)
		return -1;
	dbt_one("INSERT INTO firms (name, slug) VALUES ('WS %s', 'ws-%s')", dbt_tag, dbt_tag);
	firm = num(dbt_one("SELECT id FROM firms WHERE slug = 'ws-%s'", dbt_tag));
	admin = user("admin", "admin");
	member = user("member", "member");
	other_firm_user = num(dbt_one("SELECT id FROM users WHERE email = 'member@demo.test'"));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	/* Nothing of these addresses is left for the stack's mailer. */
	dbt_one("DELETE FROM notifications WHERE firm_id = %lld", (long long)firm);
	dbt_teardown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_and_preview),
		cmocka_unit_test(test_settings_refused_field_by_field),
		cmocka_unit_test(test_last_admin),
		cmocka_unit_test(test_deactivation_ends_sessions),
		cmocka_unit_test(test_invitation),
	};

	return cmocka_run_group_tests_name("workspace", tests, setup, teardown);
}
