/*
 * A client writes: POST /portal/matters/<id>/reply, a message and at most
 * one uploaded document (F-B5, F-B6).  The upload lands in the matter's
 * "Client uploads" folder; the firm's users in the portal (and the matter's
 * responsible users) and the other client participants are told by one
 * email per window (F-B8): the rules are vl_msg_post's (lib/msg.c).
 */
#include "vellum.h"
#include "msg.h"
#include "store.h"

enum field { F_BODY, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "body", VL_V_STRING, 20000 },
};

static enum vl_rc
post(struct vl_req *r)
{
	int64_t		 mid = vl_req_path_id(r, "/portal/matters/");
	struct vl_msg_new n = { .body = r->fields[F_BODY].val, .upload = r->uploads };
	const char	*why;
	enum vl_rc	 rc;

	if (mid == 0)
		return VL_DECLINED;
	if ((rc = vl_msg_post(r->ctx, mid, &n, &why)) == VL_INVALID) {
		vl_out_error(r, rc, why);
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld?notice=sent", (long long)mid));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_reply",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.max_body = 100ULL * 1024 * 1024,
	.sniff = vl_store_sniff_init,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
