/*
 * The firm's settings (F-A1): its name, slug (in the public client login
 * link), time zone, currency, notification window and whether
 * notification emails carry a short preview of a message.  Admins change
 * them; each change is audited.
 */
#ifndef VELLUM_SETTINGS_H
#define VELLUM_SETTINGS_H

#include "vellum.h"
#include "fielderr.h"

/* The longest preview a notification email carries, in characters. */
#define VL_PREVIEW_CHARS	80

struct vl_settings {
	char	*name, *slug, *zone, *currency, *logo;	/* logo: "" for none */
	int64_t	 window;	/* seconds; 0: the configuration's notify_window */
	int64_t	 preview;	/* 1: item mails carry a message's first words */
};
/* The acting firm's settings, strings in c's pool.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_settings_get(struct vl_ctx *, struct vl_settings *);

/* What the settings form sends (NULL: not sent, or not valid text). */
struct vl_settings_in {
	const char	*name, *slug, *zone, *currency, *window;
	int		 preview;	/* the box ticked */
	int		 slug_ok;	/* "I understand the old link stops working" */
};
/*
 * Saves the acting firm's settings, all or none: the name (1 to 200
 * characters), the slug (vl_slug_valid, free; a change needs slug_ok, as
 * the old login link stops working), the zone (vl_tz_valid), the currency
 * (one lib/money.c knows), the window (1 to 3600 seconds, or blank for
 * the configuration's) and the preview.  Audited as settings_changed (and
 * slug_changed).  VL_OK (*slug_changed 1 when it did); VL_INVALID with
 * the wrong fields in fe; VL_ERR.
 */
enum vl_rc vl_settings_save(struct vl_ctx *, const struct vl_settings_in *, struct vl_ferr *fe,
	    int *slug_changed);
/* 1 if s is a slug: 2 to 64 of a-z, 0-9 and '-', not starting or ending
 * with '-'. */
int	 vl_slug_valid(const char *s);
/* The window of firm's coalesced mails in seconds: the firm's own, else
 * the configuration's (also when it cannot be read, logged). */
int64_t	 vl_settings_window(struct vl_pool *, int64_t firm);
/* The preview of text a notification email of the acting firm carries:
 * NULL when the firm keeps previews off (the default) or text is empty;
 * else vl_preview_cut(text, VL_PREVIEW_CHARS). */
const char *vl_settings_preview(struct vl_ctx *, const char *text);
/* The first max characters of text (whole UTF-8 characters, blanks and
 * line breaks folded into single spaces, control characters dropped),
 * with "…" when cut; a pool copy. */
char	*vl_preview_cut(struct vl_pool *, const char *text, size_t max);

#endif
