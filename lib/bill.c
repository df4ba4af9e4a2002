/*
 * Bills and funds requests: see bill.h.
 *
 * A bill is made in one transaction: the firm's number is taken with its
 * row locked, each activity is locked and must still be unbilled (the
 * activity statements refuse to change or delete one a bill holds), the
 * lines copy what the activities say at that moment, and the total is the
 * sum of the lines in integers.  Every later change (finalise, share,
 * send, void) locks the bill's row first, so two requests on one bill
 * queue, and is audited in the same transaction.
 */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "activity.h"
#include "bill.h"
#include "matter.h"
#include "money.h"
#include "notify.h"
#include "paylink.h"
#include "rshare.h"
#include "tz.h"

#define MEMO_MAX	2000
#define IDS_MAX		1000	/* activities one bill takes */

const char *const vl_bill_states[VL_BILL_STATE__MAX] = {
	"draft", "final", "partial", "paid", "void",
};
const char *const vl_bill_kinds[VL_BILLK__MAX] = { "bill", "trust" };
const char *const vl_bill_evs[VL_BEV__MAX] = {
	"created", "finalised", "shared", "unshared", "sent", "viewed", "paid", "refunded",
	"voided",
};
const char *const vl_bill_sent_names[VL_SENT__MAX] = {
	"none", "portal", "email", "both", "email_only", "no_portal", "no_email", "void",
};

enum vl_bill_state
vl_bill_state_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < VL_BILL_STATE__MAX; i++)
		if (strcmp(name, vl_bill_states[i]) == 0)
			return (enum vl_bill_state)i;
	return VL_BILL_STATE__MAX;
}

int
vl_bill_sum(const int64_t *amounts, size_t n, int64_t *total)
{
	int64_t	 t = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (amounts[i] < 0 || amounts[i] > VL_BILL_TOTAL_MAX - t)
			return 0;
		t += amounts[i];
	}
	*total = t;
	return 1;
}

int
vl_bill_portal_ok(const struct vl_bill *b)
{
	return b->matter != 0 && b->state != VL_BILL_VOID;
}

/* Reads one row of BILL_COLS; 1, 0 at the end, -1 on error. */
static int
next_bill(struct vl_rows *rows, struct vl_bill *b)
{
	char	*kind, *state;
	int	 r;

	memset(b, 0, sizeof(*b));
	r = vl_db_next(rows, "iiissssiiiisssii", &b->id, &b->matter, &b->contact, &kind, &state,
	    &b->number, &b->currency, &b->total, &b->balance, &b->issued_on, &b->due_on,
	    &b->memo, &b->contact_name, &b->matter_number, &b->finalised_at, &b->updated_at);
	if (r != 1)
		return r;
	b->kind = kind != NULL && strcmp(kind, "trust") == 0 ? VL_BILLK_TRUST : VL_BILLK_BILL;
	b->state = vl_bill_state_of(state);
	if (b->state == VL_BILL_STATE__MAX)
		return -1;
	return 1;
}

enum vl_rc
vl_bill_load(struct vl_ctx *c, int64_t id, struct vl_bill *b)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;
	int		 r;

	if (c->firm_id == 0 || id <= 0)
		return VL_DECLINED;
	if ((rc = vl_db_query(c->pool, STMT_BILL_GET, &rows, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	r = next_bill(rows, b);
	return r == 1 ? VL_OK : r == 0 ? VL_DECLINED : VL_ERR;
}

enum vl_rc
vl_bill_load_client(struct vl_ctx *c, int64_t id, struct vl_bill *b, struct vl_client_portal *p)
{
	enum vl_rc	 rc;

	memset(p, 0, sizeof(*p));
	if (c->contact_id == 0)
		return VL_DECLINED;
	if ((rc = vl_bill_load(c, id, b)) != VL_OK)
		return rc;
	/* A bill without a matter is never in a portal. */
	if (b->matter == 0)
		return VL_DECLINED;
	return vl_rshare_client_may(c, b->matter, VL_REC_BILL, b->id, p);
}

enum vl_rc
vl_bill_lines(struct vl_ctx *c, const struct vl_bill *b, struct vl_bill_line **lines, size_t *n)
{
	struct vl_rows	*rows;
	struct vl_bill_line *l;
	enum vl_rc	 rc;
	size_t		 i = 0;
	int		 r;

	*n = 0;
	*lines = NULL;
	if ((rc = vl_db_query(c->pool, STMT_BILL_LINES, &rows, "ii", c->firm_id, b->id)) != VL_OK)
		return rc;
	l = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*l));
	while (i < vl_db_count(rows) && (r = vl_db_next(rows, "iiiissi", &l[i].id,
	    &l[i].activity, &l[i].matter, &l[i].date, &l[i].description, &l[i].quantity,
	    &l[i].amount)) == 1)
		i++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	*lines = l;
	*n = i;
	return VL_OK;
}

