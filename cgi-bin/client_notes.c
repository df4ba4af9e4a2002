/*
 * The client's Notes tab (F-B11): /portal/matters/<id>/notes?page=N lists
 * the matter's notes shared with the portal; /portal/matters/<id>/notes/<n>
 * shows one, its body escaped with its lines kept, and records the read
 * (the client's own navigation) as a document's download does.  Anything
 * not shared with this client now is not found (404).
 */
#include <string.h>

#include "vellum.h"
#include "listing.h"
#include "note.h"
#include "portal.h"

enum field { F_PAGE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "page", VL_V_INT, 6 },
};

/* The page's frame: the matter and the client's tabs. */
static struct vl_tpl *
frame(struct vl_req *r, const struct vl_client_portal *p, const char *title)
{
	struct vl_tpl	*d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", title, p->number));

	vl_tpl_set_int(d, "MATTER_ID", p->matter);
	vl_tpl_set(d, "NUMBER", p->number);
	vl_tpl_set(d, "DESCRIPTION", p->description);
	vl_portal_client_tabs(r->pool, d, p, VL_PERM_NOTES);
	return d;
}

static enum vl_rc
one(struct vl_req *r, int64_t matter, int64_t id)
{
	struct vl_client_portal	 p;
	struct vl_note		 note;
	struct vl_tpl		*d, *s;
	enum vl_rc		 rc;

	if ((rc = vl_note_client_open(r->ctx, matter, id, vl_portal_own_navigation(r), &note,
	    &p)) != VL_OK)
		return rc;
	d = frame(r, &p, note.subject);
	s = vl_tpl_section(d, "ONE");
	vl_tpl_set(s, "SUBJECT", note.subject);
	vl_tpl_set(s, "DATE", vl_date_iso(r->pool, note.date));
	vl_tpl_set(s, "AUTHOR", note.author);
	vl_text_show(r->pool, s, "BODY", note.body);
	return vl_page_send(r, "client_notes.tpl", d);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_client_portal	 p;
	struct vl_note		*notes;
	struct vl_tpl		*d, *l, *s;
	int64_t			 matter = vl_req_path_id(r, "/portal/matters/"), id;
	int64_t			 page = r->fields[F_PAGE].val ? r->fields[F_PAGE].num : 1;
	size_t			 n, i;
	int			 more;
	enum vl_rc		 rc;

	id = vl_req_path_id(r, vl_pool_printf(r->pool, "/portal/matters/%lld/notes/",
	    (long long)matter));
	if (id != 0)
		return one(r, matter, id);
	/* /notes/0 and the like name no note. */
	if (strcmp(r->uri, vl_pool_printf(r->pool, "/portal/matters/%lld/notes",
	    (long long)matter)) != 0)
		return VL_DECLINED;
	if ((rc = vl_portal_of_client(r->ctx, matter, &p)) != VL_OK ||
	    (rc = vl_note_client_list(r->ctx, &p, page, &notes, &n, &more)) != VL_OK)
		return rc;
	d = frame(r, &p, "Notes");
	l = vl_tpl_section(d, "LIST");
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(l, "NOTE");
		vl_tpl_set_int(s, "ID", notes[i].id);
		vl_tpl_set(s, "SUBJECT", notes[i].subject);
		vl_tpl_set(s, "DATE", vl_date_iso(r->pool, notes[i].date));
		vl_tpl_set(s, "AUTHOR", notes[i].author);
	}
	if (n == 0)
		vl_tpl_show(l, page > 1 ? "NO_MATCH" : "NO_NOTES");
	vl_list_pager(r->pool, l, vl_pool_printf(r->pool, "/portal/matters/%lld/notes",
	    (long long)p.matter), "", page, more);
	return vl_page_send(r, "client_notes.tpl", d);
}

static const struct vl_app app = {
	.name = "client_notes",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
