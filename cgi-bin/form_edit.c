/*
 * The form builder (F-A8): GET /forms/new asks for a name; /forms/<id>
 * shows the form's fields in order with up and down buttons (the script
 * adds drag and drop), a field's form (?field=N to change one), the name,
 * copy and delete (?op=delete: "Are you sure...?").  POST ops: create,
 * rename, field (add or change), field_delete, up, down, order, copy,
 * delete.  The rules are lib/form.c's; a form given to a matter is frozen
 * (409 with the reason; a copy can be changed).
 */
#include <string.h>

#include "vellum.h"
#include "form.h"
#include "mfield.h"

enum field { F_OP, F_NAME, F_FIELD, F_KIND, F_LABEL, F_HELP, F_OPTIONS, F_REQUIRED, F_MAPS,
    F_ORDER, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "name", VL_V_LINE, 1000 },
	{ "field", VL_V_ID, 20 },
	{ "kind", VL_V_LINE, 16 },
	{ "label", VL_V_LINE, 1000 },
	{ "help", VL_V_STRING, 4000 },
	{ "options", VL_V_STRING, 16000 },
	{ "required", VL_V_BOOL, 2 },
	{ "maps_to", VL_V_LINE, 40 },
	{ "order", VL_V_LINE, 2200 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "created", "renamed", "added", "saved", "removed", "moved",
    "copied" };

