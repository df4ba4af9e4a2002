/*
 * The firm's marks of a record shared through the portal (lib/rshare.c):
 * "Shared", and "Viewed by <client> on <date>", the same for every kind.
 */
#ifndef VL_RECMARK_H
#define VL_RECMARK_H

#include <stdint.h>

#include "vellum.h"
#include "rshare.h"

/*
 * Sets the marks of record kind/id of matter in d: section SHARED when it
 * has a live share (vl_rshare_is_shared), and section VIEWED with WHO and
 * WHEN (the firm's zone) once a client of the portal opened it.  VL_OK or
 * VL_ERR.
 */
enum vl_rc vl_recmark_show(struct vl_ctx *, struct vl_tpl *d, int64_t matter,
	    enum vl_record_kind kind, int64_t id);

#endif
