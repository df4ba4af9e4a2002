/*
 * A matter's Communications subtab: /matters/<id>/portal.  Before the
 * portal is opened, "Go to client portal"; after, the portal page with
 * "Messages" (the feed, optionally mixed with portal events, and the
 * composer) or "Shared resources", the participants panel, permissions, the
 * signed-in user's "Mute" and the firm's client sign-in link.  Forms post
 * to portal_action.  Times are in the firm's zone.
 */
#include <string.h>

#include "vellum.h"
#include "event.h"
#include "matter.h"
#include "tz.h"
#include "portal.h"
#include "feed.h"
#include "picks.h"
#include "msgpage.h"

enum field { F_VIEW, F_EVENTS, F_NOTICE, F_BEFORE, F_FIND, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "view", VL_V_LINE, 16 },
	{ "events", VL_V_BOOL, 1 },
	{ "notice", VL_V_LINE, 32 },
	{ "before", VL_V_LINE, 48 },
	{ "find", VL_V_LINE, 400 },	/* bytes: the box takes 100 characters */
};

/* Contacts the "Add a participant" search shows at most. */
#define FIND_MAX	20

static const char *const perm_labels[VL_PERM__MAX] = {
	[VL_PERM_MESSAGES] = "Messages",
	[VL_PERM_DOCUMENTS] = "Documents",
	[VL_PERM_BILLS] = "Bills",
	[VL_PERM_CALENDAR] = "Calendar",
	[VL_PERM_TASKS] = "Tasks",
	[VL_PERM_NOTES] = "Notes",
	[VL_PERM_FORMS] = "Forms",
};

/* Notice codes portal_action sends back with; the texts are in portal.tpl. */
static const char *const notices[] = {
	"opened",
	"sent",
	"deleted",
	"shared",
	"unshared",
	"added",
	"removed",
	"email",
	"perms",
	"muted",
	"unmuted",
};

/* Participants with their addresses, and the contacts the search found
 * (a search, not a list of the firm's every contact: see picks.h). */
