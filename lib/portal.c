/*
 * The client portal's shared rules: who is told what (invitations for
 * participants without an account, coalesced item mails otherwise, and
 * coalesced mails to the firm when a client writes), participants and
 * permissions, and which page views count as reads (events: event.c).  The lists of people told are read whole
 * into the pool, however long they are.
 * Callers run these inside the transaction that makes the change, so the
 * outbox rows commit with it or not at all.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "event.h"
#include "notify.h"
#include "matter.h"
#include "audit.h"
#include "tz.h"
#include "portal.h"
#include "account.h"

const char *const vl_portal_perms[VL_PERM__MAX] = {
	"messages", "documents", "bills", "calendar", "tasks", "notes", "forms",
};

enum vl_rc
vl_portal_of_client(struct vl_ctx *c, int64_t matter, struct vl_client_portal *p)
{
	int64_t		 perm[VL_PERM__MAX];
	enum vl_rc	 rc;
	size_t		 i;

	memset(p, 0, sizeof(*p));
	if (c->contact_id == 0)
		return VL_DECLINED;
	rc = vl_db_row(c->pool, STMT_CLIENT_PORTAL, "iii", "issiiiiiii", c->firm_id, c->contact_id,
	    matter, &p->portal, &p->number, &p->description, &perm[0], &perm[1], &perm[2], &perm[3],
	    &perm[4], &perm[5], &perm[6]);
	if (rc != VL_OK)
		return rc;
	p->matter = matter;
	for (i = 0; i < VL_PERM__MAX; i++)
		p->perm[i] = perm[i] != 0;
	return VL_OK;
}

/* Each kind's page under /portal/matters/<id>; the labels are in
 * _portal_tabs.tpl, for admins to edit. */
static const struct {
	const char	*section, *path;
} client_tabs[VL_PERM__MAX] = {
	[VL_PERM_MESSAGES] = { "MESSAGES", "" },
	[VL_PERM_DOCUMENTS] = { "DOCUMENTS", "?view=shared" },
	[VL_PERM_BILLS] = { "BILLS", "/bills" },
	[VL_PERM_CALENDAR] = { "CALENDAR", "/calendar" },
	[VL_PERM_TASKS] = { "TASKS", "/tasks" },
	[VL_PERM_NOTES] = { "NOTES", "/notes" },
	[VL_PERM_FORMS] = { "FORMS", "/forms" },
};

const char *
vl_portal_client_href(struct vl_pool *pool, const struct vl_client_portal *p,
    enum vl_portal_perm kind)
{
	return vl_pool_printf(pool, "/portal/matters/%lld%s", (long long)p->matter,
	    (unsigned)kind < VL_PERM__MAX ? client_tabs[kind].path : "");
}

void
vl_portal_client_tabs(struct vl_pool *pool, struct vl_tpl *d, const struct vl_client_portal *p,
    enum vl_portal_perm current)
{
	struct vl_tpl	*inc, *t;
	size_t		 i;

	inc = vl_tpl_include(d, "PORTAL_TABS", "_portal_tabs.tpl");
	for (i = 0; i < VL_PERM__MAX; i++) {
		if (!p->perm[i])
			continue;
		t = vl_tpl_section(inc, "TAB");
		vl_tpl_set(t, "HREF", vl_portal_client_href(pool, p, (enum vl_portal_perm)i));
		vl_tpl_show(t, client_tabs[i].section);
		if (i == (size_t)current)
			vl_tpl_show(t, "CURRENT");
	}
}

enum vl_rc
vl_portal_set_perms(struct vl_ctx *c, int64_t matter, int64_t portal, const int on[VL_PERM__MAX])
{
	enum vl_rc	 rc;

	rc = vl_db_exec(STMT_PORTAL_PERMS, NULL, NULL, "iiiiiiiii",
	    (int64_t)(on[VL_PERM_MESSAGES] != 0), (int64_t)(on[VL_PERM_DOCUMENTS] != 0),
	    (int64_t)(on[VL_PERM_BILLS] != 0), (int64_t)(on[VL_PERM_CALENDAR] != 0),
	    (int64_t)(on[VL_PERM_TASKS] != 0), (int64_t)(on[VL_PERM_NOTES] != 0),
	    (int64_t)(on[VL_PERM_FORMS] != 0), c->firm_id, portal);
	if (rc == VL_OK)
		vl_audit(c, "portal_permissions", "matter", matter);
	return rc;
}

