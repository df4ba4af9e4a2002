/*
 * Stripe's HTTP API through libcurl (see stripe.h).  Requests are
 * form-encoded with Stripe's bracket notation (line_items[0][price_data]
 * [unit_amount]=...), answers are JSON read with jansson.
 */
#include <ctype.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "stripe.h"

#define ANSWER_MAX	(4 * 1024 * 1024)	/* a charges page is ~100 KB */
#define TIMEOUT		30L			/* seconds, whole request */

struct answer {
	struct vl_buf	 body;
	int		 toobig;
};

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct answer	*a = arg;

	if (a->body.len + size * n > ANSWER_MAX) {
		a->toobig = 1;
		return 0;
	}
	vl_buf_add(&a->body, p, size * n);
	return size * n;
}

/* The message of Stripe's {"error": {"message": ...}}, or the status. */
static void
error_of(json_t *j, long status, struct vl_buf *why)
{
	const char	*m = NULL;

	if (why == NULL)
		return;
	vl_buf_reset(why);
	if (j != NULL)
		m = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	if (m != NULL)
		vl_buf_adds(why, m);
	else
		vl_buf_addf(why, "the payment provider answered %ld", status);
}

/*
 * One call: method "GET" (form, if any, as the query) or "POST" (form as
 * the body).  *out gets the parsed JSON of a 2xx answer (caller decrefs).
 */
static enum vl_rc
call(const char *key, const char *method, const char *path, const struct vl_buf *form,
    const char *idempotency, json_t **out, struct vl_buf *why)
{
	CURL			*curl = NULL;
	struct curl_slist	*hdrs = NULL;
	struct vl_buf		 url = VL_BUF_INIT, h = VL_BUF_INIT;
	struct answer		 a = { VL_BUF_INIT, 0 };
	json_t			*j = NULL;
	json_error_t		 jerr;
	enum vl_rc		 rc = VL_ERR;
	CURLcode		 cc;
	long			 status = 0;

	*out = NULL;
	if (key == NULL || *key == '\0' || strpbrk(key, "\r\n") != NULL) {
		if (why)
			vl_buf_adds(why, "no secret key");
		return VL_FORBIDDEN;
	}
	vl_buf_addf(&url, "%s%s", vl_conf.stripe_api_base, path);
	if (strcmp(method, "GET") == 0 && form != NULL && form->len > 0)
		vl_buf_addf(&url, "?%s", vl_buf_str(form));
	if ((curl = curl_easy_init()) == NULL)
		goto out;
	vl_buf_addf(&h, "Authorization: Bearer %s", key);
	hdrs = curl_slist_append(hdrs, vl_buf_str(&h));
	if (idempotency != NULL) {
		vl_buf_reset(&h);
		vl_buf_addf(&h, "Idempotency-Key: %s", idempotency);
		hdrs = curl_slist_append(hdrs, vl_buf_str(&h));
	}
	if (hdrs == NULL)
		goto out;
	curl_easy_setopt(curl, CURLOPT_URL, vl_buf_str(&url));
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "Vellum");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
	if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(curl, CURLOPT_POST, 1L);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form ? vl_buf_str(form) : "");
	}
	if ((cc = curl_easy_perform(curl)) != CURLE_OK) {
		vl_err("payment provider %s %s: %s", method, path, curl_easy_strerror(cc));
		if (why)
			vl_buf_adds(why, "the payment provider could not be reached");
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	j = json_loadb(a.body.buf ? a.body.buf : "", a.body.len, 0, &jerr);
	if (status >= 200 && status < 300) {
		if (!json_is_object(j)) {
			vl_err("payment provider %s %s: answer is not JSON", method, path);
			goto out;
		}
		*out = j;
		j = NULL;
		rc = VL_OK;
		goto out;
	}
	error_of(j, status, why);
	if (status == 401 || status == 403)
		rc = VL_FORBIDDEN;
	else if (status == 404)
		rc = VL_DECLINED;
	else if (status >= 400 && status < 500)
		rc = VL_INVALID;
	else
		vl_err("payment provider %s %s: status %ld", method, path, status);
out:
	json_decref(j);
	curl_slist_free_all(hdrs);
	if (curl)
		curl_easy_cleanup(curl);
	vl_buf_release(&a.body);
	vl_buf_release(&url);
	vl_buf_release(&h);
	return rc;
}

static char *
str(struct vl_pool *pool, json_t *o, const char *k)
{
	return vl_pool_strdup(pool, json_string_value(json_object_get(o, k)));
}