enum vl_rc
vl_bill_event(struct vl_ctx *c, int64_t bill, enum vl_bill_ev kind, const char *detail)
{
	if ((unsigned)kind >= VL_BEV__MAX)
		return VL_ERR;
	return vl_db_exec(STMT_BILL_EVENT_INSERT, NULL, NULL, "iissii", c->firm_id, bill,
	    vl_bill_evs[kind], vl_utf8_clean(c->pool, detail != NULL ? detail : "", 300),
	    c->user_id, c->contact_id);
}

/* Opens a transaction unless the caller has one; *own says which. */
static enum vl_rc
tx_begin(int *own)
{
	*own = !vl_db_in_tx();
	return *own ? vl_db_begin() : VL_OK;
}

static enum vl_rc
tx_end(int own, enum vl_rc rc)
{
	if (!own)
		return rc;
	if (rc == VL_OK)
		return vl_db_commit();
	vl_db_rollback();
	return rc;
}

/* Locks bill id and loads it. */
static enum vl_rc
lock_load(struct vl_ctx *c, int64_t id, struct vl_bill *b)
{
	char		*state, *kind;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_BILL_LOCK, "ii", "ss", c->firm_id, id, &state,
	    &kind)) != VL_OK)
		return rc;
	return vl_bill_load(c, id, b);
}

/* The checks every new bill makes of its due date and memo. */
static enum vl_rc
check_common(const char *due, const char *memo, struct vl_form_err *e)
{
	if (due != NULL && *due != '\0' && !vl_date_valid(due))
		return vl_form_refuse(e, "due", "due_invalid");
	if (memo != NULL && strlen(memo) > MEMO_MAX)
		return vl_form_refuse(e, "memo", "memo_long");
	return VL_OK;
}

/* Inserts the bill's row with the firm's next number; *id gets it. */
static enum vl_rc
insert_bill(struct vl_ctx *c, enum vl_bill_kind kind, int64_t contact, int64_t matter,
    const char *due, const char *memo, int64_t *id)
{
	char		 today[11];
	int64_t		 next;
	uint64_t	 newid = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_BILL_NUMBER_TAKE, "i", "i", c->firm_id, &next)) != VL_OK ||
	    (rc = vl_db_exec(STMT_BILL_NUMBER_NEXT, NULL, NULL, "i", c->firm_id)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	vl_date_today(c, today);
	if ((rc = vl_db_exec(STMT_BILL_INSERT, NULL, &newid, "issiissssi", c->firm_id,
	    vl_bill_kinds[kind], vl_pool_printf(c->pool, "%lld", (long long)next), contact, matter,
	    vl_firm_currency(c), today, due != NULL && *due != '\0' ? due : NULL,
	    vl_utf8_clean(c->pool, memo, MEMO_MAX), c->user_id)) != VL_OK)
		return rc;
	*id = (int64_t)newid;
	return VL_OK;
}

/* An activity locked for a bill. */
struct taken {
	int64_t	 id, matter, client, amount;
	char	*date, *description, *quantity;
};

/*
 * A bill of activities ids[n]: of matter (matter != 0) or of the matters
 * whose client is contact.  Every activity is locked and checked before
 * anything is written.
 */
