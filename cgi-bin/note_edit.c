/*
 * A note of a matter: /matters/<id>/notes/edit.  GET: a new one; ?id=N:
 * one to change; ?op=delete&id=N: "Are you sure...?".  POST op save (with
 * id: a change) or delete.  A refused form comes back with what was typed
 * and each field at fault (400).
 */
#include <string.h>

#include "vellum.h"
#include "fielderr.h"
#include "listing.h"
#include "matter.h"
#include "note.h"
#include "rshare.h"

enum field { F_OP, F_ID, F_SUBJECT, F_BODY, F_DATE, F_SHARE, FIELD__MAX };

/* Longer than the domain allows, so that it names the field at fault. */
static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "id", VL_V_ID, 20 },
	{ "subject", VL_V_LINE, 2000 },
	{ "body", VL_V_STRING, 60000 },
	{ "date", VL_V_LINE, 32 },
	{ "share", VL_V_BOOL, 4 },
};

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* The form of note id (0: new) of m holding in, after refusal fe. */
static enum vl_rc
form(struct vl_req *r, const struct vl_matter *m, int64_t id, const struct vl_note_in *in,
    const struct vl_ferr *fe)
{
	struct vl_tpl	*d;

	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", id ? "Edit note" : "New note",
	    m->number));
	vl_matter_frame(r->pool, d, m, "notes");
	vl_tpl_show(d, id ? "EDIT" : "NEW");
	if (id != 0)
		vl_tpl_set_int(vl_tpl_section(d, "HAS_ID"), "ID", id);
	vl_tpl_set(d, "SUBJECT", in->subject);
	vl_tpl_set(d, "BODY_TEXT", in->body);
	vl_tpl_set(d, "DATE", in->date);
	if (in->share)
		vl_tpl_show(d, "SHARE_ON");
	vl_ferr_show(d, fe);
	return vl_page_send_status(r, fe->n ? 400 : 200, "note_edit.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_note_in	 in = { "", "", NULL, 0 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	const char *const	 del[] = { "op", "delete", "id", VAL(F_ID), NULL };
	struct vl_confirm	 c = { "Delete this note? It cannot be brought back, and a client "
	    "it is shared with no longer sees it.", "Delete note", NULL, NULL, del };
	struct vl_matter	 m;
	struct vl_note		 note;
	char			 today[11];
	int64_t			 id = NUM(F_ID);
	int			 shared;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (id == 0) {
		vl_date_today(r->ctx, today);
		in.date = vl_pool_strdup(r->pool, today);
		return form(r, &m, 0, &in, &fe);
	}
	if ((rc = vl_note_get(r->ctx, m.id, id, &note)) != VL_OK)
		return rc;
	if (VAL(F_OP) != NULL && strcmp(VAL(F_OP), "delete") == 0) {
		c.action = vl_pool_printf(r->pool, "/matters/%lld/notes/edit", (long long)m.id);
		c.back = vl_pool_printf(r->pool, "/matters/%lld/notes", (long long)m.id);
		return vl_matter_confirm(r, &m, "notes", "Delete note", &c);
	}
	if ((shared = vl_rshare_is_shared(r->ctx, m.id, VL_REC_NOTE, id)) < 0)
		return VL_ERR;
	in = (struct vl_note_in){ note.subject, note.body, vl_date_iso(r->pool, note.date), shared };
	return form(r, &m, id, &in, &fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_note_in	 in = { VAL(F_SUBJECT), VAL(F_BODY), VAL(F_DATE), NUM(F_SHARE) != 0 };
	struct vl_ferr		 fe = VL_FERR_INIT;
	struct vl_matter	 m;
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "", *notice;
	int64_t			 id = NUM(F_ID), saved = 0;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if (strcmp(op, "delete") == 0 && id != 0) {
		rc = vl_note_delete(r->ctx, m.id, id);
		notice = "deleted";
	} else if (strcmp(op, "save") == 0) {
		/* Text with control characters is refused by the field, not lost. */
		if ((r->fields[F_SUBJECT].present && in.subject == NULL) ||
		    (r->fields[F_BODY].present && in.body == NULL))
			return VL_INVALID;
		rc = vl_note_save(r->ctx, m.id, id, &in, &saved, &fe);
		notice = id ? "saved" : "added";
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && fe.n > 0)
		return form(r, &m, id, &in, &fe);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "/matters/%lld/notes?notice=%s",
	    (long long)m.id, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "note_edit",
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
