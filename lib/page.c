/* Pages: a template plus the shared layout (header, navigation, footer). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "internal.h"
#include "pagememo.h"

/*
 * A signed-out client page names its firm by the sign-in link's ?firm= (or
 * the cookie a sign-in left): the firm's logo and name head it too.
 */
static void
public_logo(struct vl_req *r, struct vl_tpl *h)
{
	const struct vl_pair	*p;
	struct vl_tpl		*s;
	char			*name = NULL, *logo = NULL;

	if ((p = vl_pair_find(r->query, "firm")) == NULL)
		p = vl_cookie_get(r, VL_COOKIE_PORTAL_FIRM);
	if (p == NULL || !vl_validate(VL_V_LINE, p->val, p->vallen, 64, NULL) ||
	    vl_db_row(r->pool, STMT_FIRM_LOGO_BY_SLUG, "s", "ss", p->val, &name, &logo) != VL_OK)
		return;
	s = vl_tpl_section(h, "CLIENT_PUBLIC");
	vl_tpl_set(s, "FIRM_NAME", name);
	if (logo != NULL && logo[0] == '/' && logo[1] != '/')
		vl_tpl_set(vl_tpl_section(s, "LOGO"), "LOGO_URL", logo);
}

struct vl_tpl *
vl_page_new(struct vl_req *r, const char *title)
{
	struct vl_tpl	*d, *h, *f;

	if ((d = vl_tpl_new(r->pool)) == NULL)
		return NULL;
	vl_tpl_set(d, "TITLE", title);
	vl_tpl_set(d, "CSRF", vl_csrf_for(r));
	/* Included templates do not inherit values: fill header and footer.
	 * Sections do: the header's sign-out forms take the header's CSRF. */
	h = vl_tpl_include(d, "HEADER", "_header.tpl");
	vl_tpl_set(h, "TITLE", title);
	vl_tpl_set(h, "CSRF", vl_csrf_for(r));
	if (r->sess != NULL && r->sess->client) {
		struct vl_tpl *s = vl_tpl_section(h, "CLIENT_SIGNED_IN");
		const char *logo = r->sess->firm_logo;
		vl_tpl_set(s, "FIRM_NAME", r->sess->firm_name);
		/* The firm's logo on every client page; only one this portal
		 * serves, since the CSP allows images from here alone. */
		if (logo != NULL && logo[0] == '/' && logo[1] != '/')
			vl_tpl_set(vl_tpl_section(s, "LOGO"), "LOGO_URL", logo);
		vl_tpl_set(s, "USER_NAME", r->sess->user_name);
	} else if (r->sess != NULL) {
		struct vl_tpl *s = vl_tpl_section(h, "SIGNED_IN");
		const char *logo = r->sess->firm_logo;
		vl_tpl_set(s, "FIRM_NAME", r->sess->firm_name);
		/* The firm's logo on its own pages too (a path of this portal). */
		if (logo != NULL && logo[0] == '/' && logo[1] != '/')
			vl_tpl_set(vl_tpl_section(s, "LOGO"), "LOGO_URL", logo);
		/* Links to admin pages for admins only (the pages check too). */
		if (r->sess->role != NULL && strcmp(r->sess->role, "admin") == 0)
			vl_tpl_show(s, "ADMIN");
		vl_tpl_set(s, "USER_NAME", r->sess->user_name);
		vl_tpl_set(s, "USER_EMAIL", r->sess->user_email);
	} else {
		vl_tpl_show(h, "SIGNED_OUT");
		if (r->app != NULL && r->app->client)
			public_logo(r, h);
	}
	f = vl_tpl_include(d, "FOOTER", "_footer.tpl");
	vl_tpl_set(f, "YEAR", "2026");
	return d;
}

/*
 * The page is written into one buffer as it expands.  Grown by doubling
 * from nothing, a 40 KB page leaves the 16 and 32 KiB steps behind it on
 * the heap (freed, but pages the process keeps); sized at start from the
 * last page this process sent (a program sends one kind of page, its size
 * varying with the rows), it is one allocation, grown only by what this
 * page has more.  Bounded: a rare long page (past malloc's 128 KiB, where
 * its memory is mapped and given back at once) sets nothing for the next.
 */
#define PAGE_LAST_MAX	((size_t)112 * 1024)
static size_t page_last;

