/* Field errors of a form, as codes the templates turn into words. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "fielderr.h"

void
vl_ferr_add(struct vl_ferr *fe, const char *field, const char *code)
{
	if (fe->n >= VL_FERR_MAX || vl_ferr_has(fe, field))
		return;
	fe->e[fe->n].field = field;
	fe->e[fe->n].code = code;
	fe->n++;
}

int
vl_ferr_has(const struct vl_ferr *fe, const char *field)
{
	size_t	 i;

	for (i = 0; i < fe->n; i++)
		if (strcmp(fe->e[i].field, field) == 0)
			return 1;
	return 0;
}

/* s upper-cased into out[n], cut to fit. */
static void
upper(char *out, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = '\0';
}

void
vl_ferr_show(struct vl_tpl *d, const struct vl_ferr *fe)
{
	char		 f[48], c[48], name[100];
	struct vl_tpl	*s;
	size_t		 i;

	if (fe->n == 0)
		return;
	vl_tpl_show(d, "ERRORS");
	for (i = 0; i < fe->n; i++) {
		upper(f, sizeof(f), fe->e[i].field);
		upper(c, sizeof(c), fe->e[i].code);
		snprintf(name, sizeof(name), "%s_ERR", f);
		s = vl_tpl_section(d, name);
		snprintf(name, sizeof(name), "%s_%s", f, c);
		vl_tpl_show(s, name);
	}
}
