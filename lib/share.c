/*
 * Sharing documents and folders into a matter's portal (SPEC F-A5, F-B6),
 * and ending shares.  A share is made directly (Shared resources, or the
 * Documents subtab) or by a message that carries the item; either way it is
 * listed in Shared resources, and "Stop sharing" ends every live share of
 * the item at once, so the client can no longer open it however it came.
 * Deleting the message ends the shares it made; deleting an item ends its
 * shares (lib/doc.c).  Each change and its portal event commit together.
 *
 * The actions that take access away ask first.  With JavaScript a dialog
 * asks; without it the list's button is a GET to the action's URL, which
 * shows an "Are you sure...?" page whose form posts (with its CSRF token)
 * to the same URL.
 */
#include <string.h>

#include "vellum.h"

static const char *
item_name(struct vl_ctx *c, int64_t mid, int doc, int64_t id)
{
	int64_t	 dmid, folder, size;
	char	*name = NULL, *mime, *key;

	if (doc) {
		if (vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id, id, &dmid,
		    &folder, &name, &size, &mime, &key) != VL_OK || dmid != mid)
			return NULL;
	} else if (vl_db_row(c->pool, STMT_FOLDER_GET, "iii", "si", c->firm_id, mid, id,
	    &name, &folder) != VL_OK)
		return NULL;
	return name;
}

static enum vl_rc
portal_id(struct vl_ctx *c, const struct vl_matter *m, int64_t *portal)
{
	enum vl_rc	 rc;

	rc = vl_db_row(c->pool, STMT_PORTAL_ID, "ii", "i", c->firm_id, m->id, portal);
	return rc == VL_DECLINED ? VL_CONFLICT : rc;
}

enum vl_rc
vl_share_add(struct vl_ctx *c, const struct vl_matter *m, int doc, int64_t id)
{
	const char	*name;
	int64_t		 portal, firm = c->firm_id;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = portal_id(c, m, &portal)) != VL_OK)
		return rc;
	if ((name = item_name(c, m->id, doc, id)) == NULL)
		return VL_DECLINED;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_exec(doc ? STMT_SHARE_DOCUMENT : STMT_SHARE_FOLDER, &n, NULL, "iiiiiii", firm,
	    portal, c->user_id, firm, m->id, id, portal);
	/* Already shared (directly or with a message): nothing new to tell. */
	if (rc == VL_OK && n == 1)
		rc = vl_portal_event(firm, portal, VL_EV_SHARED, 0, vl_pool_printf(c->pool, ": %s", name));
	if (rc == VL_OK && n == 1)
		rc = vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_DOCUMENTS,
		    doc ? "a shared document" : "a shared folder", 0);
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "portal_shared", doc ? "document" : "folder", id);
	return VL_OK;
}

/* Ends every live share of one item; VL_DECLINED if there was none. */
static enum vl_rc
stop(struct vl_ctx *c, int64_t portal, int doc, int64_t id, const char *name)
{
	int64_t		 firm = c->firm_id;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_exec(STMT_SHARES_END_ITEM, &n, NULL, "iiii", firm, portal, doc ? id : 0,
	    doc ? 0 : id);
	if (rc == VL_OK && n == 0)
		rc = VL_DECLINED;
	if (rc == VL_OK)
		rc = vl_portal_event(firm, portal, VL_EV_UNSHARED, 0, vl_pool_printf(c->pool, ": %s", name));
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "portal_unshared", doc ? "document" : "folder", id);
	return VL_OK;
}

enum vl_rc
vl_share_stop(struct vl_ctx *c, const struct vl_matter *m, int doc, int64_t id)
{
	const char	*name;
	int64_t		 portal;
	enum vl_rc	 rc;

	if ((rc = portal_id(c, m, &portal)) != VL_OK)
		return rc == VL_CONFLICT ? VL_DECLINED : rc;
	if ((name = item_name(c, m->id, doc, id)) == NULL)
		return VL_DECLINED;
	return stop(c, portal, doc, id, name);
}

enum vl_rc
vl_share_stop_id(struct vl_ctx *c, const struct vl_matter *m, int64_t portal, int64_t share)
{
	int64_t		 did, fid;
	char		*name;
	enum vl_rc	 rc;

	(void)m;
	if ((rc = vl_db_row(c->pool, STMT_SHARE_GET, "iii", "iis", c->firm_id, portal, share,
	    &did, &fid, &name)) != VL_OK)
		return rc;
	return stop(c, portal, did != 0, did != 0 ? did : fid, name);
}

enum vl_rc
vl_share_attach(struct vl_ctx *c, int64_t portal, int64_t message, int64_t doc, int64_t folder,
    int64_t shared_by)
{
	if (doc == 0 && folder == 0)
		return VL_OK;
	return vl_db_exec(STMT_SHARE_ATTACHMENT, NULL, NULL, "iiiiii", c->firm_id, portal,
	    doc, folder, shared_by, message);
}