static int64_t
num(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* A field that is an id, or an expanded object with one. */
static json_t *
idof(json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	return json_is_object(v) ? json_object_get(v, "id") : v;
}

static char *
upper(char *s)
{
	char	*p;

	for (p = s; p && *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

static void
read_session(struct vl_pool *pool, json_t *j, struct vl_stripe_session *s)
{
	json_t	*pi, *meta = json_object_get(j, "metadata");

	memset(s, 0, sizeof(*s));
	s->id = str(pool, j, "id");
	s->url = str(pool, j, "url");
	s->status = str(pool, j, "status");
	s->payment_status = str(pool, j, "payment_status");
	s->payment_intent = vl_pool_strdup(pool, json_string_value(idof(j, "payment_intent")));
	s->reference = str(pool, j, "client_reference_id");
	s->currency = upper(str(pool, j, "currency"));
	s->amount_total = num(j, "amount_total");
	s->meta_firm = str(pool, meta, "firm");
	s->meta_checkout = str(pool, meta, "checkout");
	/* expanded: payment_intent.payment_method.type */
	pi = json_object_get(j, "payment_intent");
	if (json_is_object(pi))
		s->method = str(pool, json_object_get(pi, "payment_method"), "type");
}

/* Appends "key=val" with Stripe's brackets, key built from fmt. */
static void VL_PRINTF(3, 4)
param(struct vl_buf *b, const char *val, const char *fmt, ...)
{
	struct vl_buf	 k = VL_BUF_INIT;
	va_list		 ap;

	va_start(ap, fmt);
	vl_buf_vaddf(&k, fmt, ap);
	va_end(ap);
	vl_buf_add_param(b, vl_buf_str(&k), val);
	vl_buf_release(&k);
}

enum vl_rc
vl_stripe_session_create(struct vl_pool *pool, const char *key,
    const struct vl_stripe_new *n, struct vl_stripe_session *s, struct vl_buf *why)
{
	struct vl_buf	 f = VL_BUF_INIT;
	char		 cur[4], amt[24];
	json_t		*j;
	size_t		 i;
	enum vl_rc	 rc;

	memset(s, 0, sizeof(*s));
	if (n->currency == NULL || strlen(n->currency) != 3 || n->nlines == 0)
		return VL_INVALID;
	for (i = 0; i < 3; i++)
		cur[i] = (char)tolower((unsigned char)n->currency[i]);
	cur[3] = '\0';
	vl_buf_add_param(&f, "mode", "payment");
	vl_buf_add_param(&f, "payment_method_types[0]", "card");
	vl_buf_add_param(&f, "payment_method_types[1]", "us_bank_account");
	for (i = 0; i < n->nlines; i++) {
		if (n->lines[i].amount <= 0) {
			vl_buf_release(&f);
			return VL_INVALID;
		}
		snprintf(amt, sizeof(amt), "%lld", (long long)n->lines[i].amount);
		param(&f, cur, "line_items[%zu][price_data][currency]", i);
		param(&f, amt, "line_items[%zu][price_data][unit_amount]", i);
		param(&f, n->lines[i].name, "line_items[%zu][price_data][product_data][name]", i);
		param(&f, "1", "line_items[%zu][quantity]", i);
	}
	vl_buf_add_param(&f, "success_url", n->success_url);
	vl_buf_add_param(&f, "cancel_url", n->cancel_url);
	if (n->reference)
		vl_buf_add_param(&f, "client_reference_id", n->reference);
	if (n->email)
		vl_buf_add_param(&f, "customer_email", n->email);
	for (i = 0; i < n->nmeta && i < VL_STRIPE_META_MAX; i++) {
		param(&f, n->meta_val[i], "metadata[%s]", n->meta_key[i]);
		/* the payment intent carries them too: its charges say whose they are */
		param(&f, n->meta_val[i], "payment_intent_data[metadata][%s]", n->meta_key[i]);
	}
	rc = call(key, "POST", "/v1/checkout/sessions", &f, n->idempotency, &j, why);
	vl_buf_release(&f);
	if (rc != VL_OK)
		return rc;
	read_session(pool, j, s);
	json_decref(j);
	if (s->id == NULL || s->url == NULL)
		return VL_ERR;
	return VL_OK;
}

/* A provider id that can go in a URL path as it is. */
static int
plain_id(const char *id)
{
	size_t	 n;

	if (id == NULL || (n = strlen(id)) == 0 || n > 255)
		return 0;
	return strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

enum vl_rc
vl_stripe_session_get(struct vl_pool *pool, const char *key, const char *id,
    struct vl_stripe_session *s, struct vl_buf *why)
{
	struct vl_buf	 path = VL_BUF_INIT, q = VL_BUF_INIT;
	json_t		*j;
	enum vl_rc	 rc;

	memset(s, 0, sizeof(*s));
	if (!plain_id(id))
		return VL_INVALID;
	vl_buf_addf(&path, "/v1/checkout/sessions/%s", id);
	vl_buf_add_param(&q, "expand[]", "payment_intent.payment_method");
	rc = call(key, "GET", vl_buf_str(&path), &q, NULL, &j, why);
	vl_buf_release(&path);
	vl_buf_release(&q);
	if (rc != VL_OK)
		return rc;
	read_session(pool, j, s);
	json_decref(j);
	return s->id ? VL_OK : VL_ERR;
}

enum vl_rc
vl_stripe_refund_create(struct vl_pool *pool, const char *key, const char *pi,
    int64_t amount, const char *idempotency, struct vl_stripe_refund *out,
    struct vl_buf *why)
{
	struct vl_buf	 f = VL_BUF_INIT;
	char		 amt[24];
	json_t		*j;
	enum vl_rc	 rc;

	memset(out, 0, sizeof(*out));
	if (!plain_id(pi) || amount <= 0)
		return VL_INVALID;
	snprintf(amt, sizeof(amt), "%lld", (long long)amount);
	vl_buf_add_param(&f, "payment_intent", pi);
	vl_buf_add_param(&f, "amount", amt);
	rc = call(key, "POST", "/v1/refunds", &f, idempotency, &j, why);
	vl_buf_release(&f);
	if (rc != VL_OK)
		return rc;
	out->id = str(pool, j, "id");
	out->status = str(pool, j, "status");
	out->amount = num(j, "amount");
	json_decref(j);
	return out->id ? VL_OK : VL_ERR;
}

enum vl_rc
vl_stripe_charges(struct vl_pool *pool, const char *key, int64_t gte, int64_t lt,
    size_t max, struct vl_stripe_charge **out, size_t *n, struct vl_buf *why)
{
	struct vl_buf		 q = VL_BUF_INIT;
	struct vl_stripe_charge	*v = NULL, *c;
	char			 num1[24], num2[24], *after = NULL;
	size_t			 alloc = 0, i;
	json_t			*j, *data, *o, *meta;
	enum vl_rc		 rc = VL_OK;
	int			 more = 1;

	*out = NULL;
	*n = 0;
	snprintf(num1, sizeof(num1), "%lld", (long long)gte);
	snprintf(num2, sizeof(num2), "%lld", (long long)lt);
	while (more && rc == VL_OK) {
		vl_buf_reset(&q);
		vl_buf_add_param(&q, "created[gte]", num1);
		vl_buf_add_param(&q, "created[lt]", num2);
		vl_buf_add_param(&q, "limit", "100");
		if (after)
			vl_buf_add_param(&q, "starting_after", after);
		if ((rc = call(key, "GET", "/v1/charges", &q, NULL, &j, why)) != VL_OK)
			break;
		data = json_object_get(j, "data");
		more = json_is_true(json_object_get(j, "has_more"));
		if (!json_is_array(data) || (more && json_array_size(data) == 0)) {
			json_decref(j);
			rc = VL_ERR;
			break;
		}
		json_array_foreach(data, i, o) {
			if (*n == max) {
				rc = VL_TOOBIG;
				break;
			}
			if (*n == alloc) {
				struct vl_stripe_charge *nv;

				alloc = alloc ? alloc * 2 : 64;
				nv = vl_pool_calloc(pool, alloc, sizeof(*nv));
				if (*n)
					memcpy(nv, v, *n * sizeof(*nv));
				v = nv;
			}
			c = &v[(*n)++];
			meta = json_object_get(o, "metadata");
			c->id = str(pool, o, "id");
			c->payment_intent = vl_pool_strdup(pool,
			    json_string_value(idof(o, "payment_intent")));
			c->method = str(pool, json_object_get(o, "payment_method_details"), "type");
			c->currency = upper(str(pool, o, "currency"));
			c->status = str(pool, o, "status");
			c->amount = num(o, "amount");
			c->refunded = num(o, "amount_refunded");
			c->created = num(o, "created");
			c->paid = json_is_true(json_object_get(o, "paid"));
			c->meta_firm = str(pool, meta, "firm");
			c->meta_checkout = str(pool, meta, "checkout");
			after = c->id;
		}
		json_decref(j);
		if (after == NULL || !plain_id(after))
			more = 0;
	}
	vl_buf_release(&q);
	*out = v;
	return rc;
}

enum vl_rc
vl_stripe_event_parse(struct vl_pool *pool, const char *body, size_t len,
    struct vl_stripe_event *e)
{
	json_t		*j, *o, *meta;
	json_error_t	 jerr;

	memset(e, 0, sizeof(*e));
	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return VL_INVALID;
	o = json_object_get(json_object_get(j, "data"), "object");
	meta = json_object_get(o, "metadata");
	e->id = str(pool, j, "id");
	e->type = str(pool, j, "type");
	e->created = num(j, "created");
	e->object_id = str(pool, o, "id");
	e->payment_intent = vl_pool_strdup(pool, json_string_value(idof(o, "payment_intent")));
	e->meta_firm = str(pool, meta, "firm");
	e->meta_checkout = str(pool, meta, "checkout");
	json_decref(j);
	if (e->id == NULL || e->type == NULL || strlen(e->id) > 255 || strlen(e->type) > 100)
		return VL_INVALID;
	return VL_OK;
}