/* Section name prefix + name, upper-cased ("KIND_" "text": KIND_TEXT). */
static const char *
upper(struct vl_req *r, const char *prefix, const char *name)
{
	char	*s = vl_pool_printf(r->pool, "%s%s", prefix, name ? name : "");
	char	*p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* The builder's matter field choices ("matter_field:<id>", live ones)
 * into row, chosen the one in maps. */
static enum vl_rc
mfield_options(struct vl_req *r, struct vl_tpl *row, const char *maps)
{
	struct vl_mfield	*k;
	struct vl_tpl		*o;
	size_t			 n, i;
	enum vl_rc		 rc;

	if ((rc = vl_mfield_list(r->ctx, &k, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n && !k[i].archived; i++) {
		o = vl_tpl_section(row, "MFIELD_OPTION");
		vl_tpl_set(o, "VALUE", vl_pool_printf(r->pool, "matter_field:%lld", (long long)k[i].id));
		vl_tpl_set(o, "LABEL", k[i].label);
		if (maps != NULL && strcmp(maps, vl_pool_printf(r->pool, "matter_field:%lld",
		    (long long)k[i].id)) == 0)
			vl_tpl_show(o, "SELECTED");
	}
	return VL_OK;
}

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The builder of form id (0: the new form's page), with in in the
 * field's form (NULL: field edit's stored one, or an empty one) and e
 * after a refusal, sent with status. */
static enum vl_rc
page(struct vl_req *r, int64_t id, int64_t edit, const struct vl_form_field_in *in,
    const struct vl_form_err *e, int status)
{
	struct vl_form_field_in	 blank = { "text", "", "", "", "", 0 }, stored;
	struct vl_form_field	*x = NULL;
	struct vl_form		 f = { 0, 0, 0, 0, NULL };
	struct vl_tpl		*d, *row, *maps;
	size_t			 n = 0, i;
	enum vl_rc		 rc;

	if (id != 0 && (rc = vl_form_get(r->ctx, id, &f, &x, &n)) != VL_OK)
		return rc;
	d = vl_page_new(r, id ? vl_pool_printf(r->pool, "Form · %s", f.name) : "New form");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), VAL(F_NOTICE));
	if (id == 0) {
		vl_tpl_show(d, "NEW");
		vl_tpl_set(d, "NAME", VAL(F_NAME));
		if (e != NULL)
			vl_form_error(d, e);
		return vl_page_send_status(r, status, "form_edit.tpl", d);
	}
	vl_tpl_show(d, "BUILDER");
	vl_tpl_set_int(d, "ID", id);
	vl_tpl_set(d, "FORM_NAME", f.name);
	vl_tpl_set(d, "NAME", e && e->field && strcmp(e->field, "name") == 0 ? VAL(F_NAME) : f.name);
	if (f.uses > 0)
		vl_tpl_set_int(vl_tpl_section(d, "FROZEN"), "USES", f.uses);
	else
		vl_tpl_show(d, "OPEN");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "FIELD");
		vl_tpl_set_int(row, "FID", x[i].id);
		vl_tpl_set_int(row, "NO", (long long)i + 1);
		vl_tpl_set(row, "LABEL", x[i].label);
		if (*x[i].help)
			vl_tpl_set(vl_tpl_section(row, "HAS_HELP"), "HELP", x[i].help);
		vl_tpl_show(row, upper(r, "KIND_", vl_ffield_kinds[x[i].kind]));
		vl_tpl_show(row, x[i].required ? "REQUIRED" : "OPTIONAL");
		if (x[i].maps_to != VL_FMAP_NONE) {
			maps = vl_tpl_section(row, "MAPS");
			vl_tpl_show(maps, upper(r, "", vl_fmaps[x[i].maps_to]));
			vl_tpl_set(maps, "MLABEL", x[i].maps_label);
		}
		if (*x[i].options)
			vl_tpl_set(vl_tpl_section(row, "HAS_OPTIONS"), "OPTIONS", x[i].options);
		if (f.uses == 0) {
			row = vl_tpl_section(row, "CHANGE");
			vl_tpl_set_int(row, "ID", id);
			vl_tpl_set_int(row, "FID", x[i].id);
			if (i > 0)
				vl_tpl_show(row, "CAN_UP");
			if (i + 1 < n)
				vl_tpl_show(row, "CAN_DOWN");
		}
		if (x[i].id == edit && in == NULL) {
			stored = (struct vl_form_field_in){ vl_ffield_kinds[x[i].kind], x[i].label,
			    x[i].help, x[i].options, x[i].maps_to != VL_FMAP_MATTER_FIELD ?
			    vl_fmaps[x[i].maps_to] : vl_pool_printf(r->pool, "matter_field:%lld",
			    (long long)x[i].maps_field), x[i].required };
			in = &stored;
		}
	}
	if (n == 0)
		vl_tpl_show(d, "NO_FIELDS");
	if (in == NULL)
		in = &blank;
	if (f.uses == 0) {
		row = vl_tpl_section(d, "FIELD_FORM");
		vl_tpl_set_int(row, "ID", id);
		vl_tpl_show(row, edit ? "EDIT" : "ADD");
		if (edit)
			vl_tpl_set_int(vl_tpl_section(row, "HAS_FIELD"), "FID", edit);
		vl_tpl_show(row, upper(r, "K_", in->kind));
		vl_tpl_show(row, upper(r, "M_", in->maps_to && *in->maps_to ? in->maps_to : "none"));
		if ((rc = mfield_options(r, row, in->maps_to)) != VL_OK)
			return rc;
		vl_tpl_set(row, "LABEL", in->label);
		vl_tpl_set(row, "HELP", in->help);
		vl_tpl_set(row, "OPTIONS", in->options);
		if (in->required)
			vl_tpl_show(row, "IS_REQUIRED");
		if (e != NULL)
			vl_form_error(row, e);
	} else if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, status, "form_edit.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "";
	const char *const	 del[] = { "op", "delete", NULL };
	struct vl_confirm	 c = { "Delete this form? It cannot be brought back.", "Delete form",
	    NULL, "/forms", del };
	struct vl_form_field	*x;
	struct vl_form		 f;
	struct vl_tpl		*d;
	int64_t			 id = vl_req_path_id(r, "/forms/");
	size_t			 n;
	enum vl_rc		 rc;

	if (id == 0 && strcmp(r->uri, "/forms/new") != 0)
		return VL_DECLINED;
	if (id != 0 && strcmp(op, "delete") == 0) {
		if ((rc = vl_form_get(r->ctx, id, &f, &x, &n)) != VL_OK)
			return rc;
		c.action = vl_pool_printf(r->pool, "/forms/%lld", (long long)id);
		d = vl_page_new(r, vl_pool_printf(r->pool, "Delete %s", f.name));
		vl_tpl_show(d, "OWN_PAGE");	/* no tabs: the question's title is the <h1> */
		return vl_page_confirm(r, d, &c);
	}
	return page(r, id, NUM(F_FIELD), NULL, NULL, 200);
}

