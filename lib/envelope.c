/*
 * Envelopes: see envelope.h.  A draft belongs to the user who made it and
 * holds no pay link: links are issued when the envelope is sent, inside
 * the transaction that queues its email, so a link exists only in a mail
 * that went out.
 */
#include <string.h>

#include "vellum.h"
#include "audit.h"
#include "bill.h"
#include "envelope.h"
#include "money.h"
#include "notify.h"
#include "paylink.h"

size_t
vl_envelope_split(const int64_t *contact, size_t n, int combine, size_t *group)
{
	size_t	 i, j, made = 0, in;

	for (i = 0; i < n; i++) {
		group[i] = made;
		if (!combine) {
			made++;
			continue;
		}
		/* The latest envelope of this contact, if it has room. */
		for (j = i, in = 0; j-- > 0; )
			if (contact[j] == contact[i]) {
				size_t	 g = group[j], k;

				for (k = 0; k < i; k++)
					if (group[k] == g)
						in++;
				if (in < VL_ENVELOPE_ITEMS)
					group[i] = g;
				break;
			}
		if (group[i] == made)
			made++;
	}
	return made;
}

enum vl_rc
vl_form_ids(struct vl_pool *pool, const struct vl_pair *pairs, const char *key, size_t max,
    int64_t **ids, size_t *n)
{
	const struct vl_pair *p;
	int64_t		*out, v;
	size_t		 i, got = 0;

	*n = 0;
	*ids = NULL;
	out = vl_pool_calloc(pool, max + 1, sizeof(*out));
	for (p = pairs; p != NULL; p = p->next) {
		if (p->key == NULL || strcmp(p->key, key) != 0)
			continue;
		if (p->val == NULL || strlen(p->val) > 20 ||
		    vl_strtonum(p->val, 1, INT64_MAX, &v) != VL_OK)
			return VL_INVALID;
		for (i = 0; i < got && out[i] != v; i++)
			;
		if (i < got)
			continue;
		if (got == max)
			return VL_INVALID;
		out[got++] = v;
	}
	*ids = out;
	*n = got;
	return VL_OK;
}

int
vl_envelope_combine(struct vl_ctx *c)
{
	int64_t	 on = 0;

	if (vl_db_row(c->pool, STMT_FIRM_COMBINE_GET, "i", "i", c->firm_id, &on) != VL_OK)
		return -1;
	return on != 0;
}

enum vl_rc
vl_envelope_set_combine(struct vl_ctx *c, int on)
{
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_FIRM_COMBINE_SET, NULL, NULL, "ii", (int64_t)(on != 0),
	    c->firm_id)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, on ? "envelopes_combine_on" : "envelopes_combine_off", "firm", c->firm_id);
	return vl_db_commit();
}

/* Drops the acting user's drafts. */
static enum vl_rc
drop_drafts(struct vl_ctx *c)
{
	int64_t		*ids;
	size_t		 n, i;
	enum vl_rc	 rc;

	if ((rc = vl_envelope_drafts(c, &ids, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = vl_db_exec(STMT_ENVELOPE_ITEMS_DELETE, NULL, NULL, "ii", c->firm_id,
		    ids[i])) != VL_OK || (rc = vl_db_exec(STMT_ENVELOPE_DELETE, NULL, NULL, "ii",
		    c->firm_id, ids[i])) != VL_OK)
			return rc;
	return VL_OK;
}

enum vl_rc
vl_envelope_prepare(struct vl_ctx *c, const int64_t *ids, size_t n, size_t *made,
    size_t *skipped)
{
	struct vl_bill	*b;
	int64_t		*contacts, *env;
	size_t		*group, i, k = 0, envs;
	uint64_t	 newid;
	char		*to;
	enum vl_rc	 rc;
	int		 combine;

	*made = *skipped = 0;
	if (n == 0 || n > VL_ENVELOPE_SELECT)
		return VL_INVALID;
	if ((combine = vl_envelope_combine(c)) < 0)
		return VL_ERR;
	b = vl_pool_calloc(c->pool, n, sizeof(*b));
	contacts = vl_pool_calloc(c->pool, n, sizeof(*contacts));
	group = vl_pool_calloc(c->pool, n, sizeof(*group));
	for (i = 0; i < n; i++) {
		/* Not the firm's: the whole request is refused. */
		if ((rc = vl_bill_load(c, ids[i], &b[k])) != VL_OK)
			return rc;
		if (b[k].state != VL_BILL_FINAL && b[k].state != VL_BILL_PARTIAL) {
			(*skipped)++;
			continue;
		}
		contacts[k] = b[k].contact;
		k++;
	}
	if (k == 0)
		return VL_INVALID;
	envs = vl_envelope_split(contacts, k, combine, group);
	env = vl_pool_calloc(c->pool, envs, sizeof(*env));
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = drop_drafts(c)) != VL_OK)
		goto fail;
	for (i = 0; i < k; i++) {
		if (env[group[i]] == 0) {
			to = NULL;
			rc = vl_db_row(c->pool, STMT_BILL_CONTACT_EMAIL, "ii", "s", c->firm_id,
			    b[i].contact, &to);
			if (rc != VL_OK && rc != VL_DECLINED)
				goto fail;
			if ((rc = vl_db_exec(STMT_ENVELOPE_INSERT, NULL, &newid, "iisssi", c->firm_id,
			    b[i].contact, to != NULL ? to : "", "", "", c->user_id)) != VL_OK)
				goto fail;
			env[group[i]] = (int64_t)newid;
		}
		if ((rc = vl_db_exec(STMT_ENVELOPE_ITEM_INSERT, NULL, NULL, "iiii", env[group[i]],
		    c->firm_id, b[i].id, (int64_t)i)) != VL_OK)
			goto fail;
	}
	*made = envs;
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_envelope_drafts(struct vl_ctx *c, int64_t **ids, size_t *n)
{
	struct vl_rows	*rows;
	enum vl_rc	 rc;
	size_t		 i = 0;

	*n = 0;
	if ((rc = vl_db_query(c->pool, STMT_ENVELOPE_DRAFTS, &rows, "ii", c->firm_id,
	    c->user_id)) != VL_OK)
		return rc;
	*ids = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(**ids));
	while (i < vl_db_count(rows) && vl_db_next(rows, "i", &(*ids)[i]) == 1)
		i++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	*n = i;
	return VL_OK;
}

