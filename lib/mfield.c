/*
 * The firm's own matter fields: see mfield.h.  The order is a position
 * per field, renumbered 0.. on every move under a lock of the firm's
 * list, so two admins moving at once never leave two fields in one place.
 */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "formval.h"
#include "mfield.h"

enum vl_rc
vl_mfield_list(struct vl_ctx *c, struct vl_mfield **out, size_t *n)
{
	struct vl_rows		*rows;
	struct vl_mfield	*list;
	int64_t			 archived;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_MFIELDS_LIST, &rows, "i", c->firm_id)) != VL_OK)
		return rc;
	list = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*list));
	while ((got = vl_db_next(rows, "isiii", &list[*n].id, &list[*n].label, &list[*n].position,
	    &archived, &list[*n].uses)) > 0) {
		list[*n].archived = archived != 0;
		(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

/* The firm's fields locked, in order: their count into *n, ids into *ids
 * (pool) when ids is not NULL. */
static enum vl_rc
lock_list(struct vl_ctx *c, int64_t **ids, size_t *n)
{
	struct vl_rows	*rows;
	int64_t		*list, id;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_MFIELDS_LOCK, &rows, "i", c->firm_id)) != VL_OK)
		return rc;
	list = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*list));
	while ((got = vl_db_next(rows, "i", &id)) > 0)
		list[(*n)++] = id;
	if (ids != NULL)
		*ids = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_mfield_save(struct vl_ctx *c, int64_t id, const char *label, struct vl_form_err *e)
{
	char		*was;
	int64_t		 archived;
	uint64_t	 nid = 0;
	size_t		 n;
	enum vl_rc	 rc;

	if (label == NULL || *label == '\0')
		return vl_form_refuse(e, "label", "label_missing");
	if (strlen(label) > VL_MFIELD_LABEL_MAX || strpbrk(label, "\r\n") != NULL)
		return vl_form_refuse(e, "label", "label_long");
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_list(c, NULL, &n)) != VL_OK)
		goto fail;
	if (id == 0) {
		if (n >= VL_MFIELDS_MAX) {
			vl_db_rollback();
			return vl_form_refuse(e, "label", "fields_many");
		}
		rc = vl_db_exec(STMT_MFIELD_ADD, NULL, &nid, "isi", c->firm_id, label, c->firm_id);
		id = (int64_t)nid;
	} else if ((rc = vl_db_row(c->pool, STMT_MFIELD_GET, "ii", "si", c->firm_id, id, &was,
	    &archived)) == VL_OK)
		rc = vl_db_exec(STMT_MFIELD_RENAME, NULL, NULL, "sii", label, c->firm_id, id);
	if (rc != VL_OK)
		goto fail;
	vl_audit(c, nid != 0 ? "matter_field_add" : "matter_field_rename", "matter_field", id);
	return vl_db_commit();
fail:
	vl_db_rollback();
	/* The unique label (sql/024): another field has it, live or not. */
	if (rc == VL_CONFLICT)
		return vl_form_refuse(e, "label", "label_taken");
	return rc;
}

enum vl_rc
vl_mfield_move(struct vl_ctx *c, int64_t id, int dir)
{
	struct vl_mfield	*list;
	int64_t			*ids, t;
	size_t			 n = 0, live = 0, i, at = SIZE_MAX;
	enum vl_rc		 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* The lock first, then the order as it stands under it. */
	if ((rc = lock_list(c, &ids, &n)) != VL_OK ||
	    (rc = vl_mfield_list(c, &list, &n)) != VL_OK)
		goto fail;
	ids = vl_pool_calloc(c->pool, n + 1, sizeof(*ids));
	for (i = 0; i < n; i++) {
		ids[i] = list[i].id;
		if (!list[i].archived)
			live++;
		if (list[i].id == id && !list[i].archived)
			at = i;
	}
	if (at == SIZE_MAX) {
		rc = VL_DECLINED;
		goto fail;
	}
	/* Live fields come first in the list: a move stays among them. */
	if ((dir < 0 && at > 0) || (dir > 0 && at + 1 < live)) {
		i = dir < 0 ? at - 1 : at + 1;
		t = ids[i];
		ids[i] = ids[at];
		ids[at] = t;
	}
	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_db_exec(STMT_MFIELD_POSITION, NULL, NULL, "iii", (int64_t)i, c->firm_id,
		    ids[i]);
	if (rc != VL_OK)
		goto fail;
	vl_audit(c, "matter_field_move", "matter_field", id);
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_mfield_archive(struct vl_ctx *c, int64_t id, int on)
{
	char		*label;
	int64_t		 archived;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_MFIELD_GET, "ii", "si", c->firm_id, id, &label,
	    &archived)) != VL_OK)
		return rc;
	if ((archived != 0) == (on != 0))
		return VL_OK;
	if ((rc = vl_db_exec(STMT_MFIELD_ARCHIVE, &n, NULL, "iii", (int64_t)(on != 0), c->firm_id,
	    id)) != VL_OK)
		return rc;
	if (n > 0)
		vl_audit(c, on ? "matter_field_archive" : "matter_field_restore", "matter_field", id);
	return VL_OK;
}

