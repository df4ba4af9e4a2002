/* Messages in a matter's portal.  See docs/architecture.md. */
#ifndef VL_MSG_H
#define VL_MSG_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- msg.c: messages in a matter's portal ---- */
/* A message to post: its text and at most one attachment. */
struct vl_msg_new {
	const char		*body;		/* NULL or "": none */
	int64_t			 doc, folder;	/* of the matter, or 0 (firm users only) */
	const struct vl_upload	*upload;	/* a new upload, or NULL */
};
/*
 * Posts a message by the acting firm user or client contact into the
 * portal of matter: the message, its attachment's share, the mails to the
 * other side (F-B8) and the audit row, in one transaction; a new upload
 * is recorded as a document (a client's in "Client uploads").  VL_OK;
 * VL_INVALID with *why for the person (nothing to send, or more than one
 * attachment); VL_DECLINED for no such matter, portal or attachment;
 * VL_FORBIDDEN for a client the portal keeps from writing; VL_ERR.
 */
enum vl_rc vl_msg_post(struct vl_ctx *, int64_t matter, const struct vl_msg_new *,
	    const char **why);

#ifdef __cplusplus
}
#endif
#endif
