/* Sharing documents and folders into the portal.  See docs/architecture.md. */
#ifndef VL_SHARE_H
#define VL_SHARE_H

#include "vellum.h"
#include "matter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- share.c: sharing into the portal, and ending shares ---- */
/* Shares a document or folder of m into its portal (tells the clients).
 * VL_CONFLICT when the portal is not open; VL_DECLINED when no such item. */
enum vl_rc vl_share_add(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* Stops sharing a document or folder of m: every live share of it, made
 * directly or with messages.  VL_DECLINED if it had none. */
enum vl_rc vl_share_stop(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* The same by the id of one of its shares in portal. */
enum vl_rc vl_share_stop_id(struct vl_ctx *, const struct vl_matter *m, int64_t portal,
	    int64_t share);
/* Inside a transaction: a message's attachment (document or folder) is a
 * share tied to the message. */
enum vl_rc vl_share_attach(struct vl_ctx *, int64_t portal, int64_t message, int64_t doc,
	    int64_t folder, int64_t shared_by);
/* Deletes a message of portal and ends the shares it made. */
enum vl_rc vl_share_delete_message(struct vl_ctx *, int64_t portal, int64_t message);
/* The name of a document (doc 1) or folder of matter, in c's pool; NULL
 * when the matter has no such item. */
const char *vl_share_item_name(struct vl_ctx *, int64_t matter, int doc, int64_t id);

#ifdef __cplusplus
}
#endif
#endif
