/*
 * The calendar: events of the firm or of one matter, their attendees,
 * recurrence (lib/recur.c) and one-date exceptions, the share into the
 * matter's portal, and the firm users' private feeds.  Every change is one
 * transaction with its audit row and, for a shared event, the clients'
 * notification (lib/rshare.c for the share itself, so the rule of who may
 * open it is the same as for every other kind of record).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "audit.h"
#include "calendar.h"
#include "ical.h"
#include "listing.h"
#include "matter.h"
#include "portal.h"
#include "recur.h"
#include "rshare.h"
#include "settings.h"
#include "tz.h"

/* The stored rule "freq|interval|byday|until|count" into r: 1, else 0. */
static int
read_stored_rule(char *text, struct vl_recur *r)
{
	char		*f[5], *p = text;
	int64_t		 v[3];
	size_t		 i;

	for (i = 0; i < 5; i++) {
		f[i] = p;
		if (p == NULL)
			return 0;
		if ((p = strchr(p, '|')) != NULL)
			*p++ = '\0';
	}
	if (p != NULL || (r->freq = vl_freq_of(f[0])) == VL_FREQ__MAX ||
	    vl_strtonum(f[1], 0, VL_RECUR_INTERVAL_MAX, &v[0]) != VL_OK ||
	    vl_strtonum(f[2], 0, 127, &v[1]) != VL_OK ||
	    vl_strtonum(f[4], 0, VL_RECUR_COUNT_MAX, &v[2]) != VL_OK)
		return 0;
	r->interval = (int)v[0];
	r->byday = (unsigned)v[1];
	r->count = (int)v[2];
	return *f[3] == '\0' || vl_wall_date(f[3], &r->until);
}

/* A row of CAL_COLS into e. */
static int
next_event(struct vl_rows *rows, struct vl_cal_event *e)
{
	char	*start, *end, *rule;
	int64_t	 all_day, cancelled;
	int	 got;

	memset(e, 0, sizeof(*e));
	got = vl_db_next(rows, CAL_TYPES, &e->id, &e->matter, &e->title, &e->location,
	    &e->description, &all_day, &start, &end, &e->zone, &rule, &e->sequence, &cancelled,
	    &e->created_by, &e->number);
	if (got <= 0)
		return got;
	e->all_day = all_day != 0;
	e->cancelled = cancelled != 0;
	/* Stored by this module only: a row that does not read is an error. */
	if (!vl_wall_parse(start, &e->start) || !vl_wall_parse(end, &e->end) ||
	    !read_stored_rule(rule, &e->rule))
		return -1;
	return 1;
}

static enum vl_rc
load_ex(struct vl_ctx *c, struct vl_cal_event *e)
{
	struct vl_rows		*rows;
	struct vl_recur_ex	*ex;
	char			*date, *start, *end;
	int64_t			 cancelled;
	size_t			 cap = 8;
	int			 got;

	e->ex = NULL;
	e->nex = 0;
	if (e->rule.freq == VL_FREQ_NONE)
		return VL_OK;
	if (vl_db_query(c->pool, STMT_CAL_EX_LIST, &rows, "ii", c->firm_id, e->id) != VL_OK)
		return VL_ERR;
	ex = vl_pool_calloc(c->pool, cap, sizeof(*ex));
	while ((got = vl_db_next(rows, "siss", &date, &cancelled, &start, &end)) > 0) {
		if (e->nex == cap) {
			struct vl_recur_ex *bigger = vl_pool_calloc(c->pool, cap * 2, sizeof(*ex));
			memcpy(bigger, ex, cap * sizeof(*ex));
			ex = bigger;
			cap *= 2;
		}
		memset(&ex[e->nex], 0, sizeof(*ex));
		if (!vl_wall_date(date, &ex[e->nex].date))
			return VL_ERR;
		ex[e->nex].cancelled = cancelled != 0;
		if (!ex[e->nex].cancelled && (!vl_wall_parse(start, &ex[e->nex].start) ||
		    !vl_wall_parse(end, &ex[e->nex].end)))
			return VL_ERR;
		e->nex++;
	}
	if (got < 0)
		return VL_ERR;
	e->ex = ex;
	return VL_OK;
}

