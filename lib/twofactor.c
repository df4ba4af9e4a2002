/*
 * Two-factor sign-in: the rules around totp.c's codes.  Secrets are
 * sealed (XSalsa20-Poly1305, a key derived from the server secret) before
 * they reach the database, so a copy of it alone does not give anyone's
 * codes; recovery codes are stored as keyed hashes.  A code is refused if
 * its step, or a later one, was used already: the highest used step is
 * kept per account and raised by one atomic UPDATE, so two requests with
 * the same code cannot both pass.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "twofactor.h"
#include "audit.h"

#define SEALED_LEN	(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + VL_TOTP_SECRET_LEN)

/* A key of its own for each use, from the server secret. */
static void
derive(const char *what, unsigned char key[32])
{
	crypto_generichash(key, 32, (const unsigned char *)what, strlen(what), vl_conf.secret,
	    sizeof(vl_conf.secret));
}

/* secret sealed, as hex into out[2 * SEALED_LEN + 1]. */
static void
seal(const unsigned char secret[VL_TOTP_SECRET_LEN], char out[2 * SEALED_LEN + 1])
{
	unsigned char	 key[32], box[SEALED_LEN];

	derive("vellum totp secret", key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, VL_TOTP_SECRET_LEN, box, key);
	vl_hex(box, sizeof(box), out);
	sodium_memzero(key, sizeof(key));
}

/* The secret of a sealed hex string; 0 when it does not open (another
 * server secret, or altered). */
static int
unseal(const char *hex, unsigned char secret[VL_TOTP_SECRET_LEN])
{
	unsigned char	 key[32], box[SEALED_LEN];
	size_t		 n = 0;
	int		 ok;

	if (hex == NULL || strlen(hex) != 2 * SEALED_LEN ||
	    sodium_hex2bin(box, sizeof(box), hex, strlen(hex), NULL, &n, NULL) != 0 ||
	    n != SEALED_LEN)
		return 0;
	derive("vellum totp secret", key);
	ok = crypto_secretbox_open_easy(secret, box + crypto_secretbox_NONCEBYTES,
	    SEALED_LEN - crypto_secretbox_NONCEBYTES, box, key) == 0;
	sodium_memzero(key, sizeof(key));
	return ok;
}

/* Audits action on a's account: a firm user's as the user, a client's as
 * "client_<action>" on the contact. */
static void
audit_acct(struct vl_ctx *c, const struct vl_tf_acct *a, const char *action)
{
	if (a->kind == VL_SIGNIN_USER)
		vl_audit_as(c, a->firm, a->id, action, "user", a->id);
	else
		vl_audit_as(c, a->firm, 0, vl_pool_printf(c->pool, "client_%s", action), "contact",
		    a->id);
}

