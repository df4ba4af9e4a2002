/*
 * The calendar's month grid and agenda.  Everything is laid out in the
 * firm's zone: an occurrence belongs to each local day it overlaps, and
 * its time reads as the firm's clock ("9:00 AM"), whatever zone the event
 * was made in.  Pages stay plain tables and lists, readable without
 * JavaScript; the stylesheet folds the grid into a list on a phone.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "calview.h"
#include "matters.h"
#include "recur.h"
#include "tz.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December",
};
static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

int
vl_calview_read(const char *zone, const char *view, const char *date, int64_t now,
    struct vl_calview *v)
{
	struct vl_wall	 a, b;

	memset(v, 0, sizeof(*v));
	if (view == NULL || *view == '\0' || strcmp(view, "month") == 0)
		v->kind = VL_CALVIEW_MONTH;
	else if (strcmp(view, "agenda") == 0)
		v->kind = VL_CALVIEW_AGENDA;
	else
		return 0;
	if (date == NULL || *date == '\0') {
		vl_wall_of(zone, now, &v->day);
		v->day.h = v->day.mi = 0;
	} else if (!vl_wall_date(date, &v->day))
		return 0;
	if (v->kind == VL_CALVIEW_MONTH) {
		v->day.d = 1;
		/* The grid: whole weeks, Sunday first, around the month. */
		a = v->day;
		vl_wall_add(&a, -vl_wall_weekday(&a), 0);
		b = v->day;
		b.mo = b.mo == 12 ? 1 : b.mo + 1;
		b.y = v->day.mo == 12 ? b.y + 1 : b.y;
		vl_wall_add(&b, (7 - vl_wall_weekday(&b)) % 7, 0);
		v->days = 0;
		for (struct vl_wall w = a; vl_wall_cmp(&w, &b) < 0; vl_wall_add(&w, 1, 0))
			v->days++;
	} else {
		a = v->day;
		v->days = VL_CALVIEW_DAYS;
		b = a;
		vl_wall_add(&b, v->days, 0);
	}
	v->from = vl_wall_utc(zone, &a);
	v->to = vl_wall_utc(zone, &b);
	return 1;
}

/* "9:00 AM" of w. */
static char *
clock12(struct vl_pool *pool, const struct vl_wall *w)
{
	return vl_pool_printf(pool, "%d:%02d %s", w->h % 12 == 0 ? 12 : w->h % 12, w->mi,
	    w->h < 12 ? "AM" : "PM");
}

void
vl_calview_item(struct vl_pool *pool, struct vl_tpl *row, const char *zone,
    const struct vl_cal_item *it)
{
	struct vl_wall	 s, e;
	char		 date[11];

	vl_wall_of(zone, it->start, &s);
	vl_wall_of(zone, it->end, &e);
	vl_tpl_set(row, "TITLE", it->title);
	vl_tpl_set(row, "LOCATION", it->location);
	vl_tpl_set(row, "NUMBER", it->number);
	vl_tpl_set_int(row, "EVENT", it->event);
	vl_tpl_set_int(row, "MATTER", it->matter);
	vl_wall_datefmt(&it->date, date);
	vl_tpl_set(row, "DATE", date);
	if (it->all_day) {
		vl_tpl_show(row, "ALL_DAY");
		vl_tpl_set(row, "TIME", "All day");
		vl_tpl_set(row, "WHEN", vl_tz_date(pool, zone, it->start));
	} else {
		vl_tpl_set(row, "TIME", clock12(pool, &s));
		vl_tpl_set(row, "WHEN", vl_pool_printf(pool, "%s to %s", vl_tz_fmt(pool, zone,
		    it->start), vl_tz_fmt(pool, zone, it->end)));
	}
	if (it->recurring)
		vl_tpl_show(row, "RECURRING");
	if (it->moved)
		vl_tpl_show(row, "MOVED");
	if (it->cancelled)
		vl_tpl_show(row, "CANCELLED");
	if (it->matter != 0)
		vl_tpl_show(row, "HAS_MATTER");
}

