/*
 * A matter's documents and folders (SPEC F-A5): storing and recording
 * uploads, deleting trees, moving items.  Every statement binds the firm and
 * the matter, so a forged id changes nothing.
 *
 * An upload is stored (file renamed into the store, its key pending) before
 * the transaction that records it begins, and recorded inside it; see
 * lib/store.c for why that order survives a killed program or a lost COMMIT.
 */
#include <string.h>

#include "vellum.h"
#include "event.h"
#include "matter.h"
#include "store.h"
#include "portal.h"
#include "doc.h"
#include "audit.h"

enum vl_rc
vl_doc_record(struct vl_ctx *c, int64_t matter, int64_t folder, const struct vl_stored *s,
    int64_t uploaded_by, int64_t *doc_id)
{
	uint64_t	 id = 0;
	enum vl_rc	 rc;

	if ((rc = vl_store_claim(c->firm_id, s->key)) != VL_OK)
		return rc;
	rc = vl_db_exec(STMT_DOC_INSERT, NULL, &id, "iiisissi", c->firm_id, matter, folder,
	    s->name, (int64_t)s->size, s->mime, s->key, uploaded_by);
	if (doc_id != NULL)
		*doc_id = (int64_t)id;
	return rc;
}

enum vl_rc
vl_doc_folder_add(struct vl_ctx *c, const struct vl_matter *m, int64_t parent, const char *name)
{
	enum vl_rc	 rc;

	if (name == NULL || *name == '\0')
		return VL_INVALID;
	if ((rc = vl_matter_folder(c, m->id, parent)) != VL_OK ||
	    (rc = vl_db_exec(STMT_FOLDER_INSERT, NULL, NULL, "iiis", c->firm_id, m->id, parent,
	    name)) != VL_OK)
		return rc;
	vl_audit(c, "folder_created", "matter", m->id);
	return VL_OK;
}

enum vl_rc
vl_doc_rename(struct vl_ctx *c, const struct vl_matter *m, int doc, int64_t id, const char *name)
{
	int64_t		 dmid, dfolder, dsize;
	char		*dname, *dmime, *dkey;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if (name == NULL || *name == '\0')
		return VL_INVALID;
	if ((rc = vl_db_exec(doc ? STMT_DOC_RENAME : STMT_FOLDER_RENAME, &n, NULL, "siii",
	    name, c->firm_id, m->id, id)) != VL_OK)
		return rc;
	/* Renaming to the same name changes no row: check the item exists. */
	if (n == 0 && (doc ? vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id,
	    id, &dmid, &dfolder, &dname, &dsize, &dmime, &dkey) != VL_OK || dmid != m->id :
	    vl_matter_folder(c, m->id, id) != VL_OK))
		return VL_DECLINED;
	vl_audit(c, doc ? "document_renamed" : "folder_renamed", doc ? "document" : "folder", id);
	return VL_OK;
}

/* 1 if folder (0: the top level) lies in a folder shared into portal. */
static int
in_share(struct vl_ctx *c, int64_t matter, int64_t portal, int64_t folder, enum vl_rc *rc)
{
	int64_t	 yes = 0;

	if (portal == 0 || folder == 0)
		return 0;
	*rc = vl_db_row(c->pool, STMT_FOLDER_IN_SHARE, "iiiii", "i", c->firm_id, matter, folder,
	    c->firm_id, portal, &yes);
	return *rc == VL_OK && yes;
}

static int64_t
portal_of(struct vl_ctx *c, int64_t matter, enum vl_rc *rc)
{
	int64_t	 portal = 0;

	*rc = vl_db_row(c->pool, STMT_PORTAL_ID, "ii", "i", c->firm_id, matter, &portal);
	if (*rc == VL_DECLINED)
		*rc = VL_OK;
	return portal;
}

enum vl_rc
vl_doc_tell_shared(struct vl_ctx *c, const struct vl_matter *m, int64_t folder, int n)
{
	enum vl_rc	 rc = VL_OK;
	int64_t		 portal;
	int		 i;

	if (folder == 0 || (portal = portal_of(c, m->id, &rc)) == 0)
		return rc;
	if (!in_share(c, m->id, portal, folder, &rc))
		return rc;
	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_DOCUMENTS,
		    "a new document in a shared folder", 0, NULL);
	return rc;
}

