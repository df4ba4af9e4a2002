/*
 * Payments: the provider account, money in (offline and through the
 * provider's checkout and webhook), its allocation, refunds, and the
 * day's reconciliation.  See payment.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "payment.h"
#include "audit.h"
#include "bill.h"
#include "money.h"
#include "notify.h"
#include "paylink.h"
#include "stripe.h"
#include "stripesig.h"
#include "tz.h"

const char *const vl_pay_methods[VL_PM__MAX] = {
	"card", "ach", "check", "cash", "wire", "other",
};

/* What a person reads for each method (receipts, pages use templates). */
static const char *const method_words[VL_PM__MAX] = {
	"card", "bank transfer (ACH)", "check", "cash", "wire transfer", "other",
};

enum vl_pay_method
vl_pay_method_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < VL_PM__MAX; i++)
		if (strcmp(name, vl_pay_methods[i]) == 0)
			return (enum vl_pay_method)i;
	return VL_PM__MAX;
}

/* ---- pure ---- */

int64_t
vl_pay_allocate(int64_t amount, const struct vl_pay_item *items, size_t n, int64_t *out)
{
	size_t	 i, j, best;
	int64_t	 left = amount, sum = 0;
	char	 done[VL_PAY_ITEMS_MAX * 10];

	for (i = 0; i < n; i++)
		out[i] = 0;
	if (amount <= 0 || n > sizeof(done))
		return -1;
	for (i = 0; i < n; i++) {
		if (items[i].balance < 0 || __builtin_add_overflow(sum, items[i].balance, &sum))
			return -1;
		done[i] = 0;
	}
	/* n is small (an envelope's ten): a selection of the oldest each round */
	for (j = 0; j < n && left > 0; j++) {
		best = n;
		for (i = 0; i < n; i++)
			if (!done[i] && (best == n || items[i].issued < items[best].issued ||
			    (items[i].issued == items[best].issued && items[i].id < items[best].id)))
				best = i;
		done[best] = 1;
		out[best] = items[best].balance < left ? items[best].balance : left;
		left -= out[best];
	}
	return left;
}

int
vl_pay_unallocate(int64_t amount, const int64_t *open, size_t n, int64_t *out)
{
	int64_t	 sum = 0, left = amount;
	size_t	 i;

	for (i = 0; i < n; i++) {
		out[i] = 0;
		if (open[i] < 0 || __builtin_add_overflow(sum, open[i], &sum))
			return 0;
	}
	if (amount <= 0 || amount > sum)
		return 0;
	for (i = n; i-- > 0 && left > 0; ) {
		out[i] = open[i] < left ? open[i] : left;
		left -= out[i];
	}
	return 1;
}

const char *
vl_pay_state_for(int64_t total, int64_t balance)
{
	if (balance <= 0)
		return "paid";
	if (balance >= total)
		return "final";
	return "partial";
}

/* ---- the provider's secrets, sealed ---- */

#define SECRET_MAX	200
#define SEAL_OVER	(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)

static void
derive(unsigned char key[32])
{
	static const char what[] = "vellum payment provider secret";

	crypto_generichash(key, 32, (const unsigned char *)what, sizeof(what) - 1,
	    vl_conf.secret, sizeof(vl_conf.secret));
}

/* s sealed as hex, in the pool. */
static char *
seal(struct vl_pool *pool, const char *s)
{
	unsigned char	 key[32], box[SEAL_OVER + SECRET_MAX];
	size_t		 n = strlen(s);
	char		*hex;

	if (n > SECRET_MAX)
		return NULL;
	derive(key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)s, n,
	    box, key);
	sodium_memzero(key, sizeof(key));
	hex = vl_pool_alloc(pool, 2 * (SEAL_OVER + n) + 1);
	vl_hex(box, SEAL_OVER + n, hex);
	return hex;
}

/* The text of a sealed hex string, in the pool; NULL when it does not
 * open (another server secret, or altered). */
static char *
unseal(struct vl_pool *pool, const char *hex)
{
	unsigned char	 key[32], box[SEAL_OVER + SECRET_MAX];
	size_t		 n = 0;
	char		*out;
	int		 ok;

	if (hex == NULL || sodium_hex2bin(box, sizeof(box), hex, strlen(hex), NULL, &n,
	    NULL) != 0 || n <= SEAL_OVER)
		return NULL;
	out = vl_pool_alloc(pool, n - SEAL_OVER + 1);
	derive(key);
	ok = crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
	    n - crypto_secretbox_NONCEBYTES, box, key) == 0;
	sodium_memzero(key, sizeof(key));
	if (!ok)
		return NULL;
	out[n - SEAL_OVER] = '\0';
	return out;
}

/* "sk_test_…4f2a": enough to tell keys apart, never enough to use one. */
static char *
hint(struct vl_pool *pool, const char *s)
{
	const char	*u;
	size_t		 n;

	if (s == NULL)
		return vl_pool_strdup(pool, "(unreadable: sealed under another server secret)");
	n = strlen(s);
	u = strrchr(s, '_');
	return vl_pool_printf(pool, "%.*s\u2026%s", u ? (int)(u - s + 1) : 0, s,
	    n > 4 ? s + n - 4 : "");
}

/* The firm's provider: its key and webhook secret opened.  VL_DECLINED
 * for none (or, with enabled_only, one switched off). */
static enum vl_rc
provider_keys(struct vl_ctx *c, int64_t firm, int enabled_only, char **key, char **whsec)
{
	char	*label, *ks, *ws;
	int64_t	 enabled;
	enum vl_rc rc;

	*key = *whsec = NULL;
	if ((rc = vl_db_row(c->pool, STMT_PAY_PROVIDER_GET, "i", "sssi", firm, &label, &ks, &ws,
	    &enabled)) != VL_OK)
		return rc;
	if (enabled_only && !enabled)
		return VL_DECLINED;
	*key = unseal(c->pool, ks);
	*whsec = unseal(c->pool, ws);
	if (*key == NULL || *whsec == NULL) {
		vl_err("the payment provider's secrets of firm %lld do not open", (long long)firm);
		return VL_ERR;
	}
	return VL_OK;
}

