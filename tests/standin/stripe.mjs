// A stand-in for the payment provider (Stripe's HTTP API) on loopback, for
// `make run` and the tests: Checkout Sessions with a hosted page of its own
// (a test card or a test bank account completes it), Payment Intents,
// Charges (listed by GET /v1/charges), Refunds, Webhook Endpoints, and
// signed webhook deliveries retried on any non-2xx answer, as the provider
// does.  It follows the provider's protocol (form-encoded requests with
// bracket notation, JSON answers, "Authorization: Bearer sk_...", the
// Stripe-Signature header) and refuses what the provider refuses; the
// portal's own rules (what may be refunded how) stay in the portal.
//
//   node tests/standin/stripe.mjs --port N [--account sk_test_X:whsec_Y:URL]...
//
// An --account is a secret key with one webhook endpoint (its URL and
// signing secret); more accounts come with POST /v1/webhook_endpoints under
// a new key of the form sk_test_<letters, digits>.  Under /_standin/ (not
// the provider's API) the tests read the deliveries and resend an event.
import http from 'node:http';
import crypto from 'node:crypto';

const args = process.argv.slice(2);
let port = 0;
const accounts = new Map(); // key -> { endpoints: [{url, secret}] }
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = Number(args[++i]);
  else if (args[i] === '--account') {
    const [key, secret, ...url] = args[++i].split(':');
    accounts.set(key, { endpoints: [{ id: rid('we'), url: url.join(':'), secret }] });
  }
}
// Delivery retries: the provider retries for days; here a short ladder.
const RETRY_MS = (process.env.STANDIN_RETRY_MS || '200,500,1000,2000,4000,8000').split(',').map(Number);

const sessions = new Map(), intents = new Map(), charges = [], refunds = new Map(), events = [];
const deliveries = [];

function rid(prefix) { return `${prefix}_test_${crypto.randomBytes(12).toString('hex')}`; }
const now = () => Math.floor(Date.now() / 1000);

// Stripe's bracket notation: a[b][0][c]=v, expand[]=x.
function parseForm(text) {
  const out = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const parts = k.split('[').map((p, i) => (i ? p.replace(/\]$/, '') : p));
    let o = out;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1, p = parts[i];
      if (last) {
        if (p === '') o.push(v); else o[p] = v;
      } else {
        const nextArr = parts[i + 1] === '' || /^\d+$/.test(parts[i + 1]);
        if (p === '') { const n = nextArr ? [] : {}; o.push(n); o = n; continue; }
        if (o[p] === undefined) o[p] = nextArr ? [] : {};
        o = o[p];
      }
    }
  }
  return out;
}

