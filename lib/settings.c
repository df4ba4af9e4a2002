/*
 * The firm's settings (see settings.h).  The slug is part of the public
 * client login link (/portal/login?firm=SLUG) that firms put on their
 * websites; changing it breaks that link, and the page says so and asks
 * the admin to confirm rather than keeping an alias: a freed slug may be
 * taken by another firm, and an alias would then point two ways.
 */
#include <string.h>

#include "settings.h"
#include "audit.h"
#include "tz.h"
#include "money.h"

int
vl_slug_valid(const char *s)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) < 2 || n > 64)
		return 0;
	if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return 0;
	return s[0] != '-' && s[n - 1] != '-';
}

enum vl_rc
vl_settings_get(struct vl_ctx *c, struct vl_settings *s)
{
	memset(s, 0, sizeof(*s));
	return vl_db_row(c->pool, STMT_SETTINGS_GET, "i", "ssssiis", c->firm_id, &s->name,
	    &s->slug, &s->zone, &s->currency, &s->window, &s->preview, &s->logo);
}

/* A line of 1 to max bytes of valid UTF-8 without control characters. */
static int
line_ok(const char *s, size_t max)
{
	size_t	 n;

	return s != NULL && (n = strlen(s)) > 0 && vl_validate(VL_V_LINE, s, n, max, NULL);
}

enum vl_rc
vl_settings_save(struct vl_ctx *c, const struct vl_settings_in *in, struct vl_ferr *fe,
    int *slug_changed)
{
	struct vl_settings old;
	int64_t		 window = 0, taken = 0;
	enum vl_rc	 rc;

	*slug_changed = 0;
	if ((rc = vl_settings_get(c, &old)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	if (!line_ok(in->name, 200))
		vl_ferr_add(fe, "name", "missing");
	if (!vl_slug_valid(in->slug))
		vl_ferr_add(fe, "slug", "invalid");
	else if (strcmp(in->slug, old.slug) != 0) {
		if ((rc = vl_db_row(c->pool, STMT_SETTINGS_SLUG_TAKEN, "si", "i", in->slug,
		    c->firm_id, &taken)) != VL_OK)
			return VL_ERR;
		if (taken)
			vl_ferr_add(fe, "slug", "taken");
		else if (!in->slug_ok)
			vl_ferr_add(fe, "slug", "confirm");
	}
	if (in->zone == NULL || !vl_tz_valid(in->zone))
		vl_ferr_add(fe, "zone", "invalid");
	if (in->currency == NULL || strlen(in->currency) != 3 || vl_money_digits(in->currency) < 0)
		vl_ferr_add(fe, "currency", "invalid");
	if (in->window == NULL)
		vl_ferr_add(fe, "window", "invalid");
	else if (*in->window != '\0' &&
	    vl_strtonum(in->window, 1, 3600, &window) != VL_OK)
		vl_ferr_add(fe, "window", "invalid");
	if (fe->n > 0)
		return VL_INVALID;
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_SETTINGS_SET, NULL, NULL, "sssiii", in->name, in->zone,
	    in->currency, window, (int64_t)(in->preview != 0), c->firm_id)) != VL_OK)
		goto fail;
	if (strcmp(in->slug, old.slug) != 0) {
		rc = vl_db_exec(STMT_SETTINGS_SLUG_SET, NULL, NULL, "si", in->slug, c->firm_id);
		if (rc == VL_CONFLICT) {	/* taken meanwhile: the unique key holds */
			vl_db_rollback();
			vl_ferr_add(fe, "slug", "taken");
			return VL_INVALID;
		}
		if (rc != VL_OK)
			goto fail;
		*slug_changed = 1;
	}
	if (vl_db_commit() != VL_OK)
		return VL_ERR;
	vl_audit(c, "settings_changed", "firm", c->firm_id);
	if (*slug_changed)
		vl_audit(c, "slug_changed", "firm", c->firm_id);
	/* The zone of later times on this request is the new one. */
	c->zone = NULL;
	return VL_OK;
fail:
	vl_db_rollback();
	return VL_ERR;
}

int64_t
vl_settings_window(struct vl_pool *pool, int64_t firm)
{
	int64_t	 window = 0, preview;

	if (vl_db_row(pool, STMT_SETTINGS_NOTIFY, "i", "ii", firm, &window, &preview) != VL_OK) {
		vl_warn("firm %lld: its notification window could not be read; using %lld s",
		    (long long)firm, (long long)vl_conf.notify_window);
		return vl_conf.notify_window;
	}
	return window > 0 ? window : vl_conf.notify_window;
}

const char *
vl_settings_preview(struct vl_ctx *c, const char *text)
{
	int64_t	 window, preview = 0;

	if (text == NULL || *text == '\0')
		return NULL;
	if (vl_db_row(c->pool, STMT_SETTINGS_NOTIFY, "i", "ii", c->firm_id, &window,
	    &preview) != VL_OK || !preview)
		return NULL;
	return vl_preview_cut(c->pool, text, VL_PREVIEW_CHARS);
}

/* Length of the UTF-8 character at s (1 for a byte that starts none). */
static size_t
char_len(const unsigned char *s)
{
	size_t	 n, i;

	if (*s < 0x80)
		return 1;
	n = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : *s >= 0xc0 ? 2 : 1;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

char *
vl_preview_cut(struct vl_pool *pool, const char *text, size_t max)
{
	struct vl_buf	 b = VL_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(text != NULL ? text : "");
	size_t		 chars = 0, n, keep = 0;
	int		 space = 0;
	char		*out;

	/* Folded text up to one character past max; keep marks where the
	 * first max - 1 characters end, for the cut. */
	while (*p != '\0' && chars <= max) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = chars > 0;
			p++;
			continue;
		}
		n = char_len(p);
		if (*p < 0x20 || *p == 0x7f || (n == 1 && *p >= 0x80)) {
			p++;	/* control characters and stray bytes: dropped */
			continue;
		}
		if (space) {
			if (++chars == max)
				keep = b.len;
			vl_buf_addc(&b, ' ');
			space = 0;
			if (chars > max)
				break;
		}
		if (++chars == max)
			keep = b.len;
		vl_buf_add(&b, p, n);
		p += n;
	}
	if (chars > max) {
		/* Cut: max - 1 characters and the ellipsis, max in all. */
		b.len = keep;
		while (b.len > 0 && b.buf[b.len - 1] == ' ')
			b.len--;
		b.buf[b.len] = '\0';
		vl_buf_adds(&b, "\xe2\x80\xa6");
	}
	out = vl_pool_strdup(pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return out;
}
