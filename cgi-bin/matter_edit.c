/*
 * A new matter (/matters/new) or a matter's record (/matters/<id>/edit):
 * number (blank: the next of the firm's pattern), description, client,
 * responsible user, dates.  POST /matters/<id>/edit with op close or
 * reopen changes only the status (the portal stays readable, F-B1).  The
 * firm's own matter fields follow (inputs "cf<id>", lib/mfield.h).  A
 * refused form comes back with what was typed and the field at fault.
 */
#include <string.h>

#include "vellum.h"
#include "matters.h"
#include "mfield.h"

enum field { F_OP, F_NUMBER, F_DESCRIPTION, F_CLIENT, F_RESPONSIBLE, F_OPENED, F_CLOSED,
    FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "number", VL_V_LINE, 200 },
	{ "description", VL_V_LINE, 2000 },
	{ "client", VL_V_INT, 20 },
	{ "responsible", VL_V_INT, 20 },
	{ "opened", VL_V_LINE, 32 },
	{ "closed", VL_V_LINE, 32 },
};

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The firm's matter fields into d: matter's values, or what was typed. */
static enum vl_rc
custom_fields(struct vl_req *r, struct vl_tpl *d, int64_t matter, const struct vl_pair *typed,
    const struct vl_form_err *e)
{
	struct vl_mfield_value	*v;
	struct vl_tpl		*row;
	const char		*t;
	char			*key;
	size_t			 n, i;
	enum vl_rc		 rc;

	if ((rc = vl_mfield_values(r->ctx, matter, &v, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "CUSTOM");
		vl_tpl_set_int(row, "FID", v[i].id);
		vl_tpl_set(row, "LABEL", v[i].label);
		t = typed != NULL ? vl_mfield_typed(typed, v[i].id) : NULL;
		vl_tpl_set(row, "VALUE", t != NULL ? t : v[i].value);
		key = vl_pool_printf(r->pool, "cf%lld", (long long)v[i].id);
		if (e != NULL && e->field != NULL && strcmp(e->field, key) == 0) {
			vl_tpl_show(row, "BAD");
			vl_tpl_set(d, "BAD_LABEL", v[i].label);
		}
	}
	return VL_OK;
}

/* The form for matter m (id 0: a new one) holding in; e after a refusal. */
static enum vl_rc
form(struct vl_req *r, const struct vl_matter_rec *m, const struct vl_matter_in *in,
    const struct vl_form_err *e)
{
	struct vl_pick	*clients, *users;
	struct vl_tpl	*d;
	char		*pattern, *preview;
	int64_t		 next;
	size_t		 nc, nu;
	enum vl_rc	 rc;

	if ((rc = vl_pick_clients(r->ctx, m->client_id, &clients, &nc)) != VL_OK ||
	    (rc = vl_pick_users(r->ctx, &users, &nu)) != VL_OK)
		return rc;
	d = vl_page_new(r, m->id ? "Edit matter" : "New matter");
	if (m->id != 0) {
		vl_tpl_set_int(vl_tpl_section(d, "EDIT"), "ID", m->id);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/matters/%lld/edit", (long long)m->id));
		vl_tpl_set(d, "BACK", vl_pool_printf(r->pool, "/matters/%lld", (long long)m->id));
		if (strcmp(m->status, "closed") == 0)
			vl_tpl_set(vl_tpl_section(d, "CLOSED_FIELD"), "CLOSED", in->closed);
	} else {
		if ((rc = vl_numbering_get(r->ctx, &pattern, &next, &preview)) != VL_OK)
			return rc;
		vl_tpl_set(vl_tpl_section(d, "NEW"), "PREVIEW", preview);
		vl_tpl_set(d, "ACTION", "/matters/new");
		vl_tpl_set(d, "BACK", "/matters");
	}
	vl_tpl_set(d, "NUMBER", in->number);
	vl_tpl_set(d, "DESCRIPTION", in->description);
	vl_tpl_set(d, "OPENED", in->opened);
	vl_pick_options(d, "CLIENT_OPTION", clients, nc, in->client);
	vl_pick_options(d, "USER_OPTION", users, nu, in->responsible);
	if ((rc = custom_fields(r, d, m->id, in->custom, e)) != VL_OK)
		return rc;
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e != NULL ? 400 : 200, "matter_edit.tpl", d);
}

static int64_t
matter_id(struct vl_req *r)
{
	return strcmp(r->uri, "/matters/new") == 0 ? 0 : vl_req_path_id(r, "/matters/");
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_matter_rec	 m = { .status = "open" };
	struct vl_matter_in	 in = { "", "", "", "", NUM(F_CLIENT), r->ctx->user_id, NULL };
	int64_t			 id = matter_id(r);
	char			 today[11];
	enum vl_rc		 rc;

	if (id == 0 && strcmp(r->uri, "/matters/new") != 0)
		return VL_DECLINED;
	vl_date_today(r->ctx, today);
	in.opened = in.closed = vl_pool_strdup(r->pool, today);
	if (id != 0) {
		if ((rc = vl_matter_get(r->ctx, id, &m)) != VL_OK)
			return rc;
		in.number = m.number;
		in.description = m.description;
		in.client = m.client_id;
		in.responsible = m.responsible_id;
		in.opened = vl_date_iso(r->pool, m.opened);
		if (m.closed != 0)
			in.closed = vl_date_iso(r->pool, m.closed);
	}
	return form(r, &m, &in, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_matter_rec	 m = { .status = "open" };
	struct vl_matter_in	 in = { VAL(F_NUMBER), VAL(F_DESCRIPTION), VAL(F_OPENED), VAL(F_CLOSED),
	    NUM(F_CLIENT), NUM(F_RESPONSIBLE), r->form };
	struct vl_form_err	 e = { NULL, NULL };
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "save", *notice = "saved";
	int64_t			 id = matter_id(r), made = 0;
	char			*number;
	enum vl_rc		 rc;

	if (id == 0 && strcmp(r->uri, "/matters/new") != 0)
		return VL_DECLINED;
	if ((r->fields[F_DESCRIPTION].present && in.description == NULL) ||
	    (r->fields[F_NUMBER].present && in.number == NULL))
		return VL_INVALID;
	if (id != 0 && (strcmp(op, "close") == 0 || strcmp(op, "reopen") == 0)) {
		if ((rc = vl_matter_set_open(r->ctx, id, strcmp(op, "reopen") == 0)) != VL_OK)
			return rc;
		notice = strcmp(op, "reopen") == 0 ? "reopened" : "closed";
	} else if (strcmp(op, "save") != 0)
		return VL_INVALID;
	else if (id == 0) {
		if ((rc = vl_matter_create(r->ctx, &in, &made, &number, &e)) == VL_OK)
			notice = "created";
	} else if ((rc = vl_matter_get(r->ctx, id, &m)) == VL_OK)
		rc = vl_matter_update(r->ctx, id, &in, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, &m, &in, &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld?notice=%s",
	    (long long)(id ? id : made), notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "matter_edit",
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
