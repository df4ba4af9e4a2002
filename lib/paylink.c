/*
 * Pay links: see paylink.h.  The token is 32 random bytes (43 base64url
 * characters) that only the client's email carries; the table keeps its
 * SHA-256, so a copy of the database pays nothing.  A link is checked
 * afresh each time against its bill's live row: revoked, expired, void or
 * paid bills are refused alike, so a page built on it cannot tell an
 * attacker why.
 */
#include <string.h>

#include "vellum.h"
#include "paylink.h"

int
vl_paylink_payments_on(struct vl_ctx *c)
{
	int64_t	 n = 0;

	if (vl_db_row(c->pool, STMT_PAYLINK_PAYMENTS_ON, "i", "i", c->firm_id, &n) != VL_OK)
		return -1;
	return n > 0;
}

enum vl_rc
vl_paylink_issue(struct vl_ctx *c, int64_t contact, int64_t bill, int64_t envelope,
    char token[44], const char **url)
{
	unsigned char	 h[32];
	enum vl_rc	 rc;

	/* One of the two, never both or neither. */
	if ((bill == 0) == (envelope == 0) || contact <= 0)
		return VL_ERR;
	vl_token_new(token);
	if (!vl_token_hash(token, h))
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_PAYLINK_INSERT, NULL, NULL, "biiiii", h, sizeof(h), c->firm_id,
	    contact, bill, envelope, (int64_t)VL_PAYLINK_DAYS)) != VL_OK)
		return rc;
	if (url != NULL)
		*url = vl_pool_printf(c->pool, "%s/pay/%s", vl_conf.base_url, token);
	return VL_OK;
}

enum vl_rc
vl_paylink_check(struct vl_ctx *c, const char *token, struct vl_paylink *out)
{
	struct vl_rows	*rows;
	unsigned char	 h[32];
	char		*state, *due;
	int64_t		 live, unrevoked, id;
	size_t		 n = 0;
	enum vl_rc	 rc;
	int		 r;

	memset(out, 0, sizeof(*out));
	if (token == NULL || !vl_token_hash(token, h))
		return VL_DECLINED;
	rc = vl_db_row(c->pool, STMT_PAYLINK_GET, "bii", "iiiiiii", h, sizeof(h), c->firm_id,
	    c->firm_id, &out->firm, &out->contact, &out->bill, &out->envelope, &out->expires_at,
	    &live, &unrevoked);
	if (rc != VL_OK)
		return rc;
	if (!live || !unrevoked)
		goto no;
	if ((rc = vl_db_query(c->pool, STMT_PAYLINK_BILLS, &rows, "iiii", out->firm, out->bill,
	    out->firm, out->envelope)) != VL_OK)
		return rc;
	/* Every bill it pays must stand (not void, not a draft); it pays
	 * something only while one of them is due (Pay All pays what is left). */
	while ((r = vl_db_next(rows, "iss", &id, &state, &due)) == 1) {
		if (strcmp(state, "void") == 0 || strcmp(state, "draft") == 0)
			goto no;
		if (strcmp(due, "due") == 0)
			n++;
	}
	if (r < 0)
		return VL_ERR;
	if (n == 0)
		goto no;
	return VL_OK;
no:
	memset(out, 0, sizeof(*out));
	return VL_DECLINED;
}

enum vl_rc
vl_paylink_revoke_bill(struct vl_ctx *c, int64_t bill)
{
	return vl_db_exec(STMT_PAYLINK_REVOKE_BILL, NULL, NULL, "iiii", c->firm_id, bill,
	    c->firm_id, bill);
}
