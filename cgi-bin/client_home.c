/*
 * The client's portal (F-B13): /portal lists the matters whose portals the
 * client takes part in at this firm (the matter switcher);
 * /portal/matters/<id>?view=messages|shared shows one of them.  Every query
 * binds firm and contact; showing the feed to the client's own navigation
 * records the first open of each message (F-B7) and a portal event for the
 * firm (F-B9); a link from another site shows it without recording reads.
 * Times are in the firm's zone.
 */
#include <string.h>

#include "vellum.h"
#include "tz.h"
#include "portal.h"
#include "doc.h"
#include "feed.h"
#include "feedcopy.h"
#include "msgpage.h"
#include "portalview.h"

enum field { F_VIEW, F_NOTICE, F_BEFORE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "view", VL_V_LINE, 16 },
	{ "notice", VL_V_LINE, 16 },
	{ "before", VL_V_LINE, 48 },
};

/* Notice codes client_reply sends back with; the texts are in client_portal.tpl. */
static const char *const notices[] = {
	"sent",
};

/* The matter switcher, the current matter marked. */
static void
switcher(struct vl_tpl *d, const struct vl_msgpage_matter *v, size_t n, int64_t current)
{
	struct vl_tpl	*o;
	size_t		 i;

	for (i = 0; i < n; i++) {
		o = vl_tpl_section(d, "MATTER");
		vl_tpl_set_int(o, "ID", v[i].id);
		vl_tpl_set(o, "NUMBER", v[i].number);
		vl_tpl_set(o, "DESCRIPTION", v[i].description);
		vl_tpl_show(o, v[i].id == current ? "CURRENT" : "OTHER");
	}
}

/* A bill shared with the client, as a feed entry linking to it. */
static void
bill_entry(struct vl_req *r, struct vl_tpl *d, const struct vl_feed_bill *fb)
{
	struct vl_tpl	*row, *b;

	row = vl_tpl_section(d, "MESSAGE");
	vl_tpl_set(row, "SIDE", "from-firm");
	vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, fb->when));
	vl_tpl_set(row, "WHO", r->sess->firm_name != NULL ? r->sess->firm_name : "");
	b = vl_tpl_section(row, fb->trust ? "FUNDS" : "BILL");
	vl_tpl_set_int(b, "BILL_ID", fb->id);
	vl_tpl_set(b, "BILL_NUMBER", fb->number);
}

/* A page of the feed: the latest, or the one before the cursor in the link.
 * One section dictionary a message: the side is a class value. */
static enum vl_rc
messages(struct vl_req *r, struct vl_tpl *d, int64_t mid, int64_t portal, int64_t feed_stamp,
    int can_bills)
{
	struct vl_feed_cursor	 before;
	struct vl_feed		 f;
	struct vl_feed_msg	*m;
	struct vl_tpl		*row;
	const char		*arg = r->fields[F_BEFORE].val;
	struct vl_feed_bill	*bills = NULL;
	int			 any_unread = 0;
	size_t			 i, b = 0, nbills = 0;

	if (r->fields[F_BEFORE].present && vl_feed_cursor_parse(arg, &before) != 0)
		return VL_INVALID;
	if (!r->fields[F_BEFORE].present)
		memset(&before, 0, sizeof(before));
	/* The latest page, and the bills shared into it, may come from the
	 * process's copy (feedcopy.h). */
	if (before.id == 0 ? (vl_feed_latest(r->ctx, portal, feed_stamp, 1, &f) != VL_OK ||
	    (can_bills && vl_feed_latest_bills(r->ctx, portal, feed_stamp, &f, &bills,
	    &nbills) != VL_OK)) :
	    (vl_feed_client(r->ctx, portal, &before, &f) != VL_OK ||
	    (can_bills && vl_feed_bills(r->ctx, portal, &f, &before, &bills, &nbills) != VL_OK)))
		return VL_ERR;
	for (i = 0; i < f.n || b < nbills; i++) {
		/* Bills shared in the page's span go in their place by time. */
		if (b < nbills && (i >= f.n || bills[b].us < f.msg[i].us)) {
			bill_entry(r, d, &bills[b++]);
			i--;
			continue;
		}
		m = &f.msg[i];
		row = vl_tpl_section(d, "MESSAGE");
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, m->when));
		vl_tpl_set(row, "WHO", m->who);
		vl_tpl_set(row, "BODY", m->body);
		vl_tpl_set(row, "SIDE", m->mine ? "from-client" : "from-firm");
		if (m->unread) {
			vl_tpl_show(row, "NEW");
			any_unread = 1;
		}
		vl_portalview_attachment(row, m);
	}
	if (f.earlier)
		vl_tpl_set(vl_tpl_section(d, "EARLIER"), "HREF", vl_pool_printf(r->pool,
		    "/portal/matters/%lld?before=%s", (long long)mid, vl_feed_cursor_fmt(r->pool,
		    &f.oldest)));
	if (before.id != 0)
		vl_tpl_set(vl_tpl_section(d, "LATEST"), "HREF", vl_pool_printf(r->pool,
		    "/portal/matters/%lld", (long long)mid));
	/* Seen now: the first open of each new message shown, and an event
	 * for the firm; not when another site sent the client here. */
	if (!any_unread || !vl_portal_own_navigation(r))
		return VL_OK;
	return vl_feed_read(r->ctx, portal, &f);
}