enum vl_rc
vl_pay_provider_get(struct vl_ctx *c, struct vl_pay_provider *p)
{
	char	*ks, *ws;
	int64_t	 enabled;
	enum vl_rc rc;

	memset(p, 0, sizeof(*p));
	rc = vl_db_row(c->pool, STMT_PAY_PROVIDER_GET, "i", "sssi", c->firm_id, &p->label, &ks,
	    &ws, &enabled);
	if (rc == VL_DECLINED) {
		p->label = "";
		return VL_OK;
	}
	if (rc != VL_OK)
		return rc;
	p->configured = 1;
	p->enabled = enabled != 0;
	p->key_hint = hint(c->pool, unseal(c->pool, ks));
	p->webhook_hint = hint(c->pool, unseal(c->pool, ws));
	return VL_OK;
}

/* 1 if s is prefix followed by 1 to SECRET_MAX letters, digits or '_'. */
static int
secret_ok(const char *s, const char *const *prefixes)
{
	size_t	 n = strlen(s);

	for (; *prefixes != NULL; prefixes++)
		if (strncmp(s, *prefixes, strlen(*prefixes)) == 0 && n > strlen(*prefixes) &&
		    n <= SECRET_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n)
			return 1;
	return 0;
}

enum vl_rc
vl_pay_provider_save(struct vl_ctx *c, const struct vl_pay_provider_in *in,
    struct vl_form_err *e)
{
	static const char *const keys[] = { "sk_live_", "sk_test_", "rk_live_", "rk_test_", NULL };
	static const char *const hooks[] = { "whsec_", NULL };
	const char	*label = in->label ? in->label : "";
	char		*old_label, *ks = NULL, *ws = NULL;
	int64_t		 enabled;
	enum vl_rc	 rc;

	if (strlen(label) > 200)
		return vl_form_refuse(e, "label", "label_long");
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	rc = vl_db_row(c->pool, STMT_PAY_PROVIDER_GET, "i", "sssi", c->firm_id, &old_label, &ks,
	    &ws, &enabled);
	if (rc != VL_OK && rc != VL_DECLINED)
		goto fail;
	if (in->secret_key != NULL && *in->secret_key != '\0') {
		if (!secret_ok(in->secret_key, keys)) {
			rc = vl_form_refuse(e, "secret_key", "key_invalid");
			goto fail;
		}
		ks = seal(c->pool, in->secret_key);
	} else if (ks == NULL) {
		rc = vl_form_refuse(e, "secret_key", "key_missing");
		goto fail;
	}
	if (in->webhook_secret != NULL && *in->webhook_secret != '\0') {
		if (!secret_ok(in->webhook_secret, hooks)) {
			rc = vl_form_refuse(e, "webhook_secret", "webhook_invalid");
			goto fail;
		}
		ws = seal(c->pool, in->webhook_secret);
	} else if (ws == NULL) {
		rc = vl_form_refuse(e, "webhook_secret", "webhook_missing");
		goto fail;
	}
	if ((rc = vl_db_exec(STMT_PAY_PROVIDER_PUT, NULL, NULL, "isssii", c->firm_id,
	    vl_utf8_clean(c->pool, label, 200), ks, ws, (int64_t)(in->enabled != 0),
	    c->user_id)) != VL_OK)
		goto fail;
	vl_audit(c, in->enabled ? "payment_provider_saved" : "payment_provider_disabled",
	    "firm", c->firm_id);
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

/* ---- recording money ---- */

/* A bill locked for a change of its money. */
struct lbill {
	int64_t	 id, contact, total, balance, issued;
	char	*kind, *state, *currency, *number;
};

static enum vl_rc
bill_lock(struct vl_ctx *c, int64_t id, struct lbill *b)
{
	b->id = id;
	return vl_db_row(c->pool, STMT_PAY_BILL_LOCK, "ii", "sissiisi", c->firm_id, id, &b->kind,
	    &b->contact, &b->state, &b->currency, &b->total, &b->balance, &b->number, &b->issued);
}

/* 1 if bill b takes money: final or partly paid, something owed. */
static int
payable(const struct lbill *b)
{
	return (strcmp(b->state, "final") == 0 || strcmp(b->state, "partial") == 0) &&
	    b->balance > 0;
}

static const char *
account_of(const char *kind)
{
	return strcmp(kind, "trust") == 0 ? "trust" : "operating";
}

/* Queues the receipt of kind to contact's address on file (nothing when
 * there is none: mail goes only to addresses on file). */
static enum vl_rc
receipt(struct vl_ctx *c, int64_t contact, enum vl_mail_kind kind, const char *amount,
    const char *method, const char *items)
{
	struct vl_buf	 p = VL_BUF_INIT;
	char		*name, *email;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(c->pool, STMT_PAY_CONTACT, "ii", "ss", c->firm_id, contact, &name,
	    &email)) != VL_OK)
		return rc == VL_DECLINED ? VL_OK : rc;
	if (*email == '\0')
		return VL_OK;
	vl_buf_add_param(&p, "name", name);
	vl_buf_add_param(&p, "amount", amount);
	vl_buf_add_param(&p, "method", method);
	vl_buf_add_param(&p, "items", items);
	vl_buf_add_param(&p, "when", vl_tz_when(c, (int64_t)time(NULL)));
	vl_buf_add_param(&p, "link", vl_pool_printf(c->pool, "%s/portal", vl_conf.base_url));
	rc = vl_notify(c->firm_id, kind, email, vl_buf_str(&p));
	vl_buf_release(&p);
	return rc;
}

/* What money to record, and where it came from. */
struct money_in {
	int64_t		 contact, amount;
	const char	*account, *currency, *received_on, *reference;
	enum vl_pay_method method;
	const char	*session, *intent;	/* NULL offline */
};

