/*
 * The client portal's shared rules: who is told what (invitations for
 * participants without an account, coalesced item mails otherwise, and
 * coalesced mails to the firm when a client writes), and portal events.
 * Callers run these inside the transaction that makes the change, so the
 * outbox rows commit with it or not at all.
 */
#include <stdio.h>
#include <string.h>

#include "vellum.h"

enum vl_rc
vl_portal_event(int64_t firm, int64_t portal, const char *kind, int64_t contact, const char *detail)
{
	return vl_db_exec(STMT_EVENT_INSERT, NULL, NULL, "iisis", firm, portal, kind, contact,
	    detail ? detail : "");
}

/* An invitation for contact unless one is still open (F-B3). */
static enum vl_rc
invite(struct vl_req *r, int64_t firm, int64_t contact, const char *email, const char *matter)
{
	struct vl_buf	 payload = VL_BUF_INIT;
	unsigned char	 h[32];
	char		 tok[44], *name = NULL, *login = NULL;
	int64_t		 pending = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_ACCOUNT_ENSURE, NULL, NULL, "ii", firm, contact)) != VL_OK ||
	    (rc = vl_db_row(r->pool, STMT_INVITE_PENDING, "ii", "i", firm, contact, &pending)) != VL_OK)
		return rc;
	if (pending > 0)
		return VL_OK;
	if ((rc = vl_db_row(r->pool, STMT_CONTACT_NAME, "ii", "ss", firm, contact, &name, &login)) != VL_OK)
		return rc;
	vl_token_new(tok);
	vl_sha256(tok, 43, h);
	if ((rc = vl_db_exec(STMT_INVITE_INSERT, NULL, NULL, "biis", h, sizeof(h), firm, contact,
	    email)) != VL_OK)
		return rc;
	vl_buf_add_param(&payload, "name", name);
	vl_buf_add_param(&payload, "matter", matter);
	vl_buf_add_param(&payload, "link", vl_pool_printf(r->pool, "%s/portal/invite?token=%s",
	    vl_conf.base_url, tok));
	rc = vl_notify(firm, "invitation", email, payload.buf);
	vl_buf_release(&payload);
	return rc;
}

enum vl_rc
vl_portal_tell_clients(struct vl_req *r, int64_t portal, int64_t matter_id, const char *matter,
    const char *what)
{
	struct vl_rows	*rows;
	struct vl_buf	 payload = VL_BUF_INIT;
	int64_t		 firm = r->sess->firm_id, contact, active;
	char		*email;
	enum vl_rc	 rc;
	struct { int64_t contact, active; char *email; } *who;
	size_t		 n = 0, i, max;

	if ((rc = vl_db_query(r->pool, STMT_PORTAL_RECIPIENTS, &rows, "ii", firm, portal)) != VL_OK)
		return rc;
	/* Every participant, however many: the list is sized from the result. */
	max = vl_db_count(rows);
	who = vl_pool_calloc(r->pool, max + 1, sizeof(*who));
	while (n < max && vl_db_next(rows, "isi", &contact, &email, &active) > 0)
		if (email != NULL) {
			who[n].contact = contact;
			who[n].email = email;
			who[n].active = active;
			n++;
		}
	vl_db_rows_free(rows);
	vl_buf_add_param(&payload, "matter", matter);
	vl_buf_add_param(&payload, "what", what);
	vl_buf_add_param(&payload, "link", vl_pool_printf(r->pool, "%s/portal/matters/%lld",
	    vl_conf.base_url, (long long)matter_id));
	for (i = 0, rc = VL_OK; i < n && rc == VL_OK; i++)
		rc = who[i].active ?
		    vl_notify_coalesced(r->pool, firm, "client_items", who[i].email, payload.buf) :
		    invite(r, firm, who[i].contact, who[i].email, matter);
	vl_buf_release(&payload);
	return rc;
}

enum vl_rc
vl_portal_tell_firm(struct vl_req *r, int64_t portal, int64_t matter_id, const char *matter,
    const char *what)
{
	struct vl_rows	*rows;
	struct vl_buf	 payload = VL_BUF_INIT;
	char		*email, **list;
	size_t		 n = 0, i, max;
	enum vl_rc	 rc;

	if ((rc = vl_db_query(r->pool, STMT_FIRM_PARTICIPANTS, &rows, "iiii", r->sess->firm_id,
	    portal, portal, portal)) != VL_OK)
		return rc;
	max = vl_db_count(rows);
	list = vl_pool_calloc(r->pool, max + 1, sizeof(*list));
	while (n < max && vl_db_next(rows, "s", &email) > 0)
		list[n++] = email;
	vl_db_rows_free(rows);
	vl_buf_add_param(&payload, "matter", matter);
	vl_buf_add_param(&payload, "who", r->sess->user_name);
	vl_buf_add_param(&payload, "what", what);
	vl_buf_add_param(&payload, "link", vl_pool_printf(r->pool, "%s/matters/%lld/portal",
	    vl_conf.base_url, (long long)matter_id));
	for (i = 0, rc = VL_OK; i < n && rc == VL_OK; i++)
		rc = vl_notify_coalesced(r->pool, r->sess->firm_id, "firm_items", list[i], payload.buf);
	vl_buf_release(&payload);
	return rc;
}
