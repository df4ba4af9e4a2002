/*
 * Contacts (SPEC F-A3) as the firm keeps them: see contact.h.
 *
 * Addresses are shown primary first, then in their listed order
 * (position).  The login email (F-B2) is derived from them by triggers
 * (sql/004_accounts.sql): the firm's choice, else the primary, else the
 * first.  So making another address primary, moving one up or removing
 * one can change the address a client signs in with; every such change
 * is therefore one transaction that also ends the old address's sessions
 * and links (vl_account_revoke) and records it in the contact's portals.
 */
#include <string.h>

#include "contact.h"
#include "event.h"
#include "audit.h"
#include "account.h"
#include "formval.h"
#include "listing.h"

#define NAME_MAX_LEN	200
#define TEXT_MAX_LEN	1000

/* The kind, name, phones, address and date of birth checked; VL_OK or
 * VL_INVALID. */
static enum vl_rc
check_in(struct vl_ctx *c, const struct vl_contact_in *in, struct vl_form_err *e)
{
	const char	*code;
	char		 today[11];

	if (in->kind == NULL || (strcmp(in->kind, "person") != 0 && strcmp(in->kind, "company") != 0))
		return vl_form_refuse(e, "kind", "kind_invalid");
	if (in->name == NULL || *in->name == '\0')
		return vl_form_refuse(e, "name", "name_missing");
	if (strlen(in->name) > NAME_MAX_LEN)
		return vl_form_refuse(e, "name", "name_long");
	if (in->phones != NULL && strlen(in->phones) > TEXT_MAX_LEN)
		return vl_form_refuse(e, "phones", "phones_long");
	if (in->address != NULL && strlen(in->address) > TEXT_MAX_LEN)
		return vl_form_refuse(e, "address", "address_long");
	vl_date_today(c, today);
	if ((code = vl_birth_check(in->dob, today)) != NULL)
		return vl_form_refuse(e, "dob", code);
	return VL_OK;
}

enum vl_rc
vl_contact_create(struct vl_ctx *c, const struct vl_contact_in *in, const char *emails,
    int64_t *id, struct vl_form_err *e)
{
	const char	*p = emails, *nl;
	char		*list[VL_CONTACT_EMAILS_MAX], *line, *addr;
	size_t		 n = 0, i, j;
	uint64_t	 newid;
	enum vl_rc	 rc;

	if ((rc = check_in(c, in, e)) != VL_OK)
		return rc;
	/* The addresses, one a line, each normalised; a repeat is dropped. */
	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		line = vl_pool_strndup(c->pool, p, nl ? (size_t)(nl - p) : strlen(p));
		p = nl ? nl + 1 : NULL;
		line[strcspn(line, "\r")] = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		if ((addr = vl_email_norm(c->pool, line)) == NULL)
			return vl_form_refuse(e, "emails", "email_invalid");
		for (j = 0; j < n && strcmp(list[j], addr) != 0; j++)
			;
		if (j < n)
			continue;
		if (n == VL_CONTACT_EMAILS_MAX)
			return vl_form_refuse(e, "emails", "email_too_many");
		list[n++] = addr;
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CONTACT_CREATE, NULL, &newid, "issss", c->firm_id, in->kind,
	    in->name, in->phones ? in->phones : "", in->address ? in->address : "")) != VL_OK)
		goto fail;
	if (in->dob != NULL && *in->dob != '\0' && (rc = vl_db_exec(STMT_CONTACT_SET_BIRTH, NULL,
	    NULL, "sii", in->dob, c->firm_id, (int64_t)newid)) != VL_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if ((rc = vl_db_exec(STMT_CONTACT_EMAIL_INSERT, NULL, NULL, "iisii", c->firm_id,
		    (int64_t)newid, list[i], (int64_t)(i == 0), (int64_t)i)) != VL_OK)
			goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		goto fail;
	*id = (int64_t)newid;
	vl_audit(c, "contact_create", "contact", *id);
	return VL_OK;
fail:
	vl_db_rollback();
	/* A new contact signs in nowhere yet: a clash is another's login. */
	if (rc == VL_CONFLICT)
		return vl_form_refuse(e, "emails", "login_taken");
	return rc;
}

enum vl_rc
vl_contact_update(struct vl_ctx *c, int64_t id, const struct vl_contact_in *in,
    struct vl_form_err *e)
{
	struct vl_contact	 k;
	enum vl_rc		 rc;

	if ((rc = check_in(c, in, e)) != VL_OK)
		return rc;
	if ((rc = vl_contact_get(c, id, &k)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CONTACT_UPDATE, NULL, NULL, "ssssii", in->kind, in->name,
	    in->phones ? in->phones : "", in->address ? in->address : "", c->firm_id, id)) != VL_OK ||
	    (in->dob != NULL && (rc = vl_db_exec(STMT_CONTACT_SET_BIRTH, NULL, NULL, "sii", in->dob,
	    c->firm_id, id)) != VL_OK)) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "contact_update", "contact", id);
	return vl_db_commit();
}

