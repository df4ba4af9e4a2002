/* A matter of the acting firm, and the frame of every matter page.  See docs/architecture.md. */
#ifndef VL_MATTER_H
#define VL_MATTER_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- matter.c: the frame of every matter page ---- */
struct vl_matter {
	int64_t	 id, client_id;
	char	*number, *description, *status, *client, *opened;
};
/* Loads matter id of the acting firm; VL_DECLINED when it has none such. */
enum vl_rc vl_matter_load(struct vl_ctx *, int64_t id, struct vl_matter *m);
/* VL_OK if folder (0: the top level) is a folder of matter; else VL_DECLINED. */
enum vl_rc vl_matter_folder(struct vl_ctx *, int64_t matter, int64_t folder);
/* Fills d's MATTER_TABS include (number, description, subtabs, current marked). */
void	 vl_matter_frame(struct vl_pool *, struct vl_tpl *d, const struct vl_matter *m,
	    const char *current);
/* An "Are you sure...?" page (vl_page_confirm) titled "title · number" in
 * the frame of matter m with subtab current marked.  Sent; VL_OK or VL_ERR. */
enum vl_rc vl_matter_confirm(struct vl_req *, const struct vl_matter *m, const char *current,
	    const char *title, const struct vl_confirm *c);

#ifdef __cplusplus
}
#endif
#endif
