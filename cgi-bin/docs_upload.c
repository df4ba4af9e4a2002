/*
 * Upload into a matter's documents: POST /matters/<id>/documents/upload,
 * multipart, one or more files of up to 100 MB each; or the browser's
 * uploader's POST /matters/<id>/documents/put?folder=..&name=.., one file
 * as the raw body, where nginx enforces the 100 MB exactly.  The parser streams
 * each file to an O_EXCL temp file (memory stays flat); here each is typed
 * from its content, moved into the store under an opaque name, and
 * recorded (see lib/store.c for the order that survives a killed
 * program).  The browser's uploader sends one file a request with a
 * progress bar and asks for JSON; a plain form is redirected.
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "audit.h"
#include "doc.h"
#include "store.h"

#define FILE_MAX	(100ULL * 1024 * 1024)

enum field { F_FOLDER, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "folder", VL_V_INT, 20 },	/* form field, or query for raw uploads */
};

static int
wants_json(struct vl_req *r)
{
	const char *x = vl_req_env(r, "HTTP_X_REQUESTED_WITH");

	return x != NULL && strcmp(x, "vellum-upload") == 0;
}

static enum vl_rc
answer(struct vl_req *r, int64_t mid, int64_t folder, int n)
{
	char	*body;

	if (wants_json(r)) {
		body = vl_pool_printf(r->pool, "{\"ok\":true,\"files\":%d}", n);
		vl_out_send(r, 200, "application/json", body, strlen(body));
	} else
		vl_out_redirect(r, vl_pool_printf(r->pool,
		    "/matters/%lld/documents?folder=%lld&notice=uploaded",
		    (long long)mid, (long long)folder));
	return VL_OK;
}

static enum vl_rc
post(struct vl_req *r)
{
	int64_t			 mid, folder = r->fields[F_FOLDER].val ? r->fields[F_FOLDER].num : 0;
	struct vl_matter	 m;
	int			 n = 0;
	enum vl_rc		 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK)
		return rc;
	rc = vl_doc_upload(r->ctx, &m, folder, r->uploads, &n);
	if (rc == VL_INVALID) {
		vl_out_error(r, VL_INVALID, "Choose at least one file to upload.");
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc;
	return answer(r, mid, folder, n);
}

static const struct vl_app app = {
	.name = "docs_upload",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.max_body = FILE_MAX,
	.raw_body = 1,
	.sniff = vl_store_sniff_init,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
