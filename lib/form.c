/*
 * Intake forms (SPEC F-A8, F-B12): the builder's rules, a form given to a
 * matter and shared through the portal, a client's draft and submission,
 * the mapped fields it fills, and the firm's reading of it.  See form.h;
 * the pure rules (types, answers, mapping) are formval.c's.
 */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "auditlog.h"
#include "doc.h"
#include "form.h"
#include "formval.h"
#include "listing.h"
#include "matter.h"
#include "mfield.h"
#include "contact.h"
#include "pdf.h"
#include "portal.h"
#include "rshare.h"
#include "tz.h"
#include "settings.h"

/* ---- the builder ---- */

enum vl_rc
vl_form_find(struct vl_ctx *c, const char *q, int64_t page, struct vl_form **out, size_t *n,
    int *more)
{
	struct vl_rows	*rows;
	struct vl_form	*list, *f;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_FORMS_FIND, &rows, "isii", c->firm_id,
	    vl_like_contains(c->pool, q, 0), (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		f = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "isiii", &f->id, &f->name, &f->updated, &f->fields,
		    &f->uses)) <= 0)
			break;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

/* The fields of form (already known the firm's), in order. */
static enum vl_rc
fields_of(struct vl_ctx *c, int64_t form, struct vl_form_field **out, size_t *n)
{
	struct vl_rows		*rows;
	struct vl_form_field	*list, *x;
	size_t			 cap = 16;
	char			*kind, *maps;
	int			 got;
	int64_t			 req, archived;
	enum vl_rc		 rc;

	*n = 0;
	list = vl_pool_calloc(c->pool, cap, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_FORM_FIELDS, &rows, "ii", c->firm_id, form)) != VL_OK)
		return rc;
	for (;;) {
		if (*n == cap) {
			x = vl_pool_calloc(c->pool, cap * 2, sizeof(*list));
			memcpy(x, list, cap * sizeof(*list));
			list = x;
			cap *= 2;
		}
		x = &list[*n];
		if ((got = vl_db_next(rows, "iisssissisi", &x->id, &x->position, &kind, &x->label,
		    &x->help, &req, &x->options, &maps, &x->maps_field, &x->maps_label,
		    &archived)) <= 0)
			break;
		x->kind = vl_ffield_kind_of(kind);
		x->maps_to = vl_fmap_of(maps);
		x->required = req != 0;
		x->maps_archived = archived != 0;
		if (x->kind == VL_FF__MAX || x->maps_to == VL_FMAP__MAX)
			return VL_ERR;
		(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_form_get(struct vl_ctx *c, int64_t id, struct vl_form *f, struct vl_form_field **fields,
    size_t *n)
{
	enum vl_rc	 rc;

	memset(f, 0, sizeof(*f));
	f->id = id;
	if ((rc = vl_db_row(c->pool, STMT_FORM_GET, "ii", "sii", c->firm_id, id, &f->name,
	    &f->updated, &f->uses)) != VL_OK)
		return rc;
	if ((rc = fields_of(c, id, fields, n)) == VL_OK)
		f->fields = (int64_t)*n;
	return rc;
}

static enum vl_rc
name_ok(const char *name, struct vl_form_err *e)
{
	if (name == NULL || *name == '\0')
		return vl_form_refuse(e, "name", "name_missing");
	if (strlen(name) > VL_FORM_NAME_MAX || strpbrk(name, "\r\n") != NULL)
		return vl_form_refuse(e, "name", "name_long");
	return VL_OK;
}

enum vl_rc
vl_form_create(struct vl_ctx *c, const char *name, int64_t *id, struct vl_form_err *e)
{
	uint64_t	 nid = 0;
	enum vl_rc	 rc;

	if ((rc = name_ok(name, e)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_FORM_CREATE, NULL, &nid, "isi", c->firm_id, name,
	    c->user_id)) != VL_OK)
		return rc;
	*id = (int64_t)nid;
	vl_audit(c, "form_create", "form", *id);
	return VL_OK;
}

enum vl_rc
vl_form_rename(struct vl_ctx *c, int64_t id, const char *name, struct vl_form_err *e)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = name_ok(name, e)) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_FORM_RENAME, &n, NULL, "sii", name, c->firm_id, id)) != VL_OK)
		return rc;
	if (n == 0)
		return VL_DECLINED;
	vl_audit(c, "form_rename", "form", id);
	return VL_OK;
}