/* Deepest folder first, each with the shares of what it holds. */
static enum vl_rc
delete_tree(struct vl_ctx *c, int64_t mid, int64_t id)
{
	struct vl_rows	*rows;
	int64_t		*ids, fid, firm = c->firm_id;
	size_t		 n = 0, cap = 16, i;
	enum vl_rc	 rc;

	if ((rc = vl_db_query(c->pool, STMT_FOLDER_TREE, &rows, "iii", firm, mid, id)) != VL_OK)
		return rc;
	ids = vl_pool_calloc(c->pool, cap, sizeof(*ids));
	while (vl_db_next(rows, "i", &fid) > 0) {
		if (n == cap) {
			int64_t *g = vl_pool_calloc(c->pool, cap * 2, sizeof(*g));
			memcpy(g, ids, n * sizeof(*g));
			ids = g;
			cap *= 2;
		}
		ids[n++] = fid;
	}
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	if (n == 0)
		return VL_DECLINED;
	for (i = 0, rc = VL_OK; i < n && rc == VL_OK; i++) {
		rc = vl_db_exec(STMT_SHARES_END_FOLDER, NULL, NULL, "iiii", firm, ids[i], firm, ids[i]);
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_FOLDER_DELETE, NULL, NULL, "iii", firm, mid, ids[i]);
	}
	return rc;
}

enum vl_rc
vl_doc_delete(struct vl_ctx *c, const struct vl_matter *m, int doc, int64_t id)
{
	struct vl_rows	*rows;
	char		*key, *name, *mime;
	int64_t		 dmid, dfolder, size, firm = c->firm_id;
	uint64_t	 gone = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* Each file leaves the disk once its row's deletion commits (a file
	 * whose row is gone while the COMMIT failed is the sweep's). */
	if (doc) {
		rc = vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", firm, id, &dmid, &dfolder,
		    &name, &size, &mime, &key);
		if (rc == VL_OK && dmid != m->id)
			rc = VL_DECLINED;
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_SHARES_END_DOCUMENT, NULL, NULL, "ii", firm, id);
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_DOC_DELETE, &gone, NULL, "iii", firm, m->id, id);
		if (rc == VL_OK && gone == 0)
			rc = VL_DECLINED;
		if (rc == VL_OK)
			rc = vl_store_remove_on_commit(c->pool, key);
	} else {
		if ((rc = vl_db_query(c->pool, STMT_FOLDER_KEYS, &rows, "iii", firm, m->id, id)) != VL_OK)
			goto fail;
		while (rc == VL_OK && vl_db_next(rows, "s", &key) > 0)
			rc = vl_store_remove_on_commit(c->pool, key);
		if (rc == VL_OK && vl_db_rows_failed(rows))
			rc = VL_ERR;
		if (rc == VL_OK)
			rc = delete_tree(c, m->id, id);
	}
	if (rc != VL_OK)
		goto fail;
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	/* The item is gone: its matter is named, for the log's filter. */
	vl_audit_in(c, m->id, doc ? "document_deleted" : "folder_deleted",
	    doc ? "document" : "folder", id);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

/* A document's folder, if the document belongs to matter mid. */
static enum vl_rc
doc_folder(struct vl_ctx *c, int64_t mid, int64_t id, int64_t *folder)
{
	int64_t		 dmid, size;
	char		*name, *mime, *key;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id, id, &dmid,
	    folder, &name, &size, &mime, &key)) != VL_OK)
		return rc;
	return dmid == mid ? VL_OK : VL_DECLINED;
}

/* Whether the item is open to the portal's clients through a shared folder
 * (a document: its folder; a folder: itself or one above it). */
static int
inherits(struct vl_ctx *c, int64_t mid, int64_t portal, int doc, int64_t id, enum vl_rc *rc)
{
	int64_t	 folder = id;

	if (doc && (*rc = doc_folder(c, mid, id, &folder)) != VL_OK)
		return 0;
	return in_share(c, mid, portal, folder, rc);
}

static enum vl_rc
share_change(struct vl_ctx *c, const struct vl_matter *m, int64_t portal, int doc, int64_t id,
    int now_shared)
{
	int64_t	 parent, size, dmid, folder;
	char	*name, *mime, *key;
	enum vl_rc rc;

	rc = doc ? vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id, id, &dmid,
	    &folder, &name, &size, &mime, &key) :
	    vl_db_row(c->pool, STMT_FOLDER_GET, "iii", "si", c->firm_id, m->id, id, &name, &parent);
	if (rc != VL_OK)
		return rc;
	if ((rc = vl_portal_event(c->firm_id, portal, now_shared ? VL_EV_MOVED_INTO_SHARE :
	    VL_EV_MOVED_OUT_OF_SHARE, 0, vl_pool_printf(c->pool, ": %s", name))) != VL_OK)
		return rc;
	return now_shared ? vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_DOCUMENTS,
	    doc ? "a document moved into a shared folder" : "a folder moved into a shared folder", 0, NULL) :
	    VL_OK;
}

