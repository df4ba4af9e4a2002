/*
 * Messages in a matter's portal (SPEC F-B5, F-B6): one function posts a
 * message, whoever writes it.  A firm user writes into the open portal of
 * a matter of the firm, with at most one attachment: a document or folder
 * of the matter, or a new upload (kept at the top level).  A client writes
 * into a portal they take part in, when its permissions allow messages,
 * with at most one new upload, which lands in the matter's "Client
 * uploads" folder.  The message, the share of what it carries, the mails
 * to the other side and the audit row commit together; an upload is
 * stored before the transaction (lib/store.c says why).
 */
#include "vellum.h"
#include "matter.h"
#include "audit.h"
#include "portal.h"
#include "doc.h"
#include "share.h"
#include "msg.h"
#include "settings.h"

/* The matter and its portal, if the actor may write there. */
static enum vl_rc
where(struct vl_ctx *c, int64_t matter, struct vl_matter *m, int64_t *portal)
{
	struct vl_client_portal	 cp;
	enum vl_rc		 rc;

	if (c->contact_id != 0) {
		m->id = matter;
		if ((rc = vl_portal_of_client(c, matter, &cp)) != VL_OK)
			return rc;
		*portal = cp.portal;
		m->number = cp.number;
		m->description = cp.description;
		return cp.perm[VL_PERM_MESSAGES] ? VL_OK : VL_FORBIDDEN;
	}
	if (c->user_id == 0)
		return VL_FORBIDDEN;
	if ((rc = vl_matter_load(c, matter, m)) != VL_OK)
		return rc;
	return vl_db_row(c->pool, STMT_PORTAL_ID, "ii", "i", c->firm_id, matter, portal);
}

/* Only a document or folder of this matter goes with the message, and
 * only a firm user's. */
static enum vl_rc
attachable(struct vl_ctx *c, const struct vl_matter *m, int64_t doc, int64_t folder)
{
	int64_t		 dmid = 0, x;
	char		*s;

	if (doc == 0 && folder == 0)
		return VL_OK;
	if (c->contact_id != 0)
		return VL_FORBIDDEN;
	if (doc != 0 && (vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id, doc,
	    &dmid, &x, &s, &x, &s, &s) != VL_OK || dmid != m->id))
		return VL_DECLINED;
	return vl_matter_folder(c, m->id, folder) == VL_OK ? VL_OK : VL_DECLINED;
}

/* Records the stored upload: a client's in "Client uploads" (made when the
 * matter has none yet), a firm user's at the top level. */
static enum vl_rc
record(struct vl_ctx *c, int64_t matter, const struct vl_stored *st, int64_t *doc)
{
	int64_t		 folder = 0;
	uint64_t	 id;
	enum vl_rc	 rc = VL_OK;

	if (c->contact_id != 0) {
		rc = vl_db_row(c->pool, STMT_UPLOADS_FOLDER, "ii", "i", c->firm_id, matter, &folder);
		if (rc == VL_DECLINED && (rc = vl_db_exec(STMT_FOLDER_INSERT, NULL, &id, "iiis",
		    c->firm_id, matter, (int64_t)0, "Client uploads")) == VL_OK)
			folder = (int64_t)id;
	}
	if (rc != VL_OK)
		return rc;
	return vl_doc_record(c, matter, folder, st, c->user_id, doc);
}

/* A firm user's message is news for the clients; a client's for the firm
 * and for the other clients. */
static enum vl_rc
tell(struct vl_ctx *c, const struct vl_matter *m, int64_t portal, int64_t doc, const char *body)
{
	const char	*what = doc ? "a message with a document" : "a message";
	/* The message's first words, if the firm lets its mails carry them. */
	const char	*preview = vl_settings_preview(c, body);
	enum vl_rc	 rc;

	if (c->contact_id == 0)
		return vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_MESSAGES,
		    "a new message", 0, preview);
	if ((rc = vl_portal_tell_firm(c, portal, m->id, m->number, what, preview)) != VL_OK)
		return rc;
	return vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_MESSAGES,
	    vl_pool_printf(c->pool, "%s from %s", what, c->name), c->contact_id, preview);
}

enum vl_rc
vl_msg_post(struct vl_ctx *c, int64_t matter, const struct vl_msg_new *n, const char **why)
{
	const char	*body = n->body != NULL ? n->body : "";
	struct vl_stored st = { .key = "" };
	struct vl_matter m;
	int64_t		 portal = 0, doc = n->doc;
	uint64_t	 msg = 0;
	int		 nattach = (n->doc != 0) + (n->folder != 0) + (n->upload != NULL);
	enum vl_rc	 rc;

	*why = NULL;
	if ((rc = where(c, matter, &m, &portal)) != VL_OK)
		return rc;
	if (*body == '\0' && nattach == 0) {
		*why = "Write a message, or attach a document.";
		return VL_INVALID;
	}
	if (nattach > 1 || (n->upload != NULL && n->upload->next != NULL)) {
		*why = c->contact_id != 0 ? "Attach one document per message." :
		    "A message carries one attachment: a document, a new upload, or a whole folder.";
		return VL_INVALID;
	}
	if ((rc = attachable(c, &m, n->doc, n->folder)) != VL_OK)
		return rc;
	if (n->upload != NULL && (rc = vl_doc_store(c, n->upload, &st)) != VL_OK)
		goto fail;
	if ((rc = vl_db_begin()) != VL_OK ||
	    (n->upload != NULL && (rc = record(c, m.id, &st, &doc)) != VL_OK))
		goto fail;
	/* What the message carries is shared with it, in "Shared resources" too. */
	if ((rc = vl_db_exec(STMT_MESSAGE_INSERT, NULL, &msg, "iiiisii", c->firm_id, portal,
	    c->user_id, c->contact_id, body, doc, n->folder)) != VL_OK ||
	    (rc = vl_share_attach(c, portal, (int64_t)msg, doc, n->folder, c->user_id)) != VL_OK ||
	    (rc = tell(c, &m, portal, doc, body)) != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	vl_audit(c, c->contact_id != 0 ? "client_message" : "portal_message_sent", "matter", m.id);
	return VL_OK;
fail:
	/* A new upload's file goes with the request's pool. */
	vl_db_rollback();
	return rc;
}
