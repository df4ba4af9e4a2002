/*
 * The firm's portal page's panels as template sections: the participants
 * and the "Add a participant" search, the feed with the portal's events,
 * the shared resources, the composer's pickers and the email panel.  The
 * program (cgi-bin/portal_show.c) reads the request and picks the view.
 */
#include <string.h>

#include "vellum.h"
#include "event.h"
#include "tz.h"
#include "portal.h"
#include "picks.h"
#include "portalview.h"
#include "feedcopy.h"

/* Contacts the "Add a participant" search shows at most. */
#define FIND_MAX	20

/* Participants with their addresses (vl_msgpage_firm_panels), and the
 * contacts the search found (a search, not a list of the firm's every
 * contact: see picks.h). */
enum vl_rc
vl_portalview_people(struct vl_ctx *c, struct vl_tpl *d, const struct vl_msgpage_firm *h,
    const char *find)
{
	const struct vl_portal_people *pp = &h->people;
	struct vl_portal_candidate *found;
	struct vl_tpl		*row, *o;
	size_t			 i, j, n;
	int			 more;

	for (i = 0; i < pp->nin; i++) {
		row = vl_tpl_section(d, "PARTICIPANT");
		vl_tpl_set_int(row, "CONTACT_ID", pp->in[i].id);
		vl_tpl_set(row, "NAME", pp->in[i].name);
		vl_tpl_set(row, "STATE", pp->in[i].active ? "Has an account" :
		    "Invited with the first message or share");
		for (j = 0; j < pp->in[i].naddr; j++) {
			o = vl_tpl_section(row, "ADDRESS");
			vl_tpl_set(o, "ADDR", pp->in[i].addr[j]);
			if (pp->in[i].login[j])
				vl_tpl_show(o, "SELECTED");
		}
	}
	if (find == NULL || *find == '\0')
		return VL_OK;
	vl_tpl_set(d, "FIND", find);
	if (vl_picks_portal_candidates(c, h->portal, find, FIND_MAX, &found, &n, &more) != VL_OK)
		return VL_ERR;
	for (i = 0; i < n; i++) {
		row = vl_tpl_section(d, "CANDIDATE");
		vl_tpl_set_int(row, "CONTACT_ID", found[i].id);
		vl_tpl_set(row, "NAME", found[i].name);
		vl_tpl_set(row, "EMAIL", found[i].email);
	}
	vl_tpl_show(d, n == 0 ? "FOUND_NONE" : more ? "FOUND_MORE" : "FOUND_ALL");
	return VL_OK;
}

/* An event of the portal, in the row it comes before (or in TAIL). */
static void
event_row(struct vl_ctx *c, struct vl_tpl *d, const char *section, const struct vl_feed_event *e)
{
	struct vl_tpl	*row = vl_tpl_section(d, section);

	vl_tpl_set(row, "WHEN", vl_tz_fmt(c->pool, vl_tz_firm(c), e->when));
	vl_tpl_set(row, "WHO", e->who);
	vl_tpl_set(row, "WHAT", vl_portal_event_text(e->kind));
	vl_tpl_set(row, "DETAIL", e->detail);
}

/* A message's attachment, a document (DOC) or a folder (FOLDER), on its
 * row: the firm's and the client's feeds show them alike. */
void
vl_portalview_attachment(struct vl_tpl *row, const struct vl_feed_msg *m)
{
	if (m->doc_id) {
		vl_tpl_set_int(row, "DOC_ID", m->doc_id);
		vl_tpl_set(row, "DOC_NAME", m->doc_name);
		vl_tpl_show(row, "DOC");
	}
	if (m->folder_id) {
		vl_tpl_set(row, "FOLDER_NAME", m->folder_name);
		vl_tpl_show(row, "FOLDER");
	}
}

/* One message's values on its own dictionary. */
static void
message_row(struct vl_ctx *c, struct vl_tpl *row, const char *zone, const struct vl_feed_msg *m)
{
	vl_tpl_set_int(row, "ID", m->id);
	vl_tpl_set(row, "WHEN", vl_tz_fmt(c->pool, zone, m->when));
	vl_tpl_set(row, "WHO", m->who);
	vl_tpl_set(row, "BODY", m->body);
	vl_tpl_set(row, "SIDE", m->from_client ? "from-client" : "from-firm");
	vl_portalview_attachment(row, m);
	if (*m->readers) {
		vl_tpl_set(row, "READERS", vl_tz_readers(c->pool, zone, m->readers));
		vl_tpl_show(row, "READ");
	} else if (!m->from_client)
		vl_tpl_show(row, "UNREAD");
}