enum vl_rc
vl_contact_archive(struct vl_ctx *c, int64_t id, int on)
{
	struct vl_contact	 k;
	uint64_t		 n = 0;
	enum vl_rc		 rc;

	if ((rc = vl_contact_get(c, id, &k)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CONTACT_SET_ARCHIVED, &n, NULL, "iiii", (int64_t)(on != 0),
	    c->firm_id, id, (int64_t)(on != 0))) != VL_OK)
		return rc;
	if (n > 0)
		vl_audit(c, on ? "contact_archive" : "contact_unarchive", "contact", id);
	return VL_OK;
}

enum vl_rc
vl_contact_login_changed(struct vl_ctx *c, int64_t contact, const char *old)
{
	struct vl_rows	*rows;
	char		*now = NULL;
	int64_t		 portal;
	int		 got;
	enum vl_rc	 rc;

	rc = vl_db_row(c->pool, STMT_CONTACT_LOGIN, "ii", "s", c->firm_id, contact, &now);
	if (rc != VL_OK && rc != VL_DECLINED)
		return rc;
	if (now == NULL)
		now = "";
	if (strcmp(now, old) == 0)
		return VL_OK;
	/* The old address no longer signs in, nor do links sent to it, nor
	 * does news still queued for it go out. */
	if ((rc = vl_account_revoke(c->firm_id, contact)) != VL_OK)
		return rc;
	if (*old != '\0' && (rc = vl_db_exec(STMT_OUTBOX_CANCEL_CLIENT_MAIL, NULL, NULL, "is",
	    c->firm_id, old)) != VL_OK)
		return rc;
	if ((rc = vl_db_query(c->pool, STMT_CONTACT_PORTALS, &rows, "ii", c->firm_id,
	    contact)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "i", &portal)) > 0)
		if ((rc = vl_portal_event(c->firm_id, portal, VL_EV_LOGIN_EMAIL_CHANGED, contact,
		    vl_pool_printf(c->pool, ": %s", *now ? now : "-"))) != VL_OK)
			break;
	if (got < 0)
		return VL_ERR;
	return rc;
}

/* The position of address id in k's list, or -1. */
static long
email_at(const struct vl_contact *k, int64_t id)
{
	size_t	 i;

	for (i = 0; i < k->nemails; i++)
		if (k->emails[i].id == id)
			return (long)i;
	return -1;
}

/* 1 if addr is one of k's addresses already. */
static int
email_dup(const struct vl_contact *k, const char *addr)
{
	size_t	 i;

	for (i = 0; i < k->nemails; i++)
		if (strcmp(k->emails[i].email, addr) == 0)
			return 1;
	return 0;
}

/* Moves address at i one place up (dir -1) or down (1) among the
 * addresses that are not primary, then writes every position afresh in
 * the order shown. */
static enum vl_rc
move(struct vl_ctx *c, struct vl_contact *k, size_t i, int dir)
{
	struct vl_contact_email	 t;
	size_t			 j;
	long			 to = (long)i + dir;
	enum vl_rc		 rc;

	if (k->emails[i].primary || to < 0 || (size_t)to >= k->nemails || k->emails[to].primary)
		return VL_OK;
	t = k->emails[i];
	k->emails[i] = k->emails[to];
	k->emails[to] = t;
	for (j = 0; j < k->nemails; j++)
		if ((rc = vl_db_exec(STMT_CONTACT_EMAIL_POSITION, NULL, NULL, "iiii", (int64_t)j,
		    c->firm_id, k->id, k->emails[j].id)) != VL_OK)
			return rc;
	return VL_OK;
}

