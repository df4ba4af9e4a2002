/*
 * Changes to a matter's client portal: POST /matters/<id>/portal/action
 * with an op of the table ops[] below; opening is for good (F-B1).
 * Every change, its portal event and its outbox rows commit together.
 * The composer may carry a new upload, so the body cap is 100 MB.
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "portal.h"
#include "share.h"
#include "msg.h"
#include "account.h"
#include "store.h"

enum field { F_OP, F_CONTACT, F_EMAIL, F_BODY, F_DOC, F_FOLDER, F_MESSAGE, F_SHARE,
    F_P_MESSAGES, F_P_DOCUMENTS, F_P_BILLS, F_P_CALENDAR, F_P_TASKS, F_P_NOTES, F_P_FORMS,
    FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 32 },
	{ "contact", VL_V_ID, 20 },
	{ "email", VL_V_LINE, 254 },	/* normalised by vl_account_set_login */
	{ "body", VL_V_STRING, 20000 },
	{ "document", VL_V_INT, 20 },
	{ "folder", VL_V_INT, 20 },
	{ "message", VL_V_ID, 20 },
	{ "share", VL_V_ID, 20 },
	{ "perm_messages", VL_V_BOOL, 2 },
	{ "perm_documents", VL_V_BOOL, 2 },
	{ "perm_bills", VL_V_BOOL, 2 },
	{ "perm_calendar", VL_V_BOOL, 2 },
	{ "perm_tasks", VL_V_BOOL, 2 },
	{ "perm_notes", VL_V_BOOL, 2 },
	{ "perm_forms", VL_V_BOOL, 2 },
};

#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

static enum vl_rc
refuse(struct vl_req *r, enum vl_rc rc, const char *msg)
{
	vl_out_error(r, rc, msg);
	return VL_OK;
}

/* The message's rules (who, what it carries, who is told) live in lib/msg.c. */
static enum vl_rc
send(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	struct vl_msg_new n = { .body = r->fields[F_BODY].val, .doc = NUM(F_DOC),
	    .folder = NUM(F_FOLDER), .upload = r->uploads };
	const char	*why;
	enum vl_rc	 rc;

	if ((rc = vl_msg_post(r->ctx, m->id, &n, &why)) == VL_INVALID)
		return refuse(r, rc, why);
	return rc;
}

static enum vl_rc
share(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	int64_t		 doc = NUM(F_DOC), folder = NUM(F_FOLDER);

	if ((doc != 0) == (folder != 0))
		return refuse(r, VL_INVALID, "Choose one document or one folder to share.");
	return vl_share_add(r->ctx, m, doc != 0, doc ? doc : folder);
}

/* The login email's rules (one per firm, links voided) live in lib. */
static enum vl_rc
set_email(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	int64_t		 contact = NUM(F_CONTACT);
	const char	*msg;
	enum vl_rc	 rc;

	if (contact == 0)
		return VL_INVALID;
	rc = vl_account_set_login(r->ctx, contact, r->fields[F_EMAIL].val, &msg);
	if (rc == VL_INVALID || rc == VL_CONFLICT)
		return refuse(r, rc, msg);
	return rc;
}

static enum vl_rc
participant(struct vl_req *r, const struct vl_matter *m, int64_t portal, int add)
{
	int64_t		 contact = NUM(F_CONTACT);

	enum vl_rc	 rc;

	if (contact == 0)
		return VL_INVALID;
	if ((rc = vl_portal_participant(r->ctx, portal, contact, add)) == VL_INVALID)
		return refuse(r, rc, "This contact is archived. Restore it on its page to add it "
		    "to the portal.");
	return rc;
}

static enum vl_rc
open_portal(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	return vl_portal_open(r->ctx, m);
}

static enum vl_rc
delete_message(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	return vl_share_delete_message(r->ctx, portal, NUM(F_MESSAGE));
}

/* Ends every share of the item, directly made or with messages. */
static enum vl_rc
unshare(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	return vl_share_stop_id(r->ctx, m, portal, NUM(F_SHARE));
}

/* One box a permission; the fields are named perm_<name> after the table. */
static enum vl_rc
permissions(struct vl_req *r, const struct vl_matter *m, int64_t portal, int arg)
{
	int	 on[VL_PERM__MAX];
	size_t	 i;

	/* The perm_ fields follow the order of enum vl_portal_perm. */
	for (i = 0; i < VL_PERM__MAX; i++)
		on[i] = NUM(F_P_MESSAGES + i) != 0;
	return vl_portal_set_perms(r->ctx, m->id, portal, on);
}

/* A firm user's own choice: no email about this portal (mute 1), or again. */
static enum vl_rc
mute(struct vl_req *r, const struct vl_matter *m, int64_t portal, int on)
{
	return vl_portal_mute(r->ctx, portal, on);
}

/* The operations, one a line: the form's op, its handler and the handler's
 * argument, whether it needs the open portal, the field naming the item of
 * its "Are you sure...?" page (FIELD__MAX: none), and where a success goes
 * back to: the portal's view and the notice shown (templates/portal.tpl). */
