/* A client signs out: POST /portal/logout ends the session. */
#include "vellum.h"

static enum vl_rc
get(struct vl_req *r)
{
	vl_out_redirect(r, "/portal");
	return VL_OK;
}

static enum vl_rc
post(struct vl_req *r)
{
	vl_sess_end(r);
	vl_out_redirect(r, "/portal/login?signed_out=1");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_logout",
	.access = VL_CLIENT,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