/*
 * Inside the caller's transaction: the payment m over bills ids[n] (locked
 * here in id order), oldest first; each bill's balance, state and
 * timeline; audit; receipt.  Bills that no longer take money (paid
 * meanwhile) get nothing; what finds no bill stays on the payment,
 * unallocated, audited, for the firm to refund.  *id gets the payment.
 */
static enum vl_rc
record(struct vl_ctx *c, const struct money_in *m, const int64_t *ids, size_t n, int64_t *id)
{
	struct lbill		 b[VL_PAY_ITEMS_MAX];
	struct vl_pay_item	 items[VL_PAY_ITEMS_MAX];
	struct vl_buf		 what = VL_BUF_INIT;
	int64_t			 part[VL_PAY_ITEMS_MAX], sorted[VL_PAY_ITEMS_MAX], left, t;
	uint64_t		 pid = 0;
	size_t			 i, j, k = 0;
	const char		*state, *amt;
	enum vl_rc		 rc;

	if (n > VL_PAY_ITEMS_MAX)
		return VL_ERR;
	/* locks in one order, so two payments over the same bills cannot deadlock */
	memcpy(sorted, ids, n * sizeof(*ids));
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
			t = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		if (i > 0 && sorted[i] == sorted[i - 1])
			continue;
		if ((rc = bill_lock(c, sorted[i], &b[k])) == VL_DECLINED)
			continue;
		if (rc != VL_OK)
			return rc;
		if (!payable(&b[k]) || b[k].contact != m->contact ||
		    strcmp(account_of(b[k].kind), m->account) != 0 ||
		    strcmp(b[k].currency, m->currency) != 0)
			continue;
		items[k] = (struct vl_pay_item){ b[k].id, b[k].issued, b[k].balance };
		k++;
	}
	if ((left = vl_pay_allocate(m->amount, items, k, part)) < 0)
		return VL_ERR;
	if ((rc = vl_db_exec(STMT_PAY_INSERT, NULL, &pid, "iisssissssi", c->firm_id, m->contact,
	    m->account, vl_pay_methods[m->method], m->currency, m->amount, m->received_on,
	    m->reference ? m->reference : "", m->session, m->intent, c->user_id)) != VL_OK)
		return rc;
	*id = (int64_t)pid;
	for (i = 0; i < k; i++) {
		if (part[i] == 0)
			continue;
		amt = vl_money_fmt(c->pool, part[i], m->currency);
		state = vl_pay_state_for(b[i].total, b[i].balance - part[i]);
		if ((rc = vl_db_exec(STMT_PAY_ALLOC_INSERT, NULL, NULL, "iiii", *id, c->firm_id,
		    b[i].id, part[i])) != VL_OK ||
		    (rc = vl_db_exec(STMT_PAY_BILL_SET, NULL, NULL, "isii", b[i].balance - part[i],
		    state, c->firm_id, b[i].id)) != VL_OK ||
		    (rc = vl_bill_event(c, b[i].id, VL_BEV_PAID, vl_pool_printf(c->pool,
		    "%s by %s (payment %lld)", amt, method_words[m->method], (long long)*id))) != VL_OK)
			goto out;
		vl_buf_addf(&what, "%s%s %s: %s", what.len ? "; " : "",
		    strcmp(b[i].kind, "trust") == 0 ? "Funds request" : "Bill", b[i].number, amt);
	}
	vl_audit(c, m->session ? "payment_received" : "payment_recorded", "payment", *id);
	if (left > 0)
		vl_audit(c, "payment_unallocated", "payment", *id);
	rc = receipt(c, m->contact, VL_MAIL_PAYMENT_RECEIPT,
	    vl_money_fmt(c->pool, m->amount, m->currency), method_words[m->method],
	    what.len ? vl_buf_str(&what) : "held on account");
out:
	vl_buf_release(&what);
	return rc;
}

enum vl_rc
vl_pay_record(struct vl_ctx *c, int64_t bill, const struct vl_pay_offline *in, int64_t *payment,
    struct vl_form_err *e)
{
	struct money_in		 m;
	struct lbill		 b;
	enum vl_pay_method	 method = vl_pay_method_of(in->method);
	char			 today[11];
	int64_t			 amount = 0;
	enum vl_rc		 rc;

	*payment = 0;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = bill_lock(c, bill, &b)) != VL_OK)
		goto fail;
	if (!payable(&b)) {
		rc = VL_CONFLICT;
		goto fail;
	}
	vl_date_today(c, today);
	if (in->amount == NULL || vl_money_parse(in->amount, b.currency, &amount) != VL_OK)
		rc = vl_form_refuse(e, "amount", "amount_invalid");
	else if (amount <= 0)
		rc = vl_form_refuse(e, "amount", "amount_zero");
	else if (amount > b.balance)
		rc = vl_form_refuse(e, "amount", "amount_over");
	else if (in->date == NULL || !vl_date_valid(in->date))
		rc = vl_form_refuse(e, "date", "date_invalid");
	else if (strcmp(in->date, today) > 0)
		rc = vl_form_refuse(e, "date", "date_future");
	else if (method < VL_PM_CHECK || method >= VL_PM__MAX)
		rc = vl_form_refuse(e, "method", "method_invalid");
	else if (in->reference != NULL && strlen(in->reference) > 200)
		rc = vl_form_refuse(e, "reference", "reference_long");
	if (rc != VL_OK)
		goto fail;
	m = (struct money_in){ b.contact, amount, account_of(b.kind), b.currency, in->date,
	    in->reference ? vl_utf8_clean(c->pool, in->reference, 200) : "", method, NULL, NULL };
	if ((rc = record(c, &m, &bill, 1, payment)) != VL_OK)
		goto fail;
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_pay_due(struct vl_ctx *c, int64_t contact, const int64_t *ids, size_t n,
    struct vl_pay_due *out, size_t *nout)
{
	struct lbill	 b;
	size_t		 i, j;
	enum vl_rc	 rc;