static const struct op {
	const char	*name;
	enum vl_rc	(*fn)(struct vl_req *, const struct vl_matter *, int64_t, int);
	int		 arg, portal;
	enum field	 confirm;
	const char	*view, *notice;
} ops[] = {
	{ "open", open_portal, 0, 0, FIELD__MAX, "", "opened" },
	{ "send", send, 0, 1, FIELD__MAX, "", "sent" },
	{ "share", share, 0, 1, FIELD__MAX, "view=shared&", "shared" },
	{ "add_participant", participant, 1, 1, FIELD__MAX, "", "added" },
	{ "remove_participant", participant, 0, 1, F_CONTACT, "", "removed" },
	{ "set_email", set_email, 0, 1, FIELD__MAX, "", "email" },
	{ "delete_message", delete_message, 0, 1, F_MESSAGE, "", "deleted" },
	{ "unshare", unshare, 0, 1, F_SHARE, "view=shared&", "unshared" },
	{ "permissions", permissions, 0, 1, FIELD__MAX, "", "perms" },
	{ "mute", mute, 1, 1, FIELD__MAX, "", "muted" },
	{ "unmute", mute, 0, 1, FIELD__MAX, "", "unmuted" },
};

static const struct op *
find(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(name, ops[i].name) == 0)
			return &ops[i];
	return NULL;
}

/* The "Are you sure...?" page of an op that takes access away (nothing
 * changes until its form is posted).  VL_DECLINED for an unknown item,
 * VL_INVALID for an op without one. */
static enum vl_rc
confirm(struct vl_req *r, const struct vl_matter *m, int64_t portal, const char *op, int64_t id)
{
	const char	*back = vl_pool_printf(r->pool, "/matters/%lld/portal", (long long)m->id);
	const char	*f[] = { "op", op, NULL, vl_pool_printf(r->pool, "%lld", (long long)id), NULL };
	struct vl_confirm c = { NULL, NULL, vl_pool_printf(r->pool, "%s/action", back), back, f };
	char		*text;
	int64_t		 did, fid, firm = r->sess->firm_id;

	if (strcmp(op, "delete_message") == 0) {
		f[2] = "message";
		if (vl_db_row(r->pool, STMT_MESSAGE_GET, "iii", "s", firm, portal, id, &text) != VL_OK)
			return VL_DECLINED;
		c.button = "Delete message";
		c.question = "Are you sure you want to delete this message? It disappears for the "
		    "client, with its attachment.";
	} else if (strcmp(op, "remove_participant") == 0) {
		f[2] = "contact";
		if (vl_db_row(r->pool, STMT_PARTICIPANT_NAME, "iii", "s", firm, portal, id,
		    &text) != VL_OK)
			return VL_DECLINED;
		c.button = "Remove participant";
		c.question = vl_pool_printf(r->pool, "Are you sure you want to remove %s from this "
		    "portal? Their access ends at once.", text);
	} else if (strcmp(op, "unshare") == 0) {
		f[2] = "share";
		if (vl_db_row(r->pool, STMT_SHARE_GET, "iii", "iis", firm, portal, id, &did, &fid,
		    &text) != VL_OK)
			return VL_DECLINED;
		c.button = "Stop sharing";
		c.question = vl_pool_printf(r->pool, "Are you sure you want to stop sharing %s? "
		    "The client can no longer open it.", text);
		c.back = vl_pool_printf(r->pool, "%s?view=shared", back);
	} else
		return VL_INVALID;
	return vl_matter_confirm(r, m, "communications", c.button, &c);
}

/* GET: the "Are you sure...?" page of an op with one, whose form posts
 * here (the confirmations without script). */
static enum vl_rc
get(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	const struct op	*o = find(op);
	int64_t		 mid, portal;
	struct vl_matter m;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK ||
	    (rc = vl_db_row(r->pool, STMT_PORTAL_ID, "ii", "i", r->sess->firm_id, mid, &portal)) != VL_OK)
		return rc;
	/* Operations without a confirmation page are refused there. */
	return confirm(r, &m, portal, op,
	    o != NULL && o->confirm != FIELD__MAX ? NUM(o->confirm) : 0);
}

static enum vl_rc
post(struct vl_req *r)
{
	const struct op	*o = find(r->fields[F_OP].val);
	int64_t		 mid, portal = 0;
	struct vl_matter m;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || r->fields[F_OP].val == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK)
		return rc;
	/* An unknown op still answers "not found" for a portal never opened. */
	if ((o == NULL || o->portal) && (rc = vl_db_row(r->pool, STMT_PORTAL_ID, "ii", "i",
	    r->sess->firm_id, mid, &portal)) != VL_OK)
		return rc;
	if (o == NULL)
		return VL_INVALID;
	/* A handler that answered itself (a refusal) is not sent back. */
	if ((rc = o->fn(r, &m, portal, o->arg)) != VL_OK || r->sent)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/portal?%snotice=%s",
	    (long long)mid, o->view, o->notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "portal_action",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.max_body = 100ULL * 1024 * 1024,
	.sniff = vl_store_sniff_init,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