enum vl_rc
vl_form_copy(struct vl_ctx *c, int64_t id, int64_t *copy)
{
	struct vl_form	 f;
	uint64_t	 nid = 0;
	int64_t		 uses;
	char		*name;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_FORM_GET, "ii", "sii", c->firm_id, id, &f.name,
	    &f.updated, &uses)) != VL_OK)
		return rc;
	name = vl_pool_printf(c->pool, "%s (copy)", f.name);
	/* Cut to the column between characters. */
	name = vl_utf8_clean(c->pool, name, VL_FORM_NAME_MAX);
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_FORM_CREATE, NULL, &nid, "isi", c->firm_id, name,
	    c->user_id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_FORM_FIELDS_COPY, NULL, NULL, "iii", (int64_t)nid, c->firm_id,
	    id)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "form_copy", "form", (int64_t)nid);
	if ((rc = vl_db_commit()) == VL_OK)
		*copy = (int64_t)nid;
	return rc;
}

/* Inside a transaction: locks form and says whether it may change
 * (VL_OK), is frozen (VL_CONFLICT) or is not the firm's (VL_DECLINED). */
static enum vl_rc
lock_open(struct vl_ctx *c, int64_t form)
{
	int64_t		 uses;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_FORM_LOCK, "ii", "i", c->firm_id, form, &uses)) != VL_OK)
		return rc;
	return uses > 0 ? VL_CONFLICT : VL_OK;
}

/* Ends a builder change: the form touched, audited, committed (or rolled
 * back when rc says so). */
static enum vl_rc
finish(struct vl_ctx *c, enum vl_rc rc, int64_t form, const char *action)
{
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_FORM_TOUCH, NULL, NULL, "ii", c->firm_id, form);
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, action, "form", form);
	return vl_db_commit();
}

enum vl_rc
vl_form_delete(struct vl_ctx *c, int64_t id)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_open(c, id)) == VL_OK &&
	    (rc = vl_db_exec(STMT_FORM_DELETE, &n, NULL, "ii", c->firm_id, id)) == VL_OK && n == 0)
		rc = VL_CONFLICT;
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "form_delete", "form", id);
	return vl_db_commit();
}

enum vl_rc
vl_form_field_save(struct vl_ctx *c, int64_t form, int64_t field,
    const struct vl_form_field_in *in, struct vl_form_err *e)
{
	enum vl_ffield_kind	 kind = vl_ffield_kind_of(in->kind);
	struct vl_form_field	*list;
	const char		*code = NULL, *label = in->label, *help = in->help ? in->help : "";
	char			*options, *mlabel;
	int64_t			 mfield = 0, marchived = 0;
	enum vl_fmap		 map = vl_fmap_parse(in->maps_to, &mfield);
	uint64_t		 n = 0;
	size_t			 count;
	enum vl_rc		 rc;

	if (kind == VL_FF__MAX)
		return vl_form_refuse(e, "kind", "kind_invalid");
	if (label == NULL || *label == '\0')
		return vl_form_refuse(e, "label", "label_missing");
	if (strlen(label) > VL_FF_LABEL_MAX || strpbrk(label, "\r\n") != NULL)
		return vl_form_refuse(e, "label", "label_long");
	if (strlen(help) > VL_FF_HELP_MAX)
		return vl_form_refuse(e, "help", "help_long");
	if ((options = vl_ffield_options(c->pool, kind, in->options, &code)) == NULL)
		return vl_form_refuse(e, "options", code);
	if (map == VL_FMAP__MAX || !vl_fmap_fits(kind, map))
		return vl_form_refuse(e, "maps_to", "maps_invalid");
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* A matter field: a live one of the firm's (another firm's id, or an
	 * archived one, is refused like a target the type cannot fill). */
	if (map == VL_FMAP_MATTER_FIELD && ((rc = vl_db_row(c->pool, STMT_MFIELD_GET, "ii", "si",
	    c->firm_id, mfield, &mlabel, &marchived)) != VL_OK || marchived != 0)) {
		vl_db_rollback();
		return rc == VL_OK || rc == VL_DECLINED ? vl_form_refuse(e, "maps_to",
		    "maps_invalid") : rc;
	}
	if ((rc = lock_open(c, form)) == VL_OK && field == 0) {
		if ((rc = fields_of(c, form, &list, &count)) == VL_OK && count >= VL_FF_FIELDS_MAX) {
			vl_db_rollback();
			return vl_form_refuse(e, "label", "fields_many");
		}
		/* The list is in order of position, read under the form's lock. */
		if (rc == VL_OK)
			rc = vl_db_exec(STMT_FORM_FIELD_INSERT, &n, NULL, "iiisssissi", c->firm_id,
			    form, count > 0 ? list[count - 1].position + 1 : (int64_t)0,
			    vl_ffield_kinds[kind], label, help, (int64_t)in->required, options,
			    vl_fmaps[map], mfield);
	} else if (rc == VL_OK)
		rc = vl_db_exec(STMT_FORM_FIELD_UPDATE, &n, NULL, "sssissiiii", vl_ffield_kinds[kind],
		    label, help, (int64_t)in->required, options, vl_fmaps[map], mfield, c->firm_id,
		    form, field);
	/* An update that changes nothing also matches 0 rows: look again. */
	if (rc == VL_OK && n == 0 && field != 0 && fields_of(c, form, &list, &count) == VL_OK) {
		rc = VL_DECLINED;
		for (size_t i = 0; i < count; i++)
			if (list[i].id == field)
				rc = VL_OK;
	}
	return finish(c, rc, form, field == 0 ? "form_field_add" : "form_field_change");
}