enum vl_rc
vl_cal_get(struct vl_ctx *c, int64_t id, struct vl_cal_event *e)
{
	struct vl_rows	*rows;
	int		 got;

	if (vl_db_query(c->pool, STMT_CAL_GET, &rows, "ii", c->firm_id, id) != VL_OK)
		return VL_ERR;
	if ((got = next_event(rows, e)) < 0)
		return VL_ERR;
	vl_db_rows_free(rows);
	if (got == 0 || e->cancelled)
		return VL_DECLINED;
	return load_ex(c, e);
}

/* A whole number of at most three digits in lo..hi, else 0 (and *ok 0). */
static int
small(const char *s, int lo, int hi, int *ok)
{
	int64_t	 v = 0;

	if (s == NULL || strlen(s) > 3 || vl_strtonum(s, lo, hi, &v) != VL_OK) {
		*ok = 0;
		return 0;
	}
	*ok = 1;
	return (int)v;
}

/* The first and last instants of e over all its occurrences. */
static enum vl_rc
bounds(struct vl_ctx *c, const struct vl_cal_event *e, int64_t *first, int64_t *last)
{
	struct vl_occ	*o = vl_pool_calloc(c->pool, VL_RECUR_STEPS_MAX, sizeof(*o));
	int		 n, i;

	n = vl_recur_expand(e->zone, &e->start, &e->end, e->all_day, &e->rule, e->ex, e->nex,
	    INT64_MIN / 2, INT64_MAX / 2, o, VL_RECUR_STEPS_MAX);
	if (n < 0)
		return VL_ERR;
	*first = vl_wall_utc(e->zone, &e->start);
	*last = *first + 1;
	for (i = 0; i < n; i++) {
		if (o[i].start < *first)
			*first = o[i].start;
		if (o[i].end > *last)
			*last = o[i].end;
	}
	return VL_OK;
}

/* Dates and times of in into *s and *e (all day: e is the last day). */
static void
read_when(const struct vl_cal_in *in, struct vl_wall *s, struct vl_wall *e, struct vl_ferr *fe)
{
	struct vl_wall	 far;
	const char	*end_date = in->end_date != NULL && *in->end_date ? in->end_date :
	    in->start_date;

	memset(s, 0, sizeof(*s));
	memset(e, 0, sizeof(*e));
	if (!vl_wall_date(in->start_date, s))
		vl_ferr_add(fe, "start", "invalid");
	if (!in->all_day && !vl_wall_time(in->start_time, s))
		vl_ferr_add(fe, "start", "invalid");
	if (!vl_wall_date(end_date, e))
		vl_ferr_add(fe, "end", "invalid");
	if (!in->all_day && !vl_wall_time(in->end_time, e))
		vl_ferr_add(fe, "end", "invalid");
	if (vl_ferr_has(fe, "start") || vl_ferr_has(fe, "end"))
		return;
	if (in->all_day ? vl_wall_cmp(e, s) < 0 : vl_wall_cmp(e, s) <= 0)
		vl_ferr_add(fe, "end", "before");
	far = *s;
	vl_wall_add(&far, VL_CAL_SPAN_DAYS, 0);
	if (vl_wall_cmp(e, &far) > 0)
		vl_ferr_add(fe, "end", "long");
}

/* The form's rule into r (checked against start). */
static void
read_rule(const struct vl_cal_in *in, const struct vl_wall *start, struct vl_recur *r,
    struct vl_ferr *fe)
{
	const char	*why;
	int		 ok = 1;

	memset(r, 0, sizeof(*r));
	r->freq = in->freq == NULL || *in->freq == '\0' ? VL_FREQ_NONE : vl_freq_of(in->freq);
	if (r->freq == VL_FREQ__MAX) {
		vl_ferr_add(fe, "freq", "invalid");
		return;
	}
	if (r->freq == VL_FREQ_NONE)
		return;
	r->interval = in->interval == NULL || *in->interval == '\0' ? 1 :
	    small(in->interval, 1, VL_RECUR_INTERVAL_MAX, &ok);
	if (!ok)
		vl_ferr_add(fe, "interval", "invalid");
	r->byday = in->byday & 0x7fu;
	if (in->ends != NULL && strcmp(in->ends, "until") == 0) {
		if (!vl_wall_date(in->until, &r->until))
			vl_ferr_add(fe, "until", "invalid");
	} else if (in->ends != NULL && strcmp(in->ends, "count") == 0) {
		r->count = small(in->count, 1, VL_RECUR_COUNT_MAX, &ok);
		if (!ok)
			vl_ferr_add(fe, "count", "invalid");
	} else
		vl_ferr_add(fe, "ends", "missing");
	if (fe->n > 0 || (why = vl_recur_check(r, start)) == NULL)
		return;
	if (strcmp(why, "interval") == 0)
		vl_ferr_add(fe, "interval", "invalid");
	else if (strcmp(why, "count") == 0)
		vl_ferr_add(fe, "count", "invalid");
	else if (strcmp(why, "until_before") == 0)
		vl_ferr_add(fe, "until", "before");
	else if (strcmp(why, "until_far") == 0)
		vl_ferr_add(fe, "until", "far");
	else
		vl_ferr_add(fe, "ends", "missing");
}

