/*
 * What an account's two-factor sign-in looks like (enrolled, recovery codes
 * left, required by the firm), read without the codes' own code: the
 * account rules ask it on every password set, and apart from
 * lib/twofactor.c those pages load neither liboath nor libqrencode.
 */
#include <string.h>

#include "twofactor.h"

struct vl_tf_acct
vl_tf_me(const struct vl_ctx *c)
{
	struct vl_tf_acct	 a;

	a.firm = c->firm_id;
	a.kind = c->user_id != 0 ? VL_SIGNIN_USER : VL_SIGNIN_CLIENT;
	a.id = c->user_id != 0 ? c->user_id : c->contact_id;
	return a;
}

enum vl_rc
vl_tf_row(struct vl_ctx *c, const struct vl_tf_acct *a, char **secret, char **pending, int64_t *last)
{
	enum vl_rc	 rc;

	*secret = *pending = NULL;
	*last = 0;
	rc = vl_db_row(c->pool, STMT_TF_STATE, "isi", "ssi", a->firm, vl_signin_kinds[a->kind],
	    a->id, secret, pending, last);
	return rc == VL_DECLINED ? VL_OK : rc;
}

int
vl_tf_required(struct vl_ctx *c, int64_t firm)
{
	int64_t	 on = 0;

	if (vl_db_row(c->pool, STMT_TF_REQUIRED, "i", "i", firm, &on) != VL_OK)
		return -1;
	return on != 0;
}

enum vl_rc
vl_tf_state(struct vl_ctx *c, const struct vl_tf_acct *a, struct vl_tf_state *st)
{
	char		*secret, *pending;
	int64_t		 last;
	int		 req = 0;
	enum vl_rc	 rc;

	memset(st, 0, sizeof(*st));
	if ((rc = vl_tf_row(c, a, &secret, &pending, &last)) != VL_OK)
		return rc;
	st->enrolled = secret != NULL;
	if ((rc = vl_db_row(c->pool, STMT_TF_RECOVERY_LEFT, "isi", "i", a->firm,
	    vl_signin_kinds[a->kind], a->id, &st->recovery_left)) != VL_OK)
		return rc;
	if (a->kind == VL_SIGNIN_USER && (req = vl_tf_required(c, a->firm)) < 0)
		return VL_ERR;
	st->required = req;
	return VL_OK;
}