	*nout = 0;
	for (i = 0; i < n && *nout < VL_PAY_ITEMS_MAX; i++) {
		for (j = 0; j < *nout && out[j].bill != ids[i]; j++)
			;
		if (j < *nout)
			continue;
		rc = vl_db_row(c->pool, STMT_PAY_BILL_GET, "ii", "sissiisi", c->firm_id, ids[i],
		    &b.kind, &b.contact, &b.state, &b.currency, &b.total, &b.balance, &b.number,
		    &b.issued);
		if (rc == VL_DECLINED)
			continue;
		if (rc != VL_OK)
			return rc;
		if (!payable(&b) || b.contact != contact)
			continue;
		out[(*nout)++] = (struct vl_pay_due){ ids[i], b.balance, b.issued,
		    strcmp(b.kind, "trust") == 0, b.number, b.currency };
	}
	return VL_OK;
}

enum vl_rc
vl_pay_link_due(struct vl_ctx *c, const struct vl_paylink *l, struct vl_pay_due *out,
    size_t *nout)
{
	struct vl_rows	*rows;
	int64_t		 ids[VL_PAY_ITEMS_MAX];
	size_t		 n = 0;
	int		 got;

	*nout = 0;
	if (l->bill != 0)
		ids[n++] = l->bill;
	else {
		if (vl_db_query(c->pool, STMT_PAY_ENVELOPE_BILLS, &rows, "ii", c->firm_id,
		    l->envelope) != VL_OK)
			return VL_ERR;
		while (n < VL_PAY_ITEMS_MAX && (got = vl_db_next(rows, "i", &ids[n])) > 0)
			n++;
		if (vl_db_rows_failed(rows))
			return VL_ERR;
	}
	return vl_pay_due(c, l->contact, ids, n, out, nout);
}

enum vl_rc
vl_pay_checkout(struct vl_ctx *c, int64_t contact, const int64_t *bills, size_t n,
    const char *amount_text, const char *back_url, const char **url, struct vl_form_err *e)
{
	struct vl_pay_due	 due[VL_PAY_ITEMS_MAX];
	struct vl_stripe_line	 lines[VL_PAY_ITEMS_MAX];
	struct vl_stripe_new	 req;
	struct vl_stripe_session s;
	struct vl_buf		 list = VL_BUF_INIT, why = VL_BUF_INIT;
	char			*key, *whsec, *name, *email, *cid;
	int64_t			 total = 0, amount;
	uint64_t		 id = 0;
	size_t			 nd, i;
	enum vl_rc		 rc;

	*url = NULL;
	if ((rc = provider_keys(c, c->firm_id, 1, &key, &whsec)) != VL_OK)
		return rc == VL_DECLINED ? VL_FORBIDDEN : rc;
	if ((rc = vl_pay_due(c, contact, bills, n, due, &nd)) != VL_OK)
		return rc;
	if (nd == 0)
		return VL_DECLINED;
	for (i = 0; i < nd; i++) {
		/* trust money and operating money never share a checkout */
		if (due[i].trust != due[0].trust || strcmp(due[i].currency, due[0].currency) != 0)
			return VL_CONFLICT;
		total += due[i].balance;
		vl_buf_addf(&list, "%s%lld", i ? "," : "", (long long)due[i].bill);
	}
	amount = total;
	if (amount_text != NULL && *amount_text != '\0') {
		if (vl_money_parse(amount_text, due[0].currency, &amount) != VL_OK)
			rc = vl_form_refuse(e, "amount", "amount_invalid");
		else if (amount <= 0)
			rc = vl_form_refuse(e, "amount", "amount_zero");
		else if (amount > total)
			rc = vl_form_refuse(e, "amount", "amount_over");
		if (rc != VL_OK)
			goto out;
	}
	if ((rc = vl_db_exec(STMT_PAY_CHECKOUT_INSERT, NULL, &id, "iisiss", c->firm_id, contact,
	    due[0].trust ? "trust" : "operating", amount, due[0].currency,
	    vl_buf_str(&list))) != VL_OK)
		goto out;
	if (amount == total) {
		for (i = 0; i < nd; i++)
			lines[i] = (struct vl_stripe_line){ vl_pool_printf(c->pool, "%s %s",
			    due[i].trust ? "Funds request" : "Bill", due[i].number), due[i].balance };
	} else {
		vl_buf_reset(&why);
		for (i = 0; i < nd; i++)
			vl_buf_addf(&why, "%s%s", i ? ", " : "", due[i].number);
		lines[0] = (struct vl_stripe_line){ vl_pool_printf(c->pool, "Part payment: %s %s",
		    due[0].trust ? "funds request" : (nd > 1 ? "bills" : "bill"), vl_buf_str(&why)),
		    amount };
		nd = 1;
		vl_buf_reset(&why);
	}
	email = NULL;
	if (vl_db_row(c->pool, STMT_PAY_CONTACT, "ii", "ss", c->firm_id, contact, &name,
	    &email) != VL_OK || (email != NULL && *email == '\0'))
		email = NULL;
	cid = vl_pool_printf(c->pool, "%llu", (unsigned long long)id);
	memset(&req, 0, sizeof(req));
	req.currency = due[0].currency;
	req.lines = lines;
	req.nlines = nd;
	req.success_url = back_url;
	req.cancel_url = back_url;
	req.reference = vl_pool_printf(c->pool, "checkout-%s", cid);
	req.email = email;
	req.meta_key[0] = "firm";
	req.meta_val[0] = vl_pool_printf(c->pool, "%lld", (long long)c->firm_id);
	req.meta_key[1] = "checkout";
	req.meta_val[1] = cid;
	req.nmeta = 2;
	req.idempotency = vl_pool_printf(c->pool, "vellum-checkout-%lld-%s",
	    (long long)c->firm_id, cid);
	if ((rc = vl_stripe_session_create(c->pool, key, &req, &s, &why)) != VL_OK) {
		vl_err("checkout %s: the provider refused: %s", cid, vl_buf_str(&why));
		rc = rc == VL_ERR ? VL_ERR : vl_form_refuse(e, "amount", "provider");
		goto out;
	}
	if ((rc = vl_db_exec(STMT_PAY_CHECKOUT_SESSION, NULL, NULL, "sii", s.id, c->firm_id,
	    (int64_t)id)) != VL_OK)
		goto out;
	vl_audit(c, "checkout_started", "checkout", (int64_t)id);
	*url = s.url;
out:
	vl_buf_release(&list);
	vl_buf_release(&why);
	return rc;
}

