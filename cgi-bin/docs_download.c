/*
 * Download a document: GET /documents/<id>/download.  The row is read with
 * the firm bound; the file goes out as an attachment, sandboxed, never
 * rendered by the browser.
 */
#include "vellum.h"
#include "doc.h"

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_doc_file	 f;
	int64_t			 id;
	enum vl_rc		 rc;

	if ((id = vl_req_path_id(r, "/documents/")) == 0)
		return VL_DECLINED;
	if ((rc = vl_doc_download(r->ctx, id, &f)) != VL_OK)
		return rc;
	return vl_out_file(r, f.path, f.mime, f.name);
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
