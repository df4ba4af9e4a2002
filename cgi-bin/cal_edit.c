/*
 * An event: /calendar/edit.  GET: a new one (?matter=M&date=D), one to
 * change (?id=N; with &date=D, one date of a recurring event: move or
 * cancel "this event", or change "all events"), ?op=delete&id=N and
 * ?op=cancel&id=N&date=D ask "Are you sure...?".  POST op save, move,
 * cancel or delete (lib/calendar.c).  A refused form comes back with what
 * was typed and each field at fault named.
 */
#include <string.h>

#include "vellum.h"
#include "calendar.h"
#include "calview.h"
#include "listing.h"
#include "fielderr.h"
#include "matter.h"
#include "matters.h"
#include "tz.h"

enum field { F_OP, F_ID, F_DATE, F_MATTER, F_TITLE, F_LOCATION, F_DESCRIPTION, F_ALL_DAY,
    F_SDATE, F_STIME, F_EDATE, F_ETIME, F_FREQ, F_INTERVAL, F_ENDS, F_UNTIL, F_COUNT, F_SHARE,
    F_D0, F_D1, F_D2, F_D3, F_D4, F_D5, F_D6, F_USER, F_CONTACT, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 }, { "id", VL_V_ID, 20 }, { "date", VL_V_LINE, 10 },
	{ "matter", VL_V_INT, 20 }, { "title", VL_V_LINE, 1000 }, { "location", VL_V_LINE, 1000 },
	{ "description", VL_V_STRING, 16000 }, { "all_day", VL_V_BOOL, 2 },
	{ "start_date", VL_V_LINE, 10 }, { "start_time", VL_V_LINE, 5 },
	{ "end_date", VL_V_LINE, 10 }, { "end_time", VL_V_LINE, 5 }, { "freq", VL_V_LINE, 8 },
	{ "interval", VL_V_LINE, 3 }, { "ends", VL_V_LINE, 8 }, { "until", VL_V_LINE, 10 },
	{ "count", VL_V_LINE, 3 }, { "share", VL_V_BOOL, 2 },
	{ "day0", VL_V_BOOL, 2 }, { "day1", VL_V_BOOL, 2 }, { "day2", VL_V_BOOL, 2 },
	{ "day3", VL_V_BOOL, 2 }, { "day4", VL_V_BOOL, 2 }, { "day5", VL_V_BOOL, 2 },
	{ "day6", VL_V_BOOL, 2 },
	/* Repeated (one a ticked box): read by ids() below, each an id. */
	{ "user", VL_V_INT, 20 }, { "contact", VL_V_INT, 20 },
};

#define VAL(f)	(r->fields[f].val)
#define NUM(f)	(r->fields[f].val ? r->fields[f].num : 0)

/* Every value of repeated field name that is an id, at most max, no
 * duplicates (0, "choose one", skipped). */
static size_t
ids(struct vl_req *r, const char *name, int64_t *out, size_t max)
{
	const struct vl_pair	*p;
	int64_t			 v;
	size_t			 n = 0, i;

	for (p = r->form; p != NULL && n < max; p = p->next) {
		if (strcmp(p->key, name) != 0 ||
		    !vl_validate(VL_V_ID, p->val, p->vallen, 20, &v))
			continue;
		for (i = 0; i < n && out[i] != v; i++)
			;
		if (i == n)
			out[n++] = v;
	}
	return n;
}

/* The event as typed (POST) into in. */
static void
typed(struct vl_req *r, struct vl_cal_in *in, int64_t *u, int64_t *c)
{
	int	 i;

	memset(in, 0, sizeof(*in));
	in->title = VAL(F_TITLE);
	in->location = VAL(F_LOCATION);
	in->description = VAL(F_DESCRIPTION);
	in->all_day = NUM(F_ALL_DAY) != 0;
	in->start_date = VAL(F_SDATE);
	in->start_time = VAL(F_STIME);
	in->end_date = VAL(F_EDATE);
	in->end_time = VAL(F_ETIME);
	in->freq = VAL(F_FREQ);
	in->interval = VAL(F_INTERVAL);
	in->ends = VAL(F_ENDS);
	in->until = VAL(F_UNTIL);
	in->count = VAL(F_COUNT);
	in->matter = NUM(F_MATTER);
	in->share = NUM(F_SHARE) != 0;
	for (i = 0; i < 7; i++)
		if (NUM(F_D0 + i))
			in->byday |= 1u << i;
	in->users = u;
	in->nusers = ids(r, "user", u, VL_CAL_ATTENDEES_MAX + 1);
	in->contacts = c;
	in->ncontacts = ids(r, "contact", c, VL_CAL_ATTENDEES_MAX + 1);
}

