/*
 * Download a document: GET /documents/<id>/download.  The row is read with
 * the firm bound; the file goes out as an attachment, sandboxed, never
 * rendered by the browser.
 */
#include "vellum.h"
#include "store.h"
#include "audit.h"

static enum vl_rc
get(struct vl_req *r)
{
	int64_t	 id, mid, folder, size;
	char	*name, *mime, *key, path[4096];
	enum vl_rc rc;

	if ((id = vl_req_path_id(r, "/documents/")) == 0)
		return VL_DECLINED;
	if ((rc = vl_db_row(r->pool, STMT_DOC_GET, "ii", "iissss", r->sess->firm_id, id,
	    &mid, &folder, &name, &size, &mime, &key)) != VL_OK)
		return rc;
	if (vl_store_path(key, path, sizeof(path)) != VL_OK)
		return VL_ERR;
	vl_audit(r->ctx, "document_downloaded", "document", id);
	return vl_out_file(r, path, mime, name);
}

static const struct vl_app app = {
	.name = "docs_download",
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
