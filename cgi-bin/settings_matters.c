/*
 * The firm's matter numbers (admins): /settings/matters.  The pattern new
 * matters are numbered with ({YYYY} the year, {NNNN} a counter padded to
 * as many digits) and the counter of the next matter this year.
 */
#include "vellum.h"
#include "matters.h"

enum field { F_PATTERN, F_NEXT, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "pattern", VL_V_LINE, 200 },
	{ "next", VL_V_LINE, 32 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "saved" };

static enum vl_rc
page(struct vl_req *r, const char *pattern, const char *next, const struct vl_form_err *e)
{
	struct vl_tpl	*d;
	char		*pat, *preview;
	int64_t		 n;
	enum vl_rc	 rc;

	if ((rc = vl_numbering_get(r->ctx, &pat, &n, &preview)) != VL_OK)
		return rc;
	d = vl_page_new(r, "Matter numbers");
	vl_tpl_set(d, "PATTERN", pattern ? pattern : pat);
	vl_tpl_set(d, "NEXT", next ? next : vl_pool_printf(r->pool, "%lld", (long long)n));
	vl_tpl_set(d, "PREVIEW", preview);
	vl_page_notice(d, notices, 1, r->fields[F_NOTICE].val);
	if (e != NULL)
		vl_form_error(d, e);
	return vl_page_send_status(r, e ? 400 : 200, "settings_matters.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	return page(r, NULL, NULL, NULL);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char		*pattern = r->fields[F_PATTERN].val, *next = r->fields[F_NEXT].val;
	struct vl_form_err	 e = { NULL, NULL };
	int64_t			 n = 0;
	enum vl_rc		 rc;

	if (pattern == NULL || next == NULL)
		return VL_INVALID;
	if (vl_strtonum(next, 1, 999999999, &n) != VL_OK)
		rc = vl_form_refuse(&e, "next", "next_invalid");
	else
		rc = vl_numbering_set(r->ctx, pattern, n, &e);
	if (rc == VL_INVALID && e.code != NULL)
		return page(r, pattern, next, &e);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, "/settings/matters?notice=saved");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "settings_matters",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
