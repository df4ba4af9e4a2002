/*
 * CSRF: a form token is a keyed BLAKE2b MAC (server secret) of the caller's
 * secret: the session token when signed in, else a random pre-session cookie
 * set with the form.  Forged sites can read neither cookie, so they cannot
 * make the token.  Checked in constant time on every POST.
 */
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "internal.h"

void
vl_csrf_token(const char *secret, char out[65])
{
	unsigned char	 mac[32];

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)secret,
	    strlen(secret), vl_conf.secret, sizeof(vl_conf.secret));
	vl_hex(mac, sizeof(mac), out);
}

const char *
vl_csrf_for(struct vl_req *r)
{
	const struct vl_pair	*ck;
	char			 tok[44];

	if (r->sess != NULL)
		return r->sess->csrf;
	if (r->precsrf[0] != '\0')
		return r->precsrf;
	ck = vl_cookie_get(r, VL_COOKIE_PRE);
	if (ck != NULL && vl_validate(VL_V_TOKEN, ck->val, ck->vallen, 43, NULL))
		vl_csrf_token(ck->val, r->precsrf);
	else {
		vl_token_new(tok);
		vl_out_cookie(r, VL_COOKIE_PRE, tok);
		vl_csrf_token(tok, r->precsrf);
	}
	return r->precsrf;
}

int
vl_csrf_check(struct vl_req *r)
{
	const struct vl_pair	*f, *ck;
	char			 want[65];

	const char		*tok;

	/* A form field, or for script uploads (no form) the X-CSRF-Token header. */
	if ((f = vl_pair_find(r->form, "csrf")) != NULL)
		tok = f->val;
	else if ((tok = vl_req_env(r, "HTTP_X_CSRF_TOKEN")) == NULL)
		return 0;
	if (r->sess != NULL)
		return vl_streq_ct(tok, r->sess->csrf);
	ck = vl_cookie_get(r, VL_COOKIE_PRE);
	if (ck == NULL || !vl_validate(VL_V_TOKEN, ck->val, ck->vallen, 43, NULL))
		return 0;
	vl_csrf_token(ck->val, want);
	return vl_streq_ct(tok, want);
}
