/*
 * Intake forms' pure rules: field types, answers checked, mapped fields
 * merged, the answers parsed.  See formval.h.
 */
#include <string.h>

#include "vellum.h"
#include "formval.h"

const char *const vl_ffield_kinds[VL_FF__MAX] = {
	"text", "longtext", "email", "phone", "date", "number", "choice", "multi", "yesno", "file",
};

const char *const vl_fmaps[VL_FMAP__MAX] = {
	"", "contact_name", "contact_phone", "contact_address", "matter_description",
	"contact_email", "contact_birth", "matter_field",
};

/* The longest value each target's column holds (sql/001, sql/012). */
static const size_t fmap_max[VL_FMAP__MAX] = { 0, 200, 1000, 1000, 500, SIZE_MAX, 10,
    VL_MFIELD_VALUE_MAX };

enum vl_ffield_kind
vl_ffield_kind_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < VL_FF__MAX; i++)
		if (strcmp(name, vl_ffield_kinds[i]) == 0)
			return (enum vl_ffield_kind)i;
	return VL_FF__MAX;
}

enum vl_fmap
vl_fmap_of(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return VL_FMAP_NONE;
	for (i = 0; i < VL_FMAP__MAX; i++)
		if (strcmp(name, vl_fmaps[i]) == 0)
			return (enum vl_fmap)i;
	return VL_FMAP__MAX;
}

int
vl_fmap_fits(enum vl_ffield_kind k, enum vl_fmap m)
{
	switch (m) {
	case VL_FMAP_NONE:
		return k < VL_FF__MAX;
	case VL_FMAP_CONTACT_NAME:
		return k == VL_FF_TEXT;
	case VL_FMAP_CONTACT_PHONE:
		return k == VL_FF_PHONE || k == VL_FF_TEXT;
	case VL_FMAP_CONTACT_ADDRESS:
	case VL_FMAP_MATTER_DESCRIPTION:
		return k == VL_FF_TEXT || k == VL_FF_LONGTEXT;
	case VL_FMAP_CONTACT_EMAIL:
		return k == VL_FF_EMAIL;
	case VL_FMAP_CONTACT_BIRTH:
		return k == VL_FF_DATE;
	case VL_FMAP_MATTER_FIELD:
		return k == VL_FF_TEXT || k == VL_FF_EMAIL || k == VL_FF_PHONE || k == VL_FF_DATE ||
		    k == VL_FF_NUMBER || k == VL_FF_CHOICE || k == VL_FF_YESNO;
	default:
		return 0;
	}
}

enum vl_fmap
vl_fmap_parse(const char *choice, int64_t *field)
{
	static const char	 pre[] = "matter_field:";
	const char		*p;
	int64_t			 id = 0;

	*field = 0;
	if (choice == NULL || strncmp(choice, pre, sizeof(pre) - 1) != 0)
		return choice != NULL && strcmp(choice, "matter_field") == 0 ? VL_FMAP__MAX :
		    vl_fmap_of(choice);
	/* Digits only, no sign, no leading zero, within int64. */
	p = choice + sizeof(pre) - 1;
	if (*p < '1' || *p > '9')
		return VL_FMAP__MAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (id > (INT64_MAX - (*p - '0')) / 10)
			return VL_FMAP__MAX;
		id = id * 10 + (*p - '0');
	}
	if (*p != '\0')
		return VL_FMAP__MAX;
	*field = id;
	return VL_FMAP_MATTER_FIELD;
}

/* a and b (n bytes each) alike but for ASCII case. */
static int
same_nocase(const char *a, const char *b, size_t n)
{
	size_t	 i;
	char	 x, y;

	for (i = 0; i < n; i++) {
		x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
		y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] - 'A' + 'a') : b[i];
		if (x != y)
			return 0;
	}
	return 1;
}

/* 1 if line (len bytes) is one of the lines of list (nocase: ASCII case
 * aside). */
