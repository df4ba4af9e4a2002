/*
 * A client opens a document: GET /portal/documents/<id>.  Allowed only
 * while the document is shared with a portal the client takes part in
 * (directly, through a shared folder, with the Documents permission; or
 * attached to a message in the feed, with Messages).  The first open by the
 * client's own navigation is recorded for the firm (F-B7, F-B9); a link
 * from another site downloads without recording it.
 */
#include "vellum.h"

static enum vl_rc
get(struct vl_req *r)
{
	int64_t		 id, portal;
	uint64_t	 fresh = 0;
	char		*name, *mime, *key, path[4096];
	enum vl_rc	 rc;

	if ((id = vl_req_path_id(r, "/portal/documents/")) == 0)
		return VL_DECLINED;
	rc = vl_db_row(r->pool, STMT_CLIENT_DOCUMENT, "iiiii", "sssi", r->sess->firm_id, id,
	    r->sess->contact_id, r->sess->firm_id, id, &name, &mime, &key, &portal);
	if (rc != VL_OK)
		return rc;
	if (vl_store_path(key, path, sizeof(path)) != VL_OK)
		return VL_ERR;
	if (vl_portal_own_navigation(r) && vl_db_exec(STMT_READ_INSERT, &fresh, NULL, "iiisi",
	    r->sess->firm_id, portal, r->sess->contact_id, "document", id) != VL_OK)
		return VL_ERR;
	if (fresh && vl_portal_event(r->sess->firm_id, portal, VL_EV_READ_DOCUMENT, r->sess->contact_id,
	    vl_pool_printf(r->pool, ": %s", name)) != VL_OK)
		return VL_ERR;
	/* Every download, by the client's own navigation or not, is on record. */
	vl_audit(r->ctx, "client_download", "document", id);
	return vl_out_file(r, path, mime, name);
}

static const struct vl_app app = {
	.name = "client_download",
	.access = VL_CLIENT,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
