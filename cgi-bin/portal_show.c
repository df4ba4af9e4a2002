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
#include "matter.h"
#include "portal.h"
#include "feed.h"
#include "msgpage.h"
#include "portalview.h"

enum field { F_VIEW, F_EVENTS, F_NOTICE, F_BEFORE, F_FIND, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "view", VL_V_LINE, 16 },
	{ "events", VL_V_BOOL, 1 },
	{ "notice", VL_V_LINE, 32 },
	{ "before", VL_V_LINE, 48 },
	{ "find", VL_V_LINE, 400 },	/* bytes: the box takes 100 characters */
};

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

/*
 * What the default view is a function of once its head came from the
 * process's copy (lib/firmcopy.c): the session (its token and CSRF token),
 * the matter, and the stamps the head, the panels, the feed's latest page
 * (feedcopy.h) and the session's columns (sessfacts.h) are kept under.
 * Any field in the request (a view, a notice, a cursor, a search) is
 * another page, built.
 */
static int
sent_as_named(struct vl_req *r, const struct vl_msgpage_firm *h)
{
	int64_t	 in[6];

	if (!h->kept || h->portal == 0)
		return 0;
	in[0] = h->matter.id;
	in[1] = r->sess->users_stamp;
	in[2] = h->st.facts;
	in[3] = h->st.matters;
	in[4] = h->st.clients;
	in[5] = h->st.portal;
	return vl_page_alias(r, in, sizeof(in));
}

/* The page of the feed the link's cursor names (the latest without one). */
static enum vl_rc
feed(struct vl_req *r, struct vl_tpl *d, int64_t mid, int64_t portal, int64_t feed_stamp,
    int events)
{
	struct vl_feed_cursor	 before;

	memset(&before, 0, sizeof(before));
	if (r->fields[F_BEFORE].present && vl_feed_cursor_parse(r->fields[F_BEFORE].val, &before) != 0)
		return VL_INVALID;
	return vl_portalview_feed(r->ctx, d, mid, portal, feed_stamp, &before, events);
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
	if (sent_as_named(r, &h))
		return VL_OK;
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
	vl_portalview_email(d, &h);
	/* The slug comes with the session. */
	vl_tpl_set(d, "LOGIN_LINK", vl_pool_printf(r->pool, "%s/portal/login?firm=%s",
	    vl_conf.base_url, r->sess->firm_slug != NULL ? r->sess->firm_slug : ""));
	if (r->fields[F_FIND].present && r->fields[F_FIND].val == NULL)
		return VL_INVALID;	/* over 400 bytes or not text */
	/* The participants and the pickers: none read while the process
	 * keeps them with the head (lib/firmcopy.c). */
	if (vl_msgpage_firm_panels(r->ctx, &h) != VL_OK ||
	    vl_portalview_people(r->ctx, d, &h, r->fields[F_FIND].val) != VL_OK)
		return VL_ERR;
	vl_portalview_pickers(d, &h);
	if (strcmp(view, "shared") == 0) {
		vl_tpl_show(d, "VIEW_SHARED");
		if (vl_portalview_shared(r->ctx, d, h.portal) != VL_OK)
			return VL_ERR;
	} else {
		vl_tpl_show(d, "VIEW_MESSAGES");
		vl_tpl_show(d, events ? "EVENTS_ON" : "EVENTS_OFF");
		if ((rc = feed(r, d, h.matter.id, h.portal, h.feed_stamp, events)) != VL_OK)
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
	.memo_pages = 1,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
