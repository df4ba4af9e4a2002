/*
 * What the record pages' lists and forms share: paging, search patterns,
 * dates typed and shown, form errors.  See listing.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "listing.h"
#include "tz.h"

int64_t
vl_page_offset(int64_t page)
{
	if (page < 1)
		page = 1;
	if (page > VL_PAGE_MAX)
		page = VL_PAGE_MAX;
	return (page - 1) * VL_PAGE_ROWS;
}

char *
vl_like_contains(struct vl_pool *pool, const char *q, int lower)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		*out;

	vl_buf_addc(&b, '%');
	for (; q != NULL && *q != '\0'; q++) {
		/* LIKE's own characters, and its escape, stand for themselves. */
		if (*q == '%' || *q == '_' || *q == '\\')
			vl_buf_addc(&b, '\\');
		vl_buf_addc(&b, lower ? (char)tolower((unsigned char)*q) : *q);
	}
	if (b.len > 1)
		vl_buf_addc(&b, '%');
	out = vl_pool_strdup(pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return out;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
vl_date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int		 i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

char *
vl_date_iso(struct vl_pool *pool, int64_t epoch)
{
	struct tm	 tm;
	time_t		 t = (time_t)epoch;

	if (gmtime_r(&t, &tm) == NULL)
		return vl_pool_strdup(pool, "");
	return vl_pool_printf(pool, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
vl_date_today(struct vl_ctx *c, char out[11])
{
	int	 y, m, d;

	vl_tz_ymd(vl_tz_firm(c), (int64_t)time(NULL), &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
}

void
vl_form_error(struct vl_tpl *d, const struct vl_form_err *e)
{
	char	 name[64];
	size_t	 j;

	if (e->code == NULL)
		return;
	for (j = 0; e->code[j] != '\0' && j < sizeof(name) - 1; j++)
		name[j] = (char)toupper((unsigned char)e->code[j]);
	name[j] = '\0';
	vl_tpl_show(vl_tpl_section(d, "ERROR"), name);
	if (e->field == NULL)
		return;
	memcpy(name, "BAD_", 4);
	for (j = 0; e->field[j] != '\0' && j + 4 < sizeof(name) - 1; j++)
		name[j + 4] = (char)toupper((unsigned char)e->field[j]);
	name[j + 4] = '\0';
	vl_tpl_show(d, name);
}

enum vl_rc
vl_form_refuse(struct vl_form_err *e, const char *field, const char *code)
{
	e->field = field;
	e->code = code;
	return VL_INVALID;
}

void
vl_list_pager(struct vl_pool *pool, struct vl_tpl *d, const char *base, const char *query,
    int64_t page, int more)
{
	const char	*sep = *query ? "&" : "";

	if (page < 1)
		page = 1;
	vl_tpl_set_int(d, "PAGE", page);
	if (page > 1)
		vl_tpl_set(vl_tpl_section(d, "PREV"), "HREF", vl_pool_printf(pool, "%s?%s%spage=%lld",
		    base, query, sep, (long long)(page - 1)));
	if (more && page < VL_PAGE_MAX)
		vl_tpl_set(vl_tpl_section(d, "NEXT"), "HREF", vl_pool_printf(pool, "%s?%s%spage=%lld",
		    base, query, sep, (long long)(page + 1)));
}
