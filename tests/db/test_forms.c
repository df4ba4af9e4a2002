/*
 * Intake forms (lib/form.c) through struct vl_ctx with no request: a form
 * built and shared into a portal, a client's draft, a refused submission
 * (the field and its code), the submission once (a second refused), the
 * mapped contact and matter fields changed with old and new kept, the
 * form frozen after, and the refusals: no portal, Forms off, a contact who
 * does not take part, an unshared form, another form's field in an order.
 * The firm's matter fields, the contact's date of birth and its addresses
 * as targets: filled in the submission's transaction, an address never
 * primary, one of another contact refused with nothing saved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vellum.h"
#include "form.h"
#include "formval.h"
#include "mfield.h"
#include "matter.h"
#include "portal.h"
#include "dbtest.h"

static int64_t	 user, contact, outsider, mid, portal, bare;

static struct vl_ctx *
as(int64_t u, int64_t c)
{
	struct vl_ctx	*ctx = vl_pool_calloc(dbt_pool, 1, sizeof(*ctx));

	vl_ctx_init(ctx, dbt_pool, dbt_firm, u, c, "192.0.2.10");
	ctx->name = u ? "Form Tester" : "Form Client";
	return ctx;
}

static int64_t
new_matter(const char *number, int with_portal)
{
	uint64_t	 id, pid;
	int64_t		 m;

	assert_int_equal(vl_db_exec(STMT_MATTER_INSERT, NULL, &id, "issis", dbt_firm, number,
	    "Forms test", contact, "open"), VL_OK);
	m = (int64_t)id;
	if (with_portal) {
		assert_int_equal(vl_db_exec(STMT_PORTAL_OPEN, NULL, &pid, "iii", dbt_firm, m, user),
		    VL_OK);
		portal = (int64_t)pid;
		assert_int_equal(vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", dbt_firm,
		    portal, dbt_firm, contact), VL_OK);
	}
	return m;
}

static int
setup(void **state)
{
	(void)state;
	if (dbt_setup("test_forms") != 0)
		return -1;
	user = dbt_user(vl_pool_printf(dbt_pool, "u-%s@forms.test", dbt_tag), "Form Tester",
	    "forms-test-password");
	contact = dbt_contact("Form Client", vl_pool_printf(dbt_pool, "c-%s@forms.test", dbt_tag));
	outsider = dbt_contact("Not In It", vl_pool_printf(dbt_pool, "o-%s@forms.test", dbt_tag));
	if (user == 0 || contact == 0 || outsider == 0)
		return -1;
	mid = new_matter(vl_pool_printf(dbt_pool, "FT-%s-1", dbt_tag), 1);
	bare = new_matter(vl_pool_printf(dbt_pool, "FT-%s-2", dbt_tag), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	dbt_teardown();
	return 0;
}

/* A posted pair "f<field>=val" in front of next. */
static struct vl_pair *
pair(int64_t field, const char *val, struct vl_pair *next)
{
	struct vl_pair	*p = vl_pool_calloc(dbt_pool, 1, sizeof(*p));

	p->key = vl_pool_printf(dbt_pool, "f%lld", (long long)field);
	p->val = vl_pool_strdup(dbt_pool, val);
	p->vallen = strlen(val);
	p->next = next;
	return p;
}

static int64_t
new_form(struct vl_ctx *c, const char *name, int64_t *fields, size_t n)
{
	static const struct vl_form_field_in in[] = {
		{ "text", "Full name", "", "", "contact_name", 1 },
		{ "phone", "Phone", "", "", "contact_phone", 0 },
		{ "choice", "Colour", "", "Red\nBlue", "", 0 },
		{ "longtext", "Story", "", "", "matter_description", 0 },
	};
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_form_field	*x;
	struct vl_form		 f;
	int64_t			 id;
	size_t			 i, got;

	assert_int_equal(vl_form_create(c, name, &id, &e), VL_OK);
	for (i = 0; i < n && i < sizeof(in) / sizeof(in[0]); i++)
		assert_int_equal(vl_form_field_save(c, id, 0, &in[i], &e), VL_OK);
	assert_int_equal(vl_form_get(c, id, &f, &x, &got), VL_OK);
	assert_int_equal(got, n);
	for (i = 0; i < n; i++)
		fields[i] = x[i].id;
	return id;
}