function send(res, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': rid('req') });
  res.end(body);
}
const invalid = (res, message, param) =>
  send(res, 400, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
const notFound = (res, what, id) =>
  send(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'` } });

function authed(req, res) {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
  if (m && accounts.has(m[1])) return m[1];
  if (m && /^sk_test_[A-Za-z0-9]{8,}$/.test(m[1]) && req.url === '/v1/webhook_endpoints' && req.method === 'POST') {
    accounts.set(m[1], { endpoints: [] });
    return m[1];
  }
  send(res, 401, { error: { type: 'invalid_request_error',
    message: m ? `Invalid API Key provided: ${m[1].slice(0, 8)}${'*'.repeat(Math.max(0, m[1].length - 12))}${m[1].slice(-4)}` :
      'You did not provide an API key.' } });
  return null;
}

// Idempotency-Key: the same key and account answer the first answer again.
const idem = new Map();

function sign(secret, t, body) {
  return crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

function deliver(key, event, endpoint, attempt = 0) {
  const body = JSON.stringify(event);
  const t = now();
  const d = { event: event.id, type: event.type, url: endpoint.url, attempt, status: 0, at: Date.now() };
  deliveries.push(d);
  const req = http.request(endpoint.url, { method: 'POST', headers: {
    'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    'stripe-signature': `t=${t},v1=${sign(endpoint.secret, t, body)}` }, timeout: 10000 }, (res) => {
    d.status = res.statusCode;
    res.resume();
    if (res.statusCode < 200 || res.statusCode >= 300) retry();
  });
  const retry = () => {
    if (attempt < RETRY_MS.length) setTimeout(() => deliver(key, event, endpoint, attempt + 1), RETRY_MS[attempt]).unref();
  };
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => { d.status = -1; retry(); });
  req.end(body);
}

function emit(key, type, object) {
  const event = { id: rid('evt'), object: 'event', api_version: '2024-06-20', created: now(),
    data: { object: JSON.parse(JSON.stringify(object)) }, livemode: false, pending_webhooks: 1,
    request: { id: null, idempotency_key: null }, type };
  events.push({ key, event });
  for (const ep of accounts.get(key).endpoints) deliver(key, event, ep);
  return event;
}

function createSession(key, f, res) {
  if (f.mode !== 'payment') return invalid(res, 'Only mode "payment" is offered here.', 'mode');
  for (const p of ['success_url', 'cancel_url'])
    if (!f[p] || !/^https?:\/\//.test(f[p])) return invalid(res, `Not a valid URL`, p);
  const types = f.payment_method_types || ['card'];
  for (const t of types)
    if (!['card', 'us_bank_account'].includes(t)) return invalid(res, `Invalid payment_method_types: ${t}`, 'payment_method_types');
  const items = f.line_items;
  if (!Array.isArray(items) || items.length === 0) return invalid(res, 'line_items is required in payment mode.', 'line_items');
  let total = 0, currency;
  for (const [i, it] of items.entries()) {
    const pd = it.price_data || {};
    const amt = Number(pd.unit_amount), qty = Number(it.quantity || 0);
    if (!/^\d+$/.test(pd.unit_amount || '') || !(amt >= 0) || amt > 99999999)
      return invalid(res, 'Invalid integer: unit_amount', `line_items[${i}][price_data][unit_amount]`);
    if (!(qty >= 1)) return invalid(res, 'Quantity must be at least 1', `line_items[${i}][quantity]`);
    if (!/^[a-z]{3}$/.test(pd.currency || '')) return invalid(res, 'Invalid currency', `line_items[${i}][price_data][currency]`);
    if (currency && pd.currency !== currency) return invalid(res, 'All line items must share one currency.', 'line_items');
    if (!pd.product_data || !pd.product_data.name) return invalid(res, 'Missing required param: product_data[name].', `line_items[${i}][price_data][product_data][name]`);
    currency = pd.currency;
    total += amt * qty;
  }
  if (types.includes('us_bank_account') && currency !== 'usd')
    return invalid(res, 'The payment method `us_bank_account` only supports usd.', 'payment_method_types');
  if (total < 50) return invalid(res, 'The Checkout Session\'s total amount due must add up to at least $0.50 usd', 'line_items');
  const id = `cs_test_${crypto.randomBytes(24).toString('hex')}`;
  const s = { id, object: 'checkout.session', amount_subtotal: total, amount_total: total,
    cancel_url: f.cancel_url, success_url: f.success_url, client_reference_id: f.client_reference_id || null,
    created: now(), currency, customer_email: f.customer_email || null, expires_at: now() + 86400,
    livemode: false, metadata: f.metadata || {}, mode: 'payment', payment_intent: null,
    payment_method_types: types, payment_status: 'unpaid', status: 'open',
    url: `http://127.0.0.1:${port}/c/pay/${id}`, _key: key, _items: items,
    _pi_metadata: (f.payment_intent_data && f.payment_intent_data.metadata) || {} };
  sessions.set(id, s);
  send(res, 200, pub(s));
}

const pub = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')));

function sessionView(s, expand) {
  const out = pub(s);
  if (s.payment_intent && expand.includes('payment_intent')) {
    const pi = pub(intents.get(s.payment_intent));
    if (expand.includes('payment_intent.payment_method'))
      pi.payment_method = { id: pi.payment_method, object: 'payment_method', type: intents.get(s.payment_intent)._type };
    out.payment_intent = pi;
  }
  return out;
}

function expands(q) {
  const e = parseForm(q).expand || [];
  return e.flatMap((x) => { const parts = x.split('.'); return parts.map((_, i) => parts.slice(0, i + 1).join('.')); });
}

// The client completes the hosted page: a payment intent and its charge,
// the session complete, the events fired, back to success_url.
function complete(s, type, res) {
  const pi = { id: rid('pi'), object: 'payment_intent', amount: s.amount_total, amount_received: s.amount_total,
    currency: s.currency, created: now(), metadata: s._pi_metadata, payment_method: rid('pm'),
    payment_method_types: [type], status: type === 'card' ? 'succeeded' : 'processing', latest_charge: null,
    _type: type, _key: s._key };
  const ch = { id: rid('ch'), object: 'charge', amount: s.amount_total, amount_captured: s.amount_total,
    amount_refunded: 0, captured: true, created: now(), currency: s.currency, metadata: s._pi_metadata,
    paid: true, payment_intent: pi.id, payment_method: pi.payment_method,
    payment_method_details: type === 'card' ? { type, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } }
      : { type, us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789', routing_number: '110000000' } },
    refunded: false, status: 'succeeded', _key: s._key };
  pi.latest_charge = ch.id;
  intents.set(pi.id, pi);
  charges.push(ch);
  s.payment_intent = pi.id;
  s.status = 'complete';
  s.payment_status = type === 'card' ? 'paid' : 'unpaid';
  emit(s._key, 'checkout.session.completed', pub(s));
  if (type === 'us_bank_account') {
    // the bank debit settles later; the test bank settles at once
    pi.status = 'succeeded';
    s.payment_status = 'paid';
    emit(s._key, 'checkout.session.async_payment_succeeded', pub(s));
  }
  emit(s._key, 'charge.succeeded', pub(ch));
  res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) });
  res.end();
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(s, res, error) {
  const money = (n) => `${(n / 100).toFixed(2)} ${s.currency.toUpperCase()}`;
  const lines = s._items.map((it) => `<li>${esc(it.price_data.product_data.name)}: ${money(Number(it.price_data.unit_amount) * Number(it.quantity))}</li>`).join('');
  const bank = s.payment_method_types.includes('us_bank_account');
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Checkout (test mode)</title></head>
<body><main><h1>Pay ${esc(money(s.amount_total))}</h1><p>Test mode: no real money moves.</p><ul>${lines}</ul>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
${s.status !== 'open' ? '<p>This checkout is no longer open.</p>' : `
<form method="post"><input type="hidden" name="method" value="card">
<label for="card">Card number</label> <input id="card" name="card" inputmode="numeric" value="4242 4242 4242 4242">
<button type="submit">Pay with card</button></form>
${bank ? `<form method="post"><input type="hidden" name="method" value="us_bank_account">
<p>Test bank account: STRIPE TEST BANK, account ending 6789</p>
<button type="submit">Pay with test bank account</button></form>` : ''}
<p><a href="${esc(s.cancel_url)}">Cancel and go back</a></p>`}</main></body></html>`;
  res.writeHead(error ? 402 : 200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}

function hosted(req, res, id, body) {
  const s = sessions.get(id);
  if (!s) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('No such checkout.'); }
  if (req.method === 'GET') return page(s, res);
  if (s.status !== 'open') return page(s, res, 'This checkout is no longer open.');
  const f = new URLSearchParams(body);
  const method = f.get('method');
  if (method === 'card') {
    const card = (f.get('card') || '').replace(/\s/g, '');
    if (card !== '4242424242424242') return page(s, res, 'Your card was declined. Use the test card 4242 4242 4242 4242.');
    return complete(s, 'card', res);
  }
  if (method === 'us_bank_account' && s.payment_method_types.includes('us_bank_account')) return complete(s, 'us_bank_account', res);
  return page(s, res, 'Choose a way to pay.');
}

function refund(key, f, res) {
  const pi = intents.get(f.payment_intent || '');
  if (!pi || pi._key !== key) return notFound(res, 'payment_intent', f.payment_intent || '');
  const ch = charges.find((c) => c.id === pi.latest_charge);
  const left = ch.amount - ch.amount_refunded;
  const amount = f.amount === undefined ? left : Number(f.amount);
  if (f.amount !== undefined && !/^\d+$/.test(f.amount)) return invalid(res, 'Invalid integer: amount', 'amount');
  if (ch.refunded || left === 0) return send(res, 400, { error: { type: 'invalid_request_error', code: 'charge_already_refunded',
    message: `Charge ${ch.id} has already been refunded.` } });
  if (amount <= 0) return invalid(res, 'Invalid positive integer', 'amount');
  if (amount > left) return invalid(res, `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(left / 100).toFixed(2)})`, 'amount');
  const type = pi._type;
  const r = { id: rid('re'), object: 'refund', amount, charge: ch.id, created: now(), currency: ch.currency,
    metadata: f.metadata || {}, payment_intent: pi.id, reason: f.reason || null,
    status: type === 'card' ? 'succeeded' : 'pending' };
  refunds.set(r.id, r);
  ch.amount_refunded += amount;
  ch.refunded = ch.amount_refunded === ch.amount;
  emit(key, 'refund.created', r);
  emit(key, 'charge.refunded', pub(ch));
  if (type !== 'card') {
    r.status = 'succeeded';
    emit(key, 'refund.updated', r);
  }
  send(res, 200, r);
}

function listCharges(key, q, res) {
  const f = parseForm(q);
  const c = f.created || {};
  const limit = f.limit === undefined ? 10 : Number(f.limit);
  if (!(limit >= 1 && limit <= 100)) return invalid(res, 'Invalid limit: must be between 1 and 100', 'limit');
  for (const k of Object.keys(c)) if (!['gt', 'gte', 'lt', 'lte'].includes(k) || !/^\d+$/.test(c[k])) return invalid(res, 'Invalid created', 'created');
  let list = charges.filter((x) => x._key === key &&
    (c.gte === undefined || x.created >= +c.gte) && (c.gt === undefined || x.created > +c.gt) &&
    (c.lt === undefined || x.created < +c.lt) && (c.lte === undefined || x.created <= +c.lte)).reverse();
  if (f.starting_after) {
    const i = list.findIndex((x) => x.id === f.starting_after);
    if (i < 0) return notFound(res, 'charge', f.starting_after);
    list = list.slice(i + 1);
  }
  send(res, 200, { object: 'list', url: '/v1/charges', has_more: list.length > limit, data: list.slice(0, limit).map(pub) });
}

function api(req, res, path, query, body) {
  const key = authed(req, res);
  if (!key) return;
  const f = parseForm(body);
  const ik = req.method === 'POST' && req.headers['idempotency-key'];
  if (ik) {
    const prev = idem.get(`${key} ${ik}`);
    if (prev) { res.writeHead(prev.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' }); return res.end(prev.body); }
    const end = res.end.bind(res);
    res.end = (b) => { idem.set(`${key} ${ik}`, { status: res.statusCode, body: b }); return end(b); };
  }
  let m;
  if (req.method === 'POST' && path === '/v1/checkout/sessions') return createSession(key, f, res);
  if (req.method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)$/.exec(path))) {
    const s = sessions.get(m[1]);
    if (!s || s._key !== key) return notFound(res, 'checkout.session', m[1]);
    return send(res, 200, sessionView(s, expands(query)));
  }
  if (req.method === 'POST' && path === '/v1/refunds') return refund(key, f, res);
  if (req.method === 'GET' && path === '/v1/charges') return listCharges(key, query, res);
  if (req.method === 'POST' && path === '/v1/webhook_endpoints') {
    if (!f.url || !/^https?:\/\//.test(f.url)) return invalid(res, 'Invalid URL', 'url');
    const ep = { id: rid('we'), object: 'webhook_endpoint', url: f.url, enabled_events: f.enabled_events || ['*'],
      secret: `whsec_${crypto.randomBytes(24).toString('base64url')}`, status: 'enabled' };
    accounts.get(key).endpoints.push(ep);
    return send(res, 200, ep);
  }
  send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path}).` } });
}

