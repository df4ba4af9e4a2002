/*
 * A new contact (/contacts/new) or a contact's details (/contacts/<id>/edit):
 * person or company, name, phone numbers and postal address; a new one
 * also its email addresses, one a line, the first primary; the date of
 * birth (a date input; blank for none).  A refused form
 * comes back with what was typed and the field at fault (400).
 */
#include <string.h>

#include "vellum.h"
#include "contact.h"

enum field { F_KIND, F_NAME, F_PHONES, F_ADDRESS, F_EMAILS, F_DOB, FIELD__MAX };

/* Longer than the domain allows, so that it names the field at fault
 * rather than the value being dropped. */
static const struct vl_field fields[FIELD__MAX] = {
	{ "kind", VL_V_LINE, 16 },
	{ "name", VL_V_LINE, 2000 },
	{ "phones", VL_V_STRING, 4000 },
	{ "address", VL_V_STRING, 4000 },
	{ "emails", VL_V_STRING, 8000 },
	{ "dob", VL_V_LINE, 64 },
};

#define VAL(f)	(r->fields[f].val)

/* The form, filled with in (and emails), after refusal e (or NULL). */
static enum vl_rc
form(struct vl_req *r, int64_t id, const struct vl_contact_in *in, const char *emails,
    const struct vl_form_err *e)
{
	struct vl_tpl	*d;

	d = vl_page_new(r, id ? "Edit contact" : "New contact");
	if (id != 0) {
		vl_tpl_set_int(vl_tpl_section(d, "EDIT"), "ID", id);
		vl_tpl_set(d, "ACTION", vl_pool_printf(r->pool, "/contacts/%lld/edit", (long long)id));
		vl_tpl_set(d, "BACK", vl_pool_printf(r->pool, "/contacts/%lld", (long long)id));
	} else {
		vl_tpl_show(d, "NEW");
		vl_tpl_set(vl_tpl_section(d, "EMAILS_FIELD"), "EMAILS", emails);
		vl_tpl_set(d, "ACTION", "/contacts/new");
		vl_tpl_set(d, "BACK", "/contacts");
	}
	vl_tpl_show(d, in->kind != NULL && strcmp(in->kind, "company") == 0 ?
	    "IS_COMPANY" : "IS_PERSON");
	vl_tpl_set(d, "NAME", in->name);
	vl_tpl_set(d, "PHONES", in->phones);
	vl_tpl_set(d, "ADDRESS", in->address);
	vl_tpl_set(d, "DOB", in->dob);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e != NULL ? 400 : 200, "contact_edit.tpl", d);
}

static int64_t
contact_id(struct vl_req *r)
{
	return strcmp(r->uri, "/contacts/new") == 0 ? 0 : vl_req_path_id(r, "/contacts/");
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_contact	 k;
	struct vl_contact_in	 in = { "person", "", "", "", "" };
	int64_t			 id = contact_id(r);
	enum vl_rc		 rc;

	if (id != 0) {
		if ((rc = vl_contact_get(r->ctx, id, &k)) != VL_OK)
			return rc;
		in.kind = k.kind;
		in.name = k.name;
		in.phones = k.phones;
		in.address = k.address;
		in.dob = k.dob;
	} else if (strcmp(r->uri, "/contacts/new") != 0)
		return VL_DECLINED;
	return form(r, id, &in, "", NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_contact_in	 in = { VAL(F_KIND), VAL(F_NAME), VAL(F_PHONES), VAL(F_ADDRESS),
	    VAL(F_DOB) ? VAL(F_DOB) : "" };
	struct vl_form_err	 e = { NULL, NULL };
	int64_t			 id = contact_id(r), made = 0;
	enum vl_rc		 rc;

	if (id == 0 && strcmp(r->uri, "/contacts/new") != 0)
		return VL_DECLINED;
	/* Text with control characters is refused by the field, not lost. */
	if ((r->fields[F_NAME].present && in.name == NULL) ||
	    (r->fields[F_PHONES].present && in.phones == NULL) ||
	    (r->fields[F_ADDRESS].present && in.address == NULL) ||
	    (r->fields[F_EMAILS].present && VAL(F_EMAILS) == NULL) ||
	    (r->fields[F_DOB].present && VAL(F_DOB) == NULL))
		return VL_INVALID;
	if (id == 0)
		rc = vl_contact_create(r->ctx, &in, VAL(F_EMAILS), &made, &e);
	else
		rc = vl_contact_update(r->ctx, id, &in, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return form(r, id, &in, VAL(F_EMAILS), &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/contacts/%lld?notice=%s",
	    (long long)(id ? id : made), id ? "saved" : "created"));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "contact_edit",
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