static void
test_flow(void **state)
{
	struct vl_ctx		*firm = as(user, 0), *client = as(0, contact);
	struct vl_form_field_in	 late = { "text", "Late", "", "", "", 0 };
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_form_fill	 f;
	struct vl_matter	 m;
	const char		*why;
	int64_t			 fields[4], form, req;
	struct vl_pair		*p;

	(void)state;
	assert_int_equal(vl_db_exec(STMT_FMAP_SET_PHONES, NULL, NULL, "sii", "+1 555 0100", dbt_firm,
	    contact), VL_OK);
	form = new_form(firm, vl_pool_printf(dbt_pool, "Flow %s", dbt_tag), fields, 4);
	/* A date cannot fill a name: refused by field. */
	late.kind = "date";
	late.maps_to = "contact_name";
	assert_int_equal(vl_form_field_save(firm, form, 0, &late, &e), VL_INVALID);
	assert_string_equal(e.code, "maps_invalid");
	late.kind = "text";
	late.maps_to = "";
	assert_int_equal(vl_matter_load(firm, mid, &m), VL_OK);
	assert_int_equal(vl_form_share(firm, &m, form, &req, &why), VL_OK);
	/* A draft: kept, not submitted. */
	p = pair(fields[2], "Blue", pair(fields[0], "Draft Name", NULL));
	assert_int_equal(vl_form_client_answer(client, mid, req, p, NULL, 0, &f), VL_OK);
	assert_string_equal(dbt_one("SELECT value FROM form_answers WHERE request_id = %lld AND"
	    " field_id = %lld", (long long)req, (long long)fields[2]), "Blue");
	assert_int_equal(vl_form_submission(firm, mid, req, 1, &f), VL_DECLINED);
	/* Sent without the required name, and with a colour not offered. */
	p = pair(fields[2], "Green", pair(fields[0], "", NULL));
	assert_int_equal(vl_form_client_answer(client, mid, req, p, NULL, 1, &f), VL_INVALID);
	assert_string_equal(f.errs[0], "missing");
	assert_null(f.errs[1]);
	assert_string_equal(f.errs[2], "option");
	assert_string_equal(f.values[2], "Green");
	/* Sent. */
	p = pair(fields[0], "Fay Forms", pair(fields[1], "+1 555 0199", pair(fields[3],
	    "It rained", NULL)));
	assert_int_equal(vl_form_client_answer(client, mid, req, p, NULL, 1, &f), VL_OK);
	assert_string_equal(dbt_one("SELECT name FROM contacts WHERE id = %lld", (long long)contact),
	    "Fay Forms");
	assert_string_equal(dbt_one("SELECT REPLACE(phones, '\\n', '|') FROM contacts WHERE id = %lld",
	    (long long)contact), "+1 555 0100|+1 555 0199");
	assert_string_equal(dbt_one("SELECT description FROM matters WHERE id = %lld",
	    (long long)mid), "It rained");
	assert_string_equal(dbt_one("SELECT CONCAT(old_value, '>', new_value) FROM form_answers WHERE"
	    " request_id = %lld AND field_id = %lld", (long long)req, (long long)fields[0]),
	    "Form Client>Fay Forms");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE item_id = %lld AND action"
	    " LIKE 'form_mapped_%%'", (long long)req), "3");
	/* Once. */
	assert_int_equal(vl_form_client_answer(client, mid, req, p, NULL, 1, &f), VL_CONFLICT);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE item_id = %lld AND action"
	    " = 'form_submit'", (long long)req), "1");
	/* The firm reads it; the form is frozen now. */
	assert_int_equal(vl_form_submission(firm, mid, req, 1, &f), VL_OK);
	assert_string_equal(f.values[0], "Fay Forms");
	assert_true(f.changed[0]);
	assert_string_equal(f.olds[0], "Form Client");
	assert_int_equal(vl_form_field_save(firm, form, 0, &late, &e), VL_CONFLICT);
	assert_int_equal(vl_form_field_move(firm, form, fields[1], -1), VL_CONFLICT);
	assert_int_equal(vl_form_delete(firm, form), VL_CONFLICT);
}