/* The items overlapping local day [a, a + 1 day) into section of parent. */
static size_t
day_items(struct vl_pool *pool, struct vl_tpl *parent, const char *zone,
    const struct vl_wall *day, const struct vl_cal_item *items, size_t n)
{
	struct vl_wall	 next = *day;
	int64_t		 a = vl_wall_utc(zone, day), b;
	size_t		 i, k = 0;

	vl_wall_add(&next, 1, 0);
	b = vl_wall_utc(zone, &next);
	for (i = 0; i < n; i++) {
		if (items[i].start >= b || (items[i].end <= a && !(items[i].end == items[i].start &&
		    items[i].start >= a)))
			continue;
		vl_calview_item(pool, vl_tpl_section(parent, "ITEM"), zone, &items[i]);
		k++;
	}
	return k;
}

static void
nav(struct vl_pool *pool, struct vl_tpl *d, const struct vl_calview *v, const char *zone)
{
	struct vl_wall	 prev = v->day, next = v->day, today;
	char		 s[11];

	if (v->kind == VL_CALVIEW_MONTH) {
		prev.mo = prev.mo == 1 ? 12 : prev.mo - 1;
		prev.y = v->day.mo == 1 ? prev.y - 1 : prev.y;
		next.mo = next.mo == 12 ? 1 : next.mo + 1;
		next.y = v->day.mo == 12 ? next.y + 1 : next.y;
		vl_tpl_show(d, "MONTH");
		vl_tpl_set(d, "TITLE_MONTH", vl_pool_printf(pool, "%s %d",
		    month_names[(v->day.mo - 1) % 12], v->day.y));
	} else {
		vl_wall_add(&prev, -v->days, 0);
		vl_wall_add(&next, v->days, 0);
		vl_tpl_show(d, "AGENDA");
		vl_wall_add(&next, -1, 0);
		vl_tpl_set(d, "TITLE_MONTH", vl_pool_printf(pool, "%s to %s",
		    vl_tz_date(pool, "UTC", vl_wall_utc("UTC", &v->day)),
		    vl_tz_date(pool, "UTC", vl_wall_utc("UTC", &next))));
		vl_wall_add(&next, 1, 0);
	}
	vl_wall_datefmt(&prev, s);
	vl_tpl_set(d, "PREV_DATE", s);
	vl_wall_datefmt(&next, s);
	vl_tpl_set(d, "NEXT_DATE", s);
	vl_wall_datefmt(&v->day, s);
	vl_tpl_set(d, "VIEW_DATE", s);
	vl_wall_of(zone, (int64_t)time(NULL), &today);
	vl_wall_datefmt(&today, s);
	vl_tpl_set(d, "TODAY_DATE", s);
}

void
vl_calview_fill(struct vl_pool *pool, struct vl_tpl *d, const char *zone,
    const struct vl_calview *v, const struct vl_cal_item *items, size_t n)
{
	struct vl_tpl	*week = NULL, *day;
	struct vl_wall	 w, today;
	size_t		 k, total = 0;
	int		 i;

	nav(pool, d, v, zone);
	vl_wall_of(zone, (int64_t)time(NULL), &today);
	today.h = today.mi = 0;
	w = v->day;
	if (v->kind == VL_CALVIEW_MONTH) {
		vl_wall_add(&w, -vl_wall_weekday(&w), 0);
		for (i = 0; i < 7; i++)
			vl_tpl_set(vl_tpl_section(d, "WEEKDAY"), "NAME", day_names[i]);
	}
	for (i = 0; i < v->days; i++, vl_wall_add(&w, 1, 0)) {
		char	 s[11];

		if (v->kind == VL_CALVIEW_MONTH) {
			if (i % 7 == 0)
				week = vl_tpl_section(d, "WEEK");
			day = vl_tpl_section(week, "DAY");
			if (w.mo != v->day.mo)
				vl_tpl_show(day, "OTHER_MONTH");
		} else
			day = vl_tpl_section(d, "AGENDA_DAY");
		k = day_items(pool, day, zone, &w, items, n);
		total += k;
		vl_tpl_show(day, k == 0 ? "EMPTY" : "HAS_ITEMS");
		if (vl_wall_cmp(&w, &today) == 0)
			vl_tpl_show(day, "TODAY");
		vl_wall_datefmt(&w, s);
		vl_tpl_set(day, "DAY_DATE", s);
		vl_tpl_set_int(day, "DAY_NUMBER", w.d);
		vl_tpl_set(day, "DAY_NAME", vl_pool_printf(pool, "%s, %s", day_names[vl_wall_weekday(&w)],
		    vl_tz_date(pool, "UTC", vl_wall_utc("UTC", &w))));
	}
	if (total == 0)
		vl_tpl_show(d, "NO_EVENTS");
}