enum vl_rc
vl_form_field_delete(struct vl_ctx *c, int64_t form, int64_t field)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_open(c, form)) == VL_OK &&
	    (rc = vl_db_exec(STMT_FORM_FIELD_DELETE, &n, NULL, "iii", c->firm_id, form,
	    field)) == VL_OK && n == 0)
		rc = VL_DECLINED;
	return finish(c, rc, form, "form_field_delete");
}

/* Numbers the fields 0.. in the order of ids (n of them). */
static enum vl_rc
renumber(struct vl_ctx *c, int64_t form, const int64_t *ids, size_t n)
{
	enum vl_rc	 rc = VL_OK;
	size_t		 i;

	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_db_exec(STMT_FORM_FIELD_POSITION, NULL, NULL, "iiii", (int64_t)i, c->firm_id,
		    form, ids[i]);
	return rc;
}

enum vl_rc
vl_form_field_move(struct vl_ctx *c, int64_t form, int64_t field, int dir)
{
	struct vl_form_field	*list;
	int64_t			*ids, t;
	size_t			 n = 0, i, at = SIZE_MAX;
	enum vl_rc		 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_open(c, form)) == VL_OK)
		rc = fields_of(c, form, &list, &n);
	ids = vl_pool_calloc(c->pool, n + 1, sizeof(*ids));
	for (i = 0; rc == VL_OK && i < n; i++) {
		ids[i] = list[i].id;
		if (list[i].id == field)
			at = i;
	}
	if (rc == VL_OK && at == SIZE_MAX)
		rc = VL_DECLINED;
	if (rc == VL_OK && ((dir < 0 && at > 0) || (dir > 0 && at + 1 < n))) {
		i = dir < 0 ? at - 1 : at + 1;
		t = ids[i];
		ids[i] = ids[at];
		ids[at] = t;
	}
	if (rc == VL_OK)
		rc = renumber(c, form, ids, n);
	return finish(c, rc, form, "form_field_move");
}

enum vl_rc
vl_form_field_order(struct vl_ctx *c, int64_t form, const int64_t *ids, size_t n)
{
	struct vl_form_field	*list;
	size_t			 have = 0, i, j, hits;
	enum vl_rc		 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_open(c, form)) == VL_OK)
		rc = fields_of(c, form, &list, &have);
	/* An id that is no field of this form is not found (another form's,
	 * another firm's); then the same set: every field once. */
	for (i = 0; rc == VL_OK && i < n; i++) {
		for (j = 0, hits = 0; j < have; j++)
			hits += ids[i] == list[j].id;
		if (hits == 0)
			rc = VL_DECLINED;
	}
	if (rc == VL_OK && have != n)
		rc = VL_INVALID;
	for (i = 0; rc == VL_OK && i < have; i++) {
		for (j = 0, hits = 0; j < n; j++)
			hits += ids[j] == list[i].id;
		if (hits != 1)
			rc = VL_INVALID;
	}
	if (rc == VL_OK)
		rc = renumber(c, form, ids, n);
	return finish(c, rc, form, "form_field_move");
}

/* ---- a form given to a matter ---- */