static void
test_refusals(void **state)
{
	struct vl_ctx		*firm = as(user, 0), *client = as(0, contact);
	struct vl_ctx		*stranger = as(0, outsider);
	struct vl_client_portal	 cp;
	struct vl_form_fill	 f;
	struct vl_matter	 m, b;
	const char		*why;
	int64_t			 fields[2], other[2], form, form2, req, order[2];

	(void)state;
	form = new_form(firm, vl_pool_printf(dbt_pool, "Guard %s", dbt_tag), fields, 2);
	form2 = new_form(firm, vl_pool_printf(dbt_pool, "Other %s", dbt_tag), other, 2);
	/* Another form's field in the order: not found; a short set: invalid. */
	order[0] = fields[0];
	order[1] = other[1];
	assert_int_equal(vl_form_field_order(firm, form, order, 2), VL_DECLINED);
	assert_int_equal(vl_form_field_order(firm, form, order, 1), VL_INVALID);
	order[0] = fields[1];
	order[1] = fields[0];
	assert_int_equal(vl_form_field_order(firm, form, order, 2), VL_OK);
	assert_int_equal(vl_form_field_delete(firm, form2, fields[0]), VL_DECLINED);
	/* No portal; Forms off. */
	assert_int_equal(vl_matter_load(firm, bare, &b), VL_OK);
	assert_int_equal(vl_form_share(firm, &b, form, &req, &why), VL_CONFLICT);
	assert_string_equal(why, "no_portal");
	assert_int_equal(vl_matter_load(firm, mid, &m), VL_OK);
	assert_int_equal(vl_db_exec(STMT_PORTAL_PERMS, NULL, NULL, "iiiiiiiii", (int64_t)1,
	    (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)0, dbt_firm, portal),
	    VL_OK);
	assert_int_equal(vl_form_share(firm, &m, form, &req, &why), VL_CONFLICT);
	assert_string_equal(why, "forms_off");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM form_requests WHERE form_id = %lld",
	    (long long)form), "0");
	assert_int_equal(vl_db_exec(STMT_PORTAL_PERMS, NULL, NULL, "iiiiiiiii", (int64_t)1,
	    (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, dbt_firm, portal),
	    VL_OK);
	assert_int_equal(vl_form_share(firm, &m, form, &req, &why), VL_OK);
	/* The client opens it; a contact who does not take part does not. */
	assert_int_equal(vl_form_client_open(client, mid, req, 0, &cp, &f), VL_OK);
	assert_int_equal(vl_form_client_open(stranger, mid, req, 0, &cp, &f), VL_DECLINED);
	assert_int_equal(vl_form_client_answer(stranger, mid, req, NULL, NULL, 0, &f), VL_DECLINED);
	/* Unshared: closed at once; shared again: open. */
	assert_int_equal(vl_form_reshare(firm, &m, req, 0, &why), VL_OK);
	assert_int_equal(vl_form_client_open(client, mid, req, 0, &cp, &f), VL_DECLINED);
	assert_int_equal(vl_form_client_answer(client, mid, req, NULL, NULL, 1, &f), VL_DECLINED);
	assert_int_equal(vl_form_reshare(firm, &m, req, 1, &why), VL_OK);
	assert_int_equal(vl_form_client_open(client, mid, req, 0, &cp, &f), VL_OK);
	/* Another firm's context finds nothing. */
	struct vl_ctx *rival = as(0, 0);
	rival->firm_id = dbt_firm + 1000000;
	assert_int_equal(vl_form_submission(rival, mid, req, 0, &f), VL_DECLINED);
}

/* A matter's custom pair "cf<field>=val" in front of next. */
static struct vl_pair *
cfpair(int64_t field, const char *val, struct vl_pair *next)
{
	struct vl_pair	*p = pair(field, val, next);

	p->key = vl_pool_printf(dbt_pool, "cf%lld", (long long)field);
	return p;
}

