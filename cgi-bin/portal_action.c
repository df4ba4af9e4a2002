/*
 * Changes to a matter's client portal: POST /matters/<id>/portal/action.
 *   open                      open the portal (never closed again; F-B1)
 *   add_participant contact   remove_participant contact   set_email contact email
 *   permissions perm_messages perm_documents               mute   unmute
 *   send body [document | file | folder]
 *   delete_message message    share document | folder      unshare share
 * Every change, its portal event and its outbox rows commit together.
 * The composer may carry a new upload, so the body cap is 100 MB.  GET
 * with op and its id shows the confirmation of delete_message,
 * remove_participant and unshare (lib/share.c).
 */
#include <string.h>

#include "vellum.h"

enum field { F_OP, F_CONTACT, F_EMAIL, F_BODY, F_DOC, F_FOLDER, F_MESSAGE, F_SHARE,
    F_P_MESSAGES, F_P_DOCUMENTS, FIELD__MAX };

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
};

#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

static enum vl_rc
back(struct vl_req *r, int64_t mid, const char *view, const char *notice)
{
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/portal?%snotice=%s",
	    (long long)mid, view, notice));
	return VL_OK;
}

static enum vl_rc
refuse(struct vl_req *r, enum vl_rc rc, const char *msg)
{
	vl_out_error(r, rc, msg);
	return VL_OK;
}