/* Title, place and text, cleaned, into e. */
static void
read_text(struct vl_ctx *c, const struct vl_cal_in *in, struct vl_cal_event *e,
    struct vl_ferr *fe)
{
	if (in->title == NULL || *in->title == '\0')
		vl_ferr_add(fe, "title", "missing");
	else if (strlen(in->title) > VL_CAL_TITLE_MAX)
		vl_ferr_add(fe, "title", "long");
	if (in->location != NULL && strlen(in->location) > VL_CAL_LOCATION_MAX)
		vl_ferr_add(fe, "location", "long");
	if (in->description != NULL && strlen(in->description) > VL_CAL_DESCRIPTION_MAX)
		vl_ferr_add(fe, "description", "long");
	if (in->nusers + in->ncontacts > VL_CAL_ATTENDEES_MAX)
		vl_ferr_add(fe, "attendees", "many");
	e->title = vl_utf8_clean(c->pool, in->title, VL_CAL_TITLE_MAX);
	e->location = vl_utf8_clean(c->pool, in->location, VL_CAL_LOCATION_MAX);
	e->description = in->description != NULL ?
	    vl_pool_strdup(c->pool, in->description) : vl_pool_strdup(c->pool, "");
}

/* Replaces the attendees of event id; VL_DECLINED for one not the firm's. */
/* Removes event id's attendees by their primary keys (see CAL_ATT_IDS). */
static enum vl_rc
clear_attendees(struct vl_ctx *c, int64_t id)
{
	struct vl_rows	*rows;
	int64_t		*ids = NULL, one;
	size_t		 n = 0, cap = 0, i;
	enum vl_rc	 rc;
	int		 got;

	if ((rc = vl_db_query(c->pool, STMT_CAL_ATT_IDS, &rows, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	while ((got = vl_db_next(rows, "i", &one)) > 0) {
		if (n == cap) {
			int64_t	*grown;

			cap = cap ? cap * 2 : 16;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (n > 0)
				memcpy(grown, ids, n * sizeof(*grown));
			ids = grown;
		}
		ids[n++] = one;
	}
	if (got < 0)
		return VL_ERR;
	for (i = 0; i < n && rc == VL_OK; i++)
		rc = vl_db_exec(STMT_CAL_ATT_DELETE, NULL, NULL, "ii", ids[i], c->firm_id);
	return rc;
}

static enum vl_rc
set_attendees(struct vl_ctx *c, int64_t id, const struct vl_cal_in *in)
{
	uint64_t	 n;
	size_t		 i;
	int64_t		 ok;
	enum vl_rc	 rc;

	if ((rc = clear_attendees(c, id)) != VL_OK)
		return rc;
	for (i = 0; i < in->nusers; i++) {
		if ((rc = vl_db_row(c->pool, STMT_CAL_USER_OK, "ii", "i", c->firm_id, in->users[i],
		    &ok)) != VL_OK)
			return rc;
		if (ok == 0)
			return VL_DECLINED;
		if ((rc = vl_db_exec(STMT_CAL_ATT_USER, &n, NULL, "iii", c->firm_id, id,
		    in->users[i])) != VL_OK)
			return rc;
	}
	for (i = 0; i < in->ncontacts; i++) {
		if ((rc = vl_db_row(c->pool, STMT_CAL_CONTACT_OK, "ii", "i", c->firm_id,
		    in->contacts[i], &ok)) != VL_OK)
			return rc;
		if (ok == 0)
			return VL_DECLINED;
		if ((rc = vl_db_exec(STMT_CAL_ATT_CONTACT, &n, NULL, "iii", c->firm_id, id,
		    in->contacts[i])) != VL_OK)
			return rc;
	}
	return VL_OK;
}

/* What the clients' mail says of e: its title and first time. */
static const char *
preview(struct vl_ctx *c, const struct vl_cal_event *e)
{
	int64_t	 t = vl_wall_utc(e->zone, &e->start);

	return vl_settings_preview(c, vl_pool_printf(c->pool, "%s, %s", e->title,
	    e->all_day ? vl_tz_date(c->pool, e->zone, t) : vl_tz_fmt(c->pool, e->zone, t)));
}

/* Tells the clients of e's portal that it changed (what), if it is shared. */
static enum vl_rc
tell_change(struct vl_ctx *c, const struct vl_cal_event *e, const struct vl_matter *m,
    const char *what)
{
	int64_t	 portal;
	int	 shared;

	if (e->matter == 0)
		return VL_OK;
	if ((shared = vl_rshare_is_shared(c, e->matter, VL_REC_EVENT, e->id)) < 0)
		return VL_ERR;
	if (!shared || vl_db_row(c->pool, STMT_CAL_PORTAL_OF, "ii", "i", c->firm_id, e->matter,
	    &portal) != VL_OK)
		return shared ? VL_ERR : VL_OK;
	return vl_portal_tell_clients(c, portal, m->id, m->number, VL_PERM_CALENDAR, what, 0,
	    preview(c, e));
}

static int
portal_attendees(struct vl_ctx *c, const struct vl_cal_event *e)
{
	int64_t	 n = 0;

	if (e->matter == 0)
		return 0;
	if (vl_db_row(c->pool, STMT_CAL_PORTAL_ATTENDEES, "iii", "i", e->matter, c->firm_id,
	    e->id, &n) != VL_OK)
		return -1;
	return n > 0;
}

int
vl_cal_shared(struct vl_ctx *c, const struct vl_cal_event *e, int *portal_attendee)
{
	int	 p = portal_attendees(c, e);

	if (portal_attendee != NULL)
		*portal_attendee = p > 0;
	if (p < 0)
		return -1;
	return e->matter == 0 ? 0 : vl_rshare_is_shared(c, e->matter, VL_REC_EVENT, e->id);
}

/* The body of vl_cal_save, inside its transaction. */
static enum vl_rc
save(struct vl_ctx *c, int64_t id, const struct vl_cal_in *in, struct vl_cal_event *e,
    struct vl_matter *m, struct vl_ferr *fe)
{
	char		 s[17], en[17], until[11] = "";
	int64_t		 first, last;
	uint64_t	 newid = 0;
	int		 was_shared = 0, want, changed = 0, pa;
	enum vl_rc	 rc;

	if (id != 0) {
		if ((rc = vl_cal_get(c, id, e)) != VL_OK)
			return rc;
		if (e->matter != 0 && (rc = vl_matter_load(c, e->matter, m)) != VL_OK)
			return rc;
		if ((was_shared = vl_cal_shared(c, e, NULL)) < 0)
			return VL_ERR;
	} else {
		memset(e, 0, sizeof(*e));
		e->matter = in->matter;
		e->zone = vl_pool_strdup(c->pool, vl_tz_firm(c));
		if (in->matter != 0 && (rc = vl_matter_load(c, in->matter, m)) != VL_OK)
			return rc;
	}
	read_text(c, in, e, fe);
	read_when(in, &e->start, &e->end, fe);
	if (!vl_ferr_has(fe, "start"))
		read_rule(in, &e->start, &e->rule, fe);
	if (fe->n > 0)
		return VL_INVALID;
	e->all_day = in->all_day != 0;
	if (e->all_day)
		e->start.h = e->start.mi = e->end.h = e->end.mi = 0;
	if ((rc = bounds(c, e, &first, &last)) != VL_OK)
		return rc;
	vl_wall_fmt(&e->start, s);
	vl_wall_fmt(&e->end, en);
	if (e->rule.until.y != 0)
		vl_wall_datefmt(&e->rule.until, until);
	if (id == 0) {
		if ((rc = vl_db_exec(STMT_CAL_INSERT, NULL, &newid, "iisis", c->firm_id, e->matter,
		    e->zone, c->user_id, e->title)) != VL_OK)
			return rc;
		e->id = (int64_t)newid;
	}
	/* A new event starts at SEQUENCE 0; each change counts one. */
	rc = vl_db_exec(STMT_CAL_UPDATE, NULL, NULL, "sssisssiisiiiiii", e->title, e->location,
	    e->description, (int64_t)e->all_day, s, en, vl_freqs[e->rule.freq],
	    (int64_t)(e->rule.interval ? e->rule.interval : 1), (int64_t)e->rule.byday, until,
	    (int64_t)e->rule.count, first, last, (int64_t)(id != 0), c->firm_id, e->id);
	if (rc != VL_OK || (rc = set_attendees(c, e->id, in)) != VL_OK)
		return rc;
	if ((pa = portal_attendees(c, e)) < 0)
		return VL_ERR;
	/* Shared while the box is ticked and a contact whose portal is
	 * active attends; unticking or removing that attendee ends it. */
	want = in->share && pa;
	if (e->matter != 0 && (rc = vl_rshare_set(c, m, VL_REC_EVENT, e->id, want, e->title,
	    &changed)) != VL_OK)
		return rc;
	if (id != 0 && want && was_shared &&
	    (rc = tell_change(c, e, m, "a changed calendar event")) != VL_OK)
		return rc;
	vl_audit(c, id == 0 ? "event_add" : "event_edit", "event", e->id);
	if (changed)
		vl_audit(c, want ? "event_share" : "event_unshare", "event", e->id);
	return VL_OK;
}

enum vl_rc
vl_cal_save(struct vl_ctx *c, int64_t id, const struct vl_cal_in *in, int64_t *out,
    struct vl_ferr *fe)
{
	struct vl_cal_event	 e;
	struct vl_matter	 m;
	enum vl_rc		 rc;

	memset(&m, 0, sizeof(m));
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = save(c, id, in, &e, &m, fe);
	if (rc != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	if ((rc = vl_db_commit()) != VL_OK)
		return rc;
	*out = e.id;
	return VL_OK;
}

/* 1 if e has an occurrence planned for date (exceptions aside). */
static int
has_date(const struct vl_cal_event *e, const struct vl_wall *date)
{
	struct vl_occ	 o[4];
	struct vl_wall	 a = *date, b = *date;
	int		 n, i;

	vl_wall_add(&a, -VL_CAL_SPAN_DAYS - 1, 0);
	vl_wall_add(&b, 2, 0);
	n = vl_recur_expand(e->zone, &e->start, &e->end, e->all_day, &e->rule, NULL, 0,
	    vl_wall_utc(e->zone, &a), vl_wall_utc(e->zone, &b), o, 4);
	for (i = 0; i < n; i++)
		if (o[i].date.y == date->y && o[i].date.mo == date->mo && o[i].date.d == date->d)
			return 1;
	return 0;
}

static enum vl_rc
occurrence(struct vl_ctx *c, int64_t id, const struct vl_wall *date, int cancel,
    const struct vl_cal_in *in, struct vl_ferr *fe)
{
	struct vl_cal_event	 e;
	struct vl_matter	 m;
	struct vl_cal_in	 when = *in;
	struct vl_wall		 s, en;
	char			 d[11], ss[17] = "", es[17] = "";
	int64_t			 first, last;
	enum vl_rc		 rc;

	memset(&m, 0, sizeof(m));
	if ((rc = vl_cal_get(c, id, &e)) != VL_OK)
		return rc;
	if (e.rule.freq == VL_FREQ_NONE || !has_date(&e, date))
		return VL_DECLINED;
	if (e.matter != 0 && (rc = vl_matter_load(c, e.matter, &m)) != VL_OK)
		return rc;
	if (!cancel) {
		when.all_day = e.all_day;
		read_when(&when, &s, &en, fe);
		if (fe->n > 0)
			return VL_INVALID;
		if (e.all_day)
			s.h = s.mi = en.h = en.mi = 0;
		vl_wall_fmt(&s, ss);
		vl_wall_fmt(&en, es);
	}
	vl_wall_datefmt(date, d);
	if ((rc = vl_db_exec(STMT_CAL_EX_SET, NULL, NULL, "iisiss", c->firm_id, id, d,
	    (int64_t)cancel, ss, es)) != VL_OK ||
	    (rc = load_ex(c, &e)) != VL_OK || (rc = bounds(c, &e, &first, &last)) != VL_OK ||
	    (rc = vl_db_exec(STMT_CAL_BOUNDS, NULL, NULL, "iiii", first, last, c->firm_id,
	    id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_CAL_BUMP, NULL, NULL, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	if ((rc = tell_change(c, &e, &m, cancel ? "a cancelled date of a calendar event" :
	    "a changed calendar event")) != VL_OK)
		return rc;
	vl_audit(c, cancel ? "event_date_cancel" : "event_date_move", "event", id);
	return VL_OK;
}

enum vl_rc
vl_cal_occurrence(struct vl_ctx *c, int64_t id, const char *date, int cancel,
    const struct vl_cal_in *in, struct vl_ferr *fe)
{
	struct vl_wall	 d = { 0, 0, 0, 0, 0 };
	enum vl_rc	 rc;

	if (!vl_wall_date(date, &d))
		return VL_DECLINED;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = occurrence(c, id, &d, cancel, in, fe)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

enum vl_rc
vl_cal_delete(struct vl_ctx *c, int64_t id)
{
	struct vl_cal_event	 e;
	struct vl_matter	 m;
	enum vl_rc		 rc;

	memset(&m, 0, sizeof(m));
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_cal_get(c, id, &e)) != VL_OK ||
	    (e.matter != 0 && (rc = vl_matter_load(c, e.matter, &m)) != VL_OK) ||
	    (rc = vl_db_exec(STMT_CAL_CANCEL, NULL, NULL, "ii", c->firm_id, id)) != VL_OK ||
	    (rc = tell_change(c, &e, &m, "a cancelled calendar event")) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "event_delete", "event", id);
	return vl_db_commit();
}

enum vl_rc
vl_cal_attendees(struct vl_ctx *c, int64_t id, struct vl_cal_attendee **out, size_t *n)
{
	struct vl_rows		*rows;
	struct vl_cal_attendee	*a;
	int			 got;

	*n = 0;
	*out = a = vl_pool_calloc(c->pool, VL_CAL_ATTENDEES_MAX + 1, sizeof(*a));
	if (vl_db_query(c->pool, STMT_CAL_ATT_LIST, &rows, "ii", c->firm_id, id) != VL_OK)
		return VL_ERR;
	while (*n <= VL_CAL_ATTENDEES_MAX && (got = vl_db_next(rows, "iis", &a[*n].user,
	    &a[*n].contact, &a[*n].name)) > 0)
		(*n)++;
	return vl_db_rows_failed(rows) ? VL_ERR : VL_OK;
}

enum vl_rc
vl_cal_portal_contacts(struct vl_ctx *c, int64_t matter, int64_t **ids, char ***names, size_t *n)
{
	struct vl_rows	*rows;
	int		 got;

	*n = 0;
	*ids = vl_pool_calloc(c->pool, 200, sizeof(**ids));
	*names = vl_pool_calloc(c->pool, 200, sizeof(**names));
	if (vl_db_query(c->pool, STMT_CAL_PORTAL_CONTACTS, &rows, "ii", c->firm_id, matter) != VL_OK)
		return VL_ERR;
	while (*n < 200 && (got = vl_db_next(rows, "is", &(*ids)[*n], &(*names)[*n])) > 0)
		(*n)++;
	return vl_db_rows_failed(rows) ? VL_ERR : VL_OK;
}

/* The occurrences of e in [from, to) added to items (at most max in all). */
static enum vl_rc
add_items(struct vl_ctx *c, const struct vl_cal_event *e, int64_t from, int64_t to,
    struct vl_cal_item *items, size_t *n, size_t max)
{
	struct vl_occ	*o;
	int		 got, i;

	if (*n >= max)
		return VL_OK;
	o = vl_pool_calloc(c->pool, max - *n, sizeof(*o));
	got = vl_recur_expand(e->zone, &e->start, &e->end, e->all_day, &e->rule, e->ex, e->nex,
	    from, to, o, max - *n);
	if (got < 0)
		return VL_ERR;
	for (i = 0; i < got; i++) {
		struct vl_cal_item *it = &items[(*n)++];

		it->event = e->id;
		it->matter = e->matter;
		it->start = o[i].start;
		it->end = o[i].end;
		it->date = o[i].date;
		it->moved = o[i].moved;
		it->all_day = e->all_day;
		it->recurring = e->rule.freq != VL_FREQ_NONE;
		it->cancelled = e->cancelled;
		it->title = e->title;
		it->location = e->location;
		it->number = e->number;
	}
	return VL_OK;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct vl_cal_item *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->event < y->event ? -1 : x->event > y->event;
}

/* The events of rows (CAL_COLS), with their exceptions, in the pool. */
static enum vl_rc
read_events(struct vl_ctx *c, struct vl_rows *rows, struct vl_cal_event **out, size_t *n,
    size_t max)
{
	struct vl_cal_event	*ev = vl_pool_calloc(c->pool, max + 1, sizeof(*ev));
	size_t			 i;
	int			 got;

	*n = 0;
	while (*n < max && (got = next_event(rows, &ev[*n])) > 0)
		(*n)++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	vl_db_rows_free(rows);
	for (i = 0; i < *n; i++)
		if (load_ex(c, &ev[i]) != VL_OK)
			return VL_ERR;
	*out = ev;
	return VL_OK;
}

enum vl_rc
vl_cal_range(struct vl_ctx *c, int64_t matter, int64_t user, int64_t from, int64_t to,
    struct vl_cal_item **out, size_t *n)
{
	struct vl_cal_event	*ev;
	struct vl_cal_item	*items;
	struct vl_rows		*rows;
	size_t			 nev, i;
	enum vl_rc		 rc;

	*n = 0;
	if (vl_db_query(c->pool, STMT_CAL_RANGE, &rows, "iiiiiiii", c->firm_id, to, from, matter,
	    matter, user, user, user) != VL_OK)
		return VL_ERR;
	if ((rc = read_events(c, rows, &ev, &nev, VL_CAL_ITEMS_MAX)) != VL_OK)
		return rc;
	items = vl_pool_calloc(c->pool, VL_CAL_ITEMS_MAX, sizeof(*items));
	for (i = 0; i < nev; i++)
		if ((rc = add_items(c, &ev[i], from, to, items, n, VL_CAL_ITEMS_MAX)) != VL_OK)
			return rc;
	qsort(items, *n, sizeof(*items), item_cmp);
	*out = items;
	return VL_OK;
}

enum vl_rc
vl_cal_client_list(struct vl_ctx *c, const struct vl_client_portal *p, int64_t page,
    struct vl_cal_item **out, size_t *n, int *more)
{
	struct vl_cal_event	*ev;
	struct vl_cal_item	*items;
	struct vl_rows		*rows;
	int64_t			 now = (int64_t)time(NULL);
	size_t			 nev, i, k;
	int			 all_off;
	enum vl_rc		 rc;

	*n = 0;
	*more = 0;
	if (vl_db_query(c->pool, STMT_CAL_CLIENT_LIST, &rows, "iiiii", c->firm_id, p->matter,
	    p->portal, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page)) != VL_OK)
		return VL_ERR;
	if ((rc = read_events(c, rows, &ev, &nev, VL_PAGE_ROWS + 1)) != VL_OK)
		return rc;
	if (nev > VL_PAGE_ROWS) {
		*more = 1;
		nev = VL_PAGE_ROWS;
	}
	items = vl_pool_calloc(c->pool, nev + 1, sizeof(*items));
	for (i = 0; i < nev; i++) {
		/* Its next occurrence from now, else its first. */
		k = *n;
		if ((rc = add_items(c, &ev[i], now, INT64_MAX / 2, items, n, k + 1)) != VL_OK)
			return rc;
		if (*n == k && (rc = add_items(c, &ev[i], INT64_MIN / 2, INT64_MAX / 2, items, n,
		    k + 1)) != VL_OK)
			return rc;
		all_off = *n == k;
		if (all_off) {		/* every date cancelled: still listed, as cancelled */
			items[k].event = ev[i].id;
			items[k].title = ev[i].title;
			items[k].location = ev[i].location;
			items[k].start = vl_wall_utc(ev[i].zone, &ev[i].start);
			items[k].end = items[k].start;
			items[k].all_day = ev[i].all_day;
			(*n)++;
		}
		items[k].cancelled = ev[i].cancelled || all_off;
		items[k].recurring = ev[i].rule.freq != VL_FREQ_NONE;
	}
	*out = items;
	return VL_OK;
}

enum vl_rc
vl_cal_client_get(struct vl_ctx *c, int64_t id, struct vl_cal_event *e,
    struct vl_client_portal *p)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;
	int		 got;

	if (c->contact_id == 0)
		return VL_DECLINED;
	if (vl_db_query(c->pool, STMT_CAL_CLIENT_GET, &rows, "ii", c->firm_id, id) != VL_OK)
		return VL_ERR;
	if ((got = next_event(rows, e)) < 0)
		return VL_ERR;
	vl_db_rows_free(rows);
	if (got == 0)
		return VL_DECLINED;
	if ((rc = vl_rshare_client_may(c, e->matter, VL_REC_EVENT, id, p)) != VL_OK)
		return rc;
	return load_ex(c, e);
}

/* e's attendees as its .ics names them (only: a contact, who sees the
 * firm's users and themselves alone; 0: everyone). */
static enum vl_rc
load_att(struct vl_ctx *c, struct vl_cal_event *e, int64_t only)
{
	struct vl_rows		*rows;
	struct vl_cal_att	 a;
	int			 got;

	e->natt = 0;
	if (vl_db_query(c->pool, STMT_CAL_ICS_ATTENDEES, &rows, "iiii", c->firm_id, e->id, only,
	    only) != VL_OK)
		return VL_ERR;
	e->att = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*e->att));
	while ((got = vl_db_next(rows, "ss", &a.name, &a.email)) > 0)
		e->att[e->natt++] = a;
	return got < 0 ? VL_ERR : VL_OK;
}

char *
vl_cal_ics(struct vl_ctx *c, const struct vl_cal_event *e)
{
	struct vl_cal_event	 copy = *e;

	/* A client's .ics: never another contact's name or address. */
	if (load_att(c, &copy, c->contact_id) != VL_OK)
		return NULL;
	return vl_ical_build(c->pool, &copy, 1, (int64_t)time(NULL));
}

enum vl_rc
vl_cal_feed_new(struct vl_ctx *c, char token[44])
{
	unsigned char	 h[32];
	enum vl_rc	 rc;

	if (c->user_id == 0)
		return VL_FORBIDDEN;
	vl_token_new(token);
	if (!vl_token_hash(token, h))
		return VL_ERR;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CAL_FEED_REVOKE, NULL, NULL, "ii", c->firm_id,
	    c->user_id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_CAL_FEED_INSERT, NULL, NULL, "bii", h, sizeof(h), c->firm_id,
	    c->user_id)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "calendar_feed_new", "user", c->user_id);
	return vl_db_commit();
}