static enum vl_rc
participants(struct vl_req *r, struct vl_tpl *d, int64_t portal)
{
	struct vl_portal_people	 pp;
	struct vl_portal_candidate *found;
	struct vl_tpl		*row, *o;
	const char		*q = r->fields[F_FIND].val;
	size_t			 i, j, n;
	int			 more;

	if (vl_picks_portal_people(r->ctx, portal, &pp) != VL_OK)
		return VL_ERR;
	for (i = 0; i < pp.nin; i++) {
		row = vl_tpl_section(d, "PARTICIPANT");
		vl_tpl_set_int(row, "CONTACT_ID", pp.in[i].id);
		vl_tpl_set(row, "NAME", pp.in[i].name);
		vl_tpl_set(row, "STATE", pp.in[i].active ? "Has an account" :
		    "Invited with the first message or share");
		for (j = 0; j < pp.in[i].naddr; j++) {
			o = vl_tpl_section(row, "ADDRESS");
			vl_tpl_set(o, "ADDR", pp.in[i].addr[j]);
			if (pp.in[i].login[j])
				vl_tpl_show(o, "SELECTED");
		}
	}
	if (r->fields[F_FIND].present && q == NULL)
		return VL_INVALID;	/* over 400 bytes or not text */
	if (q == NULL || *q == '\0')
		return VL_OK;
	vl_tpl_set(d, "FIND", q);
	if (vl_picks_portal_candidates(r->ctx, portal, q, FIND_MAX, &found, &n, &more) != VL_OK)
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
event_row(struct vl_req *r, struct vl_tpl *d, const char *section, const struct vl_feed_event *e)
{
	struct vl_tpl	*row = vl_tpl_section(d, section);

	vl_tpl_set(row, "WHEN", vl_tz_fmt(r->pool, vl_tz_firm(r->ctx), e->when));
	vl_tpl_set(row, "WHO", e->who);
	vl_tpl_set(row, "WHAT", vl_portal_event_text(e->kind));
	vl_tpl_set(row, "DETAIL", e->detail);
}

/* A page of the feed (the latest, or the one before the link's cursor),
 * with the portal's events of the same span mixed in by time when asked.
 * One section dictionary a message (ctemplate prints a name for each): an
 * event goes inside the message it precedes, the newest ones after the
 * last message in TAIL_EVENT; the side is a class value, not a section. */
static enum vl_rc
feed(struct vl_req *r, struct vl_tpl *d, int64_t mid, int64_t portal, int events)
{
	struct vl_feed_cursor	 before;
	struct vl_feed_event	*ev = NULL;
	struct vl_feed		 f;
	struct vl_feed_msg	*m;
	struct vl_tpl		*row;
	const char		*zone = vl_tz_firm(r->ctx);
	size_t			 i, e = 0, ne = 0;

	if (r->fields[F_BEFORE].present && vl_feed_cursor_parse(r->fields[F_BEFORE].val, &before) != 0)
		return VL_INVALID;
	if (!r->fields[F_BEFORE].present)
		memset(&before, 0, sizeof(before));
	if (vl_feed_firm(r->ctx, portal, &before, &f) != VL_OK ||
	    (events && vl_feed_events(r->ctx, portal, &f, &before, &ev, &ne) != VL_OK))
		return VL_ERR;
	for (i = 0; i < f.n; i++) {
		m = &f.msg[i];
		row = vl_tpl_section(d, "MESSAGE");
		for (; e < ne && ev[e].us < m->us; e++)
			event_row(r, row, "EVENT", &ev[e]);
		vl_tpl_set_int(row, "ID", m->id);
		vl_tpl_set(row, "WHEN", vl_tz_fmt(r->pool, zone, m->when));
		vl_tpl_set(row, "WHO", m->who);
		vl_tpl_set(row, "BODY", m->body);
		vl_tpl_set(row, "SIDE", m->from_client ? "from-client" : "from-firm");
		if (m->doc_id) {
			vl_tpl_set_int(row, "DOC_ID", m->doc_id);
			vl_tpl_set(row, "DOC_NAME", m->doc_name);
			vl_tpl_show(row, "DOC");
		}
		if (m->folder_id) {
			vl_tpl_set(row, "FOLDER_NAME", m->folder_name);
			vl_tpl_show(row, "FOLDER");
		}
		if (*m->readers) {
			vl_tpl_set(row, "READERS", vl_tz_readers(r->pool, zone, m->readers));
			vl_tpl_show(row, "READ");
		} else if (!m->from_client)
			vl_tpl_show(row, "UNREAD");
	}
	for (; e < ne; e++)
		event_row(r, d, "TAIL_EVENT", &ev[e]);
	if (f.n == 0 && before.id == 0)
		vl_tpl_show(d, "NO_MESSAGES");
	if (f.earlier)
		vl_tpl_set(vl_tpl_section(d, "EARLIER"), "HREF", vl_pool_printf(r->pool,
		    "/matters/%lld/portal?%sbefore=%s", (long long)mid, events ? "events=1&" : "",
		    vl_feed_cursor_fmt(r->pool, &f.oldest)));
	if (before.id != 0)
		vl_tpl_set(vl_tpl_section(d, "LATEST"), "HREF", vl_pool_printf(r->pool,
		    "/matters/%lld/portal%s", (long long)mid, events ? "?events=1" : ""));
	return VL_OK;
}

static enum vl_rc
shared(struct vl_req *r, struct vl_tpl *d, int64_t portal)
{
	struct vl_rows	*rows;
	struct vl_tpl	*row;
	int64_t		 sid, did, fid, when;
	char		*name, *readers;
	int		 n = 0;

	if (vl_db_query(r->pool, STMT_SHARES_LIST, &rows, "ii", r->sess->firm_id, portal) != VL_OK)
		return VL_ERR;
	while (vl_db_next(rows, "iiisis", &sid, &did, &fid, &name, &when, &readers) > 0) {
		row = vl_tpl_section(d, "SHARE");
		vl_tpl_set_int(row, "SHARE_ID", sid);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, when));
		if (did)
			vl_tpl_set_int(vl_tpl_section(row, "IS_DOC"), "DOC_ID", did);
		else
			vl_tpl_set_int(vl_tpl_section(row, "IS_FOLDER"), "FOLDER_ID", fid);
		if (*readers)
			vl_tpl_set(vl_tpl_section(row, "READ"), "READERS",
			    vl_tz_readers(r->pool, vl_tz_firm(r->ctx), readers));
		n++;
	}
	if (n == 0)
		vl_tpl_show(d, "NO_SHARES");
	return VL_OK;
}