static enum vl_rc
create_from(struct vl_ctx *c, int64_t matter, int64_t contact, const int64_t *ids, size_t n,
    const char *due, const char *memo, int64_t *id, struct vl_form_err *e)
{
	struct vl_matter m;
	struct taken	*t;
	int64_t		*amounts, total, one = 0, unbilled;
	uint64_t	 took;
	char		*name;
	size_t		 i;
	int		 single = 1;
	enum vl_rc	 rc;

	if (n == 0)
		return vl_form_refuse(e, "activities", "activities_missing");
	if (n > IDS_MAX)
		return vl_form_refuse(e, "activities", "activities_many");
	if ((rc = check_common(due, memo, e)) != VL_OK)
		return rc;
	if (matter != 0) {
		if ((rc = vl_matter_load(c, matter, &m)) != VL_OK)
			return rc;
		contact = m.client_id;
	} else if ((rc = vl_db_row(c->pool, STMT_BILL_CONTACT_NAME, "ii", "s", c->firm_id,
	    contact, &name)) != VL_OK)
		return rc;
	t = vl_pool_calloc(c->pool, n, sizeof(*t));
	amounts = vl_pool_calloc(c->pool, n, sizeof(*amounts));
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		t[i].id = ids[i];
		rc = vl_db_row(c->pool, STMT_BILL_ACTIVITY_LOCK, "ii", "iiisssi", c->firm_id, ids[i],
		    &t[i].matter, &t[i].client, &t[i].amount, &t[i].date, &t[i].description,
		    &t[i].quantity, &unbilled);
		if (rc != VL_OK)
			goto fail;	/* VL_DECLINED: not the firm's (or gone) */
		/* Another matter's (another client's): no such activity here. */
		if ((matter != 0 && t[i].matter != matter) || (matter == 0 && t[i].client != contact)) {
			rc = VL_DECLINED;
			goto fail;
		}
		if (!unbilled) {
			rc = VL_CONFLICT;
			goto fail;
		}
		if (i == 0)
			one = t[i].matter;
		else if (t[i].matter != one)
			single = 0;
		amounts[i] = t[i].amount;
	}
	if (!vl_bill_sum(amounts, n, &total)) {
		rc = vl_form_refuse(e, "activities", "total_large");
		goto fail;
	}
	/* A contact's bill of one matter's activities is that matter's bill:
	 * it can then go through the portal. */
	if ((rc = insert_bill(c, VL_BILLK_BILL, contact, single ? one : 0, due, memo, id)) != VL_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		took = 0;
		if ((rc = vl_db_exec(STMT_BILL_LINE_INSERT, NULL, NULL, "iiiisssii", c->firm_id,
		    *id, t[i].id, t[i].matter, t[i].date, t[i].description, t[i].quantity,
		    t[i].amount, (int64_t)i)) != VL_OK ||
		    (rc = vl_db_exec(STMT_BILL_ACTIVITY_TAKE, &took, NULL, "iii", *id, c->firm_id,
		    t[i].id)) != VL_OK ||
		    (rc = vl_db_exec(STMT_BILL_MATTER_INSERT, NULL, NULL, "iii", *id, c->firm_id,
		    t[i].matter)) != VL_OK)
			goto fail;
		if (took != 1) {
			rc = VL_CONFLICT;	/* the same activity twice in the list */
			goto fail;
		}
	}
	if ((rc = vl_db_exec(STMT_BILL_SET_TOTAL, NULL, NULL, "iiii", total, total, c->firm_id,
	    *id)) != VL_OK ||
	    (rc = vl_bill_event(c, *id, VL_BEV_CREATED, NULL)) != VL_OK)
		goto fail;
	vl_audit(c, single ? "bill_create" : "bill_create_multi", "bill", *id);
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_bill_create(struct vl_ctx *c, int64_t matter, const int64_t *ids, size_t n, const char *due,
    const char *memo, int64_t *id, struct vl_form_err *e)
{
	if (matter <= 0)
		return VL_DECLINED;
	return create_from(c, matter, 0, ids, n, due, memo, id, e);
}

enum vl_rc
vl_bill_create_multi(struct vl_ctx *c, int64_t contact, const int64_t *ids, size_t n,
    const char *due, const char *memo, int64_t *id, struct vl_form_err *e)
{
	if (contact <= 0)
		return VL_DECLINED;
	return create_from(c, 0, contact, ids, n, due, memo, id, e);
}