enum vl_rc
vl_envelope_load(struct vl_ctx *c, int64_t id, struct vl_envelope *e)
{
	struct vl_rows	*rows;
	int64_t		 bill, sent, eid, primary;
	enum vl_rc	 rc;
	size_t		 i;

	memset(e, 0, sizeof(*e));
	if ((rc = vl_db_row(c->pool, STMT_ENVELOPE_GET, "ii", "iissis", c->firm_id, id, &e->id,
	    &e->contact, &e->to, &e->subject, &sent, &e->contact_name)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_ENVELOPE_BODY, "ii", "s", c->firm_id, id, &e->body)) != VL_OK)
		return rc;
	e->sent = sent != 0;
	if ((rc = vl_db_query(c->pool, STMT_ENVELOPE_ITEMS, &rows, "ii", c->firm_id, id)) != VL_OK)
		return rc;
	e->items = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*e->items));
	while (e->n < vl_db_count(rows) && vl_db_next(rows, "i", &bill) == 1) {
		/* Read all ids first: loading a bill runs another statement. */
		e->items[e->n++].id = bill;
	}
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	for (i = 0; i < e->n; i++)
		if ((rc = vl_bill_load(c, e->items[i].id, &e->items[i])) != VL_OK)
			return rc == VL_DECLINED ? VL_ERR : rc;
	if ((rc = vl_db_query(c->pool, STMT_CONTACT_EMAIL_LIST, &rows, "ii", c->firm_id,
	    e->contact)) != VL_OK)
		return rc;
	e->emails = vl_pool_calloc(c->pool, vl_db_count(rows) + 1, sizeof(*e->emails));
	while (e->nemails < vl_db_count(rows) && vl_db_next(rows, "isi", &eid,
	    &e->emails[e->nemails], &primary) == 1)
		e->nemails++;
	return vl_db_rows_failed(rows) ? VL_ERR : VL_OK;
}

/* Checks a draft's fields into e; VL_OK or VL_INVALID. */
static enum vl_rc
check_fields(struct vl_ctx *c, int64_t contact, const char *to, const char *subject,
    const char *body, struct vl_ferr *e)
{
	int64_t		 has = 0;
	enum vl_rc	 rc;

	if (to == NULL || *to == '\0')
		vl_ferr_add(e, "to", "invalid");
	else if ((rc = vl_db_row(c->pool, STMT_BILL_CONTACT_HAS_EMAIL, "iis", "i", c->firm_id,
	    contact, to, &has)) != VL_OK)
		return rc;
	else if (has == 0)
		vl_ferr_add(e, "to", "invalid");
	if (subject == NULL || *subject == '\0')
		vl_ferr_add(e, "subject", "missing");
	else if (strlen(subject) > VL_ENVELOPE_SUBJECT)
		vl_ferr_add(e, "subject", "long");
	if (body != NULL && strlen(body) > VL_ENVELOPE_BODY)
		vl_ferr_add(e, "body", "long");
	return e->n > 0 ? VL_INVALID : VL_OK;
}

enum vl_rc
vl_envelope_save(struct vl_ctx *c, int64_t id, const char *to, const char *subject,
    const char *body, struct vl_ferr *e)
{
	struct vl_envelope env;
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_envelope_load(c, id, &env)) != VL_OK)
		return rc;
	if (env.sent)
		return VL_CONFLICT;
	if ((rc = check_fields(c, env.contact, to, subject, body, e)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_ENVELOPE_UPDATE, &n, NULL, "sssii", to, subject,
	    body != NULL ? body : "", c->firm_id, id)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	vl_audit(c, "envelope_edit", "envelope", id);
	return vl_db_commit();
}

