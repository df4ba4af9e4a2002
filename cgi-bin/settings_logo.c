/*
 * The firm's logo (admins only): POST /settings/logo with op=upload and
 * the file (checked by its bytes in lib/logo.c: PNG or JPEG, 1 MB, 4000
 * pixels a side), or op=remove.  Back to /settings, which says what
 * happened or why the file was refused.
 */
#include <string.h>

#include "vellum.h"
#include "logo.h"

enum field { F_OP, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
};

static enum vl_rc
upload(struct vl_req *r)
{
	enum vl_logo_why why = VL_LOGO_EMPTY;
	enum vl_rc	 rc = VL_INVALID;

	/* One file; none (or an empty one) is said as such. */
	if (r->uploads != NULL && r->uploads->next == NULL && r->uploads->size > 0)
		rc = vl_logo_set(r->ctx, r->uploads->path, &why);
	else if (r->uploads != NULL && r->uploads->next != NULL)
		why = VL_LOGO_TYPE;
	if (rc == VL_INVALID) {
		vl_out_redirect(r, vl_pool_printf(r->pool, "/settings?logo_error=%s",
		    vl_logo_whys[why]));
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, "/settings?notice=logo");
	return VL_OK;
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	enum vl_rc	 rc;

	if (op == NULL)
		return VL_INVALID;
	if (strcmp(op, "upload") == 0)
		return upload(r);
	if (strcmp(op, "remove") == 0) {
		if ((rc = vl_logo_remove(r->ctx)) != VL_OK)
			return rc;
		vl_out_redirect(r, "/settings?notice=logo_removed");
		return VL_OK;
	}
	return VL_INVALID;
}

static const struct vl_app app = {
	.name = "settings_logo",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	/* A 1 MB logo and its envelope; a file up to 2 MB is read to say it
	 * is too big on the settings page, a larger body is refused unread. */
	.max_body = 2 * 1024 * 1024,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
