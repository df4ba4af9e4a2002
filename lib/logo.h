/*
 * The firm's logo (F-A1): an upload checked by its bytes, never by its
 * name or the browser's word: a PNG or a JPEG, at most 1 MB, at most
 * 4000 pixels a side.  SVG is refused (it can carry script; see
 * docs/security.md).  It is served from /logos/<firm> by its own program
 * with the type found here, nosniff and a CSP that forbids scripts, and
 * shown on the firm's pages, the clients' and in every email.
 */
#ifndef VELLUM_LOGO_H
#define VELLUM_LOGO_H

#include "vellum.h"

#define VL_LOGO_MAX	(1024 * 1024)
#define VL_LOGO_SIDE	4000

/* Why an image is refused. */
enum vl_logo_why {
	VL_LOGO_OK,
	VL_LOGO_EMPTY,
	VL_LOGO_TOOBIG,		/* more than VL_LOGO_MAX bytes */
	VL_LOGO_TYPE,		/* neither PNG nor JPEG (SVG included) */
	VL_LOGO_BROKEN,		/* the header does not hold together */
	VL_LOGO_SIZE,		/* a side of 0 or more than VL_LOGO_SIDE pixels */
	VL_LOGO__MAX
};
/* The names of the reasons, the codes the settings page shows. */
extern const char *const vl_logo_whys[VL_LOGO__MAX];

/* Checks the n bytes at p: VL_LOGO_OK with *mime ("image/png",
 * "image/jpeg", static) and the size in pixels; else why not. */
enum vl_logo_why vl_logo_check(const unsigned char *p, size_t n, const char **mime,
	    uint32_t *width, uint32_t *height);
/* Makes the upload at path (a temp file) the acting firm's logo, and its
 * URL the firm's; audited.  VL_OK; VL_INVALID with *why; VL_ERR. */
enum vl_rc vl_logo_set(struct vl_ctx *, const char *path, enum vl_logo_why *why);
/* Removes the acting firm's logo (uploaded or not); audited.  VL_OK, VL_ERR. */
enum vl_rc vl_logo_remove(struct vl_ctx *);
/* Firm's uploaded logo: its type and bytes (in pool).  VL_OK; VL_DECLINED
 * when it has none; VL_ERR. */
enum vl_rc vl_logo_get(struct vl_pool *, int64_t firm, const char **mime, unsigned char **bytes,
	    size_t *len);

#endif
