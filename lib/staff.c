/*
 * The firm's users and roles (see staff.h).
 *
 * The last active admin: a change of role or of who is active first locks
 * the firm's row, so such changes of one firm run one at a time, then
 * counts the active admins with a locking read (the latest committed
 * rows): of two admins demoting each other at once, the second sees the
 * first's change and is refused.
 *
 * A colleague's invitation follows the clients' (lib/account.c): 32
 * random bytes in the link, only their hash stored, the hour counted from
 * when the mailer sends it, used once by an atomic UPDATE, and the mail
 * goes to the address as stored (normalised), never to the typed text.
 */
#include <string.h>

#include <sodium.h>

#include "ratelimit.h"
#include "staff.h"
#include "notify.h"
#include "audit.h"

static int
role_valid(const char *role)
{
	return role != NULL && (strcmp(role, "admin") == 0 || strcmp(role, "member") == 0);
}

enum vl_rc
vl_staff_list(struct vl_ctx *c, const char *q, const char *status, int64_t page,
    struct vl_staff **list, size_t *n, int64_t *total)
{
	struct vl_rows	*rows;
	struct vl_staff	*s;
	enum vl_rc	 rc;
	int		 got = 0;

	*list = NULL;
	*n = 0;
	*total = 0;
	if (q == NULL)
		q = "";
	if (status == NULL || (strcmp(status, "active") != 0 && strcmp(status, "inactive") != 0))
		status = "all";
	if (page < 1)
		page = 1;
	if ((rc = vl_db_row(c->pool, STMT_STAFF_COUNT, "isssss", "i", c->firm_id, q, q, q,
	    status, status, total)) != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_query(c->pool, STMT_STAFF_LIST, &rows, "isssssii", c->firm_id, q, q, q,
	    status, status, (int64_t)VL_STAFF_PAGE, (page - 1) * VL_STAFF_PAGE)) != VL_OK)
		return rc;
	*list = vl_pool_calloc(c->pool, VL_STAFF_PAGE, sizeof(**list));
	while (*n < VL_STAFF_PAGE) {
		s = &(*list)[*n];
		if ((got = vl_db_next(rows, "isssii", &s->id, &s->name, &s->email, &s->role,
		    &s->active, &s->last_login)) <= 0)
			break;
		(*n)++;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_staff_get(struct vl_ctx *c, int64_t user, struct vl_staff *s)
{
	memset(s, 0, sizeof(*s));
	s->id = user;
	return vl_db_row(c->pool, STMT_STAFF_GET, "ii", "sssi", c->firm_id, user, &s->name,
	    &s->email, &s->role, &s->active);
}

enum vl_rc
vl_staff_invite(struct vl_ctx *c, const char *typed, const char *role, struct vl_ferr *fe,
    const char **stored)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	const char	*email = vl_email_norm(c->pool, typed);
	unsigned char	 h[32];
	char		 token[44];
	int64_t		 other = 0, note = 0;
	enum vl_rc	 rc;

	*stored = email;
	if (email == NULL)
		vl_ferr_add(fe, "email", "invalid");
	if (!role_valid(role))
		vl_ferr_add(fe, "role", "invalid");
	if (fe->n > 0)
		return VL_INVALID;
	/* An address signs in alone, so it can hold one account in all. */
	rc = vl_db_row(c->pool, STMT_STAFF_EMAIL_FIRM, "s", "i", email, &other);
	if (rc == VL_OK) {
		vl_ferr_add(fe, "email", other == c->firm_id ? "member" : "taken");
		return VL_INVALID;
	}
	if (rc != VL_DECLINED)
		return VL_ERR;
	vl_token_new(token);
	vl_sha256(token, 43, h);
	vl_buf_add_param(&payload, "who", c->name);
	vl_buf_add_param(&payload, "role", role);
	vl_buf_add_param(&payload, "link", vl_pool_printf(c->pool, "%s/join?token=%s",
	    vl_conf.base_url, token));
	sodium_memzero(token, sizeof(token));
	if (vl_db_begin() != VL_OK)
		goto fail;
	if (vl_db_exec(STMT_STAFF_INVITE_CANCEL_MAIL, NULL, NULL, "is", c->firm_id, email) != VL_OK ||
	    vl_db_exec(STMT_STAFF_INVITE_VOID, NULL, NULL, "is", c->firm_id, email) != VL_OK ||
	    vl_notify_id(c->firm_id, VL_MAIL_STAFF_INVITATION, email, payload.buf, &note) != VL_OK ||
	    vl_db_exec(STMT_STAFF_INVITE_INSERT, NULL, NULL, "bissii", h, sizeof(h), c->firm_id,
	    email, role, c->user_id, note) != VL_OK) {
		vl_db_rollback();
		goto fail;
	}
	if (vl_db_commit() != VL_OK)
		goto fail;
	vl_buf_release(&payload);
	vl_audit(c, "user_invited", "invitation", note);
	return VL_OK;
fail:
	vl_buf_release(&payload);
	return VL_ERR;
}

/*
 * Begins the transaction of a change to user: locks the firm's changes of
 * roles and of who is active, reads the user and counts the active admins
 * with locking reads (the latest committed rows, never the snapshot), and
 * says whether user is the last active admin.  On failure nothing is open.
 */