// Not the provider's API: what the tests read and do.
function control(req, res, path, query) {
  let m;
  if (req.method === 'GET' && path === '/_standin/deliveries') {
    const ev = new URLSearchParams(query).get('event');
    return send(res, 200, deliveries.filter((d) => !ev || d.event === ev));
  }
  if (req.method === 'GET' && path === '/_standin/events') {
    const key = new URLSearchParams(query).get('key');
    return send(res, 200, events.filter((e) => !key || e.key === key).map((e) => e.event));
  }
  if (req.method === 'POST' && (m = /^\/_standin\/events\/([A-Za-z0-9_]+)\/resend$/.exec(path))) {
    const e = events.find((x) => x.event.id === m[1]);
    if (!e) return notFound(res, 'event', m[1]);
    for (const ep of accounts.get(e.key).endpoints) deliver(e.key, e.event, ep);
    return send(res, 200, { resent: e.event.id });
  }
  send(res, 404, { error: { message: 'no such control' } });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => { size += c.length; if (size > 1 << 20) req.destroy(); else chunks.push(c); });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const [path, query = ''] = req.url.split('?');
    let m;
    try {
      if ((m = /^\/c\/pay\/([A-Za-z0-9_]+)$/.exec(path))) return hosted(req, res, m[1], body);
      if (path.startsWith('/v1/')) return api(req, res, path, query, body);
      if (path.startsWith('/_standin/')) return control(req, res, path, query);
      res.writeHead(404); res.end();
    } catch (e) {
      send(res, 500, { error: { type: 'api_error', message: String(e && e.message) } });
    }
  });
});
server.listen(port, '127.0.0.1', () => {
  port = server.address().port;
  process.stdout.write(`stripe stand-in on 127.0.0.1:${port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