enum vl_rc
vl_doc_move(struct vl_ctx *c, const struct vl_matter *m, int doc, int64_t id, int64_t target)
{
	int64_t		 portal, inside = 0, own = 0;
	uint64_t	 n = 0;
	int		 before, after;
	enum vl_rc	 rc;

	if ((rc = vl_matter_folder(c, m->id, target)) != VL_OK)
		return rc;
	if (!doc && target != 0) {
		if ((rc = vl_db_row(c->pool, STMT_FOLDER_INSIDE, "iiii", "i", c->firm_id,
		    m->id, id, target, &inside)) != VL_OK)
			return rc;
		if (inside)
			return VL_CONFLICT;
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	portal = portal_of(c, m->id, &rc);
	/* An item shared on its own stays shared wherever it goes. */
	if (rc == VL_OK && portal != 0)
		rc = vl_db_row(c->pool, STMT_SHARE_LIVE, "iiii", "i", c->firm_id, portal,
		    doc ? id : 0, doc ? 0 : id, &own);
	before = rc == VL_OK && portal != 0 && !own && inherits(c, m->id, portal, doc, id, &rc);
	if (rc != VL_OK)
		goto fail;
	if ((rc = vl_db_exec(doc ? STMT_DOC_MOVE : STMT_FOLDER_MOVE, &n, NULL, "iiii",
	    target, c->firm_id, m->id, id)) != VL_OK)
		goto fail;
	/* A move to where it is changes no row: the item must still exist. */
	if (n == 0 && (rc = doc ? doc_folder(c, m->id, id, &inside) :
	    vl_matter_folder(c, m->id, id)) != VL_OK)
		goto fail;
	after = portal != 0 && !own && inherits(c, m->id, portal, doc, id, &rc);
	if (rc == VL_OK && before != after)
		rc = share_change(c, m, portal, doc, id, after);
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK)
		goto fail;
	vl_audit(c, doc ? "document_moved" : "folder_moved", doc ? "document" : "folder", id);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_doc_download(struct vl_ctx *c, int64_t id, struct vl_doc_file *f)
{
	int64_t		 mid, folder, size;
	char		*key, path[4096];
	enum vl_rc	 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = vl_db_row(c->pool, STMT_DOC_GET, "ii", "iissss", c->firm_id, id, &mid, &folder,
	    &f->name, &size, &f->mime, &key)) != VL_OK)
		return rc;
	if (vl_store_path(key, path, sizeof(path)) != VL_OK)
		return VL_ERR;
	f->path = vl_pool_strdup(c->pool, path);
	vl_audit(c, "document_downloaded", "document", id);
	return VL_OK;
}

char *
vl_fmt_size(struct vl_pool *p, uint64_t n)
{
	static const char *const units[] = { "KB", "MB", "GB", "TB" };
	double	 v = (double)n;
	int	 u = -1;

	if (n < 1000)
		return vl_pool_printf(p, "%llu bytes", (unsigned long long)n);
	while (v >= 1000 && u < 3) {
		v /= 1000;
		u++;
	}
	return vl_pool_printf(p, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
}

char *
vl_doc_name(struct vl_pool *p, const char *client_name)
{
	const char	*s = client_name ? client_name : "", *slash;
	size_t		 n;

	/* Browsers of old sent whole paths: keep the last part only. */
	if ((slash = strrchr(s, '/')) != NULL)
		s = slash + 1;
	if ((slash = strrchr(s, '\\')) != NULL)
		s = slash + 1;
	while (*s == ' ' || *s == '.')
		s++;
	n = strlen(s);
	if (n > 255)
		n = 255;
	while (n > 0 && !vl_utf8_valid(s, n))
		n--;	/* do not cut a character in half */
	if (n == 0 || !vl_validate(VL_V_LINE, s, n, 255, NULL))
		return vl_pool_strdup(p, "upload");
	return vl_pool_strndup(p, s, n);
}
