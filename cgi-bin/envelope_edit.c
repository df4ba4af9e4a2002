/*
 * One draft envelope: /envelopes/<id>.  GET shows its email to edit: To
 * (a choice of the client's addresses on file, never free text), subject,
 * body, its items with "View Invoice", and "Continue".  POST op=continue
 * saves it and shows the email as it will go, with "Send Envelope Now"
 * and "Go Back"; POST op=send sends it (lib/envelope.c).  Another firm's
 * id is no such envelope.
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "envelope.h"
#include "fielderr.h"

enum field { F_OP, F_TO, F_SUBJECT, F_BODY, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "to", VL_V_LINE, 300 },
	{ "subject", VL_V_LINE, 400 },
	{ "body", VL_V_STRING, 10000 },
};

#define VAL(f)	(r->fields[f].val)

/* The envelope's page: the form (preview 0) or the email as it will go. */
static enum vl_rc
page(struct vl_req *r, const struct vl_envelope *env, int preview, const char *to,
    const char *subject, const char *body, const struct vl_ferr *e)
{
	struct vl_tpl	*d, *o;
	size_t		 i;

	d = vl_page_new(r, vl_pool_printf(r->pool, "Envelope to %s", env->contact_name));
	vl_tpl_set_int(d, "ENVELOPE_ID", env->id);
	vl_tpl_set(d, "CONTACT", env->contact_name);
	vl_tpl_set(d, "FIRM_NAME", r->sess->firm_name);
	vl_tpl_show(d, preview ? "PREVIEW" : "EDIT");
	if (env->sent)
		vl_tpl_show(d, "WAS_SENT");
	vl_tpl_set(d, "TO", to);
	vl_tpl_set(d, "SUBJECT", subject);
	vl_tpl_set(d, "BODY_TEXT", body);
	if (*subject == '\0' && !preview && e == NULL)
		vl_tpl_show(d, "DEFAULT_TEXT");
	for (i = 0; i < env->nemails; i++) {
		o = vl_tpl_section(d, "TO_OPTION");
		vl_tpl_set(o, "VALUE", env->emails[i]);
		if (strcmp(env->emails[i], to) == 0)
			vl_tpl_show(o, "SELECTED");
	}
	if (env->nemails == 0)
		vl_tpl_show(d, "NO_EMAILS");
	for (i = 0; i < env->n; i++)
		vl_bill_fill(r->pool, vl_tpl_section(d, "ITEM"), &env->items[i]);
	if (e != NULL)
		vl_ferr_show(d, e);
	return vl_page_send_status(r, e != NULL && e->n > 0 ? 400 : 200, "envelope.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_envelope env;
	enum vl_rc	 rc;

	if ((rc = vl_envelope_load(r->ctx, vl_req_path_id(r, "/envelopes/"), &env)) != VL_OK)
		return rc;
	return page(r, &env, 0, env.to, env.subject, env.body, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_ferr	 e = VL_FERR_INIT;
	struct vl_envelope env;
	const char	*op = VAL(F_OP) ? VAL(F_OP) : "";
	int64_t		 id = vl_req_path_id(r, "/envelopes/");
	enum vl_rc	 rc;

	if ((rc = vl_envelope_load(r->ctx, id, &env)) != VL_OK)
		return rc;
	if (env.sent)
		return VL_CONFLICT;
	if (strcmp(op, "continue") == 0) {
		if (r->fields[F_BODY].present && VAL(F_BODY) == NULL)
			return VL_INVALID;
		rc = vl_envelope_save(r->ctx, id, VAL(F_TO), VAL(F_SUBJECT), VAL(F_BODY), &e);
		if (rc == VL_INVALID)
			return page(r, &env, 0, VAL(F_TO) ? VAL(F_TO) : "",
			    VAL(F_SUBJECT) ? VAL(F_SUBJECT) : "", VAL(F_BODY) ? VAL(F_BODY) : "", &e);
		if (rc != VL_OK || (rc = vl_envelope_load(r->ctx, id, &env)) != VL_OK)
			return rc;
		return page(r, &env, 1, env.to, env.subject, env.body, NULL);
	}
	if (strcmp(op, "send") != 0)
		return VL_INVALID;
	rc = vl_envelope_send(r->ctx, id);
	if (rc == VL_INVALID) {
		vl_ferr_add(&e, "to", "invalid");
		return page(r, &env, 0, env.to, env.subject, env.body, &e);
	}
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, "/envelopes?notice=sent");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "envelope_edit",
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
