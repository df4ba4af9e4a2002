/*
 * Accounts: the rules around who may receive a link that sets a password,
 * and where a person goes after signing in.
 *
 * - Mail that carries a link (invitations, client resets) goes only to the
 *   login email read from the database, never to what someone typed.
 * - A contact's login email is one of its addresses, normalised, and no other
 *   contact of the firm signs in with it; changing it, or removing the
 *   contact from a portal, voids the links already sent.
 * - An invitation's hour starts when the mailer sends it.
 * - A link that sets a password works once: an atomic UPDATE ... WHERE
 *   used_at IS NULL in the transaction that sets it, so of two requests
 *   with the same link only one changes anything.
 * - `next` (the page to return to after sign-in): lib/signinurl.c.
 */
#include <string.h>

#include <sodium.h>

#include "vellum.h"
#include "event.h"
#include "notify.h"
#include "audit.h"
#include "account.h"
#include "ratelimit.h"
#include "twofactor.h"
#include "staff.h"


/* The portals contact takes part in, as a pool array; *n gets the count. */
static enum vl_rc
portals_of(struct vl_ctx *c, int64_t contact, int64_t **out, size_t *n)
{
	struct vl_rows	*rows;
	int64_t		 id, *list = NULL;
	size_t		 cap = 0;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_CONTACT_PORTALS, &rows, "ii", c->firm_id,
	    contact)) != VL_OK)
		return rc;
	while (vl_db_next(rows, "i", &id) > 0) {
		if (*n == cap) {
			int64_t *grown;
			cap = cap ? cap * 2 : 8;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (*n > 0)
				memcpy(grown, list, *n * sizeof(*grown));
			list = grown;
		}
		list[(*n)++] = id;
	}
	*out = list;
	return vl_db_rows_failed(rows) ? VL_ERR : VL_OK;
}

enum vl_rc
vl_account_set_login(struct vl_ctx *c, int64_t contact, const char *typed, const char **msg)
{
	const char	*email = vl_email_norm(c->pool, typed);
	char		*other = NULL, *name, *kind, *login, *old = NULL;
	int64_t		 firm = c->firm_id, *portals;
	uint64_t	 n = 0;
	size_t		 np, i;
	enum vl_rc	 rc;

	*msg = "Choose one of the contact's email addresses.";
	if (email == NULL)
		return VL_INVALID;
	rc = vl_db_row(c->pool, STMT_CONTACT_LOGIN_TAKEN, "isi", "s", firm, email, contact, &other);
	if (rc == VL_OK) {
		*msg = vl_pool_printf(c->pool, "%s already signs in with %s. Two contacts cannot "
		    "share a login email: choose another address.", other, email);
		return VL_CONFLICT;
	}
	if (rc != VL_DECLINED || (rc = vl_db_begin()) != VL_OK)
		return VL_ERR;
	/* The address being replaced, if the contact has one. */
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_LOGIN, "ii", "s", firm, contact, &old)) != VL_OK &&
	    rc != VL_DECLINED)
		goto fail;
	rc = vl_db_exec(STMT_CONTACT_SET_LOGIN, &n, NULL, "siis", email, firm, contact, email);
	if (rc == VL_CONFLICT)	/* taken meanwhile: the unique key holds */
		*msg = vl_pool_printf(c->pool, "Another contact already signs in with %s.", email);
	if (rc != VL_OK)
		goto fail;
	if (n == 0) {
		/* Unchanged, or not an address of this firm's contact. */
		vl_db_rollback();
		if (vl_db_row(c->pool, STMT_CONTACT_GET, "ii", "sss", firm, contact, &name, &kind,
		    &login) != VL_OK)
			return VL_DECLINED;
		return strcmp(login, email) == 0 ? VL_OK : VL_INVALID;
	}
	/* The old address no longer signs in, nor do links sent to it, nor
	 * does news still queued for it go out: it is no longer on file. */
	if ((rc = vl_account_revoke(firm, contact)) != VL_OK ||
	    (old != NULL && strcmp(old, email) != 0 && (rc = vl_db_exec(STMT_OUTBOX_CANCEL_CLIENT_MAIL,
	    NULL, NULL, "is", firm, old)) != VL_OK) ||
	    (rc = portals_of(c, contact, &portals, &np)) != VL_OK)
		goto fail;
	for (i = 0; i < np; i++)
		if ((rc = vl_portal_event(firm, portals[i], VL_EV_LOGIN_EMAIL_CHANGED, contact,
		    vl_pool_printf(c->pool, ": %s", email))) != VL_OK)
			goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		goto fail;
	vl_audit(c, "set_email", "contact", contact);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_account_revoke(int64_t firm, int64_t contact)
{
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_SESS_DELETE_CONTACT, NULL, NULL, "ii", firm, contact)) != VL_OK)
		return rc;
	/* A voided link's mail, still in the outbox, is not sent either. */
	if ((rc = vl_db_exec(STMT_OUTBOX_CANCEL_LINKS, NULL, NULL, "ii", firm, contact)) != VL_OK)
		return rc;
	return vl_db_exec(STMT_INVITE_VOID_CONTACT, NULL, NULL, "ii", firm, contact);
}

