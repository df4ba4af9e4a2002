/*
 * The firm's settings (admins only): GET /settings shows them with the
 * public client login link and the logo; POST saves name, slug, time
 * zone, currency, notification window and mail preview (lib/settings.c),
 * or shows the form again with what was typed and the wrong fields marked.
 */
#include <string.h>

#include "vellum.h"
#include "envelope.h"
#include "logo.h"
#include "settings.h"

enum field { F_NAME, F_SLUG, F_SLUG_OK, F_ZONE, F_CURRENCY, F_WINDOW, F_PREVIEW, F_NOTICE,
	F_LOGO_ERROR, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "name", VL_V_LINE, 200 },
	{ "slug", VL_V_LINE, 64 },
	{ "slug_ok", VL_V_BOOL, 1 },
	{ "zone", VL_V_LINE, 64 },
	{ "currency", VL_V_LINE, 3 },
	{ "window", VL_V_LINE, 8 },
	{ "preview", VL_V_BOOL, 1 },
	{ "notice", VL_V_LINE, 16 },
	{ "logo_error", VL_V_LINE, 16 },
};

/* Notice codes; the texts are in settings.tpl. */
static const char *const notices[] = { "setup", "saved", "slug", "logo", "logo_removed",
	"billing" };

/* The page: s the values to show (saved, or as typed), fe what is wrong. */
static enum vl_rc
page(struct vl_req *r, int status, const struct vl_settings *s, const struct vl_settings *saved,
    const struct vl_ferr *fe)
{
	struct vl_tpl	*d = vl_page_new(r, "Firm settings");
	struct vl_ferr	 lfe = VL_FERR_INIT;
	const char	*le = r->fields[F_LOGO_ERROR].val;
	size_t		 i;

	vl_tpl_set(d, "NAME", s->name);
	vl_tpl_set(d, "SLUG", s->slug);
	vl_tpl_set(d, "ZONE", s->zone);
	vl_tpl_set(d, "CURRENCY", s->currency);
	if (r->method == VL_POST)
		vl_tpl_set(d, "WINDOW", r->fields[F_WINDOW].val);
	else if (s->window > 0)
		vl_tpl_set_int(d, "WINDOW", s->window);
	vl_tpl_set_int(d, "DEFAULT_WINDOW", vl_conf.notify_window);
	if (s->preview)
		vl_tpl_show(d, "PREVIEW_ON");
	if (vl_envelope_combine(r->ctx) == 1)
		vl_tpl_show(d, "COMBINE_ON");
	/* The link as it works now: with the saved slug. */
	vl_tpl_set(d, "LOGIN_LINK", vl_pool_printf(r->pool, "%s/portal/login?firm=%s",
	    vl_conf.base_url, saved->slug));
	vl_tpl_set(d, "SAVED_SLUG", saved->slug);
	if (saved->logo[0] == '/' && saved->logo[1] != '/')
		vl_tpl_set(vl_tpl_section(d, "LOGO"), "LOGO_URL", saved->logo);
	else
		vl_tpl_show(d, "NO_LOGO");
	vl_ferr_show(d, fe);
	/* A refused upload comes back here with its reason's code. */
	for (i = 1; le != NULL && i < VL_LOGO__MAX; i++)
		if (strcmp(le, vl_logo_whys[i]) == 0)
			vl_ferr_add(&lfe, "logo", vl_logo_whys[i]);
	vl_ferr_show(d, &lfe);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	return vl_page_send_status(r, status, "settings.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_settings s;
	struct vl_ferr	 fe = VL_FERR_INIT;

	if (vl_settings_get(r->ctx, &s) != VL_OK)
		return VL_ERR;
	return page(r, 200, &s, &s, &fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_settings s, typed;
	struct vl_ferr	 fe = VL_FERR_INIT;
	const struct vl_settings_in in = {
		.name = r->fields[F_NAME].val, .slug = r->fields[F_SLUG].val,
		.zone = r->fields[F_ZONE].val, .currency = r->fields[F_CURRENCY].val,
		.window = r->fields[F_WINDOW].present ? r->fields[F_WINDOW].val : "",
		.preview = r->fields[F_PREVIEW].val != NULL && r->fields[F_PREVIEW].num,
		.slug_ok = r->fields[F_SLUG_OK].val != NULL && r->fields[F_SLUG_OK].num,
	};
	int		 slug_changed;
	enum vl_rc	 rc;

	rc = vl_settings_save(r->ctx, &in, &fe, &slug_changed);
	if (rc == VL_OK) {
		vl_out_redirect(r, slug_changed ? "/settings?notice=slug" : "/settings?notice=saved");
		return VL_OK;
	}
	if (rc != VL_INVALID || vl_settings_get(r->ctx, &s) != VL_OK)
		return VL_ERR;
	/* The form again, as typed. */
	typed = s;
	typed.name = vl_pool_strdup(r->pool, in.name != NULL ? in.name : "");
	typed.slug = vl_pool_strdup(r->pool, in.slug != NULL ? in.slug : "");
	typed.zone = vl_pool_strdup(r->pool, in.zone != NULL ? in.zone : "");
	typed.currency = vl_pool_strdup(r->pool, in.currency != NULL ? in.currency : "");
	typed.preview = in.preview;
	return page(r, 400, &typed, &s, &fe);
}

static const struct vl_app app = {
	.name = "settings",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