enum vl_rc
vl_cal_feed_revoke(struct vl_ctx *c)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if (c->user_id == 0)
		return VL_FORBIDDEN;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_CAL_FEED_REVOKE, &n, NULL, "ii", c->firm_id,
	    c->user_id)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	if (n > 0)
		vl_audit(c, "calendar_feed_revoke", "user", c->user_id);
	return vl_db_commit();
}

int64_t
vl_cal_feed_since(struct vl_ctx *c)
{
	int64_t	 since = 0;

	if (vl_db_row(c->pool, STMT_CAL_FEED_SINCE, "ii", "i", c->firm_id, c->user_id,
	    &since) != VL_OK)
		return -1;
	return since;
}

enum vl_rc
vl_cal_feed(struct vl_ctx *c, const char *token, char **ics)
{
	struct vl_cal_event	*ev;
	struct vl_rows		*rows;
	unsigned char		 h[32];
	int64_t			 firm, user, now = (int64_t)time(NULL);
	size_t			 nev;
	enum vl_rc		 rc;

	*ics = NULL;
	if (!vl_token_hash(token, h))
		return VL_DECLINED;
	if ((rc = vl_db_row(c->pool, STMT_CAL_FEED_LOOKUP, "b", "ii", h, sizeof(h), &firm,
	    &user)) != VL_OK)
		return rc;
	c->firm_id = firm;
	c->user_id = user;
	c->zone = NULL;
	if (vl_db_query(c->pool, STMT_CAL_RANGE, &rows, "iiiiiiii", firm, now + VL_CAL_FEED_AHEAD,
	    now - VL_CAL_FEED_BACK, (int64_t)0, (int64_t)0, user, user, user) != VL_OK)
		return VL_ERR;
	if ((rc = read_events(c, rows, &ev, &nev, VL_CAL_ITEMS_MAX)) != VL_OK)
		return rc;
	for (size_t i = 0; i < nev; i++)
		if ((rc = load_att(c, &ev[i], 0)) != VL_OK)
			return rc;
	if ((*ics = vl_ical_build(c->pool, ev, nev, now)) == NULL)
		return VL_ERR;
	return VL_OK;
}