static void
test_mfields(void **state)
{
	struct vl_ctx		*firm = as(user, 0);
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_mfield	*k;
	struct vl_mfield_value	*v;
	char			*a = vl_pool_printf(dbt_pool, "Case %s", dbt_tag);
	char			*b = vl_pool_printf(dbt_pool, "Policy %s", dbt_tag);
	int64_t			 fa = 0, fb = 0;
	size_t			 n, i, at_a = 0, at_b = 0;

	(void)state;
	assert_int_equal(vl_mfield_save(firm, 0, a, &e), VL_OK);
	assert_int_equal(vl_mfield_save(firm, 0, b, &e), VL_OK);
	assert_int_equal(vl_mfield_save(firm, 0, a, &e), VL_INVALID);
	assert_string_equal(e.code, "label_taken");
	assert_int_equal(vl_mfield_save(firm, 0, "", &e), VL_INVALID);
	assert_string_equal(e.code, "label_missing");
	assert_int_equal(vl_mfield_save(firm, 0, "two\nlines", &e), VL_INVALID);
	assert_string_equal(e.code, "label_long");
	assert_int_equal(vl_mfield_list(firm, &k, &n), VL_OK);
	for (i = 0; i < n; i++) {
		if (strcmp(k[i].label, a) == 0) {
			fa = k[i].id;
			at_a = i;
		}
		if (strcmp(k[i].label, b) == 0) {
			fb = k[i].id;
			at_b = i;
		}
	}
	assert_true(fa != 0 && fb != 0 && at_a + 1 == at_b);
	/* Down then up; archived, it leaves the matter's fields, restored it comes back. */
	assert_int_equal(vl_mfield_move(firm, fa, 1), VL_OK);
	assert_int_equal(vl_mfield_list(firm, &k, &n), VL_OK);
	assert_int_equal(k[at_a].id, fb);
	assert_int_equal(vl_mfield_move(firm, fa, -1), VL_OK);
	assert_int_equal(vl_mfield_list(firm, &k, &n), VL_OK);
	assert_int_equal(k[at_a].id, fa);
	/* A matter's values through its update, checked before. */
	assert_int_equal(vl_mfield_check(firm, cfpair(fa, "two\nlines", NULL), &e), VL_INVALID);
	assert_string_equal(e.code, "value_line");
	assert_string_equal(e.field, vl_pool_printf(dbt_pool, "cf%lld", (long long)fa));
	assert_int_equal(vl_db_begin(), VL_OK);
	assert_int_equal(vl_mfield_put(firm, mid, cfpair(fa, "CV-1", cfpair(fb, "P-9",
	    cfpair(fb + 1000000, "ghost", NULL)))), VL_OK);
	assert_int_equal(vl_db_commit(), VL_OK);
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(value ORDER BY value) FROM matter_field_values"
	    " WHERE matter_id = %lld", (long long)mid), "CV-1,P-9");
	assert_int_equal(vl_mfield_archive(firm, fb, 1), VL_OK);
	assert_int_equal(vl_mfield_values(firm, mid, &v, &n), VL_OK);
	for (i = 0; i < n; i++)
		assert_true(v[i].id != fb);
	assert_int_equal(vl_mfield_move(firm, fb, -1), VL_DECLINED);
	assert_int_equal(vl_mfield_archive(firm, fb, 0), VL_OK);
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM audit_log WHERE item = 'matter_field'"
	    " AND item_id IN (%lld, %lld)", (long long)fa, (long long)fb), "6");
	/* Another firm's context: not found, nothing changed. */
	struct vl_ctx *rival = as(0, 0);
	rival->firm_id = dbt_firm + 1000000;
	assert_int_equal(vl_mfield_save(rival, fa, "Stolen", &e), VL_DECLINED);
	assert_int_equal(vl_mfield_archive(rival, fa, 1), VL_DECLINED);
	assert_int_equal(vl_mfield_move(rival, fa, 1), VL_DECLINED);
	assert_int_equal(vl_mfield_values(rival, mid, &v, &n), VL_OK);
	assert_int_equal(n, 0);
}