enum vl_rc
vl_bill_create_funds(struct vl_ctx *c, int64_t matter, int64_t contact, const char *amount,
    const char *due, const char *memo, int64_t *id, struct vl_form_err *e)
{
	struct vl_matter m;
	const char	*cur = vl_firm_currency(c);
	char		*name, today[11];
	int64_t		 a;
	enum vl_rc	 rc;

	if (matter != 0) {
		if ((rc = vl_matter_load(c, matter, &m)) != VL_OK)
			return rc;
		contact = m.client_id;
	} else if (contact <= 0 || (rc = vl_db_row(c->pool, STMT_BILL_CONTACT_NAME, "ii", "s",
	    c->firm_id, contact, &name)) != VL_OK)
		return contact <= 0 ? VL_DECLINED : rc;
	if (amount == NULL || vl_money_parse(amount, cur, &a) != VL_OK || a <= 0 ||
	    a > VL_BILL_TOTAL_MAX)
		return vl_form_refuse(e, "amount", "amount_invalid");
	if ((rc = check_common(due, memo, e)) != VL_OK)
		return rc;
	vl_date_today(c, today);
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = insert_bill(c, VL_BILLK_TRUST, contact, matter, due, memo, id)) != VL_OK ||
	    (matter != 0 && (rc = vl_db_exec(STMT_BILL_MATTER_INSERT, NULL, NULL, "iii", *id,
	    c->firm_id, matter)) != VL_OK) ||
	    /* Its one line: the memo is what the client reads (the page says
	     * "Funds request" when there is none). */
	    (rc = vl_db_exec(STMT_BILL_LINE_INSERT, NULL, NULL, "iiiisssii", c->firm_id, *id,
	    (int64_t)0, matter, today, vl_utf8_clean(c->pool, memo, 1000), "", a,
	    (int64_t)0)) != VL_OK ||
	    (rc = vl_db_exec(STMT_BILL_SET_TOTAL, NULL, NULL, "iiii", a, a, c->firm_id,
	    *id)) != VL_OK ||
	    (rc = vl_bill_event(c, *id, VL_BEV_CREATED, NULL)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "funds_request_create", "bill", *id);
	return vl_db_commit();
}

/* Finalises locked bill b if a draft, with its event and audit row. */
static enum vl_rc
finalise(struct vl_ctx *c, struct vl_bill *b)
{
	enum vl_rc	 rc;

	if (b->state == VL_BILL_VOID)
		return VL_CONFLICT;
	if (b->state != VL_BILL_DRAFT)
		return VL_OK;
	if ((rc = vl_db_exec(STMT_BILL_FINALISE, NULL, NULL, "ii", c->firm_id, b->id)) != VL_OK ||
	    (rc = vl_bill_event(c, b->id, VL_BEV_FINALISED, NULL)) != VL_OK)
		return rc;
	b->state = VL_BILL_FINAL;
	vl_audit(c, "bill_finalise", "bill", b->id);
	return VL_OK;
}

enum vl_rc
vl_bill_finalise(struct vl_ctx *c, int64_t id)
{
	struct vl_bill	 b;
	enum vl_rc	 rc;
	int		 own;

	if ((rc = tx_begin(&own)) != VL_OK)
		return rc;
	if ((rc = lock_load(c, id, &b)) == VL_OK)
		rc = finalise(c, &b);
	return tx_end(own, rc);
}

/* Shares (on) or unshares locked bill b; *changed if it did. */
static enum vl_rc
share(struct vl_ctx *c, struct vl_bill *b, int on, int *changed)
{
	struct vl_matter m;
	enum vl_rc	 rc;

	*changed = 0;
	if (b->matter == 0)
		return on ? VL_CONFLICT : VL_OK;
	if (on && b->state == VL_BILL_VOID)
		return VL_CONFLICT;
	if ((rc = vl_matter_load(c, b->matter, &m)) != VL_OK)
		return rc;
	if (on && (rc = finalise(c, b)) != VL_OK)
		return rc;
	if ((rc = vl_rshare_set(c, &m, VL_REC_BILL, b->id, on, b->number, changed)) != VL_OK)
		return rc;
	if (!on && (rc = vl_paylink_revoke_bill(c, b->id)) != VL_OK)
		return rc;
	if (*changed) {
		if ((rc = vl_bill_event(c, b->id, on ? VL_BEV_SHARED : VL_BEV_UNSHARED, NULL)) != VL_OK)
			return rc;
		vl_audit(c, on ? "bill_share" : "bill_unshare", "bill", b->id);
	}
	return VL_OK;
}

enum vl_rc
vl_bill_share(struct vl_ctx *c, int64_t id, int on)
{
	struct vl_bill	 b;
	enum vl_rc	 rc;
	int		 own, changed;

	if ((rc = tx_begin(&own)) != VL_OK)
		return rc;
	if ((rc = lock_load(c, id, &b)) == VL_OK)
		rc = share(c, &b, on, &changed);
	return tx_end(own, rc);
}

int
vl_bill_is_shared(struct vl_ctx *c, const struct vl_bill *b)
{
	if (b->matter == 0)
		return 0;
	return vl_rshare_is_shared(c, b->matter, VL_REC_BILL, b->id);
}

