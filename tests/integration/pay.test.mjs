// Payments through nginx with the real mailer, the SMTP sink and the
// provider's stand-in (SPEC F-C4): the client pays part of a bill through
// its pay link, then the rest, each recorded only from the verified
// webhook and each with a receipt to the address on file; "Pay All" over
// an envelope, with trust money paid apart from operating money; a
// webhook delivered again and again changing state once; forged, stale
// and tampered webhooks refused and changing nothing; pay links refused
// once withdrawn or expired; the portal's "Pay bill" only for a bill
// shared with the client; offline "Record payment".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { until, mailsTo, demoAdmin } from './helpers.mjs';
import { Client, csrfOf, sql, R, paymentsOn, bill, balance, state, share, payLink, payer,
  payOnProvider, events, deliver, account, firmId, providerUrl } from './pay-helpers.mjs';

// The demo firm takes no payments online after this file, as before it
// (other files' pages show no pay button).
after(() => sql(`UPDATE payment_providers SET enabled = 0 WHERE firm_id = ${firmId()}`));

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// Starts a checkout from the pay link's page: the redirect to the provider.
async function checkout(c, token, fields) {
  const page = await c.get(`/pay/${token}`);
  assert.equal(page.status, 200, page.text.slice(0, 500));
  return c.post(`/pay/${token}`, { csrf: csrfOf(page.text), group: 'operating', ...fields });
}

let who;
test('set-up: payments on for the demo firm, a client with a matter', async () => {
  await paymentsOn();
  who = await payer('a');
});

test('the client pays part of a bill through its pay link, then the rest; receipts to the address on file', async () => {
  const email = `payer-a-${R}@client.test`;
  const b = bill({ contact: who.contact, matter: who.mid, total: 100000 });
  const token = payLink({ contact: who.contact, billId: b.id });
  const c = new Client();
  const page = await c.get(`/pay/${token}`);
  assert.equal(page.status, 200);
  assert.match(text(page.text), /\$1,000\.00/);
  // never more than is owed, never 0: the form comes back saying so
  let res = await c.post(`/pay/${token}`, { csrf: csrfOf(page.text), group: 'operating', amount: '1000.01' });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /more than is owed/);
  assert.match(res.text, /value="1000.01"/);
  res = await c.post(`/pay/${token}`, { csrf: csrfOf(page.text), group: 'operating', amount: '0' });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /above zero/);
  // part: 400.00 by card on the provider's page
  res = await checkout(c, token, { amount: '400.00', email: 'attacker@evil.test' });
  assert.equal(res.status, 200);
  assert.match(res.text, /http-equiv="refresh" content="0; url=http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_/);
  const back = await payOnProvider(providerUrl(res));
  assert.equal(back, `${process.env.VL_BASE}/pay/${token}?done=1`);
  const done = await c.get(new URL(back).pathname + '?done=1');
  assert.equal(done.status, 200);
  assert.match(text(done.text), /being processed/);
  await until(() => balance(b.id) === 60000, 'the webhook records the part payment');
  assert.equal(state(b.id), 'partial');
  const pay = sql(`SELECT CONCAT(p.account, ' ', p.method, ' ', p.amount) FROM payments p JOIN payment_allocations a ON a.payment_id = p.id WHERE a.bill_id = ${b.id}`);
  assert.equal(pay, 'operating card 40000');
  const receipts = async (n) => (await until(async () => {
    const got = (await mailsTo(email)).filter((m) => /^Payment received/.test(m.subject));
    return got.length >= n && got;
  }, `receipt #${n}`));
  const [receipt] = await receipts(1);
  assert.match(receipt.subject, /Payment received: \$400\.00/);
  assert.match(receipt.text, new RegExp(`Bill ${b.number}: \\$400\\.00`));
  // the rest: the default amount is what is left
  const again = await c.get(`/pay/${token}`);
  assert.match(again.text, /value="600.00"/);
  res = await checkout(c, token, {});
  await payOnProvider(providerUrl(res));
  await until(() => state(b.id) === 'paid', 'the webhook records the rest');
  assert.equal(balance(b.id), 0);
  await receipts(2);
  assert.equal((await mailsTo('attacker@evil.test')).length, 0);
  // paid: the link pays nothing more; back from the provider it thanks
  assert.equal((await c.get(`/pay/${token}`)).status, 404);
  assert.match(text((await c.get(`/pay/${token}?done=1`)).text), /Thank you/);
  assert.equal(sql(`SELECT COUNT(*) FROM bill_events WHERE bill_id = ${b.id} AND kind = 'paid'`), '2');
});