enum vl_rc
vl_page_send_status(struct vl_req *r, int status, const char *file, struct vl_tpl *d)
{
	struct vl_buf	 body = VL_BUF_INIT, err = VL_BUF_INIT;
	unsigned char	 key[VL_PAGEMEMO_KEY];
	const char	*kept;
	size_t		 kept_len;
	int		 memo = status == 200 && r->app != NULL && r->app->memo_pages;
	enum vl_rc	 rc = VL_OK;

	if (d == NULL)
		rc = VL_ERR;
	else if (vl_db_fetch_failed()) {
		vl_err("a list of %s was cut short by a failed fetch", file);
		rc = VL_ERR;
	} else if (memo && (memo = vl_pagememo_key(d, file, key))) {
		if (r->alias_state == 2 && sodium_memcmp(r->alias_key, key, sizeof(key)) != 0) {
			vl_err("%s: the page named by what it was read from is not the one its "
			    "dictionary makes", r->app->name);
			rc = VL_ERR;
		} else {
			if (r->alias_state != 0)
				vl_pagememo_alias_put(r->alias_name);
			/* The same dictionary under the same templates: the
			 * same page. */
			if (vl_pagememo_get(r->pool, key, &kept, &kept_len)) {
				vl_out_send(r, status, "text/html; charset=utf-8", kept, kept_len);
				return VL_OK;
			}
		}
	}
	if (rc == VL_OK) {
		if (page_last > 0)
			vl_buf_grow(&body, page_last + page_last / 8);
		if (vl_tpl_expand(file, VL_TPL_HTML, d, &body, &err) != VL_TPL_OK) {
			vl_err("%s", vl_buf_str(&err));
			rc = VL_ERR;
		}
	}
	if (rc == VL_OK) {
		page_last = body.len <= PAGE_LAST_MAX ? body.len : 0;
		vl_out_send(r, status, "text/html; charset=utf-8", body.buf, body.len);
		if (memo)
			vl_pagememo_put(key, body.buf, body.len);
	}
	vl_buf_release(&body);
	vl_buf_release(&err);
	return rc;
}

int
vl_page_alias(struct vl_req *r, const void *inputs, size_t len)
{
	static unsigned long		 named;
	crypto_generichash_state	 st;
	unsigned char			 key[VL_PAGEMEMO_KEY];
	const char			*kept;
	size_t				 kept_len;
	struct vl_sess			*s = r->sess;
	int64_t				 who[3];
	size_t				 i;

	if (vl_db_is_once() || r->app == NULL || !r->app->memo_pages || s == NULL)
		return 0;
	/* The page as it opens: a field is another page. */
	for (i = 0; i < r->app->nfields; i++)
		if (r->fields[i].present)
			return 0;
	who[0] = s->firm_id;
	who[1] = s->user_id;
	who[2] = s->contact_id;
	crypto_generichash_init(&st, NULL, 0, sizeof(r->alias_name));
	crypto_generichash_update(&st, (const unsigned char *)"vellum page alias 1", 20);
	crypto_generichash_update(&st, (const unsigned char *)r->app->name,
	    strlen(r->app->name) + 1);
	/* The session's own: its CSRF token is in every form of the page. */
	crypto_generichash_update(&st, (const unsigned char *)who, sizeof(who));
	crypto_generichash_update(&st, (const unsigned char *)s->csrf, sizeof(s->csrf));
	crypto_generichash_update(&st, inputs, len);
	crypto_generichash_final(&st, r->alias_name, sizeof(r->alias_name));
	r->alias_state = 1;
	if (!vl_pagememo_alias_key(r->alias_name, key) ||
	    !vl_pagememo_get(r->pool, key, &kept, &kept_len))
		return 0;
	if (vl_conf.page_check && ++named % 2 == 1) {
		memcpy(r->alias_key, key, sizeof(r->alias_key));
		r->alias_state = 2;
		return 0;
	}
	vl_out_send(r, 200, "text/html; charset=utf-8", kept, kept_len);
	return 1;
}

enum vl_rc
vl_page_send(struct vl_req *r, const char *file, struct vl_tpl *d)
{
	return vl_page_send_status(r, 200, file, d);
}

void
vl_page_notice(struct vl_tpl *d, const char *const *codes, size_t n, const char *code)
{
	char	*name;
	size_t	 i, j;

	for (i = 0; code != NULL && i < n; i++) {
		if (strcmp(code, codes[i]) != 0)
			continue;
		name = vl_xstrdup(codes[i]);
		for (j = 0; name[j] != '\0'; j++)
			name[j] = (char)toupper((unsigned char)name[j]);
		vl_tpl_show(vl_tpl_section(d, "NOTICE"), name);
		free(name);
	}
}

enum vl_rc
vl_page_confirm(struct vl_req *r, struct vl_tpl *d, const struct vl_confirm *c)
{
	struct vl_tpl	*f;
	size_t		 i;

	vl_tpl_set(d, "QUESTION", c->question);
	vl_tpl_set(d, "BUTTON", c->button);
	vl_tpl_set(d, "ACTION", c->action);
	vl_tpl_set(d, "BACK", c->back);
	for (i = 0; c->fields != NULL && c->fields[i] != NULL && c->fields[i + 1] != NULL; i += 2) {
		f = vl_tpl_section(d, "FIELD");
		vl_tpl_set(f, "NAME", c->fields[i]);
		vl_tpl_set(f, "VALUE", c->fields[i + 1]);
	}
	return vl_page_send(r, "confirm.tpl", d);
}