/* Documents and folders of the matter, for the composer and the share form. */
static enum vl_rc
pickers(struct vl_req *r, struct vl_tpl *d, int64_t mid)
{
	struct vl_pick	*docs, *folders;
	struct vl_tpl	*o;
	size_t		 nd, nf, i;

	if (vl_picks_attachable(r->ctx, mid, &docs, &nd, &folders, &nf) != VL_OK)
		return VL_ERR;
	for (i = 0; i < nd; i++) {
		o = vl_tpl_section(d, "DOC_CHOICE");
		vl_tpl_set_int(o, "ID", docs[i].id);
		vl_tpl_set(o, "NAME", docs[i].name);
	}
	for (i = 0; i < nf; i++) {
		o = vl_tpl_section(d, "FOLDER_CHOICE");
		vl_tpl_set_int(o, "ID", folders[i].id);
		vl_tpl_set(o, "NAME", folders[i].name);
	}
	return VL_OK;
}

/* The email panel: the user's mute and the matter's responsible users. */
static void
email_panel(struct vl_tpl *d, const struct vl_msgpage_firm *h)
{
	size_t	 i;

	vl_tpl_show(d, h->muted ? "MUTED" : "UNMUTED");
	for (i = 0; i < h->nresponsible; i++)
		vl_tpl_set(vl_tpl_section(d, "RESPONSIBLE"), "NAME", h->responsible[i]);
	if (h->nresponsible == 0)
		vl_tpl_show(d, "NO_RESPONSIBLE");
}

static enum vl_rc
get(struct vl_req *r)
{
	const char	*view = r->fields[F_VIEW].val ? r->fields[F_VIEW].val : "messages";
	int		 events = r->fields[F_EVENTS].val ? (int)r->fields[F_EVENTS].num : 0;
	struct vl_msgpage_firm h;
	struct vl_tpl	*d, *o;
	enum vl_rc	 rc, src;
	size_t		 i;

	/* One statement: the session (pending), the matter, its portal and
	 * the email panel; then the session is settled before anything else. */
	rc = vl_msgpage_firm_head(r->ctx, vl_req_path_id(r, "/matters/"), &h);
	if ((src = vl_sess_joined(r)) != VL_OK)
		return src;
	if (rc != VL_OK)
		return rc;
	vl_msgpage_firm_dates(r->ctx, &h);
	d = vl_page_new(r, vl_pool_printf(r->pool, "Client portal · %s", h.matter.number));
	vl_matter_frame(r->pool, d, &h.matter, "communications");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	if (h.portal == 0) {
		vl_tpl_show(d, "NOT_OPEN");
		return vl_page_send(r, "portal.tpl", d);
	}
	vl_tpl_show(d, "OPEN");
	for (i = 0; i < VL_PERM__MAX; i++) {
		o = vl_tpl_section(d, "PERM");
		vl_tpl_set(o, "PERM", vl_portal_perms[i]);
		vl_tpl_set(o, "LABEL", perm_labels[i]);
		if (h.perm[i])
			vl_tpl_show(o, "CHECKED");
	}
	email_panel(d, &h);
	/* The slug comes with the session. */
	vl_tpl_set(d, "LOGIN_LINK", vl_pool_printf(r->pool, "%s/portal/login?firm=%s",
	    vl_conf.base_url, r->sess->firm_slug != NULL ? r->sess->firm_slug : ""));
	if ((rc = participants(r, d, h.portal)) != VL_OK)
		return rc;
	if (pickers(r, d, h.matter.id) != VL_OK)
		return VL_ERR;
	if (strcmp(view, "shared") == 0) {
		vl_tpl_show(d, "VIEW_SHARED");
		if (shared(r, d, h.portal) != VL_OK)
			return VL_ERR;
	} else {
		vl_tpl_show(d, "VIEW_MESSAGES");
		vl_tpl_show(d, events ? "EVENTS_ON" : "EVENTS_OFF");
		if ((rc = feed(r, d, h.matter.id, h.portal, events)) != VL_OK)
			return rc;
	}
	return vl_page_send(r, "portal.tpl", d);
}

/* Every view checks the session inside the page's first statement. */
static int
joined(struct vl_req *r)
{
	return 1;
}

static const struct vl_app app = {
	.name = "portal_show",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.sess_joined = joined,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