test('Pay All over an envelope: every bill paid oldest first, the funds request apart as trust money', async () => {
  const b1 = bill({ contact: who.contact, matter: who.mid, total: 20000, issued: '2026-02-01' });
  const b2 = bill({ contact: who.contact, matter: who.mid, total: 30000, issued: '2026-01-01' });
  const t = bill({ contact: who.contact, matter: who.mid, kind: 'trust', total: 50000 });
  const token = payLink({ contact: who.contact, bills: [b1.id, b2.id, t.id] });
  const c = new Client();
  const page = await c.get(`/pay/${token}`);
  assert.match(text(page.text), /paid separately/);
  assert.match(page.text, /Pay All/);
  assert.match(page.text, /value="500.00"/);
  // part of the bills' total goes to the oldest first
  let res = await checkout(c, token, { amount: '350.00' });
  await payOnProvider(providerUrl(res));
  await until(() => balance(b2.id) === 0, 'the oldest bill is paid first');
  assert.equal(balance(b1.id), 15000);
  assert.equal(balance(t.id), 50000, 'trust untouched by an operating payment');
  res = await checkout(c, token, {});
  await payOnProvider(providerUrl(res));
  await until(() => balance(b1.id) === 0, 'Pay All pays the rest');
  res = await c.post(`/pay/${token}`, { csrf: csrfOf((await c.get(`/pay/${token}`)).text), group: 'trust' });
  assert.ok(providerUrl(res), 'the trust group has its own checkout');
  await payOnProvider(providerUrl(res));
  await until(() => balance(t.id) === 0, 'the funds request is paid');
  assert.equal(sql(`SELECT p.account FROM payments p JOIN payment_allocations a ON a.payment_id = p.id WHERE a.bill_id = ${t.id}`), 'trust');
  // no payment ever mixes the two
  assert.equal(sql(`SELECT COUNT(*) FROM payments p WHERE p.firm_id = ${firmId()} AND EXISTS (SELECT 1 FROM payment_allocations a JOIN bills b ON b.id = a.bill_id WHERE a.payment_id = p.id AND (b.kind = 'trust') <> (p.account = 'trust'))`), '0');
});

test('a webhook delivered 100 times changes state once', async () => {
  const b = bill({ contact: who.contact, matter: who.mid, total: 10000 });
  const token = payLink({ contact: who.contact, billId: b.id });
  const c = new Client();
  const res = await checkout(c, token, { amount: '25.00' });
  const session = new URL(providerUrl(res)).pathname.split('/').pop();
  await payOnProvider(providerUrl(res));
  await until(() => balance(b.id) === 7500, 'recorded once');
  const ev = (await events()).find((e) => e.type === 'checkout.session.completed' && e.data.object.id === session);
  assert.ok(ev, 'the provider fired checkout.session.completed');
  const body = JSON.stringify(ev);
  for (let i = 0; i < 100; i++) {
    const r = await deliver(body);
    assert.equal(r.status, 200, `delivery ${i}: ${r.text.slice(0, 200)}`);
  }
  assert.equal(balance(b.id), 7500);
  assert.equal(sql(`SELECT COUNT(*) FROM payments WHERE provider_session = '${session}'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM webhook_events WHERE event_id = '${ev.id}'`), '1');
  // vellumctl's replay of the stored event changes nothing either
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('build/bin/vellumctl', ['webhook', 'replay', ev.id]).toString();
  assert.match(out, /handled/);
  assert.equal(balance(b.id), 7500);
});

