/*
 * The first run (see setup.h).  The code is typed by a person, so it is
 * short and forgiving (Crockford base32: no I, L, O, U; dashes and case
 * ignored), yet 100 random bits: with the sign-in pages' rate limit no one
 * guesses it within its day.  Only its SHA-256 is stored.
 */
#include <string.h>

#include <sodium.h>

#include "setup.h"
#include "settings.h"
#include "audit.h"
#include "tz.h"

static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int
vl_setup_needed(struct vl_pool *pool)
{
	int64_t	 exists = 1;

	if (vl_db_row(pool, STMT_SETUP_FIRM_EXISTS, "", "i", &exists) != VL_OK)
		return -1;
	return exists ? 0 : 1;
}

char *
vl_setup_code_norm(struct vl_pool *pool, const char *typed)
{
	char	 out[21];
	size_t	 n = 0;
	int	 ch;

	if (typed == NULL)
		return NULL;
	for (; *typed != '\0'; typed++) {
		ch = (unsigned char)*typed;
		if (ch == '-' || ch == ' ' || ch == '\t')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (n == 20 || strchr(b32, ch) == NULL || ch == '\0')
			return NULL;
		out[n++] = (char)ch;
	}
	if (n != 20)
		return NULL;
	out[n] = '\0';
	return vl_pool_strdup(pool, out);
}

enum vl_rc
vl_setup_code_new(struct vl_pool *pool, int64_t ttl, char out[VL_SETUP_CODE_LEN + 1])
{
	unsigned char	 raw[20], h[32];
	char		 plain[21];
	size_t		 i, o = 0;
	int		 needed;

	if ((needed = vl_setup_needed(pool)) < 0)
		return VL_ERR;
	if (!needed)
		return VL_CONFLICT;
	/* 5 random bits a character, from 32 values each (no bias). */
	randombytes_buf(raw, sizeof(raw));
	for (i = 0; i < 20; i++) {
		plain[i] = b32[raw[i] & 31];
		if (i > 0 && i % 5 == 0)
			out[o++] = '-';
		out[o++] = plain[i];
	}
	plain[20] = '\0';
	out[o] = '\0';
	vl_sha256(plain, 20, h);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(plain, sizeof(plain));
	return vl_db_exec(STMT_SETUP_CODE_SET, NULL, NULL, "bi", h, sizeof(h), ttl);
}

/* Every field of the form checked; the wrong ones into fe. */
static void
check(struct vl_ctx *c, const struct vl_setup *s, struct vl_ferr *fe, const char **email)
{
	if (vl_setup_code_norm(c->pool, s->code) == NULL)
		vl_ferr_add(fe, "code", "wrong");
	if (s->firm == NULL || *s->firm == '\0')
		vl_ferr_add(fe, "firm", "missing");
	if (s->slug == NULL || !vl_slug_valid(s->slug))
		vl_ferr_add(fe, "slug", "invalid");
	if (s->name == NULL || *s->name == '\0')
		vl_ferr_add(fe, "name", "missing");
	if ((*email = vl_email_norm(c->pool, s->email)) == NULL)
		vl_ferr_add(fe, "email", "invalid");
	if (s->password == NULL || !vl_validate(VL_V_PASSWORD, s->password, strlen(s->password),
	    128, NULL))
		vl_ferr_add(fe, "password", "weak");
	else if (s->confirm == NULL || strcmp(s->password, s->confirm) != 0)
		vl_ferr_add(fe, "confirm", "differs");
	if (s->zone == NULL || !vl_tz_valid(s->zone))
		vl_ferr_add(fe, "zone", "invalid");
}

enum vl_rc
vl_setup_run(struct vl_ctx *c, const struct vl_setup *s, struct vl_ferr *fe, int64_t *firm,
    int64_t *admin)
{
	const char	*email = NULL, *code;
	unsigned char	 h[32];
	char		 hash[128];
	uint64_t	 n = 0, fid = 0, uid = 0;
	int		 needed;
	enum vl_rc	 rc;

	if ((needed = vl_setup_needed(c->pool)) < 0)
		return VL_ERR;
	if (!needed)
		return VL_DECLINED;
	check(c, s, fe, &email);
	if (fe->n > 0)
		return VL_INVALID;
	code = vl_setup_code_norm(c->pool, s->code);
	vl_sha256(code, strlen(code), h);
	/* The slow hash before the transaction: no lock is held meanwhile. */
	if (vl_pw_hash(s->password, hash) != VL_OK)
		return VL_ERR;
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_SETUP_CODE_USE, &n, NULL, "b", h, sizeof(h))) != VL_OK)
		goto fail;
	if (n == 0) {
		vl_db_rollback();
		/* A firm made meanwhile (the other request won) ends the page. */
		if ((needed = vl_setup_needed(c->pool)) < 0)
			return VL_ERR;
		if (!needed)
			return VL_DECLINED;
		vl_ferr_add(fe, "code", "wrong");
		return VL_INVALID;
	}
	if ((rc = vl_db_exec(STMT_SETUP_FIRM_INSERT, NULL, &fid, "sss", s->firm, s->slug,
	    s->zone)) != VL_OK ||
	    (rc = vl_db_exec(STMT_USER_INSERT, NULL, &uid, "issss", (int64_t)fid, email, s->name,
	    "admin", hash)) != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		return VL_ERR;
	*firm = (int64_t)fid;
	*admin = (int64_t)uid;
	vl_audit_as(c, *firm, *admin, "firm_setup", "firm", *firm);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc == VL_CONFLICT ? VL_ERR : rc;
}