/* ---- webhooks ---- */

/* The checkout's bill ids from "1,2,3" into ids (at most max). */
static size_t
bill_ids(const char *s, int64_t *ids, size_t max)
{
	const char	*p = s;
	char		 one[24];
	size_t		 n = 0, len;

	while (p && *p && n < max) {
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(one))
			break;
		memcpy(one, p, len);
		one[len] = '\0';
		if (vl_strtonum(one, 1, INT64_MAX, &ids[n]) != VL_OK)
			break;
		n++;
		p += len;
		if (*p == ',')
			p++;
	}
	return n;
}

/* An event that may pay a checkout. */
static int
pays(const char *type)
{
	return strcmp(type, "checkout.session.completed") == 0 ||
	    strcmp(type, "checkout.session.async_payment_succeeded") == 0;
}

/* Marks the event handled, in its own transaction. */
static enum vl_rc
handled(struct vl_ctx *c, const char *event)
{
	enum vl_rc	 rc;

	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_exec(STMT_PAY_EVENT_HANDLED, NULL, NULL, "is", c->firm_id, event)) != VL_OK) {
		vl_db_rollback();
		return rc;
	}
	return vl_db_commit();
}

/*
 * Handles stored event id of the acting firm: recorded once, whatever the
 * number of deliveries.  The provider is asked what the session is: the
 * webhook says that something happened, the provider's answer what.
 */
static enum vl_rc
handle(struct vl_ctx *c, const char *event, const char *body)
{
	struct vl_stripe_event	 e;
	struct vl_stripe_session s;
	struct vl_buf		 why = VL_BUF_INIT;
	struct money_in		 m;
	int64_t			 ids[VL_PAY_ITEMS_MAX], checkout = 0, contact, amount, done, isdone,
				 payment;
	char			*key, *whsec, *account, *currency, *bills, *session, *type, *b2;
	char			 today[11];
	enum vl_pay_method	 method;
	enum vl_rc		 rc;

	if (vl_stripe_event_parse(c->pool, body, strlen(body), &e) != VL_OK)
		return handled(c, event);
	if (!pays(e.type))
		return handled(c, event);
	if (e.meta_checkout == NULL ||
	    vl_strtonum(e.meta_checkout, 1, INT64_MAX, &checkout) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_PAY_CHECKOUT_GET, "ii", "isisssi", c->firm_id, checkout,
	    &contact, &account, &amount, &currency, &bills, &session, &done)) == VL_DECLINED) {
		vl_warn("event %s names no checkout of firm %lld", event, (long long)c->firm_id);
		return handled(c, event);
	}
	if (rc != VL_OK)
		return rc;
	if (done)
		return handled(c, event);
	if ((rc = provider_keys(c, c->firm_id, 0, &key, &whsec)) != VL_OK)
		return rc;
	if ((rc = vl_stripe_session_get(c->pool, key, e.object_id, &s, &why)) != VL_OK) {
		vl_err("event %s: session %s: %s", event, e.object_id ? e.object_id : "-",
		    vl_buf_str(&why));
		vl_buf_release(&why);
		/* a session the provider does not know is no payment; else retry */
		return rc == VL_DECLINED || rc == VL_INVALID ? handled(c, event) : VL_ERR;
	}
	vl_buf_release(&why);
	if (s.meta_firm == NULL || s.meta_checkout == NULL ||
	    strcmp(s.meta_firm, vl_pool_printf(c->pool, "%lld", (long long)c->firm_id)) != 0 ||
	    strcmp(s.meta_checkout, e.meta_checkout) != 0 || strcmp(s.id, session) != 0 ||
	    s.amount_total != amount || s.currency == NULL || strcmp(s.currency, currency) != 0 ||
	    s.payment_intent == NULL) {
		vl_warn("event %s: session %s does not match checkout %lld", event, s.id,
		    (long long)checkout);
		vl_audit(c, "webhook_mismatch", "checkout", checkout);
		return handled(c, event);
	}
	/* a bank debit completes the session unpaid: its async event pays */
	if (s.payment_status == NULL || strcmp(s.payment_status, "paid") != 0)
		return handled(c, event);
	method = s.method != NULL && strcmp(s.method, "us_bank_account") == 0 ? VL_PM_ACH : VL_PM_CARD;
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	/* the locks make two deliveries at once one: the second finds it done */
	if ((rc = vl_db_row(c->pool, STMT_PAY_EVENT_LOCK, "is", "ssi", c->firm_id, event, &type,
	    &b2, &isdone)) != VL_OK ||
	    (rc = vl_db_row(c->pool, STMT_PAY_CHECKOUT_LOCK, "ii", "isisssi", c->firm_id, checkout,
	    &contact, &account, &amount, &currency, &bills, &session, &done)) != VL_OK)
		goto fail;
	if (!isdone && !done) {
		c->contact_id = contact;
		vl_date_today(c, today);
		m = (struct money_in){ contact, amount, account, currency, today,
		    vl_pool_printf(c->pool, "checkout %lld", (long long)checkout), method, s.id,
		    s.payment_intent };
		if ((rc = record(c, &m, ids, bill_ids(bills, ids, VL_PAY_ITEMS_MAX),
		    &payment)) != VL_OK ||
		    (rc = vl_db_exec(STMT_PAY_CHECKOUT_DONE, NULL, NULL, "ii", c->firm_id,
		    checkout)) != VL_OK)
			goto fail;
	}
	if ((rc = vl_db_exec(STMT_PAY_EVENT_HANDLED, NULL, NULL, "is", c->firm_id, event)) != VL_OK)
		goto fail;
	return vl_db_commit();
