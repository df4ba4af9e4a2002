/*
 * Notes of a matter: see note.h.
 *
 * A body is plain text as typed.  It is never HTML: pages show it line by
 * line (vl_text_show), each line escaped by the template and the breaks
 * made by the template, so what a lawyer types is what a client reads.
 * Sharing is lib/rshare.c's, inside the transaction that saves the note.
 */
#include <string.h>

#include "note.h"
#include "listing.h"
#include "matter.h"
#include "recsave.h"
#include "rshare.h"

void
vl_text_show(struct vl_pool *pool, struct vl_tpl *d, const char *section, const char *text)
{
	struct vl_tpl	*s;
	char		**lines;
	size_t		 n, i;

	vl_text_lines(pool, text, &lines, &n);
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(d, section);
		vl_tpl_set(s, "LINE", lines[i]);
		if (i + 1 < n)
			vl_tpl_show(s, "BREAK");
	}
}

static void
check_in(const struct vl_note_in *in, struct vl_ferr *fe)
{
	if (in->subject == NULL || *in->subject == '\0')
		vl_ferr_add(fe, "subject", "missing");
	else if (strlen(in->subject) > VL_NOTE_SUBJECT_MAX)
		vl_ferr_add(fe, "subject", "long");
	if (in->body == NULL || *in->body == '\0')
		vl_ferr_add(fe, "body", "missing");
	else if (strlen(in->body) > VL_NOTE_BODY_MAX)
		vl_ferr_add(fe, "body", "long");
	if (!vl_date_valid(in->date))
		vl_ferr_add(fe, "date", "invalid");
}

enum vl_rc
vl_note_save(struct vl_ctx *c, int64_t matter, int64_t id, const struct vl_note_in *in,
    int64_t *out, struct vl_ferr *fe)
{
	struct vl_matter	 m;
	struct vl_note		 old;
	uint64_t		 newid = 0, n = 1;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(c, matter, &m)) != VL_OK)
		return rc;
	if (id != 0 && (rc = vl_note_get(c, matter, id, &old)) != VL_OK)
		return rc;
	check_in(in, fe);
	if (fe->n > 0)
		return VL_INVALID;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if (id == 0) {
		rc = vl_db_exec(STMT_NOTE_INSERT, NULL, &newid, "iisssi", c->firm_id, matter,
		    in->subject, in->body, in->date, c->user_id);
		id = (int64_t)newid;
	} else	/* updated_at always changes: no row means deleted meanwhile. */
		rc = vl_db_exec(STMT_NOTE_UPDATE, &n, NULL, "sssiii", in->subject, in->body,
		    in->date, c->firm_id, matter, id);
	if ((rc = vl_recsave_end(c, &m, VL_REC_NOTE, id, newid != 0, rc, n, in->share,
	    in->subject, fe)) == VL_OK)
		*out = id;
	return rc;
}

enum vl_rc
vl_note_delete(struct vl_ctx *c, int64_t matter, int64_t id)
{
	struct vl_matter	 m;
	struct vl_note		 note;
	enum vl_rc		 rc;

	if ((rc = vl_matter_load(c, matter, &m)) != VL_OK ||
	    (rc = vl_note_get(c, matter, id, &note)) != VL_OK)
		return rc;
	return vl_recsave_delete(c, &m, VL_REC_NOTE, id, note.subject, STMT_NOTE_DELETE);
}

enum vl_rc
vl_note_get(struct vl_ctx *c, int64_t matter, int64_t id, struct vl_note *note)
{
	memset(note, 0, sizeof(*note));
	note->id = id;
	note->matter = matter;
	return vl_db_row(c->pool, STMT_NOTE_GET, "iii", "ssisi", c->firm_id, matter, id,
	    &note->subject, &note->body, &note->date, &note->author, &note->updated);
}

enum vl_rc
vl_note_find(struct vl_ctx *c, int64_t matter, int64_t page, struct vl_note **out, size_t *n,
    int *more)
{
	struct vl_rows	*rows;
	struct vl_note	*list, *note;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_NOTES_FIND, &rows, "iiii", c->firm_id, matter,
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		note = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "issis", &note->id, &note->subject, &note->body,
		    &note->date, &note->author)) <= 0)
			break;
		note->matter = matter;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_note_client_list(struct vl_ctx *c, const struct vl_client_portal *p, int64_t page,
    struct vl_note **out, size_t *n, int *more)
{
	struct vl_rows	*rows;
	struct vl_note	*list, *note;
	int		 got;
	enum vl_rc	 rc;

	*n = 0;
	*more = 0;
	if (c->contact_id == 0 || !p->perm[VL_PERM_NOTES])
		return VL_DECLINED;
	list = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*list));
	if ((rc = vl_db_query(c->pool, STMT_NOTES_CLIENT, &rows, "iiiii", c->firm_id, p->matter,
	    p->portal, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	for (;;) {
		note = &list[*n < VL_PAGE_ROWS ? *n : VL_PAGE_ROWS];
		if ((got = vl_db_next(rows, "isis", &note->id, &note->subject, &note->date,
		    &note->author)) <= 0)
			break;
		note->matter = p->matter;
		if (*n == VL_PAGE_ROWS)
			*more = 1;
		else
			(*n)++;
	}
	*out = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_note_client_open(struct vl_ctx *c, int64_t matter, int64_t id, int read, struct vl_note *note,
    struct vl_client_portal *p)
{
	enum vl_rc	 rc;

	if ((rc = vl_rshare_client_may(c, matter, VL_REC_NOTE, id, p)) != VL_OK ||
	    (rc = vl_note_get(c, matter, id, note)) != VL_OK)
		return rc;
	return vl_rshare_read(c, p->portal, VL_REC_NOTE, id, note->subject, read);
}