enum vl_rc
vl_mfield_values(struct vl_ctx *c, int64_t matter, struct vl_mfield_value **out, size_t *n)
{
	struct vl_rows		*rows;
	struct vl_mfield_value	*list;
	int			 got;
	enum vl_rc		 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_MFIELD_VALUES, &rows, "ii", matter, c->firm_id)) != VL_OK)
		return rc;
	list = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*list));
	while ((got = vl_db_next(rows, "iss", &list[*n].id, &list[*n].label,
	    &list[*n].value)) > 0)
		(*n)++;
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

/* The field id a key "cf<id>" names, or 0. */
static int64_t
key_id(const char *key)
{
	int64_t	 id = 0;

	if (key == NULL || key[0] != 'c' || key[1] != 'f' || key[2] < '1' || key[2] > '9')
		return 0;
	for (key += 2; *key >= '0' && *key <= '9'; key++) {
		if (id > (INT64_MAX - (*key - '0')) / 10)
			return 0;
		id = id * 10 + (*key - '0');
	}
	return *key == '\0' ? id : 0;
}

/* The first pair of typed for field id, or NULL. */
static const struct vl_pair *
pair_of(const struct vl_pair *typed, int64_t id)
{
	for (; typed != NULL && id != 0; typed = typed->next)
		if (key_id(typed->key) == id)
			return typed;
	return NULL;
}

const char *
vl_mfield_typed(const struct vl_pair *typed, int64_t id)
{
	const struct vl_pair	*p = pair_of(typed, id);

	return p == NULL ? NULL : p->val != NULL ? p->val : "";
}

enum vl_rc
vl_mfield_check(struct vl_ctx *c, const struct vl_pair *typed, struct vl_form_err *e)
{
	const struct vl_pair	*p;
	struct vl_mfield	*k;
	const char		*code;
	size_t			 n, i;
	enum vl_rc		 rc;

	if (typed == NULL)
		return VL_OK;
	/* The live fields only: a key of no such field is never written. */
	if ((rc = vl_mfield_list(c, &k, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (k[i].archived || (p = pair_of(typed, k[i].id)) == NULL)
			continue;
		/* A value with a NUL inside is not text either. */
		if (p->val != NULL && strlen(p->val) != p->vallen)
			code = "value_invalid";
		else
			code = vl_mfield_value_check(p->val);
		if (code != NULL)
			return vl_form_refuse(e, vl_pool_printf(c->pool, "cf%lld", (long long)k[i].id),
			    code);
	}
	return VL_OK;
}

enum vl_rc
vl_mfield_put(struct vl_ctx *c, int64_t matter, const struct vl_pair *typed)
{
	struct vl_mfield_value	*list;
	const char		*v;
	size_t			 n, i;
	enum vl_rc		 rc;

	if (typed == NULL)
		return VL_OK;
	if ((rc = vl_mfield_values(c, matter, &list, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n && rc == VL_OK; i++)
		if ((v = vl_mfield_typed(typed, list[i].id)) != NULL && strcmp(v, list[i].value) != 0)
			rc = vl_mfield_set(c, matter, list[i].id, v);
	return rc;
}

enum vl_rc
vl_mfield_value_of(struct vl_ctx *c, int64_t matter, int64_t field, char **old)
{
	return vl_db_row(c->pool, STMT_MFIELD_VALUE_LOCK, "iii", "s", matter, c->firm_id, field, old);
}

enum vl_rc
vl_mfield_set(struct vl_ctx *c, int64_t matter, int64_t field, const char *value)
{
	if (value == NULL || *value == '\0')
		return vl_db_exec(STMT_MFIELD_VALUE_CLEAR, NULL, NULL, "iii", c->firm_id, matter, field);
	return vl_db_exec(STMT_MFIELD_VALUE_SET, NULL, NULL, "isiii", c->firm_id, value, c->firm_id,
	    matter, field);
}