enum vl_rc
vl_bill_void(struct vl_ctx *c, int64_t id)
{
	struct vl_bill	 b;
	int64_t		 live = 0;
	enum vl_rc	 rc;
	int		 own, changed;

	if ((rc = tx_begin(&own)) != VL_OK)
		return rc;
	if ((rc = lock_load(c, id, &b)) != VL_OK)
		return tx_end(own, rc);
	if (b.state == VL_BILL_VOID)
		return tx_end(own, VL_OK);
	if ((rc = vl_db_row(c->pool, STMT_BILL_PAID_LIVE, "ii", "i", c->firm_id, id, &live)) != VL_OK)
		return tx_end(own, rc);
	if (live > 0)
		return tx_end(own, VL_CONFLICT);
	/* Unshared first (a void bill is never shared), then voided. */
	if ((rc = share(c, &b, 0, &changed)) != VL_OK ||
	    (rc = vl_paylink_revoke_bill(c, id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_BILL_VOID, NULL, NULL, "ii", c->firm_id, id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_BILL_ACTIVITIES_FREE, NULL, NULL, "ii", c->firm_id, id)) != VL_OK ||
	    (rc = vl_bill_event(c, id, VL_BEV_VOIDED, NULL)) != VL_OK)
		return tx_end(own, rc);
	vl_audit(c, "bill_void", "bill", id);
	return tx_end(own, VL_OK);
}

/* Queues the bill's email to the contact's address on file, with a pay
 * link when payments are on and something is due.  VL_DECLINED: no address. */
static enum vl_rc
mail_bill(struct vl_ctx *c, const struct vl_bill *b, int shared, const char *message,
    const char **to)
{
	struct vl_buf	 p = VL_BUF_INIT;
	const char	*url = NULL;
	char		*email, tok[44];
	int		 on;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_BILL_CONTACT_EMAIL, "ii", "s", c->firm_id, b->contact,
	    &email)) != VL_OK)
		return rc;
	if ((on = vl_paylink_payments_on(c)) < 0)
		return VL_ERR;
	if (on && b->balance > 0 && (rc = vl_paylink_issue(c, b->contact, b->id, 0, tok,
	    &url)) != VL_OK)
		return rc;
	vl_buf_add_param(&p, "number", b->number);
	vl_buf_add_param(&p, "kind", vl_bill_kinds[b->kind]);
	vl_buf_add_param(&p, "amount", vl_money_fmt(c->pool, b->balance, b->currency));
	vl_buf_add_param(&p, "due", b->due_on ? vl_tz_date(c->pool, "UTC", b->due_on) : "");
	vl_buf_add_param(&p, "message", message != NULL ? message : "");
	vl_buf_add_param(&p, "portal", shared ? vl_pool_printf(c->pool,
	    "%s/portal/matters/%lld/bills", vl_conf.base_url, (long long)b->matter) :
	    vl_pool_printf(c->pool, "%s/portal", vl_conf.base_url));
	vl_buf_add_param(&p, "pay", url != NULL ? url : "");
	rc = vl_notify(c->firm_id, VL_MAIL_BILL, email, vl_buf_str(&p));
	vl_buf_release(&p);
	*to = email;
	return rc;
}

