/*
 * A firm's uploaded logo: GET /logos/<firm>.  Public, as emails and the
 * clients' sign-in page show it.  Served with the type its bytes were
 * checked to have (PNG or JPEG), nosniff, and a CSP that forbids scripts,
 * so that even a file that fooled the check cannot run as a page.
 */
#include "vellum.h"
#include "logo.h"

static enum vl_rc
get(struct vl_req *r)
{
	int64_t		 firm = vl_req_path_id(r, "/logos/");
	const char	*mime;
	unsigned char	*bytes;
	size_t		 n;
	enum vl_rc	 rc;

	if (firm == 0)
		return VL_DECLINED;
	if ((rc = vl_logo_get(r->pool, firm, &mime, &bytes, &n)) != VL_OK)
		return rc;
	vl_out_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
	vl_out_header(r, "Content-Disposition", "inline; filename=\"logo\"");
	vl_out_send(r, 200, mime, (const char *)bytes, n);
	return VL_OK;
}

static const struct vl_app app = {
	.name = "firm_logo",
	.access = VL_PUBLIC,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
