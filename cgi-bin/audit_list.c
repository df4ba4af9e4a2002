/*
 * The audit log (admins): GET /audit, newest first, 50 a page (keyset:
 * ?before=<id>), filtered by user, matter number and dates in the firm's
 * zone, the filter kept in every link; GET /audit.csv, the same filter's
 * every row as CSV.  A filter that names no user or matter of the firm
 * (404), or a date that is none (400), shows the page again with what was
 * typed and the field marked.
 */
#include <stdio.h>
#include <string.h>

#include "auditlog.h"
#include "tz.h"

enum field { F_USER, F_MATTER, F_FROM, F_TO, F_BEFORE, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "user", VL_V_LINE, 20 },
	{ "matter", VL_V_LINE, 32 },
	{ "from", VL_V_LINE, 10 },
	{ "to", VL_V_LINE, 10 },
	{ "before", VL_V_ID, 20 },
};

/* The template's section marking each field (its text is in audit.tpl). */
static const char *const bad_sections[VL_AF__MAX] = {
	NULL, "BAD_USER", "BAD_MATTER", "BAD_FROM", "BAD_TO",
};

/* The typed value of field i ("" when absent); a value the validator
 * refused is kept as sent so the form shows it, and marked bad. */
static const char *
typed(struct vl_req *r, enum field i, enum vl_audit_field af, enum vl_audit_field *bad)
{
	const struct vl_pair *p = vl_pair_find(r->query, fields[i].name);

	if (r->fields[i].val != NULL)
		return r->fields[i].val;
	if (p == NULL || p->val == NULL || *p->val == '\0')
		return "";	/* absent or left empty: no filter */
	if (*bad == VL_AF_NONE)
		*bad = af;
	return vl_utf8_clean(r->pool, p->val, fields[i].max);
}

/* Users to filter by, the typed filter and the links that keep it. */
static void
filter_form(struct vl_req *r, struct vl_tpl *d, const struct vl_audit_filter *f,
    enum vl_audit_field bad)
{
	struct vl_buf	 q = VL_BUF_INIT;
	struct vl_rows	*rows;
	struct vl_tpl	*o;
	char		*name, num[24];
	int64_t		 id;

	vl_tpl_set(d, "MATTER", f->matter);
	vl_tpl_set(d, "FROM", f->from);
	vl_tpl_set(d, "TO", f->to);
	if (bad != VL_AF_NONE) {
		vl_tpl_show(d, "INVALID");
		vl_tpl_show(d, bad_sections[bad]);
	}
	if (vl_db_query(r->pool, STMT_AUDIT_USERS, &rows, "i", r->sess->firm_id) == VL_OK) {
		while (vl_db_next(rows, "is", &id, &name) > 0) {
			o = vl_tpl_section(d, "USER");
			vl_tpl_set_int(o, "ID", id);
			vl_tpl_set(o, "NAME", name);
			snprintf(num, sizeof(num), "%lld", (long long)id);
			if (strcmp(num, f->user) == 0)
				vl_tpl_show(o, "SELECTED");
		}
	}
	if (*f->user)
		vl_buf_add_param(&q, "user", f->user);
	if (*f->matter)
		vl_buf_add_param(&q, "matter", f->matter);
	if (*f->from)
		vl_buf_add_param(&q, "from", f->from);
	if (*f->to)
		vl_buf_add_param(&q, "to", f->to);
	vl_tpl_set(d, "QUERY", vl_buf_str(&q));
	vl_tpl_set(d, "AMP", q.len ? "&" : "");
	vl_buf_release(&q);
}

static enum vl_rc
get(struct vl_req *r)
{
	struct vl_audit_filter	 f;
	struct vl_audit_entry	*e;
	struct vl_buf		 csv = VL_BUF_INIT;
	struct vl_tpl		*d, *o;
	enum vl_audit_field	 bad = VL_AF_NONE;
	size_t			 n = 0, i;
	int			 more = 0, is_csv = strcmp(r->uri, "/audit.csv") == 0;
	enum vl_rc		 rc;

	memset(&f, 0, sizeof(f));
	f.user = typed(r, F_USER, VL_AF_USER, &bad);
	f.matter = typed(r, F_MATTER, VL_AF_MATTER, &bad);
	f.from = typed(r, F_FROM, VL_AF_FROM, &bad);
	f.to = typed(r, F_TO, VL_AF_TO, &bad);
	if (r->fields[F_BEFORE].val == NULL && *typed(r, F_BEFORE, VL_AF_NONE, &bad) != '\0')
		return VL_DECLINED;	/* a page that cannot exist */
	if (bad == VL_AF_NONE && (rc = vl_auditlog_filter(r->ctx, &f, &bad)) != VL_OK &&
	    rc != VL_INVALID)
		return rc;
	if (is_csv && bad == VL_AF_NONE) {
		if (vl_auditlog_csv(r->ctx, &f, &csv) != VL_OK) {
			vl_buf_release(&csv);
			return VL_ERR;
		}
		vl_out_header(r, "Content-Disposition", "attachment; filename=\"audit-log.csv\"");
		vl_out_send(r, 200, "text/csv; charset=utf-8", vl_buf_str(&csv), csv.len);
		vl_buf_release(&csv);
		return VL_OK;
	}
	if (bad == VL_AF_NONE && vl_auditlog_page(r->ctx, &f, r->fields[F_BEFORE].num, &e, &n,
	    &more) != VL_OK)
		return VL_ERR;
	d = vl_page_new(r, "Audit log");
	filter_form(r, d, &f, bad);
	for (i = 0; i < n; i++) {
		o = vl_tpl_section(d, "ENTRY");
		vl_tpl_set(o, "WHEN", vl_tz_when(r->ctx, e[i].at));
		if (*e[i].user)
			vl_tpl_set(vl_tpl_section(o, "BY_USER"), "NAME", e[i].user);
		else if (*e[i].client)
			vl_tpl_set(vl_tpl_section(o, "BY_CLIENT"), "NAME", e[i].client);
		else
			vl_tpl_show(o, "BY_NOBODY");
		vl_tpl_set(o, "ACTION", e[i].action);
		vl_tpl_set(o, "ITEM", e[i].item);
		vl_tpl_set(o, "IP", e[i].ip);
		if (e[i].item_id)
			vl_tpl_set_int(vl_tpl_section(o, "ITEM_ID"), "ID", e[i].item_id);
		if (*e[i].number) {
			struct vl_tpl *m = vl_tpl_section(o, "IN_MATTER");
			vl_tpl_set_int(m, "MID", e[i].matter);
			vl_tpl_set(m, "NUMBER", e[i].number);
		}
	}
	if (bad == VL_AF_NONE && n == 0)
		vl_tpl_show(d, "NO_ENTRIES");
	if (more)
		vl_tpl_set_int(vl_tpl_section(d, "OLDER"), "BEFORE", e[n - 1].id);
	if (r->fields[F_BEFORE].val != NULL)
		vl_tpl_show(d, "NEWEST");
	/* A user or matter the firm does not have is "not found", as any id
	 * of another firm; a date that is none is bad input. */
	return vl_page_send_status(r, bad == VL_AF_NONE ? 200 : bad == VL_AF_USER ||
	    bad == VL_AF_MATTER ? 404 : 400, "audit.tpl", d);
}

static const struct vl_app app = {
	.name = "audit_list",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = get,
};

int
main(void)
{
	return vl_run(&app);
}
