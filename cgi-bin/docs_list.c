/*
 * A matter's Documents subtab: /matters/<id>/documents?folder=<fid>.
 * Breadcrumbs, subfolders, documents, and the forms for "New folder",
 * "Upload", rename, move, delete, "Share via client portal" and "Stop
 * sharing" (posted to docs_action / docs_upload; the last three ask first).
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "tz.h"
#include "doc.h"

enum field { F_FOLDER, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "folder", VL_V_ID, 20 },
	{ "notice", VL_V_LINE, 32 },
};

/* Notice codes the document programs send back with; the texts are in
 * documents.tpl. */
static const char *const notices[] = {
	"uploaded",
	"folder",
	"renamed",
	"moved",
	"deleted",
	"shared",
	"unshared",
};

struct target {
	int64_t	 id;
	char	*path;
};

/* Every folder of the matter as a "Move to" choice (root first). */
static int
load_targets(struct vl_req *r, int64_t matter, struct target **out)
{
	struct vl_rows	*rows;
	struct target	*t;
	int		 n = 0, cap = 16;

	t = vl_pool_calloc(r->pool, (size_t)cap, sizeof(*t));
	if (vl_db_query(r->pool, STMT_FOLDERS_ALL, &rows, "ii", r->sess->firm_id, matter) != VL_OK)
		return -1;
	for (;;) {
		if (n == cap) {
			struct target *g = vl_pool_calloc(r->pool, (size_t)cap * 2, sizeof(*t));
			memcpy(g, t, sizeof(*t) * (size_t)cap);
			t = g;
			cap *= 2;
		}
		if (vl_db_next(rows, "is", &t[n].id, &t[n].path) <= 0)
			break;
		n++;
	}
	*out = t;
	return n;
}

/* Ids from a one-column query, for "shared" markers. */
static int
load_ids(struct vl_req *r, enum vl_stmt st, int64_t matter, int64_t **out)
{
	struct vl_rows	*rows;
	int64_t		*v, id;
	int		 n = 0, cap = 16;

	v = vl_pool_calloc(r->pool, (size_t)cap, sizeof(*v));
	if (vl_db_query(r->pool, st, &rows, "ii", r->sess->firm_id, matter) != VL_OK)
		return -1;
	while (vl_db_next(rows, "i", &id) > 0) {
		if (n == cap) {
			int64_t *g = vl_pool_calloc(r->pool, (size_t)cap * 2, sizeof(*g));
			memcpy(g, v, sizeof(*v) * (size_t)cap);
			v = g;
			cap *= 2;
		}
		v[n++] = id;
	}
	*out = v;
	return n;
}

static int
has(const int64_t *v, int n, int64_t id)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static void
add_targets(struct vl_tpl *row, const struct target *t, int n, int64_t skip)
{
	struct vl_tpl	*o;
	int		 i;

	o = vl_tpl_section(row, "TARGET");
	vl_tpl_set_int(o, "TID", 0);
	vl_tpl_set(o, "TPATH", "Documents (top level)");
	for (i = 0; i < n; i++) {
		if (t[i].id == skip)
			continue;
		o = vl_tpl_section(row, "TARGET");
		vl_tpl_set_int(o, "TID", t[i].id);
		vl_tpl_set(o, "TPATH", t[i].path);
	}
}

/* An item shared on its own can be unshared; any other, once the portal
 * is open, shared (one shared only through its folder offers both). */
static void
share_actions(struct vl_tpl *row, int64_t portal, int own)
{
	if (own)
		vl_tpl_show(row, "CAN_UNSHARE");
	else if (portal != 0)
		vl_tpl_show(row, "CAN_SHARE");
}