static enum vl_rc
locked_get(struct vl_ctx *c, int64_t user, struct vl_staff *s, int *last)
{
	int64_t		 id, admins = 0;
	enum vl_rc	 rc;

	*last = 0;
	memset(s, 0, sizeof(*s));
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_row(c->pool, STMT_STAFF_LOCK_FIRM, "i", "i", c->firm_id, &id)) != VL_OK)
		rc = VL_ERR;
	else if ((rc = vl_db_row(c->pool, STMT_STAFF_GET_LOCK, "ii", "si", c->firm_id, user,
	    &s->role, &s->active)) == VL_OK &&
	    (rc = vl_db_row(c->pool, STMT_STAFF_ADMINS, "i", "i", c->firm_id, &admins)) != VL_OK)
		rc = VL_ERR;
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	*last = s->active && strcmp(s->role, "admin") == 0 && admins <= 1;
	return VL_OK;
}

enum vl_rc
vl_staff_set_role(struct vl_ctx *c, int64_t user, const char *role)
{
	struct vl_staff	 s;
	int		 last;
	enum vl_rc	 rc;

	if (!role_valid(role))
		return VL_INVALID;
	if ((rc = locked_get(c, user, &s, &last)) != VL_OK)
		return rc;
	if (strcmp(s.role, role) == 0) {
		vl_db_rollback();
		return VL_OK;
	}
	if (last) {
		vl_db_rollback();
		return VL_CONFLICT;
	}
	if (vl_db_exec(STMT_STAFF_SET_ROLE, NULL, NULL, "sii", role, c->firm_id, user) != VL_OK) {
		vl_db_rollback();
		return VL_ERR;
	}
	if (vl_db_commit() != VL_OK)
		return VL_ERR;
	vl_audit(c, strcmp(role, "admin") == 0 ? "user_made_admin" : "user_made_member", "user", user);
	return VL_OK;
}

enum vl_rc
vl_staff_set_active(struct vl_ctx *c, int64_t user, int active)
{
	struct vl_staff	 s;
	int		 last;
	enum vl_rc	 rc;

	if ((rc = locked_get(c, user, &s, &last)) != VL_OK)
		return rc;
	if ((s.active != 0) == (active != 0)) {
		vl_db_rollback();
		return VL_OK;
	}
	if (!active && last) {
		vl_db_rollback();
		return VL_CONFLICT;
	}
	if (active)
		rc = vl_db_exec(STMT_STAFF_REACTIVATE, NULL, NULL, "ii", c->firm_id, user);
	else if ((rc = vl_db_exec(STMT_STAFF_DEACTIVATE, NULL, NULL, "ii", c->firm_id,
	    user)) == VL_OK &&
	    (rc = vl_db_exec(STMT_SESS_DELETE_USER, NULL, NULL, "ii", user, c->firm_id)) == VL_OK)
		rc = vl_db_exec(STMT_STAFF_RESETS_VOID, NULL, NULL, "ii", c->firm_id, user);
	if (rc != VL_OK) {
		vl_db_rollback();
		return VL_ERR;
	}
	if (vl_db_commit() != VL_OK)
		return VL_ERR;
	vl_audit(c, active ? "user_reactivated" : "user_deactivated", "user", user);
	return VL_OK;
}

enum vl_rc
vl_staff_invitation(struct vl_ctx *c, const char *token, struct vl_staff_invitation *inv)
{
	unsigned char	 h[32];

	memset(inv, 0, sizeof(*inv));
	if (!vl_token_hash(token, h))
		return VL_DECLINED;
	return vl_db_row(c->pool, STMT_STAFF_INVITE_LOOKUP, "b", "isss", h, sizeof(h),
	    &inv->firm, &inv->email, &inv->role, &inv->firm_name);
}

enum vl_rc
vl_staff_join(struct vl_ctx *c, const char *token, const char *name, const char *pw,
    const char *confirm, struct vl_ferr *fe, int64_t *firm, int64_t *user)
{
	struct vl_staff_invitation inv;
	unsigned char	 h[32];
	char		 hash[128];
	uint64_t	 n = 0, uid = 0;
	enum vl_rc	 rc;

	if ((rc = vl_rate_hit(c, VL_RATE_LINK)) != VL_OK)
		return rc;
	if ((rc = vl_staff_invitation(c, token, &inv)) != VL_OK)
		return rc;
	if (name == NULL || *name == '\0')
		vl_ferr_add(fe, "name", "missing");
	if (pw == NULL || !vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL))
		vl_ferr_add(fe, "password", "weak");
	else if (confirm == NULL || strcmp(pw, confirm) != 0)
		vl_ferr_add(fe, "confirm", "differs");
	if (fe->n > 0)
		return VL_INVALID;
	(void)vl_token_hash(token, h);
	if (vl_pw_hash(pw, hash) != VL_OK || vl_db_begin() != VL_OK)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_STAFF_INVITE_USE, &n, NULL, "bi", h, sizeof(h), inv.firm)) != VL_OK)
		goto fail;
	if (n == 0) {
		vl_db_rollback();
		return VL_DECLINED;
	}
	rc = vl_db_exec(STMT_USER_INSERT, NULL, &uid, "issss", inv.firm, inv.email, name, inv.role,
	    hash);
	if (rc != VL_OK)
		goto fail;
	if (vl_db_commit() != VL_OK)
		return VL_ERR;
	*firm = inv.firm;
	*user = (int64_t)uid;
	vl_audit_as(c, inv.firm, *user, "user_joined", "user", *user);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc == VL_CONFLICT ? VL_CONFLICT : VL_ERR;
}

void
vl_staff_mail_sending(int64_t notification)
{
	if (vl_db_exec(STMT_STAFF_INVITE_SENDING, NULL, NULL, "i", notification) != VL_OK)
		vl_warn("notification %lld: the invitation's hour could not be started; it stays "
		    "unusable until the mail is sent again", (long long)notification);
}