enum vl_rc
vl_portal_open(struct vl_ctx *c, const struct vl_matter *m)
{
	uint64_t	 opened = 0;
	int64_t		 portal;
	enum vl_rc	 rc;

	rc = vl_db_begin();
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_PORTAL_OPEN, NULL, &opened, "iii", c->firm_id, m->id, c->user_id);
	if (rc == VL_CONFLICT) {	/* already open: fine */
		vl_db_rollback();
		return VL_OK;
	}
	/* The matter's client takes part by default. */
	portal = (int64_t)opened;
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", c->firm_id, portal,
		    c->firm_id, m->client_id);
	if (rc == VL_OK)
		rc = vl_portal_event(c->firm_id, portal, VL_EV_PARTICIPANT_ADDED, m->client_id, "");
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "portal_opened", "matter", m->id);
	return VL_OK;
}

enum vl_rc
vl_portal_participant(struct vl_ctx *c, int64_t portal, int64_t contact, int add)
{
	uint64_t	 n = 0;
	int64_t		 archived = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (add)
		rc = vl_db_exec(STMT_PARTICIPANT_ADD, &n, NULL, "iiii", c->firm_id, portal,
		    c->firm_id, contact);
	else
		rc = vl_db_exec(STMT_PARTICIPANT_REMOVE, &n, NULL, "iii", c->firm_id, portal,
		    contact);
	/* Not a contact of this firm, or not taking part; an archived contact
	 * (a former client) is refused until the firm restores it. */
	if (rc == VL_OK && n == 0 && add &&
	    vl_db_row(c->pool, STMT_CONTACT_ARCHIVED, "ii", "i", c->firm_id, contact,
	    &archived) == VL_OK && archived)
		rc = VL_INVALID;
	else if (rc == VL_OK && n == 0)
		rc = VL_DECLINED;
	/* Access ends at once: the person's sessions and open links go with it. */
	if (rc == VL_OK && !add)
		rc = vl_account_revoke(c->firm_id, contact);
	if (rc == VL_OK)
		rc = vl_portal_event(c->firm_id, portal, add ? VL_EV_PARTICIPANT_ADDED :
		    VL_EV_PARTICIPANT_REMOVED, contact, "");
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, add ? "add_participant" : "remove_participant", "contact", contact);
	return VL_OK;
}

/* An invitation for contact unless one is still open (F-B3); it goes to
 * the login email on file (vl_account_link). */
static enum vl_rc
invite(struct vl_ctx *c, int64_t firm, int64_t contact, const char *email, const char *matter)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	char		*name = NULL, *login = NULL;
	int64_t		 pending = 0;
	enum vl_rc	 rc;

	(void)email;	/* read again, inside this transaction, by vl_account_link */
	if ((rc = vl_db_exec(STMT_ACCOUNT_ENSURE, NULL, NULL, "ii", firm, contact)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_INVITE_PENDING, "ii", "i", firm, contact, &pending)) != VL_OK)
		return rc;
	if (pending > 0)
		return VL_OK;
	if ((rc = vl_db_row(c->pool, STMT_CONTACT_NAME, "ii", "ss", firm, contact, &name, &login)) != VL_OK)
		return rc;
	vl_buf_add_param(&payload, "name", name);
	vl_buf_add_param(&payload, "matter", matter);
	rc = vl_account_link(c, firm, contact, VL_MAIL_INVITATION, &payload);
	vl_buf_release(&payload);
	return rc;
}

/* One person to tell; the list is read whole before any row is written. */
struct who {
	int64_t		 contact, active;
	char		*email;
	struct who	*next;
};

enum vl_rc
vl_portal_tell_clients(struct vl_ctx *c, int64_t portal, int64_t matter_id, const char *matter,
    enum vl_portal_perm kind, const char *what, int64_t except, const char *preview)
{
	struct vl_rows	*rows;
	struct vl_buf	 payload = VL_BUF_INIT;
	struct who	*list = NULL, **tail = &list, *w;
	int64_t		 firm = c->firm_id, perm[VL_PERM__MAX] = { 0 }, contact, active;
	char		*email;
	enum vl_rc	 rc;
	int		 got;