static enum vl_rc
get(struct vl_req *r)
{
	int64_t		 mid, folder = r->fields[F_FOLDER].val ? r->fields[F_FOLDER].num : 0;
	int64_t		 id, size, created;
	struct vl_matter m;
	struct vl_rows	*rows;
	struct vl_tpl	*d, *row;
	struct target	*targets;
	char		*name, *mime;
	int64_t		*sfolders, *sdocs, *own, portal = 0;
	int		 ntargets, got, nitems = 0, nsf, nsd, nown;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK)
		return rc;
	if ((rc = vl_matter_folder(r->ctx, mid, folder)) != VL_OK)
		return rc;
	if ((ntargets = load_targets(r, mid, &targets)) < 0 ||
	    (nsf = load_ids(r, STMT_SHARED_FOLDERS, mid, &sfolders)) < 0 ||
	    (nsd = load_ids(r, STMT_SHARED_DOCUMENTS, mid, &sdocs)) < 0 ||
	    (nown = load_ids(r, STMT_SHARED_FOLDERS_OWN, mid, &own)) < 0)
		return VL_ERR;
	/* Share and "Stop sharing" are offered once the portal is open. */
	if ((rc = vl_db_row(r->pool, STMT_PORTAL_ID, "ii", "i", r->sess->firm_id, mid, &portal)) == VL_ERR)
		return rc;

	d = vl_page_new(r, vl_pool_printf(r->pool, "Documents · %s", m.number));
	vl_matter_frame(r->pool, d, &m, "documents");
	vl_tpl_set_int(d, "FOLDER_ID", folder);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);

	/* Breadcrumbs: Documents › A › B */
	if (folder != 0) {
		vl_tpl_show(d, "IN_FOLDER");
		if (vl_db_query(r->pool, STMT_FOLDER_PATH, &rows, "iii", r->sess->firm_id, mid,
		    folder) != VL_OK)
			return VL_ERR;
		while ((got = vl_db_next(rows, "is", &id, &name)) > 0) {
			row = vl_tpl_section(d, id == folder ? "CRUMB_HERE" : "CRUMB");
			vl_tpl_set_int(row, "MATTER_ID", mid);
			vl_tpl_set_int(row, "ID", id);
			vl_tpl_set(row, "NAME", name);
		}
		if (got < 0)
			return VL_ERR;
	} else
		vl_tpl_show(d, "AT_ROOT");

	if (vl_db_query(r->pool, STMT_FOLDERS_IN, &rows, "iii", r->sess->firm_id, mid, folder) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "is", &id, &name)) > 0) {
		row = vl_tpl_section(d, "SUBFOLDER");
		vl_tpl_set_int(row, "MATTER_ID", mid);
		vl_tpl_set_int(row, "ID", id);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "CSRF", vl_csrf_for(r));
		vl_tpl_set_int(row, "FOLDER_ID", folder);
		if (has(sfolders, nsf, id))
			vl_tpl_show(row, "SHARED");
		share_actions(row, portal, has(own, nown, id));
		add_targets(row, targets, ntargets, id);
		nitems++;
	}
	if (got < 0)
		return VL_ERR;

	if (vl_db_query(r->pool, STMT_DOCS_IN, &rows, "iii", r->sess->firm_id, mid, folder) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "isisi", &id, &name, &size, &mime, &created)) > 0) {
		row = vl_tpl_section(d, "DOC");
		vl_tpl_set_int(row, "MATTER_ID", mid);
		vl_tpl_set_int(row, "ID", id);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "SIZE", vl_fmt_size(r->pool, (uint64_t)size));
		vl_tpl_set(row, "MIME", mime);
		vl_tpl_set(row, "CREATED", vl_tz_when(r->ctx, created));
		if (has(sdocs, nsd, id) || has(sfolders, nsf, folder))
			vl_tpl_show(row, "SHARED");
		share_actions(row, portal, has(sdocs, nsd, id));
		vl_tpl_set(row, "CSRF", vl_csrf_for(r));
		vl_tpl_set_int(row, "FOLDER_ID", folder);
		add_targets(row, targets, ntargets, -1);
		nitems++;
	}
	if (got < 0)
		return VL_ERR;
	if (nitems == 0)
		vl_tpl_show(d, "EMPTY");
	return vl_page_send(r, "documents.tpl", d);
}

static const struct vl_app app = {
	.name = "docs_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
