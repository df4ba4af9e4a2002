/*
 * Where a person goes to sign in, and back to after signing in: only ever a
 * path of this site, /portal/... for clients, any other local path for firm
 * users.  Apart from lib/account.c because every page links here (front.c
 * sends the signed-out to sign in), and the account rules pull the
 * two-factor code, and with it liboath and libqrencode, into each program:
 * under plain CGI every request would load them (docs/performance.md).
 */
#include <string.h>

#include "vellum.h"
#include "account.h"

#define NEXT_MAX	1024

const char *
vl_next_safe(const char *next, int client)
{
	size_t	 i, n;

	if (next == NULL || (n = strlen(next)) < 2 || n > NEXT_MAX || next[0] != '/')
		return NULL;
	/* "//host" and "/\host" leave the site in browsers. */
	if (next[1] == '/' || next[1] == '\\')
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)next[i] <= 0x20 || (unsigned char)next[i] >= 0x7f ||
		    next[i] == '\\')
			return NULL;
	/* No dot segments ("/portal/../x" would leave the client's pages), in
	 * any spelling a browser resolves. */
	for (i = 0; i + 1 < n; i++)
		if (next[i] == '/' && next[i + 1] == '.' && strchr("/.?#", next[i + 2]) != NULL)
			return NULL;
	if (strcasestr(next, "%2e") != NULL || strcasestr(next, "%2f") != NULL)
		return NULL;
	if (client)
		return strncmp(next, "/portal/", 8) == 0 ? next : NULL;
	return strncmp(next, "/portal", 7) == 0 ? NULL : next;
}

char *
vl_signin_url(struct vl_req *r)
{
	const char	*q = vl_req_env(r, "QUERY_STRING");
	struct vl_buf	 b = VL_BUF_INIT;
	char		*here, *slug = NULL, *url;
	int		 client = r->app->access == VL_CLIENT;
	int64_t		 mid;

	here = q != NULL && *q ? vl_pool_printf(r->pool, "%s?%s", r->uri, q) :
	    vl_pool_strdup(r->pool, r->uri);
	/* A matter's page names its firm, so the client lands on its sign-in. */
	if (client && (mid = vl_req_path_id(r, "/portal/matters/")) != 0 &&
	    vl_db_row(r->pool, STMT_FIRM_SLUG_OF_PORTAL, "i", "s", mid, &slug) == VL_OK) {
		vl_buf_adds(&b, "/portal/login?firm=");
		vl_buf_add_urlenc(&b, slug);
	} else
		vl_buf_adds(&b, client ? "/portal/login" : "/login");
	if (vl_next_safe(here, client) != NULL) {
		vl_buf_addc(&b, slug != NULL ? '&' : '?');
		vl_buf_adds(&b, "next=");
		vl_buf_add_urlenc(&b, here);
	}
	url = vl_pool_strdup(r->pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return url;
}