fail:
	vl_db_rollback();
	return rc;
}

enum vl_rc
vl_pay_webhook(struct vl_ctx *c, const char *header, const char *body, size_t len, int64_t now)
{
	struct vl_stripe_event	 e;
	char			*key, *whsec, *type, *stored;
	int64_t			 firm, isdone;
	uint64_t		 fresh = 0;
	enum vl_rc		 rc;

	if (body == NULL || strlen(body) != len)
		return VL_INVALID;
	/* read unverified only to learn whose secret to verify it with */
	if (vl_stripe_event_parse(c->pool, body, len, &e) != VL_OK || e.meta_firm == NULL ||
	    vl_strtonum(e.meta_firm, 1, INT64_MAX, &firm) != VL_OK)
		return VL_INVALID;
	if ((rc = provider_keys(c, firm, 0, &key, &whsec)) != VL_OK)
		return rc == VL_DECLINED ? VL_INVALID : rc;
	if ((rc = vl_stripesig_verify(header, body, len, whsec, now,
	    VL_STRIPESIG_TOLERANCE)) != VL_OK) {
		vl_warn("webhook for firm %lld refused: %s signature", (long long)firm,
		    rc == VL_INVALID ? "malformed" : "wrong or stale");
		return VL_FORBIDDEN;
	}
	c->firm_id = firm;
	c->zone = NULL;
	/* the provider's other events are kept (replay, the record) and done */
	if (!pays(e.type))
		return vl_db_exec(STMT_PAY_EVENT_INSERT_DONE, NULL, NULL, "siss", e.id, firm, e.type,
		    body);
	if ((rc = vl_db_exec(STMT_PAY_EVENT_INSERT, &fresh, NULL, "siss", e.id, firm, e.type,
	    body)) != VL_OK)
		return rc;
	if (!fresh) {
		/* seen before: done, or an earlier handling failed and it goes on */
		if ((rc = vl_db_row(c->pool, STMT_PAY_EVENT_LOCK, "is", "ssi", firm, e.id, &type,
		    &stored, &isdone)) != VL_OK)
			return rc;
		if (isdone)
			return VL_OK;
		return handle(c, e.id, stored);
	}
	return handle(c, e.id, body);
}

enum vl_rc
vl_pay_replay(struct vl_ctx *c, const char *event_id)
{
	char	*type, *body;
	int64_t	 firm, isdone;
	enum vl_rc rc;

	if ((rc = vl_db_row(c->pool, STMT_PAY_EVENT_FIRM, "s", "i", event_id, &firm)) != VL_OK)
		return rc;
	c->firm_id = firm;
	c->zone = NULL;
	if ((rc = vl_db_row(c->pool, STMT_PAY_EVENT_LOCK, "is", "ssi", firm, event_id, &type,
	    &body, &isdone)) != VL_OK)
		return rc;
	vl_audit(c, "webhook_replayed", "firm", firm);
	if (isdone)
		return VL_OK;
	return handle(c, event_id, body);
}

/* ---- a payment, refunds ---- */

