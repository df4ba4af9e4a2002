/* Sign out: POST /logout ends the session (the row is deleted). */
#include "vellum.h"
#include "signin.h"

static enum vl_rc
get(struct vl_req *r)
{
	vl_out_redirect(r, r->sess ? "/matters" : "/login");
	return VL_OK;
}

static enum vl_rc
post(struct vl_req *r)
{
	vl_signout(r->ctx);
	vl_sess_end(r);
	vl_out_redirect(r, "/login?signed_out=1");
	return VL_OK;
}

static const struct vl_app app = {
	.name = "auth_logout",
	.access = VL_FIRM_USER,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