/* The order "3,1,2" as ids; 0 when it is not one. */
static size_t
order_of(struct vl_req *r, int64_t *ids, size_t max)
{
	char	*s = vl_pool_strdup(r->pool, VAL(F_ORDER) ? VAL(F_ORDER) : ""), *t, *save = NULL;
	size_t	 n = 0;

	for (t = strtok_r(s, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if (n == max || vl_strtonum(t, 1, INT64_MAX, &ids[n]) != VL_OK)
			return 0;
		n++;
	}
	return n;
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "";
	struct vl_form_field_in	 in = { VAL(F_KIND), VAL(F_LABEL), VAL(F_HELP), VAL(F_OPTIONS),
	    VAL(F_MAPS), NUM(F_REQUIRED) != 0 };
	struct vl_form_err	 e = { NULL, NULL };
	int64_t			 id = vl_req_path_id(r, "/forms/"), fid = NUM(F_FIELD);
	int64_t			 ids[VL_FF_FIELDS_MAX];
	const char		*notice = NULL;
	size_t			 n;
	enum vl_rc		 rc;

	if (id == 0) {
		if (strcmp(r->uri, "/forms/new") != 0 || strcmp(op, "create") != 0)
			return VL_DECLINED;
		if ((rc = vl_form_create(r->ctx, VAL(F_NAME), &id, &e)) == VL_INVALID)
			return page(r, 0, 0, NULL, &e, 400);
		notice = "created";
	} else if (strcmp(op, "rename") == 0) {
		rc = vl_form_rename(r->ctx, id, VAL(F_NAME), &e);
		notice = "renamed";
	} else if (strcmp(op, "field") == 0) {
		rc = vl_form_field_save(r->ctx, id, fid, &in, &e);
		notice = fid ? "saved" : "added";
	} else if (strcmp(op, "field_delete") == 0 && fid != 0) {
		rc = vl_form_field_delete(r->ctx, id, fid);
		notice = "removed";
	} else if ((strcmp(op, "up") == 0 || strcmp(op, "down") == 0) && fid != 0) {
		rc = vl_form_field_move(r->ctx, id, fid, strcmp(op, "up") == 0 ? -1 : 1);
		notice = "moved";
	} else if (strcmp(op, "order") == 0) {
		n = order_of(r, ids, VL_FF_FIELDS_MAX);
		rc = n ? vl_form_field_order(r->ctx, id, ids, n) : VL_INVALID;
		notice = "moved";
	} else if (strcmp(op, "copy") == 0) {
		rc = vl_form_copy(r->ctx, id, &id);
		notice = "copied";
	} else if (strcmp(op, "delete") == 0) {
		if ((rc = vl_form_delete(r->ctx, id)) == VL_OK) {
			vl_out_redirect(r, "/forms?notice=deleted");
			return VL_OK;
		}
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, id, strcmp(op, "field") == 0 ? fid : 0,
		    strcmp(op, "field") == 0 ? &in : NULL, &e, 400);
	if (rc == VL_CONFLICT)
		return page(r, id, 0, NULL, &(struct vl_form_err){ NULL, "frozen" }, 409);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/forms/%lld?notice=%s", (long long)id, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "form_edit",
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