enum vl_rc
vl_account_link(struct vl_ctx *c, int64_t firm, int64_t contact, enum vl_mail_kind kind,
    struct vl_buf *payload)
{
	unsigned char	 h[32];
	char		 tok[44], *email;
	int64_t		 note = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_CONTACT_LOGIN, "ii", "s", firm, contact, &email)) != VL_OK)
		return rc;
	vl_token_new(tok);
	vl_sha256(tok, 43, h);
	vl_buf_add_param(payload, "link", vl_pool_printf(c->pool, "%s/portal/invite?token=%s",
	    vl_conf.base_url, tok));
	if ((rc = vl_notify_id(firm, kind, email, vl_buf_str(payload), &note)) != VL_OK)
		return rc;
	return vl_db_exec(STMT_INVITE_INSERT, NULL, NULL, "biisi", h, sizeof(h), firm, contact,
	    email, note);
}

enum vl_rc
vl_account_client_forgot(struct vl_ctx *c, const char *slug, const char *typed)
{
	const char	*email = vl_email_norm(c->pool, typed);
	struct vl_buf	 payload = VL_BUF_INIT;
	char		*hash, *name;
	int64_t		 contact, locked, fid, pending = 0;
	enum vl_rc	 rc;

	if (email == NULL)
		return VL_INVALID;
	if ((rc = vl_rate_hit(c, VL_RATE_RESET)) != VL_OK)
		return rc;
	if ((rc = vl_db_row(c->pool, STMT_CLIENT_BY_EMAIL, "ss", "isi", slug, email, &contact,
	    &hash, &locked)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_FIRM_BY_SLUG_NAME, "s", "is", slug, &fid, &name)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_INVITE_PENDING, "ii", "i", fid, contact, &pending)) != VL_OK)
		return rc == VL_DECLINED ? VL_OK : rc;
	/* At most one open link per client at a time. */
	if (pending > 0)
		return VL_OK;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_account_link(c, fid, contact, VL_MAIL_CLIENT_RESET, &payload)) != VL_OK ||
	    (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		vl_buf_release(&payload);
		return rc == VL_DECLINED ? VL_OK : rc;
	}
	vl_buf_release(&payload);
	vl_audit_as(c, fid, 0, "client_reset_requested", "contact", contact);
	return VL_OK;
}

#define USER_RESETS_PER_HOUR	3

/* Queues the reset for uid, to its stored address; quietly does nothing
 * past the hourly limit. */
static enum vl_rc
queue_user_reset(struct vl_ctx *c, int64_t uid, int64_t fid, const char *email)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	unsigned char	 h[32];
	char		 tok[44];
	int64_t		 recent = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_RESET_RECENT, "i", "i", uid, &recent)) != VL_OK)
		return rc;
	if (recent >= USER_RESETS_PER_HOUR) {
		vl_audit_as(c, fid, uid, "password_reset_throttled", "user", uid);
		return VL_OK;
	}
	vl_token_new(tok);
	vl_sha256(tok, 43, h);
	vl_buf_add_param(&payload, "link", vl_pool_printf(c->pool, "%s/reset?token=%s",
	    vl_conf.base_url, tok));
	vl_buf_add_param(&payload, "minutes", vl_pool_printf(c->pool, "%lld",
	    (long long)(vl_conf.reset_ttl / 60)));
	if ((rc = vl_db_begin()) != VL_OK)
		goto out;
	if ((rc = vl_db_exec(STMT_RESET_VOID_USER, NULL, NULL, "i", uid)) != VL_OK ||
	    (rc = vl_db_exec(STMT_RESET_INSERT, NULL, NULL, "biii", h, sizeof(h), fid, uid,
	    vl_conf.reset_ttl)) != VL_OK ||
	    (rc = vl_notify(fid, VL_MAIL_PASSWORD_RESET, email, payload.buf)) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	if ((rc = vl_db_commit()) == VL_OK)
		vl_audit_as(c, fid, uid, "password_reset_requested", "user", uid);
out:
	vl_buf_release(&payload);
	return rc;
}