test('a webhook with a bad signature, an old timestamp or a tampered body is refused and changes nothing', async () => {
  const b = bill({ contact: who.contact, matter: who.mid, total: 10000 });
  const token = payLink({ contact: who.contact, billId: b.id });
  const res = await checkout(new Client(), token, {});
  const session = new URL(providerUrl(res)).pathname.split('/').pop();
  const checkoutId = sql(`SELECT id FROM checkouts WHERE provider_session = '${session}'`);
  // a forged completion: the provider never saw a payment
  const forged = JSON.stringify({ id: `evt_forged_${R}`, object: 'event', type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000), data: { object: { id: session, object: 'checkout.session',
      payment_status: 'paid', payment_intent: `pi_forged_${R}`, amount_total: 10000, currency: 'usd',
      metadata: { firm: firmId(), checkout: checkoutId } } } });
  const before = sql('SELECT COUNT(*) FROM webhook_events');
  assert.equal((await deliver(forged, { secret: 'whsec_not_the_firms' })).status, 403);
  assert.equal((await deliver(forged, { t: Math.floor(Date.now() / 1000) - 301 })).status, 403);
  assert.equal((await deliver(forged, { t: Math.floor(Date.now() / 1000) + 301 })).status, 403);
  const t = Math.floor(Date.now() / 1000);
  const good = (await import('node:crypto')).createHmac('sha256', account().secret).update(`${t}.${forged}`).digest('hex');
  assert.equal((await deliver(forged.replace('"amount_total":10000', '"amount_total":1'), { header: `t=${t},v1=${good}` })).status, 403);
  assert.equal((await deliver(forged, { header: 'garbage' })).status, 403);
  assert.equal((await deliver(forged, { header: '' })).status, 403);
  assert.equal(sql('SELECT COUNT(*) FROM webhook_events'), before);
  assert.equal(balance(b.id), 10000);
  // rightly signed but claiming a payment the provider does not confirm
  assert.equal((await deliver(forged)).status, 200);
  assert.equal(balance(b.id), 10000);
  assert.equal(sql(`SELECT COUNT(*) FROM payments WHERE provider_session = '${session}'`), '0');
  // huge or malformed bodies
  const big = await fetch(`${process.env.VL_BASE}/webhooks/stripe`, { method: 'POST', body: 'x'.repeat(300 * 1024),
    headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
  assert.equal(big.status, 413);
  assert.equal((await deliver('{"id":')).status, 400);
  const form = await fetch(`${process.env.VL_BASE}/webhooks/stripe`, { method: 'POST', body: 'a=b',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.status, 400);
});

test('the pay link is refused once withdrawn or expired, and pays nothing', async () => {
  const b = bill({ contact: who.contact, matter: who.mid, total: 10000 });
  const token = payLink({ contact: who.contact, billId: b.id });
  const c = new Client();
  const page = await c.get(`/pay/${token}`);
  assert.equal(page.status, 200);
  sql(`UPDATE pay_links SET revoked_at = NOW(6) WHERE bill_id = ${b.id}`);
  assert.equal((await c.get(`/pay/${token}`)).status, 404);
  const before = sql('SELECT COUNT(*) FROM checkouts');
  assert.equal((await c.post(`/pay/${token}`, { csrf: csrfOf(page.text), group: 'operating' })).status, 404);
  const expired = payLink({ contact: who.contact, billId: b.id, days: -1 });
  assert.equal((await c.get(`/pay/${expired}`)).status, 404);
  assert.equal((await c.post(`/pay/${expired}`, { csrf: csrfOf(page.text), group: 'operating' })).status, 404);
  assert.equal(sql('SELECT COUNT(*) FROM checkouts'), before);
  // a token that is none
  assert.equal((await c.get(`/pay/${'A'.repeat(43)}`)).status, 404);
});

test('the portal\'s Pay bill: only a shared bill of the client\'s own matter', async () => {
  who = await payer('a'); // signed in again: sessions idle out in 10 s on the test stack
  const b = bill({ contact: who.contact, matter: who.mid, total: 20000 });
  const url = `/portal/bills/${b.id}/pay`;
  assert.equal((await who.client.get(url)).status, 404, 'not shared yet');
  share(b.id, who.mid);
  const page = await who.client.get(url);
  assert.equal(page.status, 200);
  assert.match(page.text, /value="200.00"/);
  const res = await who.client.post(url, { csrf: csrfOf(page.text), amount: '50' });
  assert.ok(providerUrl(res), res.text.slice(0, 300));
  await payOnProvider(providerUrl(res));
  await until(() => balance(b.id) === 15000, 'the portal payment is recorded');
  // another client, a firm user, a signed-out browser
  const other = await payer('b');
  assert.equal((await other.client.get(url)).status, 404);
  const firm = await demoAdmin();
  assert.notEqual((await firm.get(url)).status, 200);
  assert.equal((await new Client().get(url)).status, 303);
  // unshared: gone
  sql(`UPDATE shares SET revoked_at = NOW(6) WHERE record_kind = 'bill' AND record_id = ${b.id}`);
  assert.equal((await who.client.get(url)).status, 404);
});

test('Record payment: offline money on a bill, refused outside the balance, then a refund', async () => {
  const admin = await demoAdmin();
  const b = bill({ contact: who.contact, matter: who.mid, total: 30000 });
  const form = await admin.get(`/bills/${b.id}/payments/new`);
  assert.equal(form.status, 200);
  assert.match(form.text, /value="300.00"/);
  let res = await admin.post(`/bills/${b.id}/payments/new`, { csrf: csrfOf(form.text), amount: '300.01', date: '2026-01-15', method: 'check', reference: 'No. 77' });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /more than is owed/);
  assert.match(res.text, /value="No. 77"/);
  res = await admin.post(`/bills/${b.id}/payments/new`, { csrf: csrfOf(form.text), amount: '100', date: '2026-01-15', method: 'check', reference: 'No. 77' });
  assert.equal(res.status, 303);
  const pid = res.location.match(/\/payments\/(\d+)\?notice=recorded/)[1];
  const shown = await admin.get(res.location);
  assert.match(text(shown.text), /Payment recorded/);
  assert.equal(balance(b.id), 20000);
  // a refund of offline money is recorded only
  res = await admin.post(`/payments/${pid}`, { csrf: csrfOf(shown.text), amount: '30', reason: 'Overpaid' });
  assert.equal(res.status, 303);
  assert.equal(balance(b.id), 23000);
  assert.equal(state(b.id), 'partial');
});