static int
has_line_as(const char *list, const char *line, size_t len, int nocase)
{
	const char	*p = list, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		if ((size_t)((e ? e : p + strlen(p)) - p) == len && (nocase ?
		    same_nocase(p, line, len) : memcmp(p, line, len) == 0))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static int
has_line(const char *list, const char *line, size_t len)
{
	return has_line_as(list, line, len, 0);
}

/* s trimmed of blanks and lower-cased (ASCII), in the pool. */
static char *
email_trim(struct vl_pool *pool, const char *s)
{
	size_t	 len, i;
	char	*v;

	s += strspn(s, " \t\r\n");
	len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	v = vl_pool_strndup(pool, s, len);
	for (i = 0; i < len; i++)
		if (v[i] >= 'A' && v[i] <= 'Z')
			v[i] = (char)(v[i] - 'A' + 'a');
	return v;
}

char *
vl_fmap_merge(struct vl_pool *pool, enum vl_fmap m, const char *old, const char *answer)
{
	char	*v;

	if ((unsigned)m >= VL_FMAP__MAX || m == VL_FMAP_NONE || answer == NULL || *answer == '\0')
		return NULL;
	if (old == NULL)
		old = "";
	if (m == VL_FMAP_CONTACT_PHONE) {
		if (has_line(old, answer, strlen(answer)))
			return NULL;
		v = *old ? vl_pool_printf(pool, "%s\n%s", old, answer) : vl_pool_strdup(pool, answer);
	} else if (m == VL_FMAP_CONTACT_EMAIL) {
		answer = email_trim(pool, answer);
		if (*answer == '\0' || has_line_as(old, answer, strlen(answer), 1))
			return NULL;
		v = *old ? vl_pool_printf(pool, "%s\n%s", old, answer) : vl_pool_strdup(pool, answer);
	} else {
		/* One line only where the column is one line. */
		if ((m == VL_FMAP_CONTACT_BIRTH || m == VL_FMAP_MATTER_FIELD) &&
		    strpbrk(answer, "\r\n") != NULL)
			return NULL;
		if (strcmp(old, answer) == 0)
			return NULL;
		v = vl_pool_strdup(pool, answer);
	}
	return strlen(v) <= fmap_max[m] ? v : NULL;
}

static int
isdigit_(char c)
{
	return c >= '0' && c <= '9';
}

/* YYYY-MM-DD of the calendar, years 1900 to 9999. */
static int
date_ok(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 y, mo, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit_(s[i]))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	mo = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1])
		return 0;
	return !(mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* -123 or 12.50: at most 18 digits before the point and 10 after. */
static int
number_ok(const char *s)
{
	size_t	 a = 0, b = 0;

	if (*s == '-')
		s++;
	while (isdigit_(*s) && a <= 18) {
		s++;
		a++;
	}
	if (a == 0 || a > 18)
		return 0;
	if (*s == '.') {
		s++;
		while (isdigit_(*s) && b <= 10) {
			s++;
			b++;
		}
		if (b == 0 || b > 10)
			return 0;
	}
	return *s == '\0';
}

/* Digits, blanks and + ( ) - . /, with 3 to 20 digits, up to 40 bytes. */
static int
phone_ok(const char *s)
{
	size_t	 digits = 0, n = 0;

	for (; *s != '\0'; s++, n++) {
		if (isdigit_(*s))
			digits++;
		else if (strchr(" +()-./", *s) == NULL)
			return 0;
	}
	return n <= 40 && digits >= 3 && digits <= 20;
}

/* 1 if a line of value before the one at p is that line (len bytes). */
static int
seen_before(const char *value, const char *p, size_t len)
{
	const char	*q = value, *e;

	while (q < p) {
		e = strchr(q, '\n');
		if ((size_t)(e - q) == len && memcmp(q, p, len) == 0)
			return 1;
		q = e + 1;
	}
	return 0;
}

/* Each line of value is an option, none twice. */
static int
options_ok(const char *options, const char *value, int multi)
{
	const char	*p = value, *e;
	size_t		 len;

	if (!multi)
		return strchr(value, '\n') == NULL && has_line(options, value, strlen(value));
	while (p != NULL) {
		e = strchr(p, '\n');
		len = (size_t)((e ? e : p + strlen(p)) - p);
		if (!has_line(options, p, len))
			return 0;
		/* Not already among the lines before this one. */
		if (seen_before(value, p, len))
			return 0;
		p = e ? e + 1 : NULL;
	}
	return 1;
}

const char *
vl_ffield_check(enum vl_ffield_kind k, int required, const char *options, const char *value)
{
	size_t	 len;

	if (value == NULL || *value == '\0')
		return required ? "missing" : NULL;
	len = strlen(value);
	if (!vl_utf8_valid(value, len))
		return "invalid";
	switch (k) {
	case VL_FF_TEXT:
		if (len > VL_FF_TEXT_MAX)
			return "long";
		return strpbrk(value, "\r\n") ? "line" : NULL;
	case VL_FF_LONGTEXT:
		return len > VL_FF_LONG_MAX ? "long" : NULL;
	case VL_FF_EMAIL: {
		/* Blanks around an address are no part of it (people paste
		 * them); the address itself is checked. */
		size_t	 at = strspn(value, " \t"), end = len;

		while (end > at && (value[end - 1] == ' ' || value[end - 1] == '\t'))
			end--;
		if (end - at > 254)
			return "long";
		return vl_validate(VL_V_EMAIL, value + at, end - at, 254, NULL) ? NULL : "invalid";
	}
	case VL_FF_PHONE:
		return phone_ok(value) ? NULL : "invalid";
	case VL_FF_DATE:
		return date_ok(value) ? NULL : "invalid";
	case VL_FF_NUMBER:
		return len <= 32 && number_ok(value) ? NULL : "invalid";
	case VL_FF_CHOICE:
	case VL_FF_MULTI:
		if (len > VL_FF_OPTIONS_MAX * (VL_FF_OPTION_MAX + 1))
			return "long";
		return options_ok(options ? options : "", value, k == VL_FF_MULTI) ? NULL : "option";
	case VL_FF_YESNO:
		return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0 ? NULL : "invalid";
	case VL_FF_FILE:
		return NULL;
	default:
		return "invalid";
	}
}

char *
vl_ffield_options(struct vl_pool *pool, enum vl_ffield_kind k, const char *text,
    const char **code)
{
	struct vl_buf	 b = VL_BUF_INIT;
	const char	*p = text ? text : "", *e, *s;
	size_t		 len, n = 0;
	char		*out;

	*code = NULL;
	if (k != VL_FF_CHOICE && k != VL_FF_MULTI)
		return vl_pool_strdup(pool, "");
	if (!vl_utf8_valid(p, strlen(p))) {
		*code = "options_invalid";
		return NULL;
	}
	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		s = p;
		len = (size_t)((e ? e : p + strlen(p)) - p);
		p = e ? e + 1 : NULL;
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
			len--;
		if (len == 0 || (b.len > 0 && has_line(vl_buf_str(&b), s, len)))
			continue;
		if (len > VL_FF_OPTION_MAX || ++n > VL_FF_OPTIONS_MAX || memchr(s, '\r', len)) {
			*code = "options_long";
			vl_buf_release(&b);
			return NULL;
		}
		if (b.len > 0)
			vl_buf_addc(&b, '\n');
		vl_buf_add(&b, s, len);
	}
	if (n == 0) {
		*code = "options_missing";
		vl_buf_release(&b);
		return NULL;
	}
	out = vl_pool_strdup(pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return out;
}

int64_t
vl_fanswer_key(const char *key)
{
	int64_t	 id;

	if (key == NULL || key[0] != 'f' || key[1] < '1' || key[1] > '9' ||
	    vl_strtonum(key + 1, 1, INT64_MAX, &id) != VL_OK)
		return 0;
	return id;
}

/* v with each CR LF (and lone CR) made LF, in the pool. */
static char *
unix_lines(struct vl_pool *pool, const char *v, size_t len)
{
	char	*o = vl_pool_alloc(pool, len + 1), *q = o;
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (v[i] == '\r') {
			*q++ = '\n';
			if (i + 1 < len && v[i + 1] == '\n')
				i++;
		} else
			*q++ = v[i];
	}
	*q = '\0';
	return o;
}

