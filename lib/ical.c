/*
 * iCalendar for the portal's .ics downloads and the firm users' feeds.
 * libical writes the text (folding, escaping of commas and semicolons,
 * RRULE syntax) and gives each zone's VTIMEZONE from the system's tz
 * database, so a calendar program shows 09:00 New York time as such on
 * both sides of a daylight-saving change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "vellum.h"
#include "calendar.h"
#include "ical.h"
#include "recur.h"
#include "tz.h"

static struct icaltimetype
wall(const struct vl_wall *w, int date_only)
{
	struct icaltimetype	 t = icaltime_null_time();

	t.year = w->y;
	t.month = w->mo;
	t.day = w->d;
	if (date_only)
		t.is_date = 1;
	else {
		t.hour = w->h;
		t.minute = w->mi;
	}
	return t;
}

/* The zone of e for its times: its tzid, or NULL when the event's zone is
 * not a zone file (then its times are written in UTC). */
static icaltimezone *
zone_of(const struct vl_cal_event *e)
{
	if (!vl_tz_valid(e->zone) || strcmp(e->zone, "UTC") == 0)
		return NULL;
	return icaltimezone_get_builtin_timezone(e->zone);
}

/* A time property p of w: zoned (TZID), in UTC, or a DATE for all day. */
static icalproperty *
timed(icalproperty *(*make)(struct icaltimetype), const struct vl_cal_event *e,
    icaltimezone *z, const struct vl_wall *w)
{
	icalproperty	*p;

	if (e->all_day)
		return make(wall(w, 1));
	if (z == NULL)
		return make(icaltime_from_timet_with_zone((time_t)vl_wall_utc(e->zone, w), 0,
		    icaltimezone_get_utc_timezone()));
	p = make(wall(w, 0));
	icalproperty_add_parameter(p, icalparameter_new_tzid(icaltimezone_get_tzid(z)));
	return p;
}

/* The wall time an occurrence planned for date would have started. */
static struct vl_wall
planned(const struct vl_cal_event *e, const struct vl_wall *date)
{
	struct vl_wall	 w = *date;

	w.h = e->all_day ? 0 : e->start.h;
	w.mi = e->all_day ? 0 : e->start.mi;
	return w;
}

/* DTEND of an occurrence ending at end (all day: the day after the last). */
static struct vl_wall
dtend(const struct vl_cal_event *e, const struct vl_wall *end)
{
	struct vl_wall	 w = *end;

	if (e->all_day)
		vl_wall_add(&w, 1, 0);
	return w;
}