/* Where the calendar of event e (matter, or the firm's) is, with notice. */
static const char *
back(struct vl_req *r, int64_t matter, const char *notice)
{
	if (matter != 0)
		return vl_pool_printf(r->pool, "/matters/%lld/calendar%s%s", (long long)matter,
		    notice ? "?notice=" : "", notice ? notice : "");
	return vl_pool_printf(r->pool, "/calendar%s%s", notice ? "?notice=" : "",
	    notice ? notice : "");
}

/* Sends the form of event id (0: new) holding in; fe after a refusal;
 * date: the occurrence opened ("this event"), or NULL. */
static enum vl_rc
form(struct vl_req *r, int64_t id, const struct vl_cal_in *in, const char *date,
    const struct vl_cal_in *occ, int share, const struct vl_ferr *fe)
{
	struct vl_matter	 m;
	struct vl_tpl		*d;
	enum vl_rc		 rc;

	if (in->matter != 0 && (rc = vl_matter_load(r->ctx, in->matter, &m)) != VL_OK)
		return rc;
	d = vl_page_new(r, id ? "Edit event" : "New event");
	if (in->matter != 0) {
		vl_matter_frame(r->pool, d, &m, "calendar");
		vl_tpl_set_int(vl_tpl_section(d, "IN_MATTER"), "MATTER_ID", m.id);
	} else
		vl_tpl_show(d, "FIRM");
	if ((rc = vl_calview_form(r->ctx, d, id, in, date, occ, share)) != VL_OK)
		return rc;
	vl_tpl_set(d, "BACK", back(r, in->matter, NULL));
	if (fe != NULL)
		vl_ferr_show(d, fe);
	return vl_page_send_status(r, fe != NULL && fe->n > 0 ? 400 : 200, "cal_edit.tpl", d);
}

/* "Are you sure...?" for deleting event e (date NULL) or cancelling one date. */
static enum vl_rc
confirm(struct vl_req *r, const struct vl_cal_event *e, const char *date)
{
	const char *const	 del[] = { "op", date ? "cancel" : "delete", "id", VAL(F_ID),
	    date ? "date" : NULL, date, NULL };
	struct vl_confirm	 c = { NULL, NULL, "/calendar/edit", NULL, del };
	struct vl_matter	 m;
	struct vl_tpl		*d;
	enum vl_rc		 rc;

	c.question = date ? vl_pool_printf(r->pool, "Cancel \"%s\" on %s only? The other dates "
	    "stay.", e->title, date) : vl_pool_printf(r->pool, "Delete \"%s\"%s? Anyone it was "
	    "shared with sees it cancelled.", e->title, e->rule.freq ? " and all its dates" : "");
	c.button = date ? "Cancel this date" : "Delete event";
	c.back = back(r, e->matter, NULL);
	if (e->matter == 0) {
		d = vl_page_new(r, c.button);
		return vl_page_confirm(r, d, &c);
	}
	if ((rc = vl_matter_load(r->ctx, e->matter, &m)) != VL_OK)
		return rc;
	return vl_matter_confirm(r, &m, "calendar", c.button, &c);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_cal_attendee	*att;
	struct vl_cal_event	 e;
	struct vl_cal_in	 in;
	int64_t			 u[VL_CAL_ATTENDEES_MAX], c[VL_CAL_ATTENDEES_MAX];
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "", *date = VAL(F_DATE);
	char			 today[11];
	size_t			 na;
	int			 shared, portal;
	enum vl_rc		 rc;

	if (NUM(F_ID) == 0) {
		memset(&in, 0, sizeof(in));
		in.matter = NUM(F_MATTER);
		vl_date_today(r->ctx, today);
		in.start_date = in.end_date = date && *date ? date : vl_pool_strdup(r->pool, today);
		in.start_time = "09:00";
		in.end_time = "10:00";
		in.users = u;
		u[0] = r->ctx->user_id;
		in.nusers = 1;
		return form(r, 0, &in, NULL, NULL, 1, NULL);
	}
	if ((rc = vl_cal_get(r->ctx, NUM(F_ID), &e)) != VL_OK)
		return rc;
	if (strcmp(op, "delete") == 0)
		return confirm(r, &e, NULL);
	if (date != NULL && (!*date || e.rule.freq == VL_FREQ_NONE))
		date = NULL;
	if (strcmp(op, "cancel") == 0)
		return date ? confirm(r, &e, date) : VL_INVALID;
	if ((rc = vl_cal_attendees(r->ctx, e.id, &att, &na)) != VL_OK ||
	    (shared = vl_cal_shared(r->ctx, &e, &portal)) < 0)
		return rc != VL_OK ? rc : VL_ERR;
	vl_calview_in(r->pool, &e, att, na, &in, u, c);
	/* Ticked unless the firm unticked it for a client who attends. */
	return form(r, e.id, &in, date, NULL, shared || !portal, NULL);
}