size_t
vl_fanswers_parse(struct vl_pool *pool, const struct vl_pair *pairs, const int64_t *ids,
    const enum vl_ffield_kind *kinds, size_t n, char **values)
{
	const struct vl_pair	*p;
	int64_t			 id;
	size_t			 i, found = 0;
	char			*v;

	for (i = 0; i < n; i++)
		values[i] = NULL;
	for (p = pairs; p != NULL; p = p->next) {
		if ((id = vl_fanswer_key(p->key)) == 0)
			continue;
		for (i = 0; i < n && ids[i] != id; i++)
			;
		if (i == n || p->val == NULL)
			continue;
		/* A value is text: a NUL inside cuts it there. */
		v = unix_lines(pool, p->val, strnlen(p->val, p->vallen));
		if (values[i] == NULL) {
			values[i] = v;
			found++;
		} else if (kinds[i] == VL_FF_MULTI && *v != '\0' &&
		    strlen(values[i]) <= VL_FF_OPTIONS_MAX * (VL_FF_OPTION_MAX + 1))
			/* Past what any list of options could be, the answer is
			 * refused anyway ("long"): stop growing it. */
			values[i] = *values[i] ? vl_pool_printf(pool, "%s\n%s", values[i], v) : v;
	}
	return found;
}

const char *
vl_birth_check(const char *s, const char *today)
{
	if (s == NULL || *s == '\0')
		return NULL;
	if (!date_ok(s))
		return "dob_invalid";
	/* Both YYYY-MM-DD: the text order is the calendar's. */
	if (today != NULL && strcmp(s, today) > 0)
		return "dob_future";
	return NULL;
}

const char *
vl_mfield_value_check(const char *v)
{
	size_t	 len;

	if (v == NULL || *v == '\0')
		return NULL;
	len = strlen(v);
	if (!vl_utf8_valid(v, len))
		return "value_invalid";
	if (len > VL_MFIELD_VALUE_MAX)
		return "value_long";
	return strpbrk(v, "\r\n") != NULL ? "value_line" : NULL;
}
