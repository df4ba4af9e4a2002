/*
 * One matter: /matters/<id>?tab=... with the subtabs of SPEC F-A4.  The
 * matter is fetched with the firm bound, so another firm's id is a 404.
 */
#include <string.h>

#include "vellum.h"

enum field { F_TAB, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "tab", VL_V_LINE, 32 },
};

enum tab { TAB_DETAILS, TAB_COMMS, TAB_DOCS, TAB_BILLS, TAB_CAL, TAB_TASKS,
    TAB_NOTES, TAB_ACTIVITIES, TAB__MAX };

static const struct {
	const char	*key;
	const char	*label;
	const char	*empty;
} tabs[TAB__MAX] = {
	{ "details", "Details", NULL },
	{ "communications", "Communications", "The client portal for this matter has not been opened yet." },
	{ "documents", "Documents", "No documents in this matter yet." },
	{ "bills", "Bills", "No bills for this matter yet." },
	{ "calendar", "Calendar", "No calendar events for this matter yet." },
	{ "tasks", "Tasks", "No tasks for this matter yet." },
	{ "notes", "Notes", "No notes for this matter yet." },
	{ "activities", "Activities", "No time entries or expenses for this matter yet." },
};

static enum vl_rc
get(struct vl_req *r)
{
	const char	*want = r->fields[F_TAB].val;
	char		*number, *desc, *status, *client, *opened, *title;
	int64_t		 id, client_id;
	struct vl_tpl	*d, *t;
	enum tab	 cur = TAB_DETAILS;
	enum vl_rc	 rc;
	int		 i;

	if ((id = vl_req_path_id(r, "/matters/")) == 0)
		return VL_DECLINED;
	rc = vl_db_row(r->pool, STMT_MATTER_GET, "ii", "sssiss", r->sess->firm_id, id,
	    &number, &desc, &status, &client_id, &client, &opened);
	if (rc != VL_OK)
		return rc;
	for (i = 0; want != NULL && i < TAB__MAX; i++)
		if (strcmp(want, tabs[i].key) == 0)
			cur = (enum tab)i;
	title = vl_pool_printf(r->pool, "%s %s", number, desc);
	d = vl_page_new(r, title);
	vl_tpl_set_int(d, "ID", id);
	vl_tpl_set(d, "NUMBER", number);
	vl_tpl_set(d, "DESCRIPTION", desc);
	vl_tpl_set(d, "STATUS", status);
	vl_tpl_set(d, "CLIENT", client);
	vl_tpl_set_int(d, "CLIENT_ID", client_id);
	vl_tpl_set(d, "OPENED", opened);
	for (i = 0; i < TAB__MAX; i++) {
		t = vl_tpl_section(d, "TAB");
		vl_tpl_set_int(t, "ID", id);
		vl_tpl_set(t, "KEY", tabs[i].key);
		vl_tpl_set(t, "LABEL", tabs[i].label);
		if ((enum tab)i == cur)
			vl_tpl_show(t, "CURRENT");
		else
			vl_tpl_show(t, "OTHER");
	}
	if (cur == TAB_DETAILS)
		vl_tpl_show(d, "DETAILS");
	else {
		t = vl_tpl_section(d, "EMPTY_TAB");
		vl_tpl_set(t, "LABEL", tabs[cur].label);
		vl_tpl_set(t, "MESSAGE", tabs[cur].empty);
	}
	return vl_page_send(r, "matter.tpl", d);
}

static const struct vl_app app = {
	.name = "matter_show",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_USER,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