	/* No email (nor invitation) about an item the clients cannot open. */
	if ((unsigned)kind >= VL_PERM__MAX)
		return VL_ERR;
	if ((rc = vl_db_row(c->pool, STMT_PORTAL_PERM_OF, "ii", "iiiiiii", firm, portal,
	    &perm[0], &perm[1], &perm[2], &perm[3], &perm[4], &perm[5], &perm[6])) != VL_OK)
		return rc;
	if (!perm[kind])
		return VL_OK;
	if ((rc = vl_db_query(c->pool, STMT_PORTAL_RECIPIENTS, &rows, "ii", firm, portal)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "isi", &contact, &email, &active)) > 0) {
		if (email == NULL || contact == except)
			continue;
		w = vl_pool_calloc(c->pool, 1, sizeof(*w));
		w->contact = contact;
		w->email = email;
		w->active = active;
		*tail = w;
		tail = &w->next;
	}
	if (got < 0)
		return VL_ERR;
	vl_buf_add_param(&payload, "matter", matter);
	vl_buf_add_param(&payload, "what", what);
	if (preview != NULL && *preview != '\0')
		vl_buf_add_param(&payload, "preview", preview);
	vl_buf_add_param(&payload, "when", vl_tz_when(c, (int64_t)time(NULL)));
	vl_buf_add_param(&payload, "link", vl_pool_printf(c->pool, "%s/portal/matters/%lld",
	    vl_conf.base_url, (long long)matter_id));
	for (w = list, rc = VL_OK; w != NULL && rc == VL_OK; w = w->next)
		rc = w->active ?
		    vl_notify_coalesced(c->pool, firm, VL_MAIL_CLIENT_ITEMS, w->email, payload.buf) :
		    invite(c, firm, w->contact, w->email, matter);
	vl_buf_release(&payload);
	return rc;
}

enum vl_rc
vl_portal_tell_firm(struct vl_ctx *c, int64_t portal, int64_t matter_id, const char *matter,
    const char *what, const char *preview)
{
	struct vl_rows	*rows;
	struct vl_buf	 payload = VL_BUF_INIT;
	struct who	*list = NULL, **tail = &list, *w;
	int64_t		 firm = c->firm_id;
	char		*email;
	enum vl_rc	 rc;
	int		 got;

	if ((rc = vl_db_query(c->pool, STMT_FIRM_PARTICIPANTS, &rows, "iiiiiii", firm, portal,
	    portal, portal, portal, firm, portal)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "s", &email)) > 0) {
		w = vl_pool_calloc(c->pool, 1, sizeof(*w));
		w->email = email;
		*tail = w;
		tail = &w->next;
	}
	if (got < 0)
		return VL_ERR;
	vl_buf_add_param(&payload, "matter", matter);
	vl_buf_add_param(&payload, "who", c->name);
	vl_buf_add_param(&payload, "what", what);
	if (preview != NULL && *preview != '\0')
		vl_buf_add_param(&payload, "preview", preview);
	vl_buf_add_param(&payload, "when", vl_tz_when(c, (int64_t)time(NULL)));
	vl_buf_add_param(&payload, "link", vl_pool_printf(c->pool, "%s/matters/%lld/portal",
	    vl_conf.base_url, (long long)matter_id));
	for (w = list, rc = VL_OK; w != NULL && rc == VL_OK; w = w->next)
		rc = vl_notify_coalesced(c->pool, firm, VL_MAIL_FIRM_ITEMS, w->email, payload.buf);
	vl_buf_release(&payload);
	return rc;
}

/*
 * A GET that shows or opens an item counts as the client reading it only
 * when the client got there by their own doing: a page of the portal
 * (Sec-Fetch-Site "same-origin") or a typed address, a bookmark or a link
 * in a mail program ("none").  A link on another site ("cross-site", or
 * "same-site" from a neighbouring host) could otherwise mark a client's
 * messages read, since the session cookie is SameSite=Lax and rides along on
 * top-level navigations.  Browsers without Fetch Metadata send no header at
 * all; for them the read is recorded as before.
 */
int
vl_portal_own_navigation(struct vl_req *r)
{
	const char	*site = vl_req_env(r, "HTTP_SEC_FETCH_SITE");

	return site == NULL || strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
}

enum vl_rc
vl_portal_mute(struct vl_ctx *c, int64_t portal, int on)
{
	if (c->user_id == 0)
		return VL_FORBIDDEN;
	return vl_db_exec(on ? STMT_PORTAL_MUTE : STMT_PORTAL_UNMUTE, NULL, NULL, "iii",
	    c->firm_id, portal, c->user_id);
}

enum vl_rc
vl_portal_download(struct vl_ctx *c, int64_t portal, int64_t doc, const char *name, int read)
{
	uint64_t	 fresh = 0;
	enum vl_rc	 rc;

	if (c->contact_id == 0)
		return VL_FORBIDDEN;
	if (read) {
		if ((rc = vl_db_exec(STMT_READ_INSERT, &fresh, NULL, "iiisi", c->firm_id, portal,
		    c->contact_id, "document", doc)) != VL_OK)
			return rc;
		/* Only the first open is an event for the firm. */
		if (fresh != 0 && (rc = vl_portal_event(c->firm_id, portal, VL_EV_READ_DOCUMENT,
		    c->contact_id, vl_pool_printf(c->pool, ": %s", name))) != VL_OK)
			return rc;
	}
	vl_audit(c, "client_download", "document", doc);
	return VL_OK;
}
