/*
 * Sharing documents and folders into a matter's portal (SPEC F-A5, F-B6),
 * and ending shares.  A share is made directly (Shared resources, or the
 * Documents subtab) or by a message that carries the item; either way it is
 * listed in Shared resources, and "Stop sharing" ends every live share of
 * the item at once, so the client can no longer open it however it came.
 * Deleting the message ends the shares it made; deleting an item ends its
 * shares (lib/doc.c).  Each change and its portal event commit together.
 *
 * The actions that take access away ask first ("Are you sure...?" pages
 * of portal_action and docs_action, through vl_matter_confirm).
 */
#include <string.h>

#include "vellum.h"
#include "event.h"
#include "matter.h"
#include "audit.h"
#include "portal.h"
#include "share.h"

const char *
vl_share_item_name(struct vl_ctx *c, int64_t mid, int doc, int64_t id)
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
	int64_t		 portal, firm = c->firm_id, locked = 0, live = 0;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = portal_id(c, m, &portal)) != VL_OK)
		return rc;
	if ((name = vl_share_item_name(c, m->id, doc, id)) == NULL)
		return VL_DECLINED;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* The item's row locked first: shares of one item made at once queue. */
	rc = vl_db_row(c->pool, doc ? STMT_SHARE_LOCK_DOCUMENT : STMT_SHARE_LOCK_FOLDER, "iii", "i",
	    firm, m->id, id, &locked);
	if (rc == VL_OK)
		rc = vl_db_row(c->pool, doc ? STMT_SHARE_LIVE_DOCUMENT : STMT_SHARE_LIVE_FOLDER,
		    "iii", "i", firm, portal, id, &live);
	if (rc == VL_OK && live == 0)
		rc = vl_db_exec(doc ? STMT_SHARE_DOCUMENT : STMT_SHARE_FOLDER, &n, NULL, "iiii",
		    firm, portal, id, c->user_id);
	/* Already shared (directly or with a message): nothing new to tell. */
	if (rc == VL_OK && n == 1)
		rc = vl_portal_event(firm, portal, VL_EV_SHARED, 0, vl_pool_printf(c->pool, ": %s", name));
	if (rc == VL_OK && n == 1)
		rc = vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_DOCUMENTS,
		    doc ? "a shared document" : "a shared folder", 0, NULL);
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
	if ((name = vl_share_item_name(c, m->id, doc, id)) == NULL)
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
