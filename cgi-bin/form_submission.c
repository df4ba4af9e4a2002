/*
 * A submitted form as the firm reads it (F-B12):
 * /matters/<id>/forms/submissions/<request> shows each question with its
 * answer (a file: a link to the document it became) and, for the fields
 * that filled the client's or the matter's record, what they held before
 * and after; ".csv" and ".pdf" download the same (audited).  Only submitted forms:
 * a draft is the client's until sent.
 */
#include <string.h>

#include "vellum.h"
#include "form.h"
#include "matter.h"
#include "tz.h"

/* The request's id of the path, and the format it asks for: 0 the page,
 * 1 CSV, 2 PDF. */
static int64_t
request_of(struct vl_req *r, int64_t matter, int *fmt)
{
	const char	*prefix = vl_pool_printf(r->pool, "/matters/%lld/forms/submissions/",
	    (long long)matter);
	char		*s;
	size_t		 n;
	int64_t		 id;

	if (strncmp(r->uri, prefix, strlen(prefix)) != 0)
		return 0;
	s = vl_pool_strdup(r->pool, r->uri + strlen(prefix));
	n = strlen(s);
	*fmt = 0;
	if (n > 4 && strcmp(s + n - 4, ".csv") == 0)
		*fmt = 1;
	else if (n > 4 && strcmp(s + n - 4, ".pdf") == 0)
		*fmt = 2;
	if (*fmt)
		s[n - 4] = '\0';
	return vl_strtonum(s, 1, INT64_MAX, &id) == VL_OK ? id : 0;
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_form_fill	 f;
	struct vl_matter	 m;
	struct vl_buf		 out = VL_BUF_INIT;
	struct vl_tpl		*d, *row;
	int64_t			 req;
	size_t			 i;
	int			 fmt = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if ((req = request_of(r, m.id, &fmt)) == 0)
		return VL_DECLINED;
	if ((rc = vl_form_submission(r->ctx, m.id, req, 1, &f)) != VL_OK)
		return rc;
	if (fmt) {
		rc = fmt == 1 ? vl_form_csv(r->ctx, m.id, &f, &out) : vl_form_pdf(r->ctx, &m, &f, &out);
		if (rc == VL_OK) {
			vl_out_header(r, "Content-Disposition", vl_pool_printf(r->pool,
			    "attachment; filename=\"form-%lld.%s\"", (long long)req, fmt == 1 ? "csv" :
			    "pdf"));
			vl_out_send(r, 200, fmt == 1 ? "text/csv; charset=utf-8" : "application/pdf",
			    out.len ? out.buf : "", out.len);
		}
		vl_buf_release(&out);
		return rc;
	}
	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", f.req.name, m.number));
	vl_matter_frame(r->pool, d, &m, "forms");
	vl_tpl_set(d, "NAME", f.req.name);
	vl_tpl_set_int(d, "RID", req);
	vl_tpl_set(d, "WHEN", vl_tz_when(r->ctx, f.req.submitted));
	vl_tpl_set(d, "WHO", f.req.submitter);
	for (i = 0; i < f.n; i++) {
		row = vl_tpl_section(d, "ANSWER");
		vl_tpl_set(row, "LABEL", f.fields[i].label);
		if (f.docs[i] != 0) {
			row = vl_tpl_section(row, "FILE");
			vl_tpl_set_int(row, "DOC", f.docs[i]);
			vl_tpl_set(row, "VALUE", f.values[i]);
		} else if (f.values[i] != NULL && *f.values[i] != '\0')
			vl_tpl_set(vl_tpl_section(row, "TEXT"), "VALUE", f.values[i]);
		else
			vl_tpl_show(row, "NONE");
		if (f.changed[i]) {
			row = vl_tpl_section(d, "CHANGE");
			vl_tpl_set(row, "LABEL", f.fields[i].label);
			vl_tpl_show(row, vl_fmaps[f.fields[i].maps_to][0] == 'c' ? "CONTACT" : "MATTER");
			/* An address is added (the last of the list after), never
			 * replacing one: say so. */
			if (f.fields[i].maps_to == VL_FMAP_CONTACT_EMAIL)
				vl_tpl_set(vl_tpl_section(row, "ADDED"), "VALUE",
				    strrchr(f.news[i], '\n') ? strrchr(f.news[i], '\n') + 1 : f.news[i]);
			else
				vl_tpl_set(vl_tpl_section(row, "REPLACED"), "OLD", f.olds[i]);
			vl_tpl_set(row, "NEW", f.news[i]);
		}
	}
	return vl_page_send(r, "form_submission.tpl", d);
}

static const struct vl_app app = {
	.name = "form_submission",
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
