/* A matter's documents and folders.  See docs/architecture.md. */
#ifndef VL_DOC_H
#define VL_DOC_H

#include "vellum.h"
#include "matter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- doc.c: documents and folders of a matter ---- */
/* A byte count for people ("512 bytes", "1.2 MB"), in the pool. */
char	*vl_fmt_size(struct vl_pool *, uint64_t);
/* A document name from a client's file name: last path part, no control
 * characters, at most 255 bytes of whole UTF-8 characters; "upload" if none. */
char	*vl_doc_name(struct vl_pool *, const char *client_name);
/* An upload stored for a document not yet recorded. */
struct vl_stored {
	char		 key[65];	/* "" until stored */
	char		*name, *mime;	/* in the request's pool */
	uint64_t	 size;
};
/* Sniffs, names and stores upload u for the acting firm (outside any
 * transaction).  VL_OK or VL_ERR; s->key stays "" unless stored.  The file
 * goes again with the request unless vl_doc_record's transaction commits. */
enum vl_rc vl_doc_store(struct vl_ctx *, const struct vl_upload *u, struct vl_stored *s);
/* Inside a transaction: records stored upload s as a document of matter
 * (folder 0: top level); uploaded_by is a firm user's id or 0. */
enum vl_rc vl_doc_record(struct vl_ctx *, int64_t matter, int64_t folder,
	    const struct vl_stored *s, int64_t uploaded_by, int64_t *doc_id);
/* A stored document to send: its file's path, its name and type (pool). */
struct vl_doc_file {
	char	*path, *name, *mime;
};
/* Document id of the acting firm, for a firm user's download, which is
 * audited.  VL_DECLINED when the firm has no such document. */
enum vl_rc vl_doc_download(struct vl_ctx *, int64_t id, struct vl_doc_file *f);
/* Stores the uploads as documents of folder (0: top level) of matter m, by
 * the acting firm user, in one transaction that also tells the clients of a
 * shared folder; *count gets how many.  VL_INVALID for none; VL_DECLINED
 * for no such folder; on any failure nothing is kept. */
enum vl_rc vl_doc_upload(struct vl_ctx *, const struct vl_matter *m, int64_t folder,
	    const struct vl_upload *uploads, int *count);
/* Adds folder name under parent (0: top level) of matter m.  VL_INVALID for
 * an empty name, VL_DECLINED for no such parent. */
enum vl_rc vl_doc_folder_add(struct vl_ctx *, const struct vl_matter *m, int64_t parent,
	    const char *name);
/* Renames a document (doc 1) or folder of matter m.  VL_INVALID for an empty
 * name, VL_DECLINED for no such item. */
enum vl_rc vl_doc_rename(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id,
	    const char *name);
/* Inside a transaction, after documents were added to folder of matter m:
 * if the folder lies in a shared folder, tells the portal's clients of n
 * new documents (coalesced like messages). */
enum vl_rc vl_doc_tell_shared(struct vl_ctx *, const struct vl_matter *m, int64_t folder, int n);
/* Deletes a document or a folder (kind "document" or "folder") with all it
 * holds, deepest folder first, ending their shares; files leave the disk
 * after the commit; audited.  VL_DECLINED if the matter has no such item. */
enum vl_rc vl_doc_delete(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* Moves a document or folder to target (0: top level); a move that makes it
 * shared or unshared through a shared folder is a portal event, and the
 * clients are told of a newly shared one.  VL_CONFLICT for a folder moved
 * into itself; VL_DECLINED if the matter has no such item. */
enum vl_rc vl_doc_move(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id,
	    int64_t target);

#ifdef __cplusplus
}
#endif
#endif
