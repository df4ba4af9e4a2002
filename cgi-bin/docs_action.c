/*
 * Changes to a matter's documents: POST /matters/<id>/documents/action with
 * op = new_folder | rename | move | delete, kind = document | folder.
 * Every statement binds firm and matter, so a forged id changes nothing.
 * Deleting a folder deletes what it holds; files leave the disk after the
 * rows are gone.
 */
#include <string.h>

#include "vellum.h"

enum field { F_OP, F_KIND, F_ID, F_NAME, F_TARGET, F_FOLDER, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "kind", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "name", VL_V_LINE, 200 },
	{ "target", VL_V_INT, 20 },
	{ "folder", VL_V_INT, 20 },
};

static enum vl_rc
back(struct vl_req *r, int64_t mid, const char *notice)
{
	int64_t	 folder = r->fields[F_FOLDER].val ? r->fields[F_FOLDER].num : 0;

	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/documents?folder=%lld&notice=%s",
	    (long long)mid, (long long)folder, notice));
	return VL_OK;
}

static enum vl_rc
delete_folder(struct vl_req *r, int64_t mid, int64_t id)
{
	struct vl_rows	*rows;
	char		**keys = NULL, *key;
	size_t		 n = 0, cap = 0, i;
	uint64_t	 gone = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_query(r->pool, STMT_FOLDER_KEYS, &rows, "iii", r->sess->firm_id,
	    mid, id)) != VL_OK)
		goto fail;
	while (vl_db_next(rows, "s", &key) > 0) {
		if (n == cap) {
			char **g = vl_pool_calloc(r->pool, cap ? cap * 2 : 16, sizeof(*g));
			if (n)
				memcpy(g, keys, n * sizeof(*g));
			keys = g;
			cap = cap ? cap * 2 : 16;
		}
		keys[n++] = key;
	}
	vl_db_rows_free(rows);
	if ((rc = vl_db_exec(STMT_FOLDER_DELETE, &gone, NULL, "iii", r->sess->firm_id, mid, id)) != VL_OK)
		goto fail;
	if (gone == 0) {
		vl_db_rollback();
		return VL_DECLINED;
	}
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	for (i = 0; i < n; i++)
		vl_store_remove(keys[i]);
	return VL_OK;
fail:
	vl_db_rollback();
	return rc;
}

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val, *kind = r->fields[F_KIND].val;
	const char	*name = r->fields[F_NAME].val;
	int64_t		 mid, id = r->fields[F_ID].val ? r->fields[F_ID].num : 0;
	int64_t		 target = r->fields[F_TARGET].val ? r->fields[F_TARGET].num : 0;
	int64_t		 folder = r->fields[F_FOLDER].val ? r->fields[F_FOLDER].num : 0;
	int64_t		 inside = 0, dmid, dfolder, dsize;
	char		*dname, *dmime, *dkey;
	struct vl_matter m;
	uint64_t	 n = 0;
	int		 doc;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r, mid, &m)) != VL_OK)
		return rc;
	if (strcmp(op, "new_folder") == 0) {
		if (name == NULL || *name == '\0') {
			vl_out_error(r, VL_INVALID, "Give the folder a name (up to 200 characters).");
			return VL_OK;
		}
		if ((rc = vl_matter_folder(r, mid, folder)) != VL_OK ||
		    (rc = vl_db_exec(STMT_FOLDER_INSERT, NULL, NULL, "iiis", r->sess->firm_id,
		    mid, folder, name)) != VL_OK)
			return rc;
		vl_audit(r, "folder_created", "matter", mid);
		return back(r, mid, "folder");
	}
	if (kind == NULL || id == 0)
		return VL_INVALID;
	doc = strcmp(kind, "document") == 0;
	if (!doc && strcmp(kind, "folder") != 0)
		return VL_INVALID;
	if (strcmp(op, "rename") == 0) {
		if (name == NULL || *name == '\0') {
			vl_out_error(r, VL_INVALID, "Enter a new name (up to 200 characters).");
			return VL_OK;
		}
		rc = vl_db_exec(doc ? STMT_DOC_RENAME : STMT_FOLDER_RENAME, &n, NULL, "siii",
		    name, r->sess->firm_id, mid, id);
		if (rc != VL_OK)
			return rc;
		/* Renaming to the same name changes no row: check the item exists. */
		if (n == 0 && (doc ? vl_db_row(r->pool, STMT_DOC_GET, "ii", "iissss", r->sess->firm_id,
		    id, &dmid, &dfolder, &dname, &dsize, &dmime, &dkey) != VL_OK || dmid != mid :
		    vl_matter_folder(r, mid, id) != VL_OK))
			return VL_DECLINED;
		vl_audit(r, doc ? "document_renamed" : "folder_renamed", kind, id);
		return back(r, mid, "renamed");
	}
	if (strcmp(op, "move") == 0) {
		if ((rc = vl_matter_folder(r, mid, target)) != VL_OK)
			return rc;
		if (!doc && target != 0) {
			if ((rc = vl_db_row(r->pool, STMT_FOLDER_INSIDE, "iiii", "i", r->sess->firm_id,
			    mid, id, target, &inside)) != VL_OK)
				return rc;
			if (inside) {
				vl_out_error(r, VL_CONFLICT, "A folder cannot move into itself or into one of its own folders.");
				return VL_OK;
			}
		}
		if ((rc = vl_db_exec(doc ? STMT_DOC_MOVE : STMT_FOLDER_MOVE, &n, NULL, "iiii",
		    target, r->sess->firm_id, mid, id)) != VL_OK)
			return rc;
		if (n == 0 && (doc ? vl_db_row(r->pool, STMT_DOC_GET, "ii", "iissss", r->sess->firm_id,
		    id, &dmid, &dfolder, &dname, &dsize, &dmime, &dkey) != VL_OK || dmid != mid :
		    vl_matter_folder(r, mid, id) != VL_OK))
			return VL_DECLINED;
		vl_audit(r, doc ? "document_moved" : "folder_moved", kind, id);
		return back(r, mid, "moved");
	}
	if (strcmp(op, "delete") == 0) {
		if (doc) {
			if ((rc = vl_db_row(r->pool, STMT_DOC_GET, "ii", "iissss", r->sess->firm_id, id,
			    &dmid, &dfolder, &dname, &dsize, &dmime, &dkey)) != VL_OK)
				return rc;
			if (dmid != mid)
				return VL_DECLINED;
			if ((rc = vl_db_exec(STMT_DOC_DELETE, &n, NULL, "iii", r->sess->firm_id,
			    mid, id)) != VL_OK)
				return rc;
			vl_store_remove(dkey);
		} else if ((rc = delete_folder(r, mid, id)) != VL_OK)
			return rc;
		vl_audit(r, doc ? "document_deleted" : "folder_deleted", kind, id);
		return back(r, mid, "deleted");
	}
	return VL_INVALID;
}

static const struct vl_app app = {
	.name = "docs_action",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
