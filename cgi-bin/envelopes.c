/*
 * Envelopes (F-C5): /envelopes.  POST op=prepare (from the Billing list's
 * "Review & Send Selected", id repeated) makes the acting user's draft
 * envelopes, one per bill or, with the firm's setting, one per client of
 * at most ten items; GET lists the drafts, each to review, and the shared
 * subject and message of "Send All Envelopes" (POST op=send_all).
 */
#include <string.h>

#include "vellum.h"
#include "bill.h"
#include "envelope.h"
#include "fielderr.h"

enum field { F_OP, F_SUBJECT, F_BODY, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "subject", VL_V_LINE, 400 },
	{ "body", VL_V_STRING, 10000 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "prepared", "sent", "sent_all", "none" };

#define VAL(f)	(r->fields[f].val)

static enum vl_rc
page(struct vl_req *r, const struct vl_ferr *e, size_t failed)
{
	struct vl_envelope env;
	struct vl_tpl	*d, *row, *it;
	int64_t		*ids;
	size_t		 n, i, j;
	enum vl_rc	 rc;

	if ((rc = vl_envelope_drafts(r->ctx, &ids, &n)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Review & send envelopes");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++) {
		if ((rc = vl_envelope_load(r->ctx, ids[i], &env)) != VL_OK)
			return rc;
		row = vl_tpl_section(d, "ENVELOPE");
		vl_tpl_set_int(row, "ID", env.id);
		vl_tpl_set(row, "CONTACT", env.contact_name);
		vl_tpl_set(row, "TO", env.to);
		if (*env.to == '\0')
			vl_tpl_show(row, "NO_TO");
		vl_tpl_set_int(row, "COUNT", (long long)env.n);
		for (j = 0; j < env.n; j++) {
			it = vl_tpl_section(row, "ITEM");
			vl_bill_fill(r->pool, it, &env.items[j]);
		}
	}
	vl_tpl_show(d, n > 0 ? "DRAFTS" : "NO_DRAFTS");
	vl_tpl_set(d, "FIRM_NAME", r->sess->firm_name);
	vl_tpl_set(d, "SUBJECT", VAL(F_SUBJECT));
	vl_tpl_set(d, "BODY_TEXT", VAL(F_BODY));
	if (VAL(F_SUBJECT) == NULL)
		vl_tpl_show(d, "DEFAULT_TEXT");
	if (failed > 0)
		vl_tpl_set_int(vl_tpl_section(d, "FAILED"), "FAILED_COUNT", (long long)failed);
	if (e != NULL)
		vl_ferr_show(d, e);
	return vl_page_send_status(r, e != NULL && e->n > 0 ? 400 : 200, "envelopes.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, NULL, 0);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_ferr	 e = VL_FERR_INIT;
	const char	*op = VAL(F_OP) ? VAL(F_OP) : "";
	int64_t		*ids;
	size_t		 n, made, skipped, sent, failed;
	enum vl_rc	 rc;

	if (strcmp(op, "prepare") == 0) {
		if (vl_form_ids(r->pool, r->form, "id", VL_ENVELOPE_SELECT, &ids, &n) != VL_OK)
			return VL_INVALID;
		rc = vl_envelope_prepare(r->ctx, ids, n, &made, &skipped);
		if (rc == VL_INVALID) {
			vl_out_redirect(r, "/envelopes?notice=none");
			return VL_OK;
		}
		if (rc != VL_OK)
			return rc;
		vl_out_redirect(r, "/envelopes?notice=prepared");
		return VL_OK;
	}
	if (strcmp(op, "send_all") != 0)
		return VL_INVALID;
	if (r->fields[F_BODY].present && VAL(F_BODY) == NULL)
		return VL_INVALID;
	rc = vl_envelope_send_all(r->ctx, VAL(F_SUBJECT), VAL(F_BODY), &sent, &failed, &e);
	if (rc == VL_INVALID)
		return page(r, &e, 0);
	if (rc != VL_OK)
		return rc;
	/* Those not sent stay as drafts, listed with what is wrong. */
	if (failed > 0)
		return page(r, NULL, failed);
	vl_out_redirect(r, "/billing?tab=unpaid&notice=envelopes_sent");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "envelopes",
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
