/*
 * One form for the client to fill in (F-B12):
 * /portal/matters/<id>/forms/<request>.  GET shows the form with the
 * draft so far (or, once sent, the answers); POST op=save keeps a draft,
 * op=submit sends it, once.  A refused fill comes back (400) with what was
 * typed and each wrong field saying why; a second submit is refused (409).
 * File fields stream like any upload (100 MB).  The rules are
 * vl_form_client_answer's (lib/form.c).
 */
#include <string.h>

#include "vellum.h"
#include "form.h"
#include "portal.h"
#include "tz.h"
#include "store.h"

enum field { F_OP, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "saved" };

/* Section name prefix + name, upper-cased. */
static const char *
upper(struct vl_req *r, const char *prefix, const char *name)
{
	char	*s = vl_pool_printf(r->pool, "%s%s", prefix, name), *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* 1 if option is a line of value. */
static int
chosen(const char *value, const char *option, size_t len)
{
	const char	*p = value, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		if ((size_t)((e ? e : p + strlen(p)) - p) == len && strncmp(p, option, len) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Field i of f into row: its input, its value, its options, its error. */
static void
field(struct vl_req *r, struct vl_tpl *row, const struct vl_form_fill *f, size_t i)
{
	const struct vl_form_field	*x = &f->fields[i];
	const char			*v = f->values[i] ? f->values[i] : "", *p, *e;
	struct vl_tpl			*k, *o;
	size_t				 len, n = 0;

	vl_tpl_set_int(row, "FID", x->id);
	vl_tpl_set(row, "LABEL", x->label);
	if (*x->help)
		vl_tpl_set(vl_tpl_section(row, "HAS_HELP"), "HELP", x->help);
	if (x->required)
		vl_tpl_show(row, "REQUIRED");
	k = vl_tpl_section(row, upper(r, "T_", vl_ffield_kinds[x->kind]));
	vl_tpl_set(k, "VALUE", v);
	if (x->kind == VL_FF_YESNO)
		vl_tpl_show(k, strcmp(v, "yes") == 0 ? "YES" : strcmp(v, "no") == 0 ? "NO" : "NEITHER");
	if (x->kind == VL_FF_FILE && f->values[i] != NULL && *v)
		vl_tpl_set(vl_tpl_section(k, "HAS_FILE"), "FILE", v);
	for (p = x->options; (x->kind == VL_FF_CHOICE || x->kind == VL_FF_MULTI) && p && *p; n++) {
		e = strchr(p, '\n');
		len = (size_t)((e ? e : p + strlen(p)) - p);
		o = vl_tpl_section(k, "OPTION");
		vl_tpl_set(o, "OPT", vl_pool_strndup(r->pool, p, len));
		vl_tpl_set_int(o, "N", (long long)n);
		if (chosen(v, p, len))
			vl_tpl_show(o, "CHECKED");
		p = e ? e + 1 : NULL;
	}
	if (f->errs[i] != NULL) {
		vl_tpl_show(row, "BAD");
		o = vl_tpl_section(row, "ERR");
		vl_tpl_show(o, upper(r, "", f->errs[i]));
		vl_tpl_show(o, upper(r, "K_", vl_ffield_kinds[x->kind]));
	}
}

/* The form page of f (sent: read only), status. */
static enum vl_rc
show(struct vl_req *r, int64_t mid, const struct vl_client_portal *cp,
    const struct vl_form_fill *f, int status, const char *why)
{
	struct vl_tpl	*d, *row;
	size_t		 i;

	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", f->req.name, cp->number));
	vl_tpl_set_int(d, "MATTER_ID", mid);
	vl_tpl_set_int(d, "RID", f->req.id);
	vl_tpl_set(d, "NUMBER", cp->number);
	vl_tpl_set(d, "DESCRIPTION", cp->description);
	vl_tpl_set(d, "NAME", f->req.name);
	vl_portal_client_tabs(r->pool, d, cp, VL_PERM_FORMS);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (why != NULL)
		vl_tpl_show(vl_tpl_section(d, "ERRORS"), why);
	if (f->req.submitted) {
		row = vl_tpl_section(d, "SENT");
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, f->req.submitted));
		for (i = 0; i < f->n; i++) {
			struct vl_tpl *a = vl_tpl_section(row, "ANSWER");
			vl_tpl_set(a, "LABEL", f->fields[i].label);
			if (f->values[i] != NULL && *f->values[i])
				vl_tpl_set(vl_tpl_section(a, "GIVEN"), "VALUE", f->values[i]);
			else
				vl_tpl_show(a, "NONE");
		}
		return vl_page_send_status(r, status, "client_form.tpl", d);
	}
	row = vl_tpl_section(d, "FILL");
	if (f->req.saved)
		vl_tpl_set(vl_tpl_section(row, "SAVED_AT"), "WHEN", vl_tz_when(r->ctx, f->req.saved));
	for (i = 0; i < f->n; i++)
		field(r, vl_tpl_section(row, "FIELD"), f, i);
	return vl_page_send_status(r, status, "client_form.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	int64_t			 mid = vl_req_path_id(r, "/portal/matters/");
	struct vl_client_portal	 cp;
	struct vl_form_fill	 f;
	enum vl_rc		 rc;

	if ((rc = vl_form_client_open(r->ctx, mid, vl_req_path_id(r, vl_pool_printf(r->pool,
	    "/portal/matters/%lld/forms/", (long long)mid)), vl_portal_own_navigation(r), &cp,
	    &f)) != VL_OK)
		return rc;
	return show(r, mid, &cp, &f, 200, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	int64_t			 mid = vl_req_path_id(r, "/portal/matters/"), req;
	const char		*op = r->fields[F_OP].val ? r->fields[F_OP].val : "";
	struct vl_client_portal	 cp;
	struct vl_form_fill	 f;
	int			 submit = strcmp(op, "submit") == 0;
	enum vl_rc		 rc;

	req = vl_req_path_id(r, vl_pool_printf(r->pool, "/portal/matters/%lld/forms/",
	    (long long)mid));
	if (!submit && strcmp(op, "save") != 0)
		return VL_INVALID;
	rc = vl_form_client_answer(r->ctx, mid, req, r->form, r->uploads, submit, &f);
	if (rc == VL_INVALID || rc == VL_CONFLICT) {
		/* The page again: the fields as typed, or as sent before. */
		if (rc == VL_CONFLICT && vl_form_client_open(r->ctx, mid, req, 0, &cp, &f) != VL_OK)
			return VL_ERR;
		if (rc == VL_INVALID && vl_portal_of_client(r->ctx, mid, &cp) != VL_OK)
			return VL_ERR;
		return show(r, mid, &cp, &f, rc == VL_INVALID ? 400 : 409,
		    rc == VL_INVALID ? "FIX" : "ALREADY_SENT");
	}
	if (rc != VL_OK)
		return rc;
	if (submit)
		vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld/forms?notice=submitted",
		    (long long)mid));
	else
		vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld/forms/%lld?notice=saved",
		    (long long)mid, (long long)req));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_form",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.max_body = 100ULL * 1024 * 1024,
	.sniff = vl_store_sniff_init,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
