/*
 * A matter's Notes subtab (F-A8): /matters/<id>/notes?page=N, latest day
 * first, 50 a page; each note's body with its lines, its author, and
 * whether it is shared through the portal and viewed by a client.
 */
#include "vellum.h"
#include "listing.h"
#include "matter.h"
#include "note.h"
#include "recmark.h"
#include "rshare.h"

enum field { F_PAGE, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
	{ "notice", VL_V_LINE, 16 },
};

static const char *const notices[] = { "added", "saved", "deleted" };

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_note		*notes;
	struct vl_matter	 m;
	struct vl_tpl		*d, *s;
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(r->ctx, vl_req_path_id(r, "/matters/"), &m)) != VL_OK)
		return rc;
	if ((rc = vl_note_find(r->ctx, m.id, page, &notes, &n, &more)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "Notes · %s", m.number));
	vl_matter_frame(r->pool, d, &m, "notes");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(d, "NOTE");
		vl_tpl_set_int(s, "ID", notes[i].id);
		vl_tpl_set(s, "SUBJECT", notes[i].subject);
		vl_tpl_set(s, "DATE", vl_date_iso(r->pool, notes[i].date));
		vl_tpl_set(s, "AUTHOR", notes[i].author);
		vl_text_show(r->pool, s, "BODY", notes[i].body);
		if ((rc = vl_recmark_show(r->ctx, s, m.id, VL_REC_NOTE, notes[i].id)) != VL_OK)
			return rc;
	}
	if (n == 0)
		vl_tpl_show(d, page > 1 ? "NO_MATCH" : "NO_NOTES");
	vl_list_pager(r->pool, d, vl_pool_printf(r->pool, "/matters/%lld/notes", (long long)m.id),
	    "", page, more);
	return vl_page_send(r, "notes.tpl", d);
}

static const struct vl_app app = {
	.name = "notes_list",
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
