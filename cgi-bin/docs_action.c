/*
 * Changes to a matter's documents: POST /matters/<id>/documents/action with
 * an op of the table ops[] below and, for an item, kind = document | folder.
 * GET with the same fields shows the "Are you sure...?" page of share,
 * unshare and delete, whose form posts here (how those confirmations work
 * without JavaScript).  Every statement binds firm and matter, so a forged
 * id changes nothing; the rules live in lib/doc.c and lib/share.c.
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "audit.h"
#include "doc.h"
#include "share.h"
#include "auditlog.h"

enum field { F_OP, F_KIND, F_ID, F_NAME, F_TARGET, F_FOLDER, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "kind", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "name", VL_V_LINE, 200 },
	{ "target", VL_V_INT, 20 },
	{ "folder", VL_V_INT, 20 },
};

#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

static const char no_portal[] = "Open the matter's client portal first "
    "(Communications, \"Go to client portal\"): then its documents can be shared.";

static enum vl_rc
refuse(struct vl_req *r, enum vl_rc rc, const char *msg)
{
	vl_out_error(r, rc, msg);
	return VL_OK;
}

/* The item named by kind and id: 1 for a document, 0 a folder, -1 neither. */
static int
item(struct vl_req *r)
{
	const char	*kind = r->fields[F_KIND].val;

	if (kind == NULL || NUM(F_ID) == 0)
		return -1;
	return strcmp(kind, "document") == 0 ? 1 : strcmp(kind, "folder") == 0 ? 0 : -1;
}

/* The "Are you sure...?" page of share, unshare and delete (nothing
 * changes until its form is posted).  VL_DECLINED for an unknown item,
 * VL_CONFLICT to share without a portal, VL_INVALID for another op. */
static enum vl_rc
confirm(struct vl_req *r, const struct vl_matter *m, const char *op, int doc, int64_t id)
{
	const char	*act = vl_pool_printf(r->pool, "/matters/%lld/documents", (long long)m->id);
	const char	*f[] = { "op", op, "kind", doc ? "document" : "folder", "id",
	    vl_pool_printf(r->pool, "%lld", (long long)id), "folder",
	    vl_pool_printf(r->pool, "%lld", (long long)NUM(F_FOLDER)), NULL };
	struct vl_confirm c = { NULL, NULL, vl_pool_printf(r->pool, "%s/action", act),
	    vl_pool_printf(r->pool, "%s?folder=%lld", act, (long long)NUM(F_FOLDER)), f };
	const char	*name, *title;
	int64_t		 portal;

	if ((name = vl_share_item_name(r->ctx, m->id, doc, id)) == NULL)
		return VL_DECLINED;
	if (strcmp(op, "share") == 0) {
		if (vl_db_row(r->pool, STMT_PORTAL_ID, "ii", "i", r->sess->firm_id, m->id,
		    &portal) != VL_OK)
			return VL_CONFLICT;
		title = "Share via client portal";
		c.button = "Share";
		c.question = vl_pool_printf(r->pool, "Are you sure you want to share %s with the "
		    "client portal of %s? Its participants can open %s and are told by email.",
		    name, m->number, doc ? "it" : "everything in it");
	} else if (strcmp(op, "unshare") == 0) {
		title = c.button = "Stop sharing";
		c.question = vl_pool_printf(r->pool, "Are you sure you want to stop sharing %s? "
		    "The client can no longer open it.", name);
	} else if (strcmp(op, "delete") == 0) {
		title = c.button = "Delete";
		c.question = vl_pool_printf(r->pool, doc ? "Are you sure you want to delete %s?" :
		    "Are you sure you want to delete the folder %s and everything in it?", name);
	} else
		return VL_INVALID;
	return vl_matter_confirm(r, m, "documents", title, &c);
}

static enum vl_rc
get(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	int64_t		 mid;
	struct vl_matter m;
	int		 doc = item(r);
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK)
		return rc;
	if (doc < 0)
		return VL_INVALID;
	rc = confirm(r, &m, op, doc, NUM(F_ID));
	return rc == VL_CONFLICT ? refuse(r, rc, no_portal) : rc;
}

static enum vl_rc
new_folder(struct vl_req *r, const struct vl_matter *m, int doc)
{
	enum vl_rc	 rc;

	rc = vl_doc_folder_add(r->ctx, m, NUM(F_FOLDER), r->fields[F_NAME].val);
	if (rc == VL_INVALID)
		return refuse(r, rc, "Give the folder a name (up to 200 characters).");
	return rc;
}

static enum vl_rc
rename_item(struct vl_req *r, const struct vl_matter *m, int doc)
{
	enum vl_rc	 rc;

	rc = vl_doc_rename(r->ctx, m, doc, NUM(F_ID), r->fields[F_NAME].val);
	if (rc == VL_INVALID)
		return refuse(r, rc, "Enter a new name (up to 200 characters).");
	return rc;
}

static enum vl_rc
move(struct vl_req *r, const struct vl_matter *m, int doc)
{
	enum vl_rc	 rc = vl_doc_move(r->ctx, m, doc, NUM(F_ID), NUM(F_TARGET));

	if (rc == VL_CONFLICT)
		return refuse(r, rc, "A folder cannot move into itself or into one of its own folders.");
	return rc;
}

static enum vl_rc
delete(struct vl_req *r, const struct vl_matter *m, int doc)
{
	return vl_doc_delete(r->ctx, m, doc, NUM(F_ID));
}

static enum vl_rc
share(struct vl_req *r, const struct vl_matter *m, int doc)
{
	enum vl_rc	 rc = vl_share_add(r->ctx, m, doc, NUM(F_ID));

	return rc == VL_CONFLICT ? refuse(r, rc, no_portal) : rc;
}

static enum vl_rc
unshare(struct vl_req *r, const struct vl_matter *m, int doc)
{
	return vl_share_stop(r->ctx, m, doc, NUM(F_ID));
}

/* The operations, one a line: the form's op, its handler, whether it acts
 * on the item named by kind and id, and the notice a success goes back to
 * the folder with (templates/documents.tpl). */
static const struct op {
	const char	*name;
	enum vl_rc	(*fn)(struct vl_req *, const struct vl_matter *, int);
	int		 item;
	const char	*notice;
} ops[] = {
	{ "new_folder", new_folder, 0, "folder" },
	{ "rename", rename_item, 1, "renamed" },
	{ "move", move, 1, "moved" },
	{ "delete", delete, 1, "deleted" },
	{ "share", share, 1, "shared" },
	{ "unshare", unshare, 1, "unshared" },
};

static enum vl_rc
post(struct vl_req *r)
{
	const char	*op = r->fields[F_OP].val;
	const struct op	*o = NULL;
	int64_t		 mid;
	struct vl_matter m;
	size_t		 i;
	int		 doc = -1;
	enum vl_rc	 rc;

	if ((mid = vl_req_path_id(r, "/matters/")) == 0 || op == NULL)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, mid, &m)) != VL_OK)
		return rc;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].name) == 0)
			o = &ops[i];
	if (o == NULL || (o->item && (doc = item(r)) < 0))
		return VL_INVALID;
	/* A handler that answered itself (a refusal) is not sent back. */
	if ((rc = o->fn(r, &m, doc)) != VL_OK || r->sent)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/documents?folder=%lld&notice=%s",
	    (long long)mid, (long long)NUM(F_FOLDER), o->notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "docs_action",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