enum vl_rc
vl_contact_email(struct vl_ctx *c, int64_t contact, enum vl_email_op op, int64_t id,
    const char *typed, struct vl_form_err *e)
{
	struct vl_contact	 k;
	const char		*addr = NULL, *was = NULL;
	char			*old;
	long			 at = -1;
	enum vl_rc		 rc;

	if (op == VL_EMAIL_ADD || op == VL_EMAIL_CHANGE) {
		if ((addr = vl_email_norm(c->pool, typed)) == NULL)
			return vl_form_refuse(e, "email", "email_invalid");
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* The contact locked first: one change of its addresses at a time. */
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_LOCK, "ii", "s", c->firm_id, contact, &old)) != VL_OK ||
	    (rc = vl_contact_get(c, contact, &k)) != VL_OK)
		goto fail;
	if (op != VL_EMAIL_ADD) {
		if ((at = email_at(&k, id)) < 0) {
			rc = VL_DECLINED;
			goto fail;
		}
		was = k.emails[at].email;
	}
	switch (op) {
	case VL_EMAIL_ADD:
		if (k.nemails >= VL_CONTACT_EMAILS_MAX) {
			rc = vl_form_refuse(e, "email", "email_too_many");
			goto fail;
		}
		rc = vl_db_exec(STMT_CONTACT_EMAIL_APPEND, NULL, NULL, "iisiii", c->firm_id, contact,
		    addr, (int64_t)(k.nemails == 0), c->firm_id, contact);
		if (rc == VL_CONFLICT && email_dup(&k, addr))
			rc = vl_form_refuse(e, "email", "email_duplicate");
		break;
	case VL_EMAIL_CHANGE:
		if (strcmp(was, addr) == 0)
			break;
		rc = vl_db_exec(STMT_CONTACT_EMAIL_SET, NULL, NULL, "siii", addr, c->firm_id, contact, id);
		if (rc == VL_CONFLICT && email_dup(&k, addr))
			rc = vl_form_refuse(e, "email", "email_duplicate");
		/* The firm's chosen login address follows its edit. */
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_CONTACT_PORTAL_EMAIL_MOVE, NULL, NULL, "siis", addr,
			    c->firm_id, contact, was);
		break;
	case VL_EMAIL_REMOVE:
		if (strcmp(was, old) == 0 && k.in_portal) {
			rc = vl_form_refuse(e, "email", "login_remove");
			break;
		}
		if ((rc = vl_db_exec(STMT_CONTACT_PORTAL_EMAIL_MOVE, NULL, NULL, "siis", NULL,
		    c->firm_id, contact, was)) == VL_OK)
			rc = vl_db_exec(STMT_CONTACT_EMAIL_DELETE, NULL, NULL, "iii", c->firm_id,
			    contact, id);
		break;
	case VL_EMAIL_PRIMARY:
		rc = vl_db_exec(STMT_CONTACT_EMAIL_PRIMARY, NULL, NULL, "iiii", id, c->firm_id,
		    contact, id);
		break;
	case VL_EMAIL_UP:
	case VL_EMAIL_DOWN:
		rc = move(c, &k, (size_t)at, op == VL_EMAIL_UP ? -1 : 1);
		break;
	default:
		rc = VL_INVALID;
	}
	/* Another contact of the firm signs in with the address that would
	 * now be this one's login email: the unique key refused it. */
	if (rc == VL_CONFLICT)
		rc = vl_form_refuse(e, "email", "login_taken");
	if (rc != VL_OK)
		goto fail;
	if ((rc = vl_contact_login_changed(c, contact, old)) != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		goto fail;
	vl_audit(c, "contact_email", "contact", contact);
	return VL_OK;
fail:
	vl_db_rollback();
	if (rc == VL_CONFLICT)
		return vl_form_refuse(e, "email", "login_taken");
	return rc;
}

enum vl_rc
vl_contact_get(struct vl_ctx *c, int64_t id, struct vl_contact *k)
{
	struct vl_rows	*rows;
	int64_t		 eid, prim, inp = 0;
	char		*addr;
	size_t		 cap = 0;
	int		 got;
	enum vl_rc	 rc;

	memset(k, 0, sizeof(*k));
	k->id = id;
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_CARD, "ii", "ssssis", c->firm_id, id, &k->name,
	    &k->kind, &k->phones, &k->address, &prim, &k->login)) != VL_OK)
		return rc;
	k->archived = prim != 0;
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_BIRTH, "ii", "s", c->firm_id, id, &k->dob)) != VL_OK)
		return rc;
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_IN_PORTAL, "ii", "i", c->firm_id, id, &inp)) != VL_OK)
		return rc;
	k->in_portal = inp > 0;
	if ((rc = vl_db_query(c->pool, STMT_CONTACT_EMAIL_LIST, &rows, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "isi", &eid, &addr, &prim)) > 0) {
		if (k->nemails == cap) {
			struct vl_contact_email *grown;
			cap = cap ? cap * 2 : 4;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (k->nemails > 0)
				memcpy(grown, k->emails, k->nemails * sizeof(*grown));
			k->emails = grown;
		}
		k->emails[k->nemails].id = eid;
		k->emails[k->nemails].email = addr;
		k->emails[k->nemails].primary = prim != 0;
		k->emails[k->nemails].login = strcmp(addr, k->login) == 0;
		k->nemails++;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_contact_find(struct vl_ctx *c, const char *q, int archived, int64_t page,
    struct vl_contact_row **out, size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_contact_row	*list, *row;
	int64_t			 arch;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_CONTACTS_FIND, &rows, "iissii", c->firm_id,
	    (int64_t)(archived != 0), vl_like_contains(c->pool, q, 0), vl_like_contains(c->pool, q, 1),
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		row = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "isssii", &row->id, &row->kind, &row->name, &row->emails,
		    &row->matters, &arch)) <= 0)
			break;
		row->archived = arch != 0;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}