/*
 * One section dictionary a message (ctemplate prints a name for each): an
 * event goes inside the message it precedes, the newest ones after the
 * last message in TAIL_EVENT; the side is a class value, not a section.
 */
enum vl_rc
vl_portalview_feed(struct vl_ctx *c, struct vl_tpl *d, int64_t mid, int64_t portal,
    int64_t feed_stamp, const struct vl_feed_cursor *before, int events)
{
	struct vl_feed_event	*ev = NULL;
	struct vl_feed		 f;
	struct vl_tpl		*row;
	const char		*zone = vl_tz_firm(c);
	size_t			 i, e = 0, ne = 0;

	/* The latest page may come from the process's copy (feedcopy.h). */
	if ((before->id == 0 ? vl_feed_latest(c, portal, feed_stamp, 0, &f) :
	    vl_feed_firm(c, portal, before, &f)) != VL_OK ||
	    (events && vl_feed_events(c, portal, &f, before, &ev, &ne) != VL_OK))
		return VL_ERR;
	for (i = 0; i < f.n; i++) {
		row = vl_tpl_section(d, "MESSAGE");
		for (; e < ne && ev[e].us < f.msg[i].us; e++)
			event_row(c, row, "EVENT", &ev[e]);
		message_row(c, row, zone, &f.msg[i]);
	}
	for (; e < ne; e++)
		event_row(c, d, "TAIL_EVENT", &ev[e]);
	if (f.n == 0 && before->id == 0)
		vl_tpl_show(d, "NO_MESSAGES");
	if (f.earlier)
		vl_tpl_set(vl_tpl_section(d, "EARLIER"), "HREF", vl_pool_printf(c->pool,
		    "/matters/%lld/portal?%sbefore=%s", (long long)mid, events ? "events=1&" : "",
		    vl_feed_cursor_fmt(c->pool, &f.oldest)));
	if (before->id != 0)
		vl_tpl_set(vl_tpl_section(d, "LATEST"), "HREF", vl_pool_printf(c->pool,
		    "/matters/%lld/portal%s", (long long)mid, events ? "?events=1" : ""));
	return VL_OK;
}

enum vl_rc
vl_portalview_shared(struct vl_ctx *c, struct vl_tpl *d, int64_t portal)
{
	struct vl_rows	*rows;
	struct vl_tpl	*row;
	int64_t		 sid, did, fid, when;
	char		*name, *readers;
	int		 n = 0, rc;

	if (vl_db_query(c->pool, STMT_SHARES_LIST, &rows, "ii", c->firm_id, portal) != VL_OK)
		return VL_ERR;
	while ((rc = vl_db_next(rows, "iiisis", &sid, &did, &fid, &name, &when, &readers)) > 0) {
		row = vl_tpl_section(d, "SHARE");
		vl_tpl_set_int(row, "SHARE_ID", sid);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "WHEN", vl_tz_when(c, when));
		if (did)
			vl_tpl_set_int(vl_tpl_section(row, "IS_DOC"), "DOC_ID", did);
		else
			vl_tpl_set_int(vl_tpl_section(row, "IS_FOLDER"), "FOLDER_ID", fid);
		if (*readers)
			vl_tpl_set(vl_tpl_section(row, "READ"), "READERS",
			    vl_tz_readers(c->pool, vl_tz_firm(c), readers));
		n++;
	}
	if (rc < 0)
		return VL_ERR;
	if (n == 0)
		vl_tpl_show(d, "NO_SHARES");
	return VL_OK;
}

void
vl_portalview_pickers(struct vl_tpl *d, const struct vl_msgpage_firm *h)
{
	struct vl_tpl	*o;
	size_t		 i;

	for (i = 0; i < h->ndocs; i++) {
		o = vl_tpl_section(d, "DOC_CHOICE");
		vl_tpl_set_int(o, "ID", h->docs[i].id);
		vl_tpl_set(o, "NAME", h->docs[i].name);
	}
	for (i = 0; i < h->nfolders; i++) {
		o = vl_tpl_section(d, "FOLDER_CHOICE");
		vl_tpl_set_int(o, "ID", h->folders[i].id);
		vl_tpl_set(o, "NAME", h->folders[i].name);
	}
}

void
vl_portalview_email(struct vl_tpl *d, const struct vl_msgpage_firm *h)
{
	size_t	 i;

	vl_tpl_show(d, h->muted ? "MUTED" : "UNMUTED");
	for (i = 0; i < h->nresponsible; i++)
		vl_tpl_set(vl_tpl_section(d, "RESPONSIBLE"), "NAME", h->responsible[i]);
	if (h->nresponsible == 0)
		vl_tpl_show(d, "NO_RESPONSIBLE");
}
