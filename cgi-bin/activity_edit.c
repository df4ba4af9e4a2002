/*
 * A time entry or expense of a matter: /matters/<id>/activities/edit.
 * GET ?kind=time|expense: a new one; ?id=N: one to change; ?op=delete&id=N:
 * "Are you sure...?".  POST op save (with id: a change) or delete.  Only
 * while no bill holds it (lib/activity.c).  A refused form comes back with
 * what was typed and the field at fault.
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "activity.h"
#include "matters.h"

enum field { F_OP, F_ID, F_KIND, F_DATE, F_USER, F_DURATION, F_RATE, F_AMOUNT, F_DESCRIPTION,
    F_CATEGORY, F_DOCUMENT, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "kind", VL_V_LINE, 16 },
	{ "date", VL_V_LINE, 32 },
	{ "user", VL_V_INT, 20 },
	{ "duration", VL_V_LINE, 32 },
	{ "rate", VL_V_LINE, 32 },
	{ "amount", VL_V_LINE, 32 },
	{ "description", VL_V_STRING, 4000 },
	{ "category", VL_V_INT, 20 },
	{ "document", VL_V_INT, 20 },
};

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* A picker's options from (id, name) pairs, chosen marked. */
static void
options(struct vl_tpl *d, const char *section, int64_t id, const char *name, int64_t chosen)
{
	struct vl_tpl	*o = vl_tpl_section(d, section);

	vl_tpl_set_int(o, "VALUE", id);
	vl_tpl_set(o, "LABEL", name);
	if (id == chosen)
		vl_tpl_show(o, "SELECTED");
}

/* The form of activity id (0: new) of m holding in; e after a refusal. */
static enum vl_rc
form(struct vl_req *r, const struct vl_matter *m, int64_t id, const struct vl_activity_in *in,
    const struct vl_form_err *e)
{
	struct vl_pick		*users;
	struct vl_category	*cats;
	struct vl_rows		*rows;
	struct vl_tpl		*d;
	int64_t			 doc;
	char			*name;
	size_t			 nu, nc, i;
	int			 got, time = in->kind == VL_ACT_TIME;
	enum vl_rc		 rc;

	if ((rc = vl_pick_users(r->ctx, &users, &nu)) != VL_OK ||
	    (rc = vl_category_list(r->ctx, &cats, &nc)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", time ? "Time entry" : "Expense",
	    m->number));
	vl_matter_frame(r->pool, d, m, "activities");
	vl_tpl_show(d, time ? "TIME" : "EXPENSE");
	vl_tpl_show(d, id ? "EDIT" : "NEW");
	vl_tpl_set(d, "KIND", vl_activity_kinds[in->kind]);
	if (id != 0)
		vl_tpl_set_int(vl_tpl_section(d, "HAS_ID"), "ID", id);
	vl_tpl_set(d, "DATE", in->date);
	vl_tpl_set(d, "DURATION", in->duration);
	vl_tpl_set(d, "RATE", in->rate);
	vl_tpl_set(d, "AMOUNT", in->amount);
	vl_tpl_set(d, "DESCRIPTION_TEXT", in->description);
	vl_tpl_set(d, "CURRENCY", vl_firm_currency(r->ctx));
	for (i = 0; i < nu; i++)
		options(d, "USER_OPTION", users[i].id, users[i].name, in->user);
	for (i = 0; i < nc; i++)
		options(d, "CATEGORY_OPTION", cats[i].id, cats[i].name, in->category);
	if (!time) {
		if (vl_db_query(r->pool, STMT_MATTER_DOCS_PICK, &rows, "ii", r->ctx->firm_id,
		    m->id) != VL_OK)
			return VL_ERR;
		while ((got = vl_db_next(rows, "is", &doc, &name)) > 0)
			options(d, "DOCUMENT_OPTION", doc, name, in->document);
		if (got < 0)
			return VL_ERR;
	}
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "activity_edit.tpl", d);
}

/* An activity a bill holds: said on a page of its own (409). */
static enum vl_rc
locked(struct vl_req *r, const struct vl_matter *m)
{
	struct vl_tpl	*d;

	d = vl_page_new(r, vl_pool_printf(r->pool, "Activity on a bill · %s", m->number));
	vl_matter_frame(r->pool, d, m, "activities");
	return vl_page_send_status(r, 409, "activity_locked.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_activity_in	 in = { vl_activity_kind_of(VAL(F_KIND)), NULL, "", "", "", "",
	    r->ctx->user_id, 0, 0 };
	const char		*cur = vl_firm_currency(r->ctx);
	const char *const	 del[] = { "op", "delete", "id", VAL(F_ID), NULL };
	struct vl_confirm	 c = { "Delete this activity? It cannot be brought back.",
	    "Delete activity", NULL, NULL, del };
	struct vl_activity	 a;
	struct vl_matter	 m;
	char			 today[11];
	int64_t			 id = NUM(F_ID);
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (id != 0) {
		if ((rc = vl_activity_get(r->ctx, m.id, id, &a)) != VL_OK)
			return rc;
		if (a.billed)
			return locked(r, &m);
		if (VAL(F_OP) != NULL && strcmp(VAL(F_OP), "delete") == 0) {
			c.action = vl_pool_printf(r->pool, "/matters/%lld/activities/edit",
			    (long long)m.id);
			c.back = vl_pool_printf(r->pool, "/matters/%lld/activities", (long long)m.id);
			return vl_matter_confirm(r, &m, "activities", "Delete activity", &c);
		}
		in = (struct vl_activity_in){ a.kind, vl_date_iso(r->pool, a.date),
		    vl_duration_fmt(r->pool, a.minutes), vl_amount_plain(r->pool, a.rate, cur),
		    vl_amount_plain(r->pool, a.amount, cur), a.description, a.user, a.category,
		    a.document };
	} else if (in.kind == VL_ACT__MAX)
		return VL_INVALID;
	else {
		vl_date_today(r->ctx, today);
		in.date = vl_pool_strdup(r->pool, today);
	}
	return form(r, &m, id, &in, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_activity_in	 in = { vl_activity_kind_of(VAL(F_KIND)), VAL(F_DATE), VAL(F_DURATION),
	    VAL(F_RATE), VAL(F_AMOUNT), VAL(F_DESCRIPTION), NUM(F_USER), NUM(F_CATEGORY),
	    NUM(F_DOCUMENT) };
	struct vl_form_err	 e = { NULL, NULL };
	struct vl_matter	 m;
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "", *notice;
	int64_t			 id = NUM(F_ID), saved = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (strcmp(op, "delete") == 0 && id != 0) {
		rc = vl_activity_delete(r->ctx, m.id, id);
		notice = "deleted";
	} else if (strcmp(op, "save") == 0 && in.kind != VL_ACT__MAX) {
		if (r->fields[F_DESCRIPTION].present && in.description == NULL)
			return VL_INVALID;
		rc = vl_activity_save(r->ctx, m.id, id, &in, &saved, &e);
		notice = id ? "saved" : "added";
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, &m, id, &in, &e);
	if (rc == VL_CONFLICT)
		return locked(r, &m);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/activities?notice=%s",
	    (long long)m.id, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "activity_edit",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