enum vl_rc
vl_form_requests(struct vl_ctx *c, int64_t matter, int64_t page, struct vl_form_req **out,
    size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_form_req	*list, *q;
	int64_t			 shared;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_FREQ_OF_MATTER, &rows, "iiii", c->firm_id, matter,
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		q = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "iisiiisi", &q->id, &q->form, &q->name, &q->created,
		    &q->saved, &q->submitted, &q->submitter, &shared)) <= 0)
			break;
		q->shared = shared != 0;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_form_pick(struct vl_ctx *c, struct vl_pick **out, size_t *n)
{
	struct vl_rows	*rows;
	struct vl_pick	*list;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_FORMS_PICK, &rows, "i", c->firm_id)) != VL_OK)
		return rc;
	list = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*list));
	while ((got = vl_db_next(rows, "is", &list[*n].id, &list[*n].name)) > 0)
		(*n)++;
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

/* Inside the transaction: the portal of m is open and lets its clients
 * see forms (VL_OK), else VL_CONFLICT with *why. */
static enum vl_rc
portal_takes_forms(struct vl_ctx *c, const struct vl_matter *m, const char **why)
{
	int64_t		 portal, p[VL_PERM__MAX];
	enum vl_rc	 rc;

	rc = vl_db_row(c->pool, STMT_PORTAL_GET, "ii", "iiiiiiii", c->firm_id, m->id, &portal,
	    &p[0], &p[1], &p[2], &p[3], &p[4], &p[5], &p[6]);
	if (rc == VL_DECLINED) {
		*why = "no_portal";
		return VL_CONFLICT;
	}
	if (rc == VL_OK && p[VL_PERM_FORMS] == 0) {
		*why = "forms_off";
		return VL_CONFLICT;
	}
	return rc;
}