enum vl_rc
vl_account_user_forgot(struct vl_ctx *c, const char *typed)
{
	const char	*email = vl_email_norm(c->pool, typed);
	char		*stored;
	int64_t		 uid, fid;
	enum vl_rc	 rc;

	if (email == NULL)
		return VL_INVALID;
	if ((rc = vl_rate_hit(c, VL_RATE_RESET)) != VL_OK)
		return rc;
	rc = vl_db_row(c->pool, STMT_USER_ID_BY_EMAIL, "s", "iis", email, &uid, &fid, &stored);
	if (rc == VL_OK)
		rc = queue_user_reset(c, uid, fid, stored);
	return rc == VL_DECLINED ? VL_OK : rc;
}

/* What to tell the person about a new password typed twice, or NULL when
 * it will do. */
static const char *
pw_refused(const char *pw, const char *confirm)
{
	if (pw == NULL || !vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL))
		return "Choose a password of 12 to 128 characters.";
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return "The two passwords do not match.";
	return NULL;
}

enum vl_rc
vl_account_user_reset_link(struct vl_ctx *c, const char *token, struct vl_link *l)
{
	unsigned char	 h[32];

	memset(l, 0, sizeof(*l));
	if (!vl_token_hash(token, h))
		return VL_DECLINED;
	return vl_db_row(c->pool, STMT_RESET_LOOKUP, "b", "iis", h, sizeof(h), &l->account,
	    &l->firm, &l->email);
}

/*
 * The part of setting a password by a link that both sides share: the
 * password judged, hashed into hash, and the link used once (the use
 * statement checks it is live; a second request gets VL_DECLINED).  VL_OK
 * inside the open transaction; otherwise nothing is left open.
 */
static enum vl_rc
use_link(enum vl_stmt use, const char *token, const char *pw, const char *confirm,
    char hash[128], const char **msg)
{
	unsigned char	 h[32];
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((*msg = pw_refused(pw, confirm)) != NULL)
		return VL_INVALID;
	if (vl_pw_hash(pw, hash) != VL_OK)
		return VL_ERR;
	(void)vl_token_hash(token, h);
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(use, &n, NULL, "b", h, sizeof(h))) == VL_OK && n != 1)
		rc = VL_DECLINED;	/* another request used it first, or it just expired */
	if (rc != VL_OK)
		vl_db_rollback();
	return rc;
}

enum vl_rc
vl_account_user_reset(struct vl_ctx *c, const char *token, const char *pw, const char *confirm,
    struct vl_link *l, const char **msg)
{
	char		 hash[128];
	enum vl_rc	 rc;

