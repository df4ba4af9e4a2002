/*
 * One matter's details: /matters/<id>, under the subtabs of SPEC F-A4,
 * each of which is a page of its own (lib/matter.c).  The matter is
 * fetched with the firm bound, so another firm's id is a 404.  The old
 * ?tab= of bookmarks is read and ignored.
 */
#include <string.h>

#include "vellum.h"
#include "tz.h"
#include "matter.h"
#include "matters.h"
#include "mfield.h"

enum field { F_TAB, F_NOTICE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "tab", VL_V_LINE, 32 },
	{ "notice", VL_V_LINE, 16 },
};

/* Notice codes after a change (matter_edit); the texts are in matter.tpl. */
static const char *const notices[] = {
	"created", "saved", "closed", "reopened",
};

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_matter m;
	struct vl_matter_rec rec;
	struct vl_mfield_value *cf;
	struct vl_tpl	*d, *row;
	int64_t		 id;
	size_t		 ncf, i;
	enum vl_rc	 rc;

	if ((id = vl_req_path_id(r, "/matters/")) == 0)
		return VL_DECLINED;
	if ((rc = vl_matter_load(r->ctx, id, &m)) != VL_OK ||
	    (rc = vl_matter_get(r->ctx, id, &rec)) != VL_OK ||
	    (rc = vl_mfield_values(r->ctx, id, &cf, &ncf)) != VL_OK)
		return rc;
	d = vl_page_new(r, vl_pool_printf(r->pool, "%s %s", m.number, m.description));
	vl_matter_frame(r->pool, d, &m, "details");
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]), r->fields[F_NOTICE].val);
	vl_tpl_set(d, "STATUS", m.status);
	vl_tpl_show(d, strcmp(m.status, "open") == 0 ? "IS_OPEN" : "IS_CLOSED");
	vl_tpl_set(d, "CLIENT", m.client);
	vl_tpl_set_int(d, "CLIENT_ID", m.client_id);
	vl_tpl_set(d, "RESPONSIBLE", rec.responsible);
	/* Dates are days of the firm's calendar, stored as such. */
	vl_tpl_set(d, "OPENED", vl_tz_date(r->pool, "UTC", rec.opened));
	if (rec.closed != 0)
		vl_tpl_set(vl_tpl_section(d, "CLOSED_ON"), "CLOSED", vl_tz_date(r->pool, "UTC",
		    rec.closed));
	/* The firm's own fields, filled in or not (a dash). */
	for (i = 0; i < ncf; i++) {
		row = vl_tpl_section(d, "CUSTOM");
		vl_tpl_set(row, "LABEL", cf[i].label);
		if (*cf[i].value)
			vl_tpl_set(vl_tpl_section(row, "HAS_VALUE"), "VALUE", cf[i].value);
		else
			vl_tpl_show(row, "NO_VALUE");
	}
	vl_tpl_show(d, "DETAILS");
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