enum vl_rc
vl_bill_send(struct vl_ctx *c, int64_t id, int portal, int email, const char *message,
    int bulk, enum vl_bill_sent *how)
{
	struct vl_bill	 b;
	const char	*to = NULL;
	int		 by_portal = 0, by_email = 0, changed, shared;
	enum vl_rc	 rc;

	*how = VL_SENT_NONE;
	if (message != NULL && strlen(message) > MEMO_MAX)
		return VL_INVALID;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = lock_load(c, id, &b)) != VL_OK)
		goto fail;
	if (b.state == VL_BILL_VOID) {
		*how = VL_SENT_VOID;
		vl_db_rollback();
		return VL_OK;
	}
	if (portal && vl_bill_portal_ok(&b)) {
		rc = share(c, &b, 1, &changed);
		/* No open portal: as a bill that cannot go there. */
		if (rc == VL_CONFLICT)
			by_portal = -1;
		else if (rc != VL_OK)
			goto fail;
		else
			by_portal = 1;
	} else if (portal)
		by_portal = -1;
	if (email || (by_portal < 0 && bulk)) {
		/* What goes to the client is final. */
		if ((rc = finalise(c, &b)) != VL_OK)
			goto fail;
		if ((shared = vl_bill_is_shared(c, &b)) < 0) {
			rc = VL_ERR;
			goto fail;
		}
		rc = mail_bill(c, &b, shared, message, &to);
		if (rc == VL_OK)
			by_email = 1;
		else if (rc != VL_DECLINED)
			goto fail;
	}
	if (by_portal > 0)
		*how = by_email ? VL_SENT_BOTH : VL_SENT_PORTAL;
	else if (by_email)
		*how = by_portal < 0 ? VL_SENT_EMAIL_ONLY : VL_SENT_EMAIL;
	else if (email || by_portal < 0)
		*how = email || bulk ? VL_SENT_NO_EMAIL : VL_SENT_NO_PORTAL;
	if (by_portal <= 0 && !by_email) {
		vl_db_rollback();
		return VL_OK;
	}
	if ((rc = vl_bill_event(c, id, VL_BEV_SENT, vl_pool_printf(c->pool, "%s%s%s",
	    vl_bill_sent_names[*how], to != NULL ? " " : "", to != NULL ? to : ""))) != VL_OK)
		goto fail;
	vl_audit(c, "bill_send", "bill", id);
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_bill_timeline(struct vl_ctx *c, int64_t bill, struct vl_bill_event_row **rows, size_t *n)
{
	struct vl_rows	*r;
	struct vl_bill_event_row *e;
	enum vl_rc	 rc;
	size_t		 i = 0;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_BILL_EVENTS, &r, "ii", c->firm_id, bill)) != VL_OK)
		return rc;
	e = vl_pool_calloc(c->pool, vl_db_count(r) + 1, sizeof(*e));
	while (i < vl_db_count(r) && vl_db_next(r, "isss", &e[i].at, &e[i].kind, &e[i].detail,
	    &e[i].who) == 1)
		i++;
	if (vl_db_rows_failed(r))
		return VL_ERR;
	*rows = e;
	*n = i;
	return VL_OK;
}

enum vl_rc
vl_bill_viewed(struct vl_ctx *c, const struct vl_bill *b, const struct vl_client_portal *p,
    int read)
{
	int64_t		 seen = 0;
	enum vl_rc	 rc;

	if (!read)
		return VL_OK;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_rshare_read(c, p->portal, VL_REC_BILL, b->id, b->number, read)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_BILL_VIEWED_BY, "iii", "i", c->firm_id, b->id,
	    c->contact_id, &seen)) != VL_OK)
		goto fail;
	/* The timeline tells the first view by each client. */
	if (seen == 0 && (rc = vl_bill_event(c, b->id, VL_BEV_VIEWED, NULL)) != VL_OK)
		goto fail;
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

/* The states a tab lists. */
static void
tab_states(enum vl_bill_state tab, const char **a, const char **b)
{
	if (tab == VL_BILL_FINAL || tab == VL_BILL_PARTIAL) {
		*a = "final";
		*b = "partial";
		return;
	}
	if ((unsigned)tab >= VL_BILL_STATE__MAX)
		tab = VL_BILL_DRAFT;
	*a = *b = vl_bill_states[tab];
}

static enum vl_rc
check_filter(const struct vl_bill_filter *f)
{
	if ((f->from != NULL && !vl_date_valid(f->from)) || (f->to != NULL && !vl_date_valid(f->to)))
		return VL_INVALID;
	if (f->contact < 0 || f->matter < 0)
		return VL_INVALID;
	return VL_OK;
}

/* Reads up to VL_PAGE_ROWS bills of rows; *more if there was one more. */
static enum vl_rc
read_page(struct vl_ctx *c, struct vl_rows *rows, struct vl_bill **out, size_t *n, int *more)
{
	struct vl_bill	*b, one;
	size_t		 i = 0;
	int		 r;

	b = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*b));
	*more = 0;
	while ((r = next_bill(rows, &one)) == 1) {
		if (i == VL_PAGE_ROWS) {
			*more = 1;
			break;
		}
		b[i++] = one;
	}
	if (r < 0 || vl_db_rows_failed(rows))
		return VL_ERR;
	*out = b;
	*n = i;
	return VL_OK;
}

enum vl_rc
vl_bill_find(struct vl_ctx *c, const struct vl_bill_filter *f, struct vl_bill **out, size_t *n,
    int *more)
{
	struct vl_rows	*rows;
	const char	*s1, *s2;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = check_filter(f)) != VL_OK)
		return rc;
	tab_states(f->tab, &s1, &s2);
	if ((rc = vl_db_query(c->pool, STMT_BILLS_FIND, &rows, "iiiiissssssii", c->firm_id,
	    f->contact, f->contact, f->matter, f->matter, f->from, f->from, f->to, f->to, s1, s2,
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(f->page))) != VL_OK)
		return rc;
	return read_page(c, rows, out, n, more);
}