/* A refused move: the event as stored, and the date's times as typed. */
static enum vl_rc
moved_back(struct vl_req *r, const struct vl_cal_event *e, const struct vl_cal_in *typed_in,
    const struct vl_ferr *fe)
{
	struct vl_cal_attendee	*att;
	struct vl_cal_in	 in;
	int64_t			 u[VL_CAL_ATTENDEES_MAX], c[VL_CAL_ATTENDEES_MAX];
	size_t			 na;
	int			 shared, portal;
	enum vl_rc		 rc;

	if ((rc = vl_cal_attendees(r->ctx, e->id, &att, &na)) != VL_OK ||
	    (shared = vl_cal_shared(r->ctx, e, &portal)) < 0)
		return rc != VL_OK ? rc : VL_ERR;
	vl_calview_in(r->pool, e, att, na, &in, u, c);
	return form(r, e->id, &in, VAL(F_DATE), typed_in, shared || !portal, fe);
}

static enum vl_rc
post(struct vl_req *r)
{
	struct vl_cal_event	 e;
	struct vl_cal_in	 in;
	struct vl_ferr		 fe = VL_FERR_INIT;
	int64_t			 u[VL_CAL_ATTENDEES_MAX + 1], c[VL_CAL_ATTENDEES_MAX + 1];
	int64_t			 id = NUM(F_ID), saved = 0, matter;
	const char		*op = VAL(F_OP) ? VAL(F_OP) : "", *notice;
	enum vl_rc		 rc;

	memset(&e, 0, sizeof(e));
	typed(r, &in, u, c);
	if (r->fields[F_DESCRIPTION].present && in.description == NULL)
		vl_ferr_add(&fe, "description", "long");
	if (r->fields[F_TITLE].present && in.title == NULL)
		vl_ferr_add(&fe, "title", "long");
	if (id != 0) {
		if ((rc = vl_cal_get(r->ctx, id, &e)) != VL_OK)
			return rc;
		in.matter = e.matter;
	}
	matter = in.matter;
	if (strcmp(op, "delete") == 0 && id != 0) {
		rc = vl_cal_delete(r->ctx, id);
		notice = "deleted";
	} else if ((strcmp(op, "cancel") == 0 || strcmp(op, "move") == 0) && id != 0) {
		rc = fe.n ? VL_INVALID : vl_cal_occurrence(r->ctx, id, VAL(F_DATE),
		    op[0] == 'c', &in, &fe);
		notice = op[0] == 'c' ? "cancelled" : "moved";
	} else if (strcmp(op, "save") == 0) {
		rc = fe.n ? VL_INVALID : vl_cal_save(r->ctx, id, &in, &saved, &fe);
		notice = id ? "saved" : "added";
	} else
		return VL_INVALID;
	if (rc == VL_INVALID && fe.n > 0 && strcmp(op, "move") == 0)
		return moved_back(r, &e, &in, &fe);
	if (rc == VL_INVALID && fe.n > 0)
		return form(r, id, &in, NULL, NULL, in.share, &fe);
	if (rc != VL_OK)
		return rc;
	vl_out_redirect(r, back(r, matter, notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "cal_edit",
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