/* 1 if id is one of the n ids. */
static int
among(int64_t id, const int64_t *ids, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* A contact's box, once (seen: those already shown). */
static void
contact_box(struct vl_tpl *d, int64_t id, const char *name, int ticked, int portal,
    int64_t *seen, size_t *nseen)
{
	struct vl_tpl	*o;

	if (among(id, seen, *nseen) || *nseen >= 2 * VL_CAL_ATTENDEES_MAX + 200)
		return;
	seen[(*nseen)++] = id;
	o = vl_tpl_section(d, "CONTACT_BOX");
	vl_tpl_set_int(o, "VALUE", id);
	vl_tpl_set(o, "LABEL", name);
	if (ticked)
		vl_tpl_show(o, "CHECKED");
	if (portal)
		vl_tpl_show(o, "PORTAL");
}

enum vl_rc
vl_calview_form(struct vl_ctx *c, struct vl_tpl *d, int64_t id, const struct vl_cal_in *in,
    const char *date, const struct vl_cal_in *occ, int share)
{
	struct vl_cal_attendee	*att = NULL;
	struct vl_pick		*users, *contacts;
	struct vl_tpl		*o;
	int64_t			*pc = NULL, *seen;
	char			**pn = NULL;
	size_t			 nu, nc, na = 0, npc = 0, nseen = 0, i;
	enum vl_rc		 rc;

	if ((rc = vl_pick_users(c, &users, &nu)) != VL_OK ||
	    (rc = vl_pick_clients(c, 0, &contacts, &nc)) != VL_OK ||
	    (id != 0 && (rc = vl_cal_attendees(c, id, &att, &na)) != VL_OK) ||
	    (in->matter != 0 && (rc = vl_cal_portal_contacts(c, in->matter, &pc, &pn,
	    &npc)) != VL_OK))
		return rc;
	if (id != 0)
		vl_tpl_set_int(vl_tpl_section(d, "HAS_ID"), "ID", id);
	vl_tpl_show(d, id ? "EDIT" : "NEW");
	if (in->matter != 0)
		vl_tpl_set_int(vl_tpl_section(d, "HAS_MATTER_FIELD"), "MATTER_ID", in->matter);
	vl_tpl_set(d, "EVENT_TITLE", in->title);
	vl_tpl_set(d, "LOCATION_TEXT", in->location);
	vl_tpl_set(d, "DESCRIPTION_TEXT", in->description);
	vl_tpl_set(d, "START_DATE", in->start_date);
	vl_tpl_set(d, "START_TIME", in->start_time);
	vl_tpl_set(d, "END_DATE", in->end_date);
	vl_tpl_set(d, "END_TIME", in->end_time);
	vl_tpl_set(d, "INTERVAL", in->interval && *in->interval ? in->interval : "1");
	vl_tpl_set(d, "UNTIL", in->until);
	vl_tpl_set(d, "COUNT", in->count && *in->count ? in->count : "10");
	vl_tpl_set(d, "ZONE", vl_tz_firm(c));
	if (in->all_day)
		vl_tpl_show(d, "ALL_DAY_ON");
	vl_tpl_show(d, vl_pool_printf(c->pool, "FREQ_%s", in->freq && vl_freq_of(in->freq) !=
	    VL_FREQ__MAX ? (in->freq[0] == 'd' ? "DAILY" : in->freq[0] == 'w' ? "WEEKLY" :
	    in->freq[0] == 'm' ? "MONTHLY" : "NONE") : "NONE"));
	vl_tpl_show(d, in->ends && strcmp(in->ends, "until") == 0 ? "ENDS_UNTIL" : "ENDS_COUNT");
	for (i = 0; i < 7; i++) {
		o = vl_tpl_section(d, "WEEKDAY_BOX");
		vl_tpl_set_int(o, "N", (long long)i);
		vl_tpl_set(o, "NAME", day_names[i]);
		if (in->byday & (1u << i))
			vl_tpl_show(o, "CHECKED");
	}
	for (i = 0; i < nu; i++) {
		o = vl_tpl_section(d, "USER_BOX");
		vl_tpl_set_int(o, "VALUE", users[i].id);
		vl_tpl_set(o, "LABEL", users[i].name);
		if (among(users[i].id, in->users, in->nusers))
			vl_tpl_show(o, "CHECKED");
	}
	seen = vl_pool_calloc(c->pool, 2 * VL_CAL_ATTENDEES_MAX + 200, sizeof(*seen));
	for (i = 0; i < npc; i++)
		contact_box(d, pc[i], pn[i], among(pc[i], in->contacts, in->ncontacts), 1, seen,
		    &nseen);
	for (i = 0; i < na; i++)
		if (att[i].contact != 0)
			contact_box(d, att[i].contact, att[i].name, among(att[i].contact,
			    in->contacts, in->ncontacts), 0, seen, &nseen);
	for (i = 0; i < nc; i++)
		if (!among(contacts[i].id, seen, nseen) && among(contacts[i].id, in->contacts,
		    in->ncontacts))
			contact_box(d, contacts[i].id, contacts[i].name, 1, 0, seen, &nseen);
	for (i = 0; i < nc; i++)
		if (!among(contacts[i].id, seen, nseen)) {
			o = vl_tpl_section(d, "CONTACT_OPTION");
			vl_tpl_set_int(o, "VALUE", contacts[i].id);
			vl_tpl_set(o, "LABEL", contacts[i].name);
		}
	if (in->matter != 0)
		vl_tpl_show(d, "SHARE_BOX");
	if (share)
		vl_tpl_show(d, "SHARE_ON");
	if (date != NULL) {
		o = vl_tpl_section(d, "OCCURRENCE");
		vl_tpl_set(o, "OCC_DATE", date);
		vl_tpl_set(o, "OCC_START_DATE", occ ? occ->start_date : date);
		vl_tpl_set(o, "OCC_START_TIME", occ ? occ->start_time : in->start_time);
		vl_tpl_set(o, "OCC_END_DATE", occ ? occ->end_date : date);
		vl_tpl_set(o, "OCC_END_TIME", occ ? occ->end_time : in->end_time);
		if (in->all_day)
			vl_tpl_show(o, "OCC_ALL_DAY");
		else
			vl_tpl_show(o, "OCC_TIMED");
	}
	return VL_OK;
}

void
vl_calview_in(struct vl_pool *pool, const struct vl_cal_event *e,
    const struct vl_cal_attendee *a, size_t na, struct vl_cal_in *in, int64_t *u, int64_t *c)
{
	char	 s[11], t[17];
	size_t	 i;

	memset(in, 0, sizeof(*in));
	in->title = e->title;
	in->location = e->location;
	in->description = e->description;
	in->all_day = e->all_day;
	vl_wall_datefmt(&e->start, s);
	in->start_date = vl_pool_strdup(pool, s);
	vl_wall_datefmt(&e->end, s);
	in->end_date = vl_pool_strdup(pool, s);
	vl_wall_fmt(&e->start, t);
	in->start_time = vl_pool_strdup(pool, t + 11);
	vl_wall_fmt(&e->end, t);
	in->end_time = vl_pool_strdup(pool, t + 11);
	in->freq = vl_freqs[e->rule.freq];
	in->interval = vl_pool_printf(pool, "%d", e->rule.interval ? e->rule.interval : 1);
	in->byday = e->rule.byday;
	in->ends = e->rule.until.y != 0 ? "until" : "count";
	if (e->rule.until.y != 0) {
		vl_wall_datefmt(&e->rule.until, s);
		in->until = vl_pool_strdup(pool, s);
	}
	in->count = e->rule.count ? vl_pool_printf(pool, "%d", e->rule.count) : "10";
	in->matter = e->matter;
	for (i = 0; i < na && i < VL_CAL_ATTENDEES_MAX; i++) {
		if (a[i].user != 0)
			u[in->nusers++] = a[i].user;
		else if (a[i].contact != 0)
			c[in->ncontacts++] = a[i].contact;
	}
	in->users = u;
	in->contacts = c;
}