enum vl_rc
vl_tf_begin(struct vl_ctx *c, const struct vl_tf_acct *a, int create, struct vl_tf_enrol *e)
{
	unsigned char	 secret[VL_TOTP_SECRET_LEN];
	char		 sealed[2 * SEALED_LEN + 1], *cur, *pending, *issuer = NULL, *label = NULL;
	int64_t		 last;
	enum vl_rc	 rc;

	memset(e, 0, sizeof(*e));
	if ((rc = vl_db_row(c->pool, a->kind == VL_SIGNIN_USER ? STMT_TF_LABEL_USER :
	    STMT_TF_LABEL_CLIENT, "ii", "ss", a->firm, a->id, &issuer, &label)) != VL_OK)
		return rc;
	if ((rc = vl_tf_row(c, a, &cur, &pending, &last)) != VL_OK)
		return rc;
	if (pending == NULL || !unseal(pending, secret)) {
		if (!create)
			return VL_DECLINED;
		vl_totp_secret_new(secret);
		seal(secret, sealed);
		if ((rc = vl_db_exec(STMT_TF_PENDING_SET, NULL, NULL, "isis", a->firm,
		    vl_signin_kinds[a->kind], a->id, sealed)) != VL_OK)
			goto out;
	}
	if ((e->secret = vl_totp_base32(c->pool, secret, sizeof(secret))) == NULL) {
		rc = VL_ERR;
		goto out;
	}
	e->uri = vl_totp_uri(c->pool, issuer != NULL ? issuer : "Vellum",
	    label != NULL ? label : "", e->secret);
	if ((e->qr = vl_totp_qr_path(c->pool, e->uri, &e->qr_size)) == NULL)
		rc = VL_ERR;
out:
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* Ten new codes for a, the old ones gone (inside a transaction). */
static enum vl_rc
recovery(struct vl_ctx *c, const struct vl_tf_acct *a, struct vl_tf_codes *codes)
{
	unsigned char	 key[32], h[32];
	size_t		 i;
	enum vl_rc	 rc;

	derive("vellum totp recovery", key);
	rc = vl_db_exec(STMT_TF_RECOVERY_CLEAR, NULL, NULL, "isi", a->firm,
	    vl_signin_kinds[a->kind], a->id);
	for (i = 0; rc == VL_OK && i < VL_TOTP_RECOVERY_N; i++) {
		vl_totp_recovery_new(codes->code[i]);
		(void)vl_totp_recovery_hash(codes->code[i], key, h);
		/* A repeat among 10 of 2^49 is as good as impossible; the
		 * primary key would refuse it and the request fail. */
		rc = vl_db_exec(STMT_TF_RECOVERY_ADD, NULL, NULL, "isib", a->firm,
		    vl_signin_kinds[a->kind], a->id, h, sizeof(h));
	}
	sodium_memzero(key, sizeof(key));
	return rc;
}

enum vl_rc
vl_tf_confirm(struct vl_ctx *c, const struct vl_tf_acct *a, const char *code, int64_t now,
    struct vl_tf_codes *codes)
{
	unsigned char	 secret[VL_TOTP_SECRET_LEN];
	char		*cur, *pending;
	int64_t		 last, step;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_tf_row(c, a, &cur, &pending, &last)) != VL_OK)
		return rc;
	if (pending == NULL || !unseal(pending, secret))
		return VL_DECLINED;
	/* A new secret: no step of it was used before. */
	step = vl_totp_check(secret, sizeof(secret), now, 0, code);
	sodium_memzero(secret, sizeof(secret));
	if (step <= 0)
		return VL_DECLINED;
	if ((rc = vl_db_exec(STMT_TF_ENROL, &n, NULL, "iisis", step, a->firm,
	    vl_signin_kinds[a->kind], a->id, pending)) != VL_OK)
		return rc;
	if (n != 1)
		return VL_DECLINED;	/* confirmed meanwhile, or expired */
	if ((rc = recovery(c, a, codes)) != VL_OK)
		return rc;
	audit_acct(c, a, "totp_enrolled");
	return VL_OK;
}

enum vl_rc
vl_tf_verify(struct vl_ctx *c, const struct vl_tf_acct *a, const char *code, int64_t now,
    int *recovery_used)
{
	unsigned char	 secret[VL_TOTP_SECRET_LEN], key[32], h[32];
	char		*cur, *pending;
	int64_t		 last, step;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	*recovery_used = 0;
	if ((rc = vl_tf_row(c, a, &cur, &pending, &last)) != VL_OK)
		return rc;
	if (cur == NULL)
		return VL_DECLINED;
	if (vl_totp_is_code(code)) {
		if (!unseal(cur, secret)) {
			vl_err("the two-factor secret of %s %lld does not open",
			    vl_signin_kinds[a->kind], (long long)a->id);
			return VL_ERR;
		}
		step = vl_totp_check(secret, sizeof(secret), now, last, code);
		sodium_memzero(secret, sizeof(secret));
		if (step == 0)
			return VL_DECLINED;
		if (step < 0)
			return VL_CONFLICT;
		if ((rc = vl_db_exec(STMT_TF_USE_STEP, &n, NULL, "iisii", step, a->firm,
		    vl_signin_kinds[a->kind], a->id, step)) != VL_OK)
			return rc;
		/* Another request used this step (or a later one) first. */
		return n == 1 ? VL_OK : VL_CONFLICT;
	}
	derive("vellum totp recovery", key);
	n = (uint64_t)vl_totp_recovery_hash(code, key, h);
	sodium_memzero(key, sizeof(key));
	if (n == 0)
		return VL_DECLINED;
	if ((rc = vl_db_exec(STMT_TF_RECOVERY_USE, &n, NULL, "isib", a->firm,
	    vl_signin_kinds[a->kind], a->id, h, sizeof(h))) != VL_OK)
		return rc;
	if (n != 1)
		return VL_DECLINED;
	*recovery_used = 1;
	return VL_OK;
}

enum vl_rc
vl_tf_recovery_new(struct vl_ctx *c, const struct vl_tf_acct *a, struct vl_tf_codes *codes)
{
	char		*cur, *pending;
	int64_t		 last;
	enum vl_rc	 rc;

	if ((rc = vl_tf_row(c, a, &cur, &pending, &last)) != VL_OK)
		return rc;
	if (cur == NULL)
		return VL_CONFLICT;
	if ((rc = recovery(c, a, codes)) != VL_OK)
		return rc;
	audit_acct(c, a, "totp_recovery_renewed");
	return VL_OK;
}