enum vl_rc
vl_bill_totals(struct vl_ctx *c, const struct vl_bill_filter *f, struct vl_bill_totals *t)
{
	struct vl_rows	*rows;
	char		*state, *kind;
	int64_t		 count, total, balance;
	enum vl_bill_state s;
	enum vl_rc	 rc;
	int		 r;

	memset(t, 0, sizeof(*t));
	if ((rc = check_filter(f)) != VL_OK)
		return rc;
	if ((rc = vl_db_query(c->pool, STMT_BILLS_TOTALS, &rows, "iiiiissss", c->firm_id,
	    f->contact, f->contact, f->matter, f->matter, f->from, f->from, f->to, f->to)) != VL_OK)
		return rc;
	while ((r = vl_db_next(rows, "ssiii", &state, &kind, &count, &total, &balance)) == 1) {
		if ((s = vl_bill_state_of(state)) == VL_BILL_STATE__MAX)
			return VL_ERR;
		/* Unpaid is final and partly paid: what is still owed. */
		if (s == VL_BILL_PARTIAL)
			s = VL_BILL_FINAL;
		t->count[s] += count;
		if (s == VL_BILL_FINAL)
			total = balance;
		if (kind != NULL && strcmp(kind, "trust") == 0)
			t->trust[s] += total;
		else
			t->bills[s] += total;
	}
	return r < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_bill_of_matter(struct vl_ctx *c, int64_t matter, int64_t page, struct vl_bill **out,
    size_t *n, int *more)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_BILLS_OF_MATTER, &rows, "iiii", c->firm_id, matter,
	    (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	return read_page(c, rows, out, n, more);
}

enum vl_rc
vl_bill_of_portal(struct vl_ctx *c, const struct vl_client_portal *p, int64_t page,
    struct vl_bill **out, size_t *n, int *more)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;

	*n = 0;
	if (c->contact_id == 0 || !p->perm[VL_PERM_BILLS])
		return VL_DECLINED;
	if ((rc = vl_db_query(c->pool, STMT_BILLS_OF_PORTAL, &rows, "iiiii", c->firm_id, p->matter,
	    p->portal, (int64_t)VL_PAGE_ROWS + 1, vl_page_offset(page))) != VL_OK)
		return rc;
	return read_page(c, rows, out, n, more);
}

enum vl_rc
vl_bill_payments(struct vl_ctx *c, int64_t bill, struct vl_bill_payment **out, size_t *n)
{
	struct vl_rows	*rows;
	struct vl_bill_payment *p;
	enum vl_rc	 rc;
	size_t		 i = 0;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_BILL_PAYMENTS, &rows, "ii", c->firm_id, bill)) != VL_OK)
		return rc;
	p = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*p));
	while (i < vl_db_count(rows) && vl_db_next(rows, "iiiis", &p[i].payment, &p[i].amount,
	    &p[i].refunded, &p[i].received_on, &p[i].method) == 1)
		i++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	*out = p;
	*n = i;
	return VL_OK;
}

void
vl_bill_fill(struct vl_pool *pool, struct vl_tpl *d, const struct vl_bill *b)
{
	static const char *const state_sections[VL_BILL_STATE__MAX] = {
		"DRAFT", "FINAL", "PARTIAL", "PAID", "VOID",
	};

	vl_tpl_set_int(d, "ID", b->id);
	vl_tpl_set(d, "NUMBER", b->number);
	vl_tpl_set(d, "CONTACT", b->contact_name);
	vl_tpl_set_int(d, "CONTACT_ID", b->contact);
	vl_tpl_set(d, "MATTER", b->matter_number);
	vl_tpl_set_int(d, "MATTER_ID", b->matter);
	vl_tpl_set(d, "TOTAL", vl_money_fmt(pool, b->total, b->currency));
	vl_tpl_set(d, "BALANCE", vl_money_fmt(pool, b->balance, b->currency));
	vl_tpl_set(d, "PAID", vl_money_fmt(pool, b->total - b->balance, b->currency));
	vl_tpl_set(d, "ISSUED", vl_tz_date(pool, "UTC", b->issued_on));
	vl_tpl_set(d, "DUE", b->due_on ? vl_tz_date(pool, "UTC", b->due_on) : "");
	vl_tpl_set(d, "MEMO", b->memo);
	if (b->memo != NULL && *b->memo != '\0')
		vl_tpl_show(d, "MEMO");
	vl_tpl_show(d, b->kind == VL_BILLK_TRUST ? "TRUST" : "BILL");
	vl_tpl_show(d, state_sections[b->state]);
	if (b->state == VL_BILL_FINAL || b->state == VL_BILL_PARTIAL)
		vl_tpl_show(d, "UNPAID");
	vl_tpl_show(d, b->matter != 0 ? "ONE_MATTER" : "NO_MATTER");
	if (b->due_on != 0)
		vl_tpl_show(d, "HAS_DUE");
	if (b->balance > 0 && b->state != VL_BILL_VOID && b->state != VL_BILL_DRAFT)
		vl_tpl_show(d, "HAS_BALANCE");
}

