/*
 * A matter's Forms subtab (F-B12): /matters/<id>/forms?page=N lists the
 * forms given to the matter (waiting, draft saved, submitted), 50 a page,
 * and shares one more through the portal (POST op=share, form=N: "Share
 * via client portal").  Stopping a share is a GET ?op=unshare&request=N
 * ("Are you sure...?") then a POST; op=reshare shares it again.  The
 * rules (an open portal whose Forms permission is on) are lib/form.c's.
 */
#include <string.h>

#include "vellum.h"
#include "form.h"
#include "matter.h"
#include "tz.h"

enum field { F_OP, F_FORM, F_REQUEST, F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "form", VL_V_ID, 20 },
	{ "request", VL_V_ID, 20 },
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "shared", "unshared", "reshared" };

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The subtab of m; why: the reason a share was refused (409). */
static enum vl_rc
show(struct vl_req *r, const struct vl_matter *m, const char *why)
{
	int64_t			 page = NUM(F_PAGE) > 0 ? NUM(F_PAGE) : 1;
	struct vl_form_req	*q;
	struct vl_pick		*forms;
	struct vl_tpl		*d, *row;
	size_t			 n, nf, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_form_requests(r->ctx, m->id, page, &q, &n, &more)) != VL_OK ||
	    (rc = vl_form_pick(r->ctx, &forms, &nf)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Forms · %s", m->number));
	vl_matter_frame(r->pool, d, m, "forms");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), VAL(F_NOTICE));
	if (why != NULL)
		vl_form_error(d, &(struct vl_form_err){ "form", why });
	if (nf > 0)
		vl_pick_options(vl_tpl_section(d, "PICK"), "FORM_OPTION", forms, nf, NUM(F_FORM));
	else
		vl_tpl_show(d, "NO_FORMS");
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "REQUEST");
		vl_tpl_set_int(row, "RID", q[i].id);
		vl_tpl_set(row, "NAME", q[i].name);
		vl_tpl_set(row, "GIVEN", vl_tz_when(r->ctx, q[i].created));
		if (q[i].submitted) {
			row = vl_tpl_section(row, "SUBMITTED");
			vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, q[i].submitted));
			vl_tpl_set(row, "WHO", q[i].submitter);
			vl_tpl_set_int(row, "RID", q[i].id);
		} else if (q[i].saved)
			vl_tpl_set(vl_tpl_section(row, "DRAFT"), "WHEN", vl_tz_when(r->ctx, q[i].saved));
		else
			vl_tpl_show(row, "WAITING");
		vl_tpl_show(row, q[i].shared ? "SHARED" : "NOT_SHARED");
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_REQUESTS");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/matters/%lld/forms", (long long)m->id),
	    "", page, more);
	return vl_page_send_status(r, why ? 409 : 200, "matter_forms.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "";
	struct vl_form_fill	 f;
	struct vl_matter	 m;
	const char *const	 keep[] = { "op", "unshare", "request", VAL(F_REQUEST), NULL };
	struct vl_confirm	 c = { NULL, "Stop sharing", NULL, NULL, keep };
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (strcmp(op, "unshare") != 0)
		return show(r, &m, NULL);
	if ((rc = vl_form_submission(r->ctx, m.id, NUM(F_REQUEST), 0, &f)) != VL_OK)
		return rc;
	c.question = vl_pool_printf(r->pool, "Stop sharing “%s” with the client? The client can no "
	    "longer open it; answers already given stay here.", f.req.name);
	c.action = vl_pool_printf(r->pool, "/matters/%lld/forms", (long long)m.id);
	c.back = c.action;
	return vl_matter_confirm(r, &m, "forms", "Stop sharing a form", &c);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "";
	struct vl_matter	 m;
	const char		*why = NULL, *notice;
	int64_t			 req = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (strcmp(op, "share") == 0 && NUM(F_FORM) != 0) {
		rc = vl_form_share(r->ctx, &m, NUM(F_FORM), &req, &why);
		notice = "shared";
	} else if ((strcmp(op, "unshare") == 0 || strcmp(op, "reshare") == 0) &&
	    NUM(F_REQUEST) != 0) {
		rc = vl_form_reshare(r->ctx, &m, NUM(F_REQUEST), strcmp(op, "reshare") == 0, &why);
		notice = strcmp(op, "reshare") == 0 ? "reshared" : "unshared";
	} else
		return VL_INVALID;
	if (rc == VL_CONFLICT && why != NULL)
		return show(r, &m, why);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/forms?notice=%s", (long long)m.id,
	    notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "matter_forms",
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