enum vl_rc
vl_tf_remove(struct vl_ctx *c, const struct vl_tf_acct *a)
{
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_TF_REMOVE, NULL, NULL, "isi", a->firm, vl_signin_kinds[a->kind],
	    a->id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_TF_RECOVERY_CLEAR, NULL, NULL, "isi", a->firm,
	    vl_signin_kinds[a->kind], a->id)) != VL_OK)
		return rc;
	audit_acct(c, a, "totp_removed");
	return VL_OK;
}

enum vl_rc
vl_tf_reset(struct vl_ctx *c, const char *slug, const char *typed, enum vl_signin_kind *kind)
{
	struct vl_tf_acct	 a;
	const char		*email = vl_email_norm(c->pool, typed != NULL ? typed : "");
	char			*stored, *hash, *name;
	int64_t			 firm, locked;
	enum vl_rc		 rc;

	if (email == NULL || slug == NULL)
		return VL_DECLINED;
	if ((rc = vl_db_row(c->pool, STMT_FIRM_BY_SLUG_NAME, "s", "is", slug, &firm, &name)) != VL_OK)
		return rc;
	a.firm = firm;
	a.kind = VL_SIGNIN_USER;
	/* A firm user's address is unique over all firms: it must be this firm's. */
	if ((rc = vl_db_row(c->pool, STMT_USER_ID_BY_EMAIL, "s", "iis", email, &a.id, &firm,
	    &stored)) == VL_OK && firm != a.firm)
		rc = VL_DECLINED;
	if (rc == VL_DECLINED) {
		a.kind = VL_SIGNIN_CLIENT;
		rc = vl_db_row(c->pool, STMT_CLIENT_BY_EMAIL, "ss", "isi", slug, email, &a.id, &hash,
		    &locked);
	}
	if (rc != VL_OK)
		return rc;
	*kind = a.kind;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_tf_remove(c, &a)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	audit_acct(c, &a, "totp_reset");
	return vl_db_commit();
}

enum vl_rc
vl_tf_set_required(struct vl_ctx *c, int on)
{
	struct vl_tf_acct	 me = vl_tf_me(c);
	struct vl_tf_state	 st;
	char			*role = NULL;
	enum vl_rc		 rc;

	if (c->user_id == 0)
		return VL_FORBIDDEN;
	if ((rc = vl_db_row(c->pool, STMT_ME_ROLE, "ii", "s", c->firm_id, c->user_id, &role)) ==
	    VL_DECLINED || (rc == VL_OK && strcmp(role, "admin") != 0))
		return VL_FORBIDDEN;
	if (rc != VL_OK || (rc = vl_tf_state(c, &me, &st)) != VL_OK)
		return rc;
	if (on && !st.enrolled)
		return VL_CONFLICT;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_TF_SET_REQUIRED, NULL, NULL, "ii", (int64_t)(on != 0),
	    c->firm_id)) != VL_OK ||
	    (on && (rc = vl_db_exec(STMT_TF_END_UNENROLLED, NULL, NULL, "i", c->firm_id)) != VL_OK)) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, on ? "settings_2fa_required" : "settings_2fa_optional", "firm", c->firm_id);
	return vl_db_commit();
}

enum vl_rc
vl_tf_unenrolled(struct vl_ctx *c, struct vl_tpl *d, int64_t page, int64_t *total)
{
	struct vl_rows	*rows;
	struct vl_tpl	*s;
	char		*name, *email;
	int64_t		 id;
	int		 n = 0, got;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_TF_UNENROLLED_COUNT, "i", "i", c->firm_id, total)) != VL_OK)
		return rc;
	if ((rc = vl_db_query(c->pool, STMT_TF_UNENROLLED, &rows, "ii", c->firm_id,
	    page * 50)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "iss", &id, &name, &email)) > 0) {
		if (++n > 50)
			break;
		s = vl_tpl_section(d, "USER");
		vl_tpl_set(s, "NAME", name);
		vl_tpl_set(s, "EMAIL", email);
	}
	if (got < 0)
		return VL_ERR;
	if (n > 50)
		vl_tpl_set_int(vl_tpl_section(d, "NEXT_PAGE"), "PAGE", page + 1);
	if (page > 0)
		vl_tpl_set_int(vl_tpl_section(d, "PREV_PAGE"), "PAGE", page - 1);
	return VL_OK;
}