static enum vl_rc
send(struct vl_req *r, const struct vl_matter *m, int64_t portal)
{
	const char	*body = r->fields[F_BODY].val ? r->fields[F_BODY].val : "";
	int64_t		 doc = NUM(F_DOC), folder = NUM(F_FOLDER), dmid = 0, x;
	struct vl_stored st = { .key = "" };
	uint64_t	 msg = 0;
	char		*name;
	int		 nattach = (doc != 0) + (folder != 0) + (r->uploads != NULL);
	enum vl_rc	 rc;

	if (*body == '\0' && nattach == 0)
		return refuse(r, VL_INVALID, "Write a message, or attach a document.");
	if (nattach > 1 || (r->uploads && r->uploads->next))
		return refuse(r, VL_INVALID, "A message carries one attachment: a document, "
		    "a new upload, or a whole folder.");
	/* Only a document or folder of this matter can go with the message. */
	if (doc && (vl_db_row(r->pool, STMT_DOC_GET, "ii", "iissss", r->sess->firm_id, doc,
	    &dmid, &x, &name, &x, &name, &name) != VL_OK || dmid != m->id))
		return VL_DECLINED;
	if (vl_matter_folder(r, m->id, folder) != VL_OK)
		return VL_DECLINED;
	/* A new upload is stored (pending) before the transaction. */
	if (r->uploads && (rc = vl_doc_store(r, r->uploads, &st)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_db_begin()) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if (r->uploads && (rc = vl_doc_record(r, m->id, 0, &st, r->sess->user_id, &doc)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_db_exec(STMT_MESSAGE_INSERT, NULL, &msg, "iiiisii", r->sess->firm_id, portal,
	    r->sess->user_id, (int64_t)0, body, doc, folder)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	/* What the message carries is shared with it, in "Shared resources" too. */
	if ((rc = vl_share_attach(r, portal, (int64_t)msg, doc, folder, r->sess->user_id)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_portal_tell_clients(r, portal, m->id, m->number, VL_ITEM_MESSAGE,
	    "a new message", 0)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_db_commit()) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 1, rc);
	vl_audit(r, "portal_message_sent", "matter", m->id);
	return back(r, m->id, "", "sent");
}

static enum vl_rc
share(struct vl_req *r, const struct vl_matter *m)
{
	int64_t		 doc = NUM(F_DOC), folder = NUM(F_FOLDER);
	enum vl_rc	 rc;

	if ((doc != 0) == (folder != 0))
		return refuse(r, VL_INVALID, "Choose one document or one folder to share.");
	if ((rc = vl_share_add(r, m, doc != 0, doc ? doc : folder)) != VL_OK)
		return rc;
	return back(r, m->id, "view=shared&", "shared");
}

static enum vl_rc
participant(struct vl_req *r, const struct vl_matter *m, int64_t portal, const char *op)
{
	int64_t		 contact = NUM(F_CONTACT);
	const char	*email = r->fields[F_EMAIL].val;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if (contact == 0)
		return VL_INVALID;
	if (strcmp(op, "set_email") == 0) {
		const char *msg;
		/* The login email's rules (one per firm, links voided) live in lib. */
		rc = vl_account_set_login(r, contact, email, &msg);
		if (rc == VL_INVALID || rc == VL_CONFLICT)
			return refuse(r, rc, msg);
		return rc != VL_OK ? rc : back(r, m->id, "", "email");
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (strcmp(op, "add_participant") == 0) {
		rc = vl_db_exec(STMT_PARTICIPANT_ADD, &n, NULL, "iiii", r->sess->firm_id, portal,
		    r->sess->firm_id, contact);
		if (rc == VL_OK && n == 0)
			rc = VL_DECLINED;	/* not a contact of this firm */
		if (rc == VL_OK)
			rc = vl_portal_event(r->sess->firm_id, portal, "participant_added", contact, "");
	} else if (strcmp(op, "remove_participant") == 0) {
		rc = vl_db_exec(STMT_PARTICIPANT_REMOVE, &n, NULL, "iii", r->sess->firm_id, portal, contact);
		if (rc == VL_OK && n == 0)
			rc = VL_DECLINED;
		/* Access ends at once: the person's sessions and open links go with it. */
		if (rc == VL_OK)
			rc = vl_account_revoke(r->sess->firm_id, contact);
		if (rc == VL_OK)
			rc = vl_portal_event(r->sess->firm_id, portal, "participant_removed", contact, "");
	}
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(r, op, "contact", contact);
	return back(r, m->id, "", strcmp(op, "add_participant") == 0 ? "added" : "removed");
}

/* GET: the "Are you sure...?" page of delete_message, remove_participant
 * and unshare, whose form posts here (the confirmations without script). */
static enum vl_rc
get(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	int64_t		 mid, portal, id;
	struct vl_matter m;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r, mid, &m)) != VL_OK ||
	    (rc = vl_db_row(r->pool, STMT_PORTAL_ID, "ii", "i", r->sess->firm_id, mid, &portal)) != VL_OK)
		return rc;
	id = strcmp(op, "delete_message") == 0 ? NUM(F_MESSAGE) :
	    strcmp(op, "remove_participant") == 0 ? NUM(F_CONTACT) : NUM(F_SHARE);
	return vl_share_confirm_portal(r, &m, portal, op, id);
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	int64_t		 mid, portal, perm[7];
	struct vl_matter m;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r, mid, &m)) != VL_OK)
		return rc;
	if (strcmp(op, "open") == 0) {
		uint64_t opened = 0;
		rc = vl_db_begin();
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_PORTAL_OPEN, NULL, &opened, "iii", r->sess->firm_id, mid,
			    r->sess->user_id);
		if (rc == VL_CONFLICT) {	/* already open: fine */
			vl_db_rollback();
			return back(r, mid, "", "opened");
		}
		/* The matter's client takes part by default. */
		portal = (int64_t)opened;
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_PARTICIPANT_ADD, NULL, NULL, "iiii", r->sess->firm_id,
			    portal, r->sess->firm_id, m.client_id);
		if (rc == VL_OK)
			rc = vl_portal_event(r->sess->firm_id, portal, "participant_added", m.client_id, "");
		if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
			vl_db_rollback();
			return rc;
		}
		vl_audit(r, "portal_opened", "matter", mid);
		return back(r, mid, "", "opened");
	}
	if ((rc = vl_db_row(r->pool, STMT_PORTAL_GET, "ii", "iiiiiiii", r->sess->firm_id, mid,
	    &portal, &perm[0], &perm[1], &perm[2], &perm[3], &perm[4], &perm[5], &perm[6])) != VL_OK)
		return rc;
	if (strcmp(op, "send") == 0)
		return send(r, &m, portal);
	if (strcmp(op, "share") == 0)
		return share(r, &m);
	if (strcmp(op, "add_participant") == 0 || strcmp(op, "remove_participant") == 0 ||
	    strcmp(op, "set_email") == 0)
		return participant(r, &m, portal, op);
	if (strcmp(op, "delete_message") == 0) {
		if ((rc = vl_share_delete_message(r, portal, NUM(F_MESSAGE))) != VL_OK)
			return rc;
		return back(r, mid, "", "deleted");
	}
	/* Ends every share of the item, directly made or with messages. */
	if (strcmp(op, "unshare") == 0) {
		if ((rc = vl_share_stop_id(r, &m, portal, NUM(F_SHARE))) != VL_OK)
			return rc;
		return back(r, mid, "view=shared&", "unshared");
	}
	if (strcmp(op, "permissions") == 0) {
		if ((rc = vl_db_exec(STMT_PORTAL_PERMS, NULL, NULL, "iiii", NUM(F_P_MESSAGES),
		    NUM(F_P_DOCUMENTS), r->sess->firm_id, portal)) != VL_OK)
			return rc;
		vl_audit(r, "portal_permissions", "matter", mid);
		return back(r, mid, "", "perms");
	}
	/* A firm user's own choice: no email about this portal, or again. */
	if (strcmp(op, "mute") == 0 || strcmp(op, "unmute") == 0) {
		if ((rc = vl_db_exec(op[0] == 'm' ? STMT_PORTAL_MUTE : STMT_PORTAL_UNMUTE, NULL, NULL,
		    "iii", r->sess->firm_id, portal, r->sess->user_id)) != VL_OK)
			return rc;
		return back(r, mid, "", op[0] == 'm' ? "muted" : "unmuted");
	}
	return VL_INVALID;
}

static const struct vl_app app = {
	.name = "portal_action",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.max_body = 100ULL * 1024 * 1024,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
