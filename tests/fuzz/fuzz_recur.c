/* libFuzzer target: the calendar's form input parsers (dates, times,
 * wall times) and the rule built from them, read back by libical and
 * expanded (lib/recur.c). */
/* fuzz-extra: lib/recur.c -lical */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recur.h"

static const char *const zones[] = { "America/New_York", "UTC", "Europe/London", "Nowhere/At_All" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vl_wall		 s = { 2026, 3, 1, 9, 0 }, e, w;
	struct vl_recur		 r;
	struct vl_recur_ex	 ex[2];
	struct vl_occ		 o[64];
	char			*t, out[17], rule[256];
	const char		*zone;
	int			 n, i;

	if (size < 6)
		return 0;
	/* A form's text is a C string: cut at the first NUL. */
	t = malloc(size + 1);
	memcpy(t, data, size);
	t[size] = '\0';
	/* Every parser is total: either it refuses or the value prints back. */
	if (vl_wall_date(t, &s) && (s.y < 1900 || s.y > 2199 || s.mo < 1 || s.mo > 12 || s.d < 1 ||
	    s.d > 31))
		__builtin_trap();
	if (vl_wall_time(t, &s) && (s.h > 23 || s.mi > 59))
		__builtin_trap();
	if (vl_wall_parse(t, &w)) {
		vl_wall_fmt(&w, out);
		if (strlen(out) != 16)
			__builtin_trap();
	}
	/* A rule from the bytes, as a form could choose it. */
	memset(&r, 0, sizeof(r));
	r.freq = (enum vl_freq)(data[0] % VL_FREQ__MAX);
	r.interval = (int)(data[1] % 120) - 10;
	r.byday = data[2];
	r.count = data[3] & 1 ? (int)(data[4] * 4) - 20 : 0;
	if (!(data[3] & 1)) {
		r.until = s;
		vl_wall_add(&r.until, (int)data[4] * 20, 0);
	}
	zone = zones[data[5] % 4];
	e = s;
	vl_wall_add(&e, 0, 30 + data[5]);
	memset(ex, 0, sizeof(ex));
	ex[0].date = s;
	vl_wall_add(&ex[0].date, 7, 0);
	ex[0].cancelled = 1;
	ex[1].date = s;
	vl_wall_add(&ex[1].date, 1, 0);
	ex[1].start = ex[1].end = ex[1].date;
	vl_wall_add(&ex[1].end, 0, 60);
	if (vl_recur_check(&r, &s) == NULL) {
		if (r.freq != VL_FREQ_NONE && !vl_recur_rrule(&r, zone, rule, sizeof(rule)))
			__builtin_trap();
		n = vl_recur_expand(zone, &s, &e, data[5] & 1, &r, ex, 2, 0, INT64_C(8000000000), o, 64);
		if (n < 0 && r.freq != VL_FREQ_NONE)
			__builtin_trap();	/* a checked rule is one libical reads */
		for (i = 1; i < n; i++)
			if (o[i].start < o[i - 1].start)
				__builtin_trap();
	}
	free(t);
	return 0;
}