/* The properties every VEVENT of e carries. */
static icalcomponent *
vevent(const struct vl_cal_event *e, int64_t now)
{
	icalcomponent	*v = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalproperty	*p;
	char		 uid[96], to[300];
	size_t		 i;

	snprintf(uid, sizeof(uid), "event-%lld@vellum", (long long)e->id);
	icalcomponent_add_property(v, icalproperty_new_uid(uid));
	icalcomponent_add_property(v, icalproperty_new_dtstamp(
	    icaltime_from_timet_with_zone((time_t)now, 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(v, icalproperty_new_summary(e->title ? e->title : ""));
	if (e->location != NULL && *e->location != '\0')
		icalcomponent_add_property(v, icalproperty_new_location(e->location));
	if (e->description != NULL && *e->description != '\0')
		icalcomponent_add_property(v, icalproperty_new_description(e->description));
	/* Who attends, by the address on file (none: left out, an ATTENDEE
	 * being an address); the caller chose whom a reader may see. */
	for (i = 0; i < e->natt; i++) {
		if (e->att[i].email == NULL || *e->att[i].email == '\0')
			continue;
		snprintf(to, sizeof(to), "mailto:%s", e->att[i].email);
		p = icalproperty_new_attendee(to);
		if (e->att[i].name != NULL && *e->att[i].name != '\0')
			icalproperty_add_parameter(p, icalparameter_new_cn(e->att[i].name));
		icalcomponent_add_property(v, p);
	}
	icalcomponent_add_property(v, icalproperty_new_sequence((int)e->sequence));
	icalcomponent_add_property(v, icalproperty_new_status(e->cancelled ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	return v;
}

/* e's VEVENTs into cal: the series (RRULE, EXDATE) and each moved date. */
static int
add_event(icalcomponent *cal, const struct vl_cal_event *e, int64_t now)
{
	icaltimezone		*z = zone_of(e);
	icalcomponent		*v = vevent(e, now), *m;
	struct icalrecurrencetype rule;
	struct vl_wall		 w;
	char			 text[256];
	size_t			 i;

	w = dtend(e, &e->end);
	icalcomponent_add_property(v, timed(icalproperty_new_dtstart, e, z, &e->start));
	icalcomponent_add_property(v, timed(icalproperty_new_dtend, e, z, &w));
	if (e->rule.freq != VL_FREQ_NONE) {
		/* With a zoned DTSTART, UNTIL is UTC (RFC 5545 3.3.10). */
		if (!vl_recur_rrule(&e->rule, e->all_day ? NULL : e->zone, text, sizeof(text)))
			goto fail;
		if (e->all_day && e->rule.until.y != 0) {
			char	*t = strstr(text, ";UNTIL=");
			if (t != NULL)
				snprintf(t, sizeof(text) - (size_t)(t - text), ";UNTIL=%04d%02d%02d",
				    e->rule.until.y, e->rule.until.mo, e->rule.until.d);
		}
		rule = icalrecurrencetype_from_string(text);
		if (rule.freq == ICAL_NO_RECURRENCE)
			goto fail;
		icalcomponent_add_property(v, icalproperty_new_rrule(rule));
		for (i = 0; i < e->nex; i++) {
			w = planned(e, &e->ex[i].date);
			if (e->ex[i].cancelled) {
				icalcomponent_add_property(v, timed(icalproperty_new_exdate, e, z, &w));
				continue;
			}
			m = vevent(e, now);
			icalcomponent_add_property(m, timed(icalproperty_new_recurrenceid, e, z, &w));
			icalcomponent_add_property(m, timed(icalproperty_new_dtstart, e, z,
			    &e->ex[i].start));
			w = dtend(e, &e->ex[i].end);
			icalcomponent_add_property(m, timed(icalproperty_new_dtend, e, z, &w));
			icalcomponent_add_component(cal, m);
		}
	}
	icalcomponent_add_component(cal, v);
	return 1;
fail:
	icalcomponent_free(v);
	return 0;
}

char *
vl_ical_build(struct vl_pool *pool, const struct vl_cal_event *ev, size_t n, int64_t now)
{
	icalcomponent	*cal, *tz;
	icaltimezone	*z;
	const char	*done[64];
	char		*text, *out = NULL;
	size_t		 i, j, nz = 0;

	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Vellum//Calendar//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	/* One VTIMEZONE a zone used by a timed event. */
	for (i = 0; i < n; i++) {
		if (ev[i].all_day || (z = zone_of(&ev[i])) == NULL)
			continue;
		for (j = 0; j < nz && strcmp(done[j], ev[i].zone) != 0; j++)
			;
		if (j < nz || nz == sizeof(done) / sizeof(done[0]))
			continue;
		done[nz++] = ev[i].zone;
		if ((tz = icaltimezone_get_component(z)) != NULL)
			icalcomponent_add_component(cal, icalcomponent_new_clone(tz));
	}
	for (i = 0; i < n; i++)
		if (!add_event(cal, &ev[i], now))
			goto out;
	if ((text = icalcomponent_as_ical_string_r(cal)) != NULL) {
		out = vl_pool_strdup(pool, text);
		free(text);
	}
out:
	icalcomponent_free(cal);
	icalerror_clear_errno();
	return out;
}

/* One line of out for component c and its chief properties. */
static void
describe(icalcomponent *c, struct vl_buf *out)
{
	static const icalproperty_kind kinds[] = {
		ICAL_UID_PROPERTY, ICAL_TZID_PROPERTY, ICAL_SUMMARY_PROPERTY,
		ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_RECURRENCEID_PROPERTY,
		ICAL_RRULE_PROPERTY, ICAL_EXDATE_PROPERTY, ICAL_STATUS_PROPERTY,
		ICAL_SEQUENCE_PROPERTY, ICAL_METHOD_PROPERTY, ICAL_ATTENDEE_PROPERTY,
	};
	icalproperty	*p;
	icalparameter	*tz, *cn;
	char		*v;
	size_t		 i;

	vl_buf_adds(out, icalcomponent_kind_to_string(icalcomponent_isa(c)));
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		for (p = icalcomponent_get_first_property(c, kinds[i]); p != NULL;
		    p = icalcomponent_get_next_property(c, kinds[i])) {
			v = icalproperty_get_value_as_string_r(p);
			tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
			cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
			vl_buf_addf(out, " %s=%s%s%s%s%s", icalproperty_kind_to_string(kinds[i]),
			    tz ? icalparameter_get_tzid(tz) : "", tz ? ":" : "", v ? v : "",
			    cn ? ";CN=" : "", cn ? icalparameter_get_cn(cn) : "");
			free(v);
		}
	vl_buf_addc(out, '\n');
}

int
vl_ical_check(const char *text, struct vl_buf *out)
{
	icalcomponent	*root, *c;
	int		 ok;

	if (text == NULL || (root = icalparser_parse_string(text)) == NULL) {
		icalerror_clear_errno();
		return 0;
	}
	ok = icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT &&
	    icalcomponent_count_errors(root) == 0;
	describe(root, out);
	for (c = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT); c != NULL;
	    c = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT))
		describe(c, out);
	icalcomponent_free(root);
	icalerror_clear_errno();
	return ok;
}