enum vl_rc
vl_bill_contact_name(struct vl_ctx *c, int64_t contact, char **name)
{
	return vl_db_row(c->pool, STMT_BILL_CONTACT_NAME, "ii", "s", c->firm_id, contact, name);
}

enum vl_rc
vl_bill_unbilled(struct vl_ctx *c, int64_t matter, int64_t contact,
    struct vl_bill_unbilled **out, size_t *n)
{
	struct vl_bill_unbilled *u;
	struct vl_matter m;
	struct vl_rows	*rows;
	char		*name;
	size_t		 i = 0;
	enum vl_rc	 rc;
	int		 r = 0;

	*n = 0;
	if (matter != 0)
		rc = vl_matter_load(c, matter, &m);
	else
		rc = vl_bill_contact_name(c, contact, &name);
	if (rc != VL_OK)
		return rc;
	if (matter != 0)
		rc = vl_db_query(c->pool, STMT_BILL_UNBILLED, &rows, "ii", c->firm_id, matter);
	else
		rc = vl_db_query(c->pool, STMT_BILL_UNBILLED_CONTACT, &rows, "ii", c->firm_id, contact);
	if (rc != VL_OK)
		return rc;
	u = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*u));
	while (i < vl_db_count(rows)) {
		if (matter != 0) {
			r = vl_db_next(rows, "iisssi", &u[i].id, &u[i].date, &u[i].kind,
			    &u[i].description, &u[i].quantity, &u[i].amount);
			u[i].matter_number = m.number;
		} else
			r = vl_db_next(rows, "iisssis", &u[i].id, &u[i].date, &u[i].kind,
			    &u[i].description, &u[i].quantity, &u[i].amount, &u[i].matter_number);
		if (r != 1)
			break;
		i++;
	}
	if (r < 0 || vl_db_rows_failed(rows))
		return VL_ERR;
	*out = u;
	*n = i;
	return VL_OK;
}

enum vl_rc
vl_bill_send_bulk(struct vl_ctx *c, const int64_t *ids, size_t n, int portal, int email,
    const char *message, struct vl_bill_sendres **out)
{
	struct vl_bill_sendres *res;
	struct vl_bill	 b;
	size_t		 i;
	enum vl_rc	 rc;

	if (n == 0 || n > VL_BULK_MAX)
		return VL_INVALID;
	if (message != NULL && strlen(message) > MEMO_MAX)
		return VL_INVALID;
	res = vl_pool_calloc(c->pool, n, sizeof(*res));
	/* Every id must be one of the firm's bills, or nothing is sent: a
	 * forged id is refused, not reported. */
	for (i = 0; i < n; i++) {
		if ((rc = vl_bill_load(c, ids[i], &b)) != VL_OK)
			return rc;
		res[i].id = ids[i];
		res[i].number = b.number;
		res[i].contact = b.contact_name;
	}
	for (i = 0; i < n; i++) {
		rc = vl_bill_send(c, ids[i], portal, email, message, 1, &res[i].how);
		if (rc == VL_ERR)
			return rc;
		res[i].rc = rc;
	}
	*out = res;
	return VL_OK;
}

int64_t
vl_bill_path_id(const char *path, const char *prefix, int *pdf)
{
	char		 digits[24];
	size_t		 n = strlen(prefix), k;
	int64_t		 id;

	*pdf = 0;
	if (path == NULL || strncmp(path, prefix, n) != 0)
		return 0;
	path += n;
	k = strspn(path, "0123456789");
	if (k == 0 || k >= sizeof(digits))
		return 0;
	if (strcmp(path + k, ".pdf") == 0)
		*pdf = 1;
	else if (path[k] != '\0')
		return 0;
	memcpy(digits, path, k);
	digits[k] = '\0';
	if (vl_strtonum(digits, 1, INT64_MAX, &id) != VL_OK)
		return 0;
	return id;
}