enum vl_rc
vl_share_delete_message(struct vl_ctx *c, int64_t portal, int64_t message)
{
	int64_t		 firm = c->firm_id;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_exec(STMT_MESSAGE_DELETE, &n, NULL, "iii", firm, portal, message);
	if (rc == VL_OK && n == 0)
		rc = VL_DECLINED;
	/* What the message shared (its attachment, its folder) goes with it. */
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_SHARES_END_MESSAGE, NULL, NULL, "iii", firm, portal, message);
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "portal_message_deleted", "message", message);
	return VL_OK;
}

static enum vl_rc
confirm(struct vl_req *r, const struct vl_matter *m, const char *title, const char *question,
    const char *button, const char *action, const char *back, const char *const *fields)
{
	struct vl_confirm	 cf = { question, button, action, back, fields };
	struct vl_tpl		*d;

	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", title, m->number));
	vl_matter_frame(r->pool, d, m, strstr(action, "/portal/") ? "communications" : "documents");
	return vl_page_confirm(r, d, &cf);
}

enum vl_rc
vl_share_confirm_portal(struct vl_req *r, const struct vl_matter *m, int64_t portal,
    const char *op, int64_t id)
{
	const char	*action = vl_pool_printf(r->pool, "/matters/%lld/portal/action", (long long)m->id);
	const char	*back = vl_pool_printf(r->pool, "/matters/%lld/portal", (long long)m->id);
	const char	*sid = vl_pool_printf(r->pool, "%lld", (long long)id);
	char		*text;
	int64_t		 did, fid;

	if (strcmp(op, "delete_message") == 0) {
		const char *f[] = { "op", op, "message", sid, NULL };
		if (vl_db_row(r->pool, STMT_MESSAGE_GET, "iii", "s", r->sess->firm_id, portal, id,
		    &text) != VL_OK)
			return VL_DECLINED;
		return confirm(r, m, "Delete message", "Are you sure you want to delete this message? "
		    "It disappears for the client, with its attachment.", "Delete message", action,
		    back, f);
	}
	if (strcmp(op, "remove_participant") == 0) {
		const char *f[] = { "op", op, "contact", sid, NULL };
		if (vl_db_row(r->pool, STMT_PARTICIPANT_NAME, "iii", "s", r->sess->firm_id, portal, id,
		    &text) != VL_OK)
			return VL_DECLINED;
		return confirm(r, m, "Remove participant", vl_pool_printf(r->pool, "Are you sure you "
		    "want to remove %s from this portal? Their access ends at once.", text),
		    "Remove participant", action, back, f);
	}
	if (strcmp(op, "unshare") == 0) {
		const char *f[] = { "op", op, "share", sid, NULL };
		if (vl_db_row(r->pool, STMT_SHARE_GET, "iii", "iis", r->sess->firm_id, portal, id,
		    &did, &fid, &text) != VL_OK)
			return VL_DECLINED;
		return confirm(r, m, "Stop sharing", vl_pool_printf(r->pool, "Are you sure you want to "
		    "stop sharing %s? The client can no longer open it.", text), "Stop sharing",
		    action, vl_pool_printf(r->pool, "%s?view=shared", back), f);
	}
	return VL_INVALID;
}

enum vl_rc
vl_share_confirm_docs(struct vl_req *r, const struct vl_matter *m, const char *op, int doc,
    int64_t id, int64_t folder)
{
	const char	*action = vl_pool_printf(r->pool, "/matters/%lld/documents/action", (long long)m->id);
	const char	*back = vl_pool_printf(r->pool, "/matters/%lld/documents?folder=%lld",
	    (long long)m->id, (long long)folder);
	const char	*f[] = { "op", op, "kind", doc ? "document" : "folder", "id",
	    vl_pool_printf(r->pool, "%lld", (long long)id), "folder",
	    vl_pool_printf(r->pool, "%lld", (long long)folder), NULL };
	const char	*name;
	int64_t		 portal;

	if ((name = item_name(r->ctx, m->id, doc, id)) == NULL)
		return VL_DECLINED;
	if (strcmp(op, "share") == 0) {
		if (portal_id(r->ctx, m, &portal) != VL_OK)
			return VL_CONFLICT;
		return confirm(r, m, "Share via client portal", vl_pool_printf(r->pool, "Are you sure "
		    "you want to share %s with the client portal of %s? Its participants can open %s "
		    "and are told by email.", name, m->number, doc ? "it" : "everything in it"),
		    "Share", action, back, f);
	}
	if (strcmp(op, "unshare") == 0)
		return confirm(r, m, "Stop sharing", vl_pool_printf(r->pool, "Are you sure you want to "
		    "stop sharing %s? The client can no longer open it.", name), "Stop sharing",
		    action, back, f);
	if (strcmp(op, "delete") == 0)
		return confirm(r, m, "Delete", vl_pool_printf(r->pool, doc ? "Are you sure you want "
		    "to delete %s?" : "Are you sure you want to delete the folder %s and everything "
		    "in it?", name), "Delete", action, back, f);
	return VL_INVALID;
}