enum vl_rc
vl_pay_load(struct vl_ctx *c, int64_t id, struct vl_payment *p)
{
	struct vl_rows	*rows;
	char		*intent, *email;
	size_t		 n;
	int		 got;
	enum vl_rc	 rc;

	memset(p, 0, sizeof(*p));
	p->id = id;
	if ((rc = vl_db_row(c->pool, STMT_PAY_GET, "ii", "issiissisi", c->firm_id, id, &p->contact,
	    &p->account, &p->method, &p->amount, &p->refunded, &p->currency, &intent,
	    &p->received_on, &p->reference, &p->created_at)) != VL_OK)
		return rc;
	p->online = intent != NULL;
	if ((rc = vl_db_row(c->pool, STMT_PAY_CONTACT, "ii", "ss", c->firm_id, p->contact,
	    &p->contact_name, &email)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	if (vl_db_query(c->pool, STMT_PAY_ALLOCS, &rows, "ii", c->firm_id, id) != VL_OK)
		return VL_ERR;
	n = vl_db_count(rows);
	p->allocs = vl_pool_calloc(c->pool, n ? n : 1, sizeof(*p->allocs));
	while (p->nallocs < n && (got = vl_db_next(rows, "iiiss", &p->allocs[p->nallocs].bill,
	    &p->allocs[p->nallocs].amount, &p->allocs[p->nallocs].refunded,
	    &p->allocs[p->nallocs].number, &p->allocs[p->nallocs].kind)) > 0)
		p->nallocs++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	if (vl_db_query(c->pool, STMT_PAY_REFUNDS, &rows, "ii", c->firm_id, id) != VL_OK)
		return VL_ERR;
	n = vl_db_count(rows);
	p->refunds = vl_pool_calloc(c->pool, n ? n : 1, sizeof(*p->refunds));
	while (p->nrefunds < n && (got = vl_db_next(rows, "isis", &p->refunds[p->nrefunds].amount,
	    &p->refunds[p->nrefunds].reason, &p->refunds[p->nrefunds].at,
	    &p->refunds[p->nrefunds].who)) > 0)
		p->nrefunds++;
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	return VL_OK;
}

enum vl_rc
vl_pay_refund(struct vl_ctx *c, int64_t id, const char *amount_text, const char *reason,
    struct vl_form_err *e)
{
	struct vl_payment	 p;
	struct vl_stripe_refund	 r;
	struct vl_buf		 why = VL_BUF_INIT, what = VL_BUF_INIT;
	struct lbill		 b;
	int64_t			 open[VL_PAY_ITEMS_MAX], part[VL_PAY_ITEMS_MAX], amount, left,
				 placed = 0, contact, pamount, prefunded, rday, created;
	char			*key, *whsec, *account, *method, *currency, *intent, *ref, *amt;
	const char		*provider_refund = NULL;
	size_t			 i, n;
	int			 ach;
	enum vl_rc		 rc;

	if ((rc = vl_pay_load(c, id, &p)) != VL_OK)
		return rc;
	left = p.amount - p.refunded;
	if (left <= 0)
		return VL_CONFLICT;
	ach = strcmp(p.method, "ach") == 0;
	amount = left;
	if (amount_text != NULL && *amount_text != '\0') {
		if (vl_money_parse(amount_text, p.currency, &amount) != VL_OK)
			return vl_form_refuse(e, "amount", "amount_invalid");
		if (amount <= 0)
			return vl_form_refuse(e, "amount", "amount_zero");
		if (amount > left)
			return vl_form_refuse(e, "amount", "amount_over");
	}
	/* bank (ACH) payments go back whole, "Pay All" ones over every item (F-C6) */
	if (ach && (amount != left || p.refunded != 0))
		return vl_form_refuse(e, "amount", "ach_partial");
	if (reason != NULL && strlen(reason) > 500)
		return vl_form_refuse(e, "reason", "reason_long");
	if (p.online) {
		if ((rc = provider_keys(c, c->firm_id, 0, &key, &whsec)) != VL_OK)
			return rc == VL_DECLINED ? vl_form_refuse(e, "amount", "provider") : rc;
		if ((rc = vl_db_row(c->pool, STMT_PAY_GET, "ii", "issiissisi", c->firm_id, id,
		    &contact, &account, &method, &pamount, &prefunded, &currency, &intent, &rday,
		    &ref, &created)) != VL_OK)
			return rc;
		/* the same refund asked twice (a double click) is one at the provider */
		rc = vl_stripe_refund_create(c->pool, key, intent, amount, vl_pool_printf(c->pool,
		    "vellum-refund-%lld-%lld-%lld-%lld", (long long)c->firm_id, (long long)id,
		    (long long)p.refunded, (long long)amount), &r, &why);
		if (rc != VL_OK) {
			vl_warn("refund of payment %lld refused by the provider: %s", (long long)id,
			    vl_buf_str(&why));
			vl_buf_release(&why);
			return rc == VL_ERR ? VL_ERR : vl_form_refuse(e, "amount", "provider");
		}
		vl_buf_release(&why);
		provider_refund = r.id;
	}
	if ((rc = vl_db_begin()) != VL_OK)
		return rc;
	if ((rc = vl_db_row(c->pool, STMT_PAY_LOCK, "ii", "issiissisi", c->firm_id, id, &contact,
	    &account, &method, &pamount, &prefunded, &currency, &intent, &rday, &ref,
	    &created)) != VL_OK)
		goto fail;
	if (prefunded != p.refunded) {
		/* another refund went first: this one is not what was asked */
		rc = VL_CONFLICT;
		goto fail;
	}
	n = p.nallocs < VL_PAY_ITEMS_MAX ? p.nallocs : VL_PAY_ITEMS_MAX;
	for (i = 0; i < n; i++) {
		open[i] = p.allocs[i].amount - p.allocs[i].refunded;
		placed += open[i];
	}
	/* money held on account (never placed on a bill) goes back first */
	if (amount > left - placed && !vl_pay_unallocate(amount - (left - placed), open, n, part)) {
		rc = VL_ERR;
		goto fail;
	}
	if (amount <= left - placed)
		memset(part, 0, sizeof(part));
	if ((rc = vl_db_exec(STMT_PAY_REFUND_INSERT, NULL, NULL, "iiissi", c->firm_id, id, amount,
	    reason ? vl_utf8_clean(c->pool, reason, 500) : "", provider_refund, c->user_id)) != VL_OK ||
	    (rc = vl_db_exec(STMT_PAY_REFUNDED_ADD, NULL, NULL, "iii", amount, c->firm_id,
	    id)) != VL_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		if (part[i] == 0)
			continue;
		if ((rc = bill_lock(c, p.allocs[i].bill, &b)) != VL_OK)
			goto fail;
		amt = vl_money_fmt(c->pool, part[i], p.currency);
		if ((rc = vl_db_exec(STMT_PAY_ALLOC_REFUND, NULL, NULL, "iiii", part[i], c->firm_id,
		    id, b.id)) != VL_OK ||
		    (rc = vl_db_exec(STMT_PAY_BILL_SET, NULL, NULL, "isii", b.balance + part[i],
		    strcmp(b.state, "void") == 0 ? "void" :
		    vl_pay_state_for(b.total, b.balance + part[i]), c->firm_id, b.id)) != VL_OK ||
		    (rc = vl_bill_event(c, b.id, VL_BEV_REFUNDED, vl_pool_printf(c->pool,
		    "%s refunded (payment %lld)", amt, (long long)id))) != VL_OK)
			goto fail;
		vl_buf_addf(&what, "%s%s %s: %s", what.len ? "; " : "",
		    strcmp(b.kind, "trust") == 0 ? "Funds request" : "Bill", b.number, amt);
	}
	vl_audit(c, "payment_refunded", "payment", id);
	if ((rc = receipt(c, p.contact, VL_MAIL_REFUND_RECEIPT,
	    vl_money_fmt(c->pool, amount, p.currency), method_words[vl_pay_method_of(p.method)],
	    what.len ? vl_buf_str(&what) : "money held on account")) != VL_OK)
		goto fail;
	vl_buf_release(&what);
	return vl_db_commit();
fail:
	vl_buf_release(&what);
	vl_db_rollback();
	if (provider_refund != NULL)
		vl_err("payment %lld: refund %s made at the provider but not recorded",
		    (long long)id, provider_refund);
	return rc;
}

/* ---- lists and reconciliation ---- */

enum vl_rc
vl_pay_list(struct vl_ctx *c, int64_t page, struct vl_pay_row **rows, size_t *n, int *more)
{
	struct vl_rows	*res;
	struct vl_pay_row *v;
	int		 got;

	*n = 0;
	*more = 0;
	if (vl_db_query(c->pool, STMT_PAY_LIST, &res, "iii", c->firm_id, (int64_t)VL_PAGE_ROWS + 1,
	    vl_page_offset(page)) != VL_OK)
		return VL_ERR;
	v = vl_pool_calloc(c->pool, VL_PAGE_ROWS + 1, sizeof(*v));
	while (*n <= VL_PAGE_ROWS && (got = vl_db_next(res, "isssiisi", &v[*n].id, &v[*n].contact,
	    &v[*n].account, &v[*n].method, &v[*n].amount, &v[*n].refunded, &v[*n].currency,
	    &v[*n].received_on)) > 0)
		(*n)++;
	if (vl_db_rows_failed(res))
		return VL_ERR;
	if (*n > VL_PAGE_ROWS) {
		*n = VL_PAGE_ROWS;
		*more = 1;
	}
	*rows = v;
	return VL_OK;
}

/* The epoch of day "YYYY-MM-DD" at UTC midnight; 0 if it is no day. */
static int64_t
day_epoch(const char *day)
{
	struct tm	 tm;
	int64_t		 y, m, d;
	char		 buf[11];

	if (day == NULL || !vl_date_valid(day))
		return 0;
	memcpy(buf, day, 10);
	buf[4] = buf[7] = buf[10] = '\0';
	if (vl_strtonum(buf, 1900, 9999, &y) != VL_OK || vl_strtonum(buf + 5, 1, 12, &m) != VL_OK ||
	    vl_strtonum(buf + 8, 1, 31, &d) != VL_OK)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d;
	return (int64_t)timegm(&tm);
}

/*
 * The first second of the day that starts at UTC midnight utc_day, where
 * zone is: the local date only grows with time, so a search over the
 * day's possible offsets (UTC-14 to UTC+14) finds it, whatever the
 * zone's rules (summer time included).
 */
static int64_t
local_midnight(const char *zone, int64_t utc_day)
{
	int64_t	 lo = utc_day - 15 * 3600, hi = utc_day + 15 * 3600, mid;
	int	 y, m, d, wy, wm, wd;

	vl_tz_ymd("UTC", utc_day, &wy, &wm, &wd);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		vl_tz_ymd(zone, mid, &y, &m, &d);
		if (y * 10000 + m * 100 + d >= wy * 10000 + wm * 100 + wd)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

enum vl_rc
vl_pay_reconcile(struct vl_ctx *c, const char *day, struct vl_buf *out, int *diffs)
{
	struct vl_stripe_charge	*ch;
	struct vl_buf		 why = VL_BUF_INIT;
	struct vl_rows		*rows;
	char			*key, *whsec, *pi, *cur;
	int64_t			 utc = day_epoch(day), from, to, pid, amt, ref;
	size_t			 n, i, nseen = 0;
	char			*seen;
	int			 got;
	enum vl_rc		 rc;

	*diffs = 0;
	if (utc == 0)
		return VL_INVALID;
	/* the firm's day, as its payments' received_on dates are */
	from = local_midnight(vl_tz_firm(c), utc);
	to = local_midnight(vl_tz_firm(c), utc + 86400);
	if ((rc = provider_keys(c, c->firm_id, 0, &key, &whsec)) != VL_OK)
		return rc == VL_DECLINED ? VL_FORBIDDEN : rc;
	if ((rc = vl_stripe_charges(c->pool, key, from, to, 100000, &ch, &n,
	    &why)) != VL_OK) {
		vl_buf_addf(out, "the provider's charges could not be listed: %s\n",
		    why.len ? vl_buf_str(&why) : vl_rc_names[rc]);
		vl_buf_release(&why);
		return VL_ERR;
	}
	vl_buf_release(&why);
	seen = vl_pool_calloc(c->pool, n ? n : 1, 1);
	if (vl_db_query(c->pool, STMT_PAY_DAY, &rows, "is", c->firm_id, day) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "isiis", &pid, &pi, &amt, &ref, &cur)) > 0) {
		for (i = 0; i < n; i++)
			if (ch[i].payment_intent != NULL && strcmp(ch[i].payment_intent, pi) == 0)
				break;
		if (i == n) {
			vl_buf_addf(out, "missing at the provider: payment %lld (%s, %s)\n",
			    (long long)pid, pi, vl_money_fmt(c->pool, amt, cur));
			(*diffs)++;
			continue;
		}
		seen[i] = 1;
		nseen++;
		if (ch[i].amount != amt || ch[i].refunded != ref ||
		    (ch[i].currency && strcmp(ch[i].currency, cur) != 0)) {
			vl_buf_addf(out, "amounts differ: payment %lld %s refunded %s here, charge %s"
			    " %s refunded %s there\n", (long long)pid, vl_money_fmt(c->pool, amt, cur),
			    vl_money_fmt(c->pool, ref, cur), ch[i].id,
			    vl_money_fmt(c->pool, ch[i].amount, ch[i].currency ? ch[i].currency : cur),
			    vl_money_fmt(c->pool, ch[i].refunded, ch[i].currency ? ch[i].currency : cur));
			(*diffs)++;
		}
	}
	if (got < 0)
		return VL_ERR;
	for (i = 0; i < n; i++)
		if (!seen[i] && ch[i].paid) {
			vl_buf_addf(out, "missing here: charge %s (%s, %s)\n", ch[i].id,
			    ch[i].payment_intent ? ch[i].payment_intent : "no payment intent",
			    ch[i].currency ? vl_money_fmt(c->pool, ch[i].amount, ch[i].currency) : "?");
			(*diffs)++;
		}
	vl_buf_addf(out, "%zu charge(s) at the provider, %zu matched, %d difference(s)\n", n, nseen,
	    *diffs);
	return VL_OK;
}