enum vl_rc
vl_form_share(struct vl_ctx *c, const struct vl_matter *m, int64_t form, int64_t *req,
    const char **why)
{
	struct vl_form_field	*list;
	size_t			 n = 0;
	char			*name;
	int64_t			 updated, uses;
	uint64_t		 id = 0;
	enum vl_rc		 rc;

	*why = NULL;
	if ((rc = vl_db_row(c->pool, STMT_FORM_GET, "ii", "sii", c->firm_id, form, &name,
	    &updated, &uses)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* The form locked: no field changes while it becomes frozen. */
	if ((rc = vl_db_row(c->pool, STMT_FORM_LOCK, "ii", "i", c->firm_id, form, &uses)) == VL_OK &&
	    (rc = fields_of(c, form, &list, &n)) == VL_OK && n == 0)
		rc = VL_DECLINED;
	if (rc == VL_OK)
		rc = portal_takes_forms(c, m, why);
	if (rc == VL_OK)
		rc = vl_db_exec(STMT_FREQ_INSERT, NULL, &id, "iiii", c->firm_id, m->id, form,
		    c->user_id);
	if (rc == VL_OK)
		rc = vl_rshare_set(c, m, VL_REC_FORM, (int64_t)id, 1, name, NULL);
	if (rc == VL_CONFLICT && *why == NULL)
		*why = "no_portal";
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit_in(c, m->id, "form_share", "form_request", (int64_t)id);
	if ((rc = vl_db_commit()) == VL_OK)
		*req = (int64_t)id;
	return rc;
}

enum vl_rc
vl_form_reshare(struct vl_ctx *c, const struct vl_matter *m, int64_t req, int on,
    const char **why)
{
	struct vl_form_req	 q;
	int			 changed = 0;
	enum vl_rc		 rc;

	*why = NULL;
	if ((rc = vl_db_row(c->pool, STMT_FREQ_GET, "iii", "iisiiis", c->firm_id, m->id, req, &q.id,
	    &q.form, &q.name, &q.created, &q.saved, &q.submitted, &q.submitter)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (on)
		rc = portal_takes_forms(c, m, why);
	if (rc == VL_OK)
		rc = vl_rshare_set(c, m, VL_REC_FORM, req, on, q.name, &changed);
	if (rc == VL_CONFLICT && *why == NULL)
		*why = "no_portal";
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	if (changed)
		vl_audit_in(c, m->id, on ? "form_share" : "form_unshare", "form_request", req);
	return vl_db_commit();
}

/* ---- answers ---- */

/* Fills out for request q (already found) with its fields and answers. */
static enum vl_rc
fill(struct vl_ctx *c, const struct vl_form_req *q, struct vl_form_fill *out)
{
	struct vl_rows	*rows;
	int64_t		 field, doc, changed;
	char		*value, *old, *new;
	size_t		 i, n;
	int		 got;
	enum vl_rc	 rc;

	memset(out, 0, sizeof(*out));
	out->req = *q;
	if ((rc = fields_of(c, q->form, &out->fields, &out->n)) != VL_OK)
		return rc;
	n = out->n + 1;
	out->values = vl_pool_calloc(c->pool, n, sizeof(char *));
	out->olds = vl_pool_calloc(c->pool, n, sizeof(char *));
	out->news = vl_pool_calloc(c->pool, n, sizeof(char *));
	out->docs = vl_pool_calloc(c->pool, n, sizeof(int64_t));
	out->changed = vl_pool_calloc(c->pool, n, sizeof(int));
	out->errs = vl_pool_calloc(c->pool, n, sizeof(char *));
	if ((rc = vl_db_query(c->pool, STMT_FANSWERS_GET, &rows, "ii", c->firm_id, q->id)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "isisis", &field, &value, &doc, &old, &changed, &new)) > 0)
		for (i = 0; i < out->n; i++)
			if (out->fields[i].id == field) {
				out->values[i] = value;
				out->docs[i] = doc;
				out->changed[i] = changed != 0;
				out->olds[i] = old;
				out->news[i] = new;
			}
	return got < 0 ? VL_ERR : VL_OK;
}

static enum vl_rc
request_get(struct vl_ctx *c, int64_t matter, int64_t req, struct vl_form_req *q)
{
	memset(q, 0, sizeof(*q));
	return vl_db_row(c->pool, STMT_FREQ_GET, "iii", "iisiiis", c->firm_id, matter, req, &q->id,
	    &q->form, &q->name, &q->created, &q->saved, &q->submitted, &q->submitter);
}

enum vl_rc
vl_form_submission(struct vl_ctx *c, int64_t matter, int64_t req, int submitted,
    struct vl_form_fill *out)
{
	struct vl_form_req	 q;
	enum vl_rc		 rc;

	if ((rc = request_get(c, matter, req, &q)) != VL_OK)
		return rc;
	if (submitted && q.submitted == 0)
		return VL_DECLINED;
	return fill(c, &q, out);
}

enum vl_rc
vl_form_csv(struct vl_ctx *c, int64_t matter, const struct vl_form_fill *f, struct vl_buf *out)
{
	size_t	 i;

	vl_buf_adds(out, "field,type,answer,before,after\r\n");
	for (i = 0; i < f->n; i++) {
		vl_csv_field(out, f->fields[i].label);
		vl_buf_addc(out, ',');
		vl_csv_field(out, vl_ffield_kinds[f->fields[i].kind]);
		vl_buf_addc(out, ',');
		vl_csv_field(out, f->values[i] ? f->values[i] : "");
		vl_buf_addc(out, ',');
		vl_csv_field(out, f->changed[i] ? f->olds[i] : "");
		vl_buf_addc(out, ',');
		vl_csv_field(out, f->changed[i] ? f->news[i] : "");
		vl_buf_adds(out, "\r\n");
	}
	vl_audit_in(c, matter, "form_submission_csv", "form_request", f->req.id);
	return VL_OK;
}

enum vl_rc
vl_form_pdf(struct vl_ctx *c, const struct vl_matter *m, const struct vl_form_fill *f,
    struct vl_buf *out)
{
	static const char *const head[] = { "Field", "Before", "After" };
	static const double	 width[] = { 0.3, 0.35, 0.35 };
	static const int	 right[] = { 0, 0, 0 };
	struct vl_pdf		*pdf = vl_pdf_new(f->req.name);
	const char		*cells[3];
	size_t			 i, changes = 0;
	enum vl_rc		 rc;

	vl_pdf_heading(pdf, 1, f->req.name);
	vl_pdf_para(pdf, vl_pool_printf(c->pool, "Matter %s: %s", m->number, m->description));
	vl_pdf_para(pdf, vl_pool_printf(c->pool, "Submitted %s by %s",
	    vl_tz_when(c, f->req.submitted), f->req.submitter));
	vl_pdf_space(pdf, 12);
	for (i = 0; i < f->n; i++)
		vl_pdf_row(pdf, f->fields[i].label, f->values[i] && *f->values[i] ? f->values[i] :
		    "(not answered)");
	for (i = 0; i < f->n; i++)
		changes += f->changed[i] != 0;
	if (changes > 0) {
		vl_pdf_space(pdf, 12);
		vl_pdf_heading(pdf, 2, "What the answers changed");
		vl_pdf_table(pdf, 3, head, width, right);
		for (i = 0; i < f->n; i++) {
			if (!f->changed[i])
				continue;
			cells[0] = f->fields[i].label;
			cells[1] = f->olds[i];
			cells[2] = f->news[i];
			vl_pdf_table_row(pdf, cells, 0);
		}
		vl_pdf_table_end(pdf);
	}
	rc = vl_pdf_finish(pdf, out);
	vl_pdf_free(pdf);
	if (rc == VL_OK)
		vl_audit_in(c, m->id, "form_submission_pdf", "form_request", f->req.id);
	return rc;
}

enum vl_rc
vl_form_client_list(struct vl_ctx *c, const struct vl_client_portal *p, int64_t page,
    struct vl_form_req **out, size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_form_req	*list, *q;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	if (!p->perm[VL_PERM_FORMS])
		return VL_DECLINED;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_FREQ_CLIENT_LIST, &rows, "iiiii", c->firm_id, p->matter,
	    p->portal, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		q = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "isii", &q->id, &q->name, &q->saved, &q->submitted)) <= 0)
			break;
		q->shared = 1;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_form_client_open(struct vl_ctx *c, int64_t matter, int64_t req, int read,
    struct vl_client_portal *p, struct vl_form_fill *out)
{
	struct vl_form_req	 q;
	enum vl_rc		 rc;

	if ((rc = vl_rshare_client_may(c, matter, VL_REC_FORM, req, p)) != VL_OK ||
	    (rc = request_get(c, matter, req, &q)) != VL_OK ||
	    (rc = fill(c, &q, out)) != VL_OK)
		return rc;
	return vl_rshare_read(c, p->portal, VL_REC_FORM, req, q.name, read);
}

/* The upload sent for field id ("f<id>"), or NULL. */
static const struct vl_upload *
upload_of(const struct vl_upload *u, int64_t id)
{
	for (; u != NULL; u = u->next)
		if (u->size > 0 && u->filename != NULL && *u->filename != '\0' &&
		    vl_fanswer_key(u->field) == id)
			return u;
	return NULL;
}

/* Records stored upload st in the matter's "Client uploads" folder (made
 * when it has none), inside the transaction. */
static enum vl_rc
record_upload(struct vl_ctx *c, int64_t matter, const struct vl_stored *st, int64_t *doc)
{
	int64_t		 folder = 0;
	uint64_t	 id;
	enum vl_rc	 rc;

	rc = vl_db_row(c->pool, STMT_UPLOADS_FOLDER, "ii", "i", c->firm_id, matter, &folder);
	if (rc == VL_DECLINED && (rc = vl_db_exec(STMT_FOLDER_INSERT, NULL, &id, "iiis",
	    c->firm_id, matter, (int64_t)0, "Client uploads")) == VL_OK)
		folder = (int64_t)id;
	if (rc != VL_OK)
		return rc;
	return vl_doc_record(c, matter, folder, st, 0, doc);
}

/* Inside the transaction: the addresses of contact, one a line. */
static enum vl_rc
addresses_of(struct vl_ctx *c, int64_t contact, char **out, size_t *n)
{
	struct vl_rows	*rows;
	struct vl_buf	 b;
	char		*addr;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	vl_buf_init(&b);
	if ((rc = vl_db_query(c->pool, STMT_FMAP_ADDRESSES, &rows, "ii", c->firm_id,
	    contact)) != VL_OK) {
		vl_buf_release(&b);
		return rc;
	}
	while ((got = vl_db_next(rows, "s", &addr)) > 0) {
		if (b.len > 0)
			vl_buf_addc(&b, '\n');
		vl_buf_adds(&b, addr);
		(*n)++;
	}
	*out = vl_pool_strdup(c->pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return got < 0 ? VL_ERR : VL_OK;
}

/*
 * Inside the transaction (the firm's row locked, see vl_form_client_answer):
 * answer added to contact's addresses, at the end and never primary, so
 * neither the address the client signs in with nor the one the firm mails
 * changes.  An address another contact of the firm has is refused (*err):
 * two contacts sharing one could each reach the other's sign-in.
 */
static enum vl_rc
add_address(struct vl_ctx *c, int64_t contact, const char *answer, size_t have,
    const char **err)
{
	int64_t		 other;
	char		*addr;
	enum vl_rc	 rc;

	if ((addr = vl_email_norm(c->pool, answer)) == NULL) {
		*err = "invalid";
		return VL_INVALID;
	}
	rc = vl_db_row(c->pool, STMT_FMAP_ADDRESS_ELSEWHERE, "isi", "i", c->firm_id, addr, contact,
	    &other);
	if (rc == VL_OK) {
		*err = "email_elsewhere";
		return VL_INVALID;
	}
	if (rc != VL_DECLINED)
		return rc;
	if (have >= VL_CONTACT_EMAILS_MAX) {
		*err = "email_full";
		return VL_INVALID;
	}
	return vl_db_exec(STMT_CONTACT_EMAIL_APPEND, NULL, NULL, "iisiii", c->firm_id, contact, addr,
	    (int64_t)0, c->firm_id, contact);
}

/* Inside the transaction: fills field x's mapped target with its answer,
 * keeping old and new on the answer and auditing the change.  VL_INVALID
 * with *err when the answer cannot go there (an address: add_address). */
static enum vl_rc
map_field(struct vl_ctx *c, int64_t matter, int64_t req, const struct vl_form_field *x,
    const char *answer, const char **err)
{
	static const enum vl_stmt set[VL_FMAP__MAX] = {
		[VL_FMAP_CONTACT_NAME] = STMT_FMAP_SET_NAME,
		[VL_FMAP_CONTACT_PHONE] = STMT_FMAP_SET_PHONES,
		[VL_FMAP_CONTACT_ADDRESS] = STMT_FMAP_SET_ADDRESS,
		[VL_FMAP_MATTER_DESCRIPTION] = STMT_FMAP_SET_DESCRIPTION,
		[VL_FMAP_CONTACT_BIRTH] = STMT_CONTACT_SET_BIRTH,
	};
	int64_t		 client;
	char		*desc, *name, *phones, *address, *old = NULL, *new;
	size_t		 naddr = 0;
	enum vl_rc	 rc = VL_OK;

	if (x->maps_to == VL_FMAP_NONE || x->maps_to >= VL_FMAP__MAX ||
	    (x->maps_to == VL_FMAP_MATTER_FIELD && x->maps_archived))
		return VL_OK;
	if ((rc = vl_db_row(c->pool, STMT_FMAP_MATTER, "ii", "is", c->firm_id, matter, &client,
	    &desc)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_FMAP_CONTACT, "ii", "sss", c->firm_id, client, &name,
	    &phones, &address)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	switch (x->maps_to) {
	case VL_FMAP_CONTACT_NAME:
		old = name;
		break;
	case VL_FMAP_CONTACT_PHONE:
		old = phones;
		break;
	case VL_FMAP_CONTACT_ADDRESS:
		old = address;
		break;
	case VL_FMAP_MATTER_DESCRIPTION:
		old = desc;
		break;
	case VL_FMAP_CONTACT_BIRTH:
		rc = vl_db_row(c->pool, STMT_CONTACT_BIRTH, "ii", "s", c->firm_id, client, &old);
		break;
	case VL_FMAP_CONTACT_EMAIL:
		rc = addresses_of(c, client, &old, &naddr);
		break;
	case VL_FMAP_MATTER_FIELD:
		/* Archived since the form was read: left as it is. */
		if ((rc = vl_mfield_value_of(c, matter, x->maps_field, &old)) == VL_DECLINED)
			return VL_OK;
		break;
	default:
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	if ((new = vl_fmap_merge(c->pool, x->maps_to, old, answer)) == NULL)
		return VL_OK;
	if (x->maps_to == VL_FMAP_CONTACT_EMAIL)
		rc = add_address(c, client, answer, naddr, err);
	else if (x->maps_to == VL_FMAP_MATTER_FIELD)
		rc = vl_mfield_set(c, matter, x->maps_field, new);
	else
		rc = vl_db_exec(set[x->maps_to], NULL, NULL, "sii", new, c->firm_id,
		    x->maps_to == VL_FMAP_MATTER_DESCRIPTION ? matter : client);
	if (rc != VL_OK ||
	    (rc = vl_db_exec(STMT_FANSWER_MAPPED, NULL, NULL, "ssiii", old, new, c->firm_id, req,
	    x->id)) != VL_OK)
		return rc;
	/* The row names the answer that holds old and new (form_answers). */
	vl_audit_in(c, matter, vl_pool_printf(c->pool, "form_mapped_%s", vl_fmaps[x->maps_to]),
	    "form_request", req);
	return VL_OK;
}

enum vl_rc
vl_form_client_answer(struct vl_ctx *c, int64_t matter, int64_t req, const struct vl_pair *pairs,
    const struct vl_upload *uploads, int submit, struct vl_form_fill *out)
{
	struct vl_client_portal	 p;
	struct vl_stored	*st;
	const struct vl_upload	*u;
	enum vl_ffield_kind	*kinds;
	int64_t			*ids, doc;
	char			**typed;
	uint64_t		 n = 0;
	size_t			 i;
	int			 bad = 0;
	enum vl_rc		 rc;

	if ((rc = vl_form_client_open(c, matter, req, 0, &p, out)) != VL_OK)
		return rc;
	if (out->req.submitted != 0)
		return VL_CONFLICT;
	ids = vl_pool_calloc(c->pool, out->n + 1, sizeof(*ids));
	kinds = vl_pool_calloc(c->pool, out->n + 1, sizeof(*kinds));
	typed = vl_pool_calloc(c->pool, out->n + 1, sizeof(*typed));
	st = vl_pool_calloc(c->pool, out->n + 1, sizeof(*st));
	for (i = 0; i < out->n; i++) {
		ids[i] = out->fields[i].id;
		kinds[i] = out->fields[i].kind;
	}
	vl_fanswers_parse(c->pool, pairs, ids, kinds, out->n, typed);
	/* What was typed replaces the draft (a field sent empty is cleared);
	 * a file stays unless a new one comes. */
	for (i = 0; i < out->n; i++) {
		if (kinds[i] == VL_FF_FILE) {
			if ((u = upload_of(uploads, ids[i])) != NULL)
				out->values[i] = vl_doc_name(c->pool, u->filename);
		} else
			out->values[i] = typed[i];
		out->errs[i] = vl_ffield_check(kinds[i], submit && out->fields[i].required,
		    out->fields[i].options, out->values[i]);
		/* A draft keeps what it can: a value that could never pass
		 * is refused now, so that it is fixed while still in mind. */
		bad |= out->errs[i] != NULL;
	}
	if (bad)
		return VL_INVALID;
	/* Files into the store before the transaction (vl_doc_store). */
	for (i = 0; i < out->n; i++)
		if (kinds[i] == VL_FF_FILE && (u = upload_of(uploads, ids[i])) != NULL &&
		    (rc = vl_doc_store(c, u, &st[i])) != VL_OK)
			return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* An address added to a contact is checked against every contact of
	 * the firm: the firm's row locked first, before any other lock, so
	 * two such submissions at once run one after the other and the second
	 * sees the first one's address. */
	for (i = 0; submit && rc == VL_OK && i < out->n; i++)
		if (out->fields[i].maps_to == VL_FMAP_CONTACT_EMAIL) {
			rc = vl_db_row(c->pool, STMT_FMAP_FIRM_LOCK, "i", "i", c->firm_id, &doc);
			break;
		}
	/* Submitting first: the row is locked until the end, and of two
	 * submits at once the second finds it submitted. */
	if (rc == VL_OK && submit)
		rc = vl_db_exec(STMT_FREQ_SUBMIT, &n, NULL, "iiii", c->contact_id, c->firm_id, matter,
		    req);
	else if (rc == VL_OK)
		rc = vl_db_exec(STMT_FREQ_SAVE, &n, NULL, "iii", c->firm_id, matter, req);
	if (rc == VL_OK && n == 0)
		rc = VL_CONFLICT;
	for (i = 0; rc == VL_OK && i < out->n; i++) {
		if (kinds[i] == VL_FF_FILE) {
			if (st[i].key[0] == '\0')
				continue;
			if ((rc = record_upload(c, matter, &st[i], &doc)) != VL_OK)
				break;
			out->docs[i] = doc;
			out->values[i] = st[i].name;
		}
		rc = vl_db_exec(STMT_FANSWER_PUT, NULL, NULL, "iiisi", c->firm_id, req, ids[i],
		    out->values[i] ? out->values[i] : "", out->docs[i]);
		if (rc == VL_OK && submit)
			rc = map_field(c, matter, req, &out->fields[i], out->values[i],
			    &out->errs[i]);
	}
	if (rc == VL_OK && submit)
		rc = vl_portal_tell_firm(c, p.portal, matter, p.number,
		    vl_pool_printf(c->pool, "a filled-in form (%s)", out->req.name), NULL);
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit_in(c, matter, submit ? "form_submit" : "form_draft", "form_request", req);
	return vl_db_commit();
}
