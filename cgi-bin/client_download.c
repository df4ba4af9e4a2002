/*
 * A client opens a document: GET /portal/documents/<id>.  Allowed only
 * while the document is shared with a portal the client takes part in
 * (directly, through a shared folder, with the Documents permission; or
 * attached to a message in the feed, with Messages).  The first open by the
 * client's own navigation is recorded for the firm (F-B7, F-B9); a link
 * from another site downloads without recording it.
 */
#include "vellum.h"
#include "store.h"
#include "portal.h"

static enum vl_rc
get(struct vl_req *r)
{
	int64_t		 id, portal;
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
	/* Every download is on record; a read only by the client's own
	 * navigation, not when another site sent the client here. */
	if ((rc = vl_portal_download(r->ctx, portal, id, name,
	    vl_portal_own_navigation(r))) != VL_OK)
		return rc;
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
