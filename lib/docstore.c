/*
 * Uploads into a matter's documents (SPEC F-A5): each file sniffed and
 * stored, then all recorded in one transaction (lib/doc.c records them).
 * Apart from lib/doc.c so that the pages which list, move or download
 * documents do not carry libmagic (lib/sniff.c).
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "store.h"
#include "doc.h"
#include "audit.h"

enum vl_rc
vl_doc_store(struct vl_ctx *c, const struct vl_upload *u, struct vl_stored *s)
{
	memset(s, 0, sizeof(*s));
	s->mime = vl_pool_strdup(c->pool, vl_store_sniff(u->path));
	s->name = vl_doc_name(c->pool, u->filename);
	s->size = u->size;
	return vl_store_put(c->pool, c->firm_id, u->path, s->key);
}

enum vl_rc
vl_doc_upload(struct vl_ctx *c, const struct vl_matter *m, int64_t folder,
    const struct vl_upload *uploads, int *count)
{
	const struct vl_upload	*u;
	struct vl_stored	*st;
	int			 n = 0, i;
	enum vl_rc		 rc;

	*count = 0;
	if ((rc = vl_matter_folder(c, m->id, folder)) != VL_OK)
		return rc;
	for (u = uploads; u; u = u->next)
		n++;
	if (n == 0)
		return VL_INVALID;
	/* Files first, each pending; then the rows, all in one transaction.  On
	 * any failure the pool removes the files again (lib/store.c). */
	st = vl_pool_calloc(c->pool, (size_t)n, sizeof(*st));
	for (u = uploads, i = 0; u; u = u->next, i++)
		if ((rc = vl_doc_store(c, u, &st[i])) != VL_OK)
			return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_doc_record(c, m->id, folder, &st[i], c->user_id, NULL);
	/* Added to a shared folder: the clients are told (F-B6, F-B8). */
	if (rc == VL_OK)
		rc = vl_doc_tell_shared(c, m, folder, n);
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	vl_audit(c, "documents_uploaded", "matter", m->id);
	*count = n;
	return VL_OK;
}