static void
test_mapping(void **state)
{
	struct vl_ctx		*firm = as(user, 0), *client = as(0, contact);
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_form_fill	 f;
	struct vl_matter	 m;
	struct vl_mfield	*k;
	struct vl_form_field	*x;
	struct vl_form		 fm;
	struct vl_pair		*ans;
	const char		*why;
	char			*label = vl_pool_printf(dbt_pool, "Court %s", dbt_tag), *choice;
	char			*login;
	int64_t			 mf = 0, form, req, m2, saved = portal;
	size_t			 n, i;

	(void)state;
	assert_int_equal(vl_mfield_save(firm, 0, label, &e), VL_OK);
	assert_int_equal(vl_mfield_list(firm, &k, &n), VL_OK);
	for (i = 0; i < n; i++)
		if (strcmp(k[i].label, label) == 0)
			mf = k[i].id;
	choice = vl_pool_printf(dbt_pool, "matter_field:%lld", (long long)mf);
	assert_int_equal(vl_form_create(firm, vl_pool_printf(dbt_pool, "Map %s", dbt_tag), &form, &e),
	    VL_OK);
	{
		const struct vl_form_field_in ok[] = {
			{ "date", "Born", "", "", "contact_birth", 0 },
			{ "text", "Case number", "", "", choice, 0 },
			{ "email", "Email", "", "", "contact_email", 0 },
		};
		const struct vl_form_field_in bad[] = {
			{ "text", "Born", "", "", "contact_birth", 0 },
			{ "text", "Email", "", "", "contact_email", 0 },
			{ "longtext", "Case", "", "", choice, 0 },
			{ "text", "Case", "", "", vl_pool_printf(dbt_pool, "matter_field:%lld",
			    (long long)mf + 1000000), 0 },
			{ "text", "Case", "", "", "matter_field", 0 },
		};
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(vl_form_field_save(firm, form, 0, &bad[i], &e), VL_INVALID);
			assert_string_equal(e.code, "maps_invalid");
		}
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			assert_int_equal(vl_form_field_save(firm, form, 0, &ok[i], &e), VL_OK);
	}
	assert_int_equal(vl_form_get(firm, form, &fm, &x, &n), VL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(x[1].maps_to, VL_FMAP_MATTER_FIELD);
	assert_int_equal(x[1].maps_field, mf);
	assert_string_equal(x[1].maps_label, label);
	/* An archived field is no choice. */
	assert_int_equal(vl_mfield_archive(firm, mf, 1), VL_OK);
	{
		const struct vl_form_field_in late = { "text", "Late", "", "", choice, 0 };
		assert_int_equal(vl_form_field_save(firm, form, 0, &late, &e), VL_INVALID);
	}
	assert_int_equal(vl_mfield_archive(firm, mf, 0), VL_OK);
	m2 = new_matter(vl_pool_printf(dbt_pool, "FT-%s-3", dbt_tag), 1);
	assert_int_equal(vl_matter_load(firm, m2, &m), VL_OK);
	assert_int_equal(vl_form_share(firm, &m, form, &req, &why), VL_OK);
	login = dbt_one("SELECT login_email FROM contacts WHERE id = %lld", (long long)contact);
	/* The outsider's address, in other case and with blanks: refused by
	 * field, and nothing of the submission saved. */
	ans = pair(x[0].id, "1980-04-30", pair(x[1].id, "CV-77", pair(x[2].id,
	    vl_pool_printf(dbt_pool, "  O-%s@Forms.TEST ", dbt_tag), NULL)));
	assert_int_equal(vl_form_client_answer(client, m2, req, ans, NULL, 1, &f), VL_INVALID);
	assert_non_null(f.errs[2]);
	assert_string_equal(f.errs[2], "email_elsewhere");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM form_requests WHERE id = %lld AND"
	    " submitted_at IS NULL", (long long)req), "1");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM form_answers WHERE request_id = %lld",
	    (long long)req), "0");
	assert_string_equal(dbt_one("SELECT COUNT(*) FROM contacts WHERE id = %lld AND"
	    " date_of_birth IS NULL", (long long)contact), "1");
	/* A new address, a date of birth, the case number: all filled. */
	ans = pair(x[0].id, "1980-04-30", pair(x[1].id, "CV-77", pair(x[2].id,
	    vl_pool_printf(dbt_pool, "New-%s@Forms.test", dbt_tag), NULL)));
	assert_int_equal(vl_form_client_answer(client, m2, req, ans, NULL, 1, &f), VL_OK);
	assert_string_equal(dbt_one("SELECT DATE_FORMAT(date_of_birth, '%%Y-%%m-%%d') FROM contacts"
	    " WHERE id = %lld", (long long)contact), "1980-04-30");
	assert_string_equal(dbt_one("SELECT value FROM matter_field_values WHERE matter_id = %lld AND"
	    " field_id = %lld", (long long)m2, (long long)mf), "CV-77");
	assert_string_equal(dbt_one("SELECT is_primary FROM contact_emails WHERE contact_id = %lld AND"
	    " email = 'new-%s@forms.test'", (long long)contact, dbt_tag), "0");
	assert_string_equal(dbt_one("SELECT email FROM contact_emails WHERE contact_id = %lld AND"
	    " is_primary = 1", (long long)contact), vl_pool_printf(dbt_pool, "c-%s@forms.test", dbt_tag));
	assert_string_equal(dbt_one("SELECT login_email FROM contacts WHERE id = %lld",
	    (long long)contact), login);
	assert_string_equal(dbt_one("SELECT CONCAT(COALESCE(old_value, '-'), ' > ', new_value) FROM"
	    " form_answers WHERE request_id = %lld AND field_id = %lld", (long long)req,
	    (long long)x[0].id), " > 1980-04-30");
	assert_string_equal(dbt_one("SELECT REPLACE(new_value, '\\n', '|') FROM form_answers WHERE"
	    " request_id = %lld AND field_id = %lld", (long long)req, (long long)x[2].id),
	    vl_pool_printf(dbt_pool, "c-%s@forms.test|new-%s@forms.test", dbt_tag, dbt_tag));
	assert_string_equal(dbt_one("SELECT GROUP_CONCAT(action ORDER BY action) FROM audit_log WHERE"
	    " item = 'form_request' AND item_id = %lld AND action LIKE 'form_mapped%%'", (long long)req),
	    "form_mapped_contact_birth,form_mapped_contact_email,form_mapped_matter_field");
	portal = saved;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_mfields),
		cmocka_unit_test(test_mapping),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