static enum vl_rc
shared(struct vl_req *r, struct vl_tpl *d, int64_t portal, int64_t mid)
{
	struct vl_rows	*rows;
	struct vl_tpl	*row;
	int64_t		 id, size, when;
	char		*name, *folder;
	int		 n = 0, got;

	if (vl_db_query(r->pool, STMT_CLIENT_SHARED, &rows, "iiiiii", r->sess->firm_id, portal,
	    r->sess->firm_id, mid, r->sess->firm_id, portal) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "isiis", &id, &name, &size, &when, &folder)) > 0) {
		row = vl_tpl_section(d, "SHARED");
		vl_tpl_set_int(row, "DOC_ID", id);
		vl_tpl_set(row, "NAME", name);
		vl_tpl_set(row, "SIZE", vl_fmt_size(r->pool, (uint64_t)size));
		vl_tpl_set(row, "WHEN", vl_tz_when(r->ctx, when));
		vl_tpl_set(row, "FOLDER", folder);
		n++;
	}
	if (got < 0)
		return VL_ERR;
	if (n == 0)
		vl_tpl_show(d, "NOTHING_SHARED");
	return VL_OK;
}

static enum vl_rc
get(struct vl_req *r)
{
	const char	*view = r->fields[F_VIEW].val ? r->fields[F_VIEW].val : "messages";
	int64_t		 mid = vl_req_path_id(r, "/portal/matters/");
	struct vl_client_portal cp;
	struct vl_msgpage_matter *list;
	int		 pmsg, pdoc;
	enum vl_portal_perm k;
	struct vl_tpl	*d;
	enum vl_rc	 rc, src;
	size_t		 n;

	/* One statement: the session (pending), the switcher and the current
	 * matter's portal; then the session is settled before anything else. */
	rc = vl_msgpage_client(r->ctx, mid, &list, &n, &cp);
	if ((src = vl_sess_joined(r)) != VL_OK)
		return src;
	if (rc != VL_OK)
		return rc;
	if (mid == 0 && strcmp(r->uri, "/portal") != 0 && strcmp(r->uri, "/portal/") != 0)
		return VL_DECLINED;
	if (mid == 0) {
		/* One matter: go straight to it. */
		if (n == 1) {
			vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld",
			    (long long)list[0].id));
			return VL_OK;
		}
		d = vl_page_new(r, "Client portal");
		switcher(d, list, n, mid);
		vl_tpl_show(d, n == 0 ? "NO_MATTERS" : "CHOOSE");
		return vl_page_send(r, "client_portal.tpl", d);
	}
	/* Not a participant of this matter's portal: not found. */
	if (cp.portal == 0)
		return VL_DECLINED;
	d = vl_page_new(r, "Client portal");
	switcher(d, list, n, mid);
	pmsg = cp.perm[VL_PERM_MESSAGES];
	pdoc = cp.perm[VL_PERM_DOCUMENTS];
	vl_tpl_set_int(d, "MATTER_ID", mid);
	vl_tpl_set(d, "NUMBER", cp.number);
	vl_tpl_set(d, "DESCRIPTION", cp.description);
	vl_tpl_show(d, "IN_MATTER");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	/* Without Messages, Shared resources is the matter's only page. */
	if (pdoc && (strcmp(view, "shared") == 0 || !pmsg)) {
		vl_tpl_show(d, "VIEW_SHARED");
		vl_portal_client_tabs(r->pool, d, &cp, VL_PERM_DOCUMENTS);
		if (shared(r, d, cp.portal, mid) != VL_OK)
			return VL_ERR;
	} else if (pmsg) {
		vl_tpl_show(d, "VIEW_MESSAGES");
		vl_portal_client_tabs(r->pool, d, &cp, VL_PERM_MESSAGES);
		if ((rc = messages(r, d, mid, cp.portal, cp.feed_stamp, cp.perm[VL_PERM_BILLS])) != VL_OK)
			return rc;
	} else {
		/* Neither: the first kind the portal shows has the matter's page. */
		for (k = VL_PERM_BILLS; k < VL_PERM__MAX; k++)
			if (cp.perm[k]) {
				vl_out_redirect(r, vl_portal_client_href(r->pool, &cp, k));
				return VL_OK;
			}
		vl_tpl_show(d, "NOTHING_HERE");
		vl_portal_client_tabs(r->pool, d, &cp, VL_PERM__MAX);
	}
	return vl_page_send(r, "client_portal.tpl", d);
}

/* Every view checks the session inside the page's first statement. */
static int
joined(struct vl_req *r)
{
	return 1;
}

static const struct vl_app app = {
	.name = "client_home",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.sess_joined = joined,
	.memo_pages = 1,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