	*msg = NULL;
	if ((rc = vl_rate_hit(c, VL_RATE_LINK)) != VL_OK)
		return rc;
	/* A dead link is answered before anything typed is judged. */
	if ((rc = vl_account_user_reset_link(c, token, l)) != VL_OK)
		return rc;
	if ((rc = use_link(STMT_RESET_USE, token, pw, confirm, hash, msg)) != VL_OK)
		goto out;
	if ((rc = vl_db_exec(STMT_USER_SET_PASSWORD, NULL, NULL, "sii", hash, l->account,
	    l->firm)) != VL_OK ||
	    (rc = vl_db_exec(STMT_SESS_DELETE_USER, NULL, NULL, "ii", l->account, l->firm)) != VL_OK ||
	    (rc = vl_account_password_changed(c, l->firm, l->email, NULL, 0)) != VL_OK ||
	    (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	vl_audit_as(c, l->firm, l->account, "password_reset", "user", l->account);
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum vl_rc
vl_account_client_link(struct vl_ctx *c, const char *token, struct vl_link *l)
{
	unsigned char	 h[32];

	memset(l, 0, sizeof(*l));
	if (!vl_token_hash(token, h))
		return VL_DECLINED;
	return vl_db_row(c->pool, STMT_INVITE_LOOKUP, "b", "iisss", h, sizeof(h), &l->firm,
	    &l->account, &l->email, &l->firm_name, &l->slug);
}

enum vl_rc
vl_account_client_accept(struct vl_ctx *c, const char *token, const char *pw,
    const char *confirm, const char *agent, struct vl_link *l, char session[44],
    const char **msg)
{
	struct vl_tf_acct acct;
	struct vl_tf_state st;
	char		 hash[128];
	int64_t		 active = 0;
	enum vl_rc	 rc;

	*msg = NULL;
	memset(session, 0, 44);
	if ((rc = vl_rate_hit(c, VL_RATE_LINK)) != VL_OK)
		return rc;
	if ((rc = vl_account_client_link(c, token, l)) != VL_OK)
		return rc;
	/* The use statement checks the address against the login email again:
	 * it may have changed since the lookup. */
	if ((rc = use_link(STMT_INVITE_USE, token, pw, confirm, hash, msg)) != VL_OK)
		goto out;
	/* An account without a password yet: the mail says "set", not "changed". */
	if ((rc = vl_db_exec(STMT_ACCOUNT_ENSURE, NULL, NULL, "ii", l->firm, l->account)) != VL_OK ||
	    ((rc = vl_db_row(c->pool, STMT_ACCOUNT_ACTIVE, "ii", "i", l->firm, l->account,
	    &active)) != VL_OK && rc != VL_DECLINED) ||
	    (rc = vl_db_exec(STMT_ACCOUNT_SET_PASSWORD, NULL, NULL, "sii", hash, l->firm,
	    l->account)) != VL_OK ||
	    (rc = vl_db_exec(STMT_SESS_DELETE_CONTACT, NULL, NULL, "ii", l->firm,
	    l->account)) != VL_OK ||
	    (rc = vl_account_password_changed(c, l->firm, l->email, l->slug, !active)) != VL_OK ||
	    (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	vl_audit_as(c, l->firm, 0, "client_invitation_accepted", "contact", l->account);
	/* A reset link is no second factor: a client with two-factor sign-in
	 * gets no session here (session stays ""), but signs in with a code. */
	acct.firm = l->firm;
	acct.kind = VL_SIGNIN_CLIENT;
	acct.id = l->account;
	if ((rc = vl_tf_state(c, &acct, &st)) != VL_OK || st.enrolled)
		goto out;
	/* The password stands even if no session can be started now: the
	 * client can still sign in with it. */
	rc = vl_sess_new(c, VL_SIGNIN_CLIENT, l->firm, l->account, agent, session);
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum vl_rc
vl_account_password_changed(struct vl_ctx *c, int64_t firm, const char *email, const char *slug,
    int first)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	enum vl_rc	 rc;

	vl_buf_add_param(&payload, "email", email);
	vl_buf_add_param(&payload, "what", first ? "set" : "changed");
	vl_buf_add_param(&payload, "link", slug != NULL ?
	    vl_pool_printf(c->pool, "%s/portal/forgot?firm=%s", vl_conf.base_url, slug) :
	    vl_pool_printf(c->pool, "%s/forgot", vl_conf.base_url));
	rc = vl_notify(firm, VL_MAIL_PASSWORD_CHANGED, email, vl_buf_str(&payload));
	vl_buf_release(&payload);
	return rc;
}

void
vl_account_mail_sending(const char *kind, int64_t notification)
{
	enum vl_mail_kind k = vl_mail_kind_of(kind);

	if (k == VL_MAIL_STAFF_INVITATION) {
		vl_staff_mail_sending(notification);
		return;
	}
	if (k != VL_MAIL_INVITATION && k != VL_MAIL_CLIENT_RESET)
		return;
	if (vl_db_exec(STMT_INVITE_SENDING, NULL, NULL, "i", notification) != VL_OK)
		vl_warn("notification %lld: the link's hour could not be started; it stays "
		    "unusable until the mail is sent again", (long long)notification);
}