/* Queues envelope env's mail and marks its bills sent; inside the
 * caller's transaction. */
static enum vl_rc
send_locked(struct vl_ctx *c, struct vl_envelope *env)
{
	struct vl_buf	 p = VL_BUF_INIT;
	const char	*url, *payall = NULL;
	char		 tok[44];
	int		 on, due = 0;
	uint64_t	 n = 0;
	size_t		 i;
	enum vl_rc	 rc = VL_OK;

	if ((on = vl_paylink_payments_on(c)) < 0)
		return VL_ERR;
	for (i = 0; i < env->n; i++)
		if (env->items[i].balance > 0 && env->items[i].state != VL_BILL_VOID &&
		    env->items[i].state != VL_BILL_DRAFT)
			due++;
	if (on && due > 0 && (rc = vl_paylink_issue(c, env->contact, 0, env->id, tok,
	    &payall)) != VL_OK)
		return rc;
	vl_buf_add_param(&p, "subject", env->subject);
	vl_buf_add_param(&p, "body", env->body);
	vl_buf_add_param(&p, "portal", vl_pool_printf(c->pool, "%s/portal", vl_conf.base_url));
	vl_buf_add_param(&p, "payall", payall != NULL ? payall : "");
	for (i = 0; rc == VL_OK && i < env->n; i++) {
		struct vl_bill	*b = &env->items[i];
		int		 shared = vl_bill_is_shared(c, b);

		url = NULL;
		if (shared < 0) {
			rc = VL_ERR;
			break;
		}
		if (on && b->balance > 0 && b->state != VL_BILL_VOID && b->state != VL_BILL_DRAFT &&
		    (rc = vl_paylink_issue(c, env->contact, b->id, 0, tok, &url)) != VL_OK)
			break;
		vl_buf_add_param(&p, "items.number", b->number);
		vl_buf_add_param(&p, "items.kind", vl_bill_kinds[b->kind]);
		vl_buf_add_param(&p, "items.amount", vl_money_fmt(c->pool, b->balance, b->currency));
		vl_buf_add_param(&p, "items.view", shared ? vl_pool_printf(c->pool,
		    "%s/portal/bills/%lld", vl_conf.base_url, (long long)b->id) :
		    vl_pool_printf(c->pool, "%s/portal", vl_conf.base_url));
		vl_buf_add_param(&p, "items.pay", url != NULL ? url : "");
		rc = vl_bill_event(c, b->id, VL_BEV_SENT, vl_pool_printf(c->pool,
		    "envelope %lld %s", (long long)env->id, env->to));
	}
	if (rc == VL_OK)
		rc = vl_notify(c->firm_id, VL_MAIL_ENVELOPE, env->to, vl_buf_str(&p));
	vl_buf_release(&p);
	if (rc == VL_OK && (rc = vl_db_exec(STMT_ENVELOPE_SENT, &n, NULL, "ii", c->firm_id,
	    env->id)) == VL_OK && n != 1)
		rc = VL_CONFLICT;	/* sent by another request meanwhile */
	if (rc == VL_OK)
		vl_audit(c, "envelope_send", "envelope", env->id);
	return rc;
}

enum vl_rc
vl_envelope_send(struct vl_ctx *c, int64_t id)
{
	struct vl_envelope env;
	struct vl_ferr	 e = VL_FERR_INIT;
	enum vl_rc	 rc;

	if ((rc = vl_envelope_load(c, id, &env)) != VL_OK)
		return rc;
	if (env.sent)
		return VL_CONFLICT;
	if ((rc = check_fields(c, env.contact, env.to, env.subject, env.body, &e)) != VL_OK)
		return rc;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = send_locked(c, &env)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

enum vl_rc
vl_envelope_send_all(struct vl_ctx *c, const char *subject, const char *body, size_t *sent,
    size_t *failed, struct vl_ferr *e)
{
	struct vl_envelope env;
	int64_t		*ids;
	size_t		 n, i;
	enum vl_rc	 rc;

	*sent = *failed = 0;
	if (subject == NULL || *subject == '\0')
		vl_ferr_add(e, "subject", "missing");
	else if (strlen(subject) > VL_ENVELOPE_SUBJECT)
		vl_ferr_add(e, "subject", "long");
	if (body != NULL && strlen(body) > VL_ENVELOPE_BODY)
		vl_ferr_add(e, "body", "long");
	if (e->n > 0)
		return VL_INVALID;
	if ((rc = vl_envelope_drafts(c, &ids, &n)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct vl_ferr	 fe = VL_FERR_INIT;

		if ((rc = vl_envelope_load(c, ids[i], &env)) == VL_OK &&
		    (rc = vl_envelope_save(c, ids[i], env.to, subject, body, &fe)) == VL_OK)
			rc = vl_envelope_send(c, ids[i]);
		if (rc == VL_OK)
			(*sent)++;
		else if (rc == VL_ERR)
			return rc;
		else
			(*failed)++;
	}
	return VL_OK;
}
