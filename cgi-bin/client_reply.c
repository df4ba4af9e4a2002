/*
 * A client writes: POST /portal/matters/<id>/reply, a message and at most
 * one uploaded document (F-B5, F-B6).  The upload lands in the matter's
 * "Client uploads" folder; the firm's users in the portal (and the matter's
 * responsible users) and the other client participants are told by one
 * email per window (F-B8).
 */
#include <string.h>

#include "vellum.h"

enum field { F_BODY, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "body", VL_V_STRING, 20000 },
};

static enum vl_rc
post(struct vl_req *r)
{
	const char	*body = r->fields[F_BODY].val ? r->fields[F_BODY].val : "";
	int64_t		 mid = vl_req_path_id(r, "/portal/matters/"), portal, pmsg, pdoc;
	int64_t		 folder = 0, doc = 0;
	uint64_t	 id, msg = 0;
	struct vl_stored st = { .key = "" };
	char		*number, *desc;
	enum vl_rc	 rc;

	if (mid == 0)
		return VL_DECLINED;
	if ((rc = vl_db_row(r->pool, STMT_CLIENT_PORTAL, "iii", "issii", r->sess->firm_id,
	    r->sess->contact_id, mid, &portal, &number, &desc, &pmsg, &pdoc)) != VL_OK)
		return rc;
	if (!pmsg)
		return VL_FORBIDDEN;
	if (r->uploads && r->uploads->next) {
		vl_out_error(r, VL_INVALID, "Attach one document per message.");
		return VL_OK;
	}
	if (*body == '\0' && r->uploads == NULL) {
		vl_out_error(r, VL_INVALID, "Write a message, or attach a document.");
		return VL_OK;
	}
	/* The upload is stored (pending) before the transaction records it. */
	if (r->uploads && (rc = vl_doc_store(r, r->uploads, &st)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_db_begin()) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if (r->uploads) {
		rc = vl_db_row(r->pool, STMT_UPLOADS_FOLDER, "ii", "i", r->sess->firm_id, mid, &folder);
		if (rc == VL_DECLINED && (rc = vl_db_exec(STMT_FOLDER_INSERT, NULL, &id, "iiis",
		    r->sess->firm_id, mid, (int64_t)0, "Client uploads")) == VL_OK)
			folder = (int64_t)id;
		if (rc != VL_OK || (rc = vl_doc_record(r, mid, folder, &st, 0, &doc)) != VL_OK)
			return vl_doc_abandon(r, &st, 1, 0, rc);
	}
	/* The document goes with the message: shared both ways (F-B6). */
	if ((rc = vl_db_exec(STMT_MESSAGE_INSERT, NULL, &msg, "iiiisii", r->sess->firm_id, portal,
	    (int64_t)0, r->sess->contact_id, body, doc, (int64_t)0)) != VL_OK ||
	    (rc = vl_share_attach(r, portal, (int64_t)msg, doc, 0, 0)) != VL_OK ||
	    (rc = vl_portal_tell_firm(r, portal, mid, number,
	    doc ? "a message with a document" : "a message")) != VL_OK ||
	    (rc = vl_portal_tell_clients(r, portal, mid, number, VL_ITEM_MESSAGE,
	    vl_pool_printf(r->pool, "%s from %s", doc ? "a message with a document" : "a message",
	    r->sess->user_name), r->sess->contact_id)) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 0, rc);
	if ((rc = vl_db_commit()) != VL_OK)
		return vl_doc_abandon(r, &st, 1, 1, rc);
	vl_audit_as(r, r->sess->firm_id, 0, "client_message", "matter", mid);
	vl_out_redirect(r, vl_pool_printf(r->pool, "/portal/matters/%lld?notice=sent", (long long)mid));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "client_reply",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_CLIENT,
	.max_body = 100ULL * 1024 * 1024,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
