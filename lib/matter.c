/*
 * The matter frame shared by every matter page: its number, description and
 * the subtabs of SPEC F-A4, with the current one marked.  The matter is read
 * with the firm bound, so another firm's matter is "not found".
 */
#include <string.h>

#include "vellum.h"
#include "matter.h"
#include "tz.h"

/* The labels are in _matter_tabs.tpl, one section a tab, for admins to
 * edit. */
static const struct {
	const char	*key, *section, *path;	/* path: NULL means ?tab=key */
} tabs[] = {
	{ "details", "DETAILS", "" },
	{ "communications", "COMMUNICATIONS", "/portal" },
	{ "documents", "DOCUMENTS", "/documents" },
	{ "bills", "BILLS", "/bills" },
	{ "calendar", "CALENDAR", "/calendar" },
	{ "tasks", "TASKS", "/tasks" },
	{ "notes", "NOTES", "/notes" },
	{ "forms", "FORMS", "/forms" },
	{ "activities", "ACTIVITIES", "/activities" },
};

enum vl_rc
vl_matter_folder(struct vl_ctx *c, int64_t matter, int64_t folder)
{
	char	*name;
	int64_t	 parent;

	if (folder == 0)
		return VL_OK;
	return vl_db_row(c->pool, STMT_FOLDER_GET, "iii", "si", c->firm_id, matter, folder,
	    &name, &parent);
}

enum vl_rc
vl_matter_load(struct vl_ctx *c, int64_t id, struct vl_matter *m)
{
	int64_t		 opened;
	enum vl_rc	 rc;

	m->id = id;
	rc = vl_db_row(c->pool, STMT_MATTER_GET, "ii", "sssisi", c->firm_id, id,
	    &m->number, &m->description, &m->status, &m->client_id, &m->client, &opened);
	/* The day it was opened, where the firm is. */
	if (rc == VL_OK)
		m->opened = vl_tz_date(c->pool, vl_tz_firm(c), opened);
	return rc;
}

void
vl_matter_frame(struct vl_pool *pool, struct vl_tpl *d, const struct vl_matter *m,
    const char *current)
{
	struct vl_tpl	*inc, *t;
	int64_t		 id = m->id;
	size_t		 i;

	vl_tpl_set_int(d, "MATTER_ID", id);
	vl_tpl_set(d, "NUMBER", m->number);
	vl_tpl_set(d, "DESCRIPTION", m->description);
	inc = vl_tpl_include(d, "MATTER_TABS", "_matter_tabs.tpl");
	vl_tpl_set(inc, "NUMBER", m->number);
	vl_tpl_set(inc, "DESCRIPTION", m->description);
	for (i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		t = vl_tpl_section(inc, "TAB");
		if (tabs[i].path != NULL)
			vl_tpl_set(t, "HREF", vl_pool_printf(pool, "/matters/%lld%s",
			    (long long)id, tabs[i].path));
		else
			vl_tpl_set(t, "HREF", vl_pool_printf(pool, "/matters/%lld?tab=%s",
			    (long long)id, tabs[i].key));
		vl_tpl_show(t, tabs[i].section);
		if (strcmp(current, tabs[i].key) == 0)
			vl_tpl_show(t, "CURRENT");
	}
}

enum vl_rc
vl_matter_confirm(struct vl_req *r, const struct vl_matter *m, const char *current,
    const char *title, const struct vl_confirm *c)
{
	struct vl_tpl	*d;

	d = vl_page_new(r, vl_pool_printf(r->pool, "%s · %s", title, m->number));
	vl_matter_frame(r->pool, d, m, current);
	vl_tpl_show(d, "IN_MATTER");	/* the tabs hold the page's <h1> */
	return vl_page_confirm(r, d, c);
}
