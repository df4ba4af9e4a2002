// Refunds (SPEC F-C6) through nginx and the provider's stand-in: a card
// payment refunded in part at the provider, the bill re-opened and a
// receipt mailed; a part refund of a bank (ACH) payment refused before the
// provider is asked; a full refund of a "Pay All" ACH payment re-opening
// every item it paid; and `vellumctl payments reconcile` reporting the
// day's differences between the provider's charges and the payments here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { until, mailsTo, demoAdmin } from './helpers.mjs';
import { Client, csrfOf, sql, R, paymentsOn, bill, balance, state, payLink, payer,
  payOnProvider, provider, firmId, providerUrl } from './pay-helpers.mjs';

// The demo firm takes no payments online after this file, as before it
// (other files' pages show no pay button).
after(() => sql(`UPDATE payment_providers SET enabled = 0 WHERE firm_id = ${firmId()}`));

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// Pays what the pay link token offers (amount: all when omitted) with
// method at the provider; returns the payment's id once recorded.
async function pay(token, method, amount) {
  const c = new Client();
  const page = await c.get(`/pay/${token}`);
  const res = await c.post(`/pay/${token}`, { csrf: csrfOf(page.text), group: 'operating', ...(amount ? { amount } : {}) });
  const url = providerUrl(res);
  assert.ok(url, res.text.slice(0, 300));
  const session = new URL(url).pathname.split('/').pop();
  await payOnProvider(url, method);
  return until(() => sql(`SELECT id FROM payments WHERE provider_session = '${session}'`), 'the payment is recorded');
}

async function refund(admin, id, fields) {
  const page = await admin.get(`/payments/${id}`);
  assert.equal(page.status, 200);
  return admin.post(`/payments/${id}`, { csrf: csrfOf(page.text), ...fields });
}

const charge = async (pi) => (await provider('/v1/charges?limit=100')).json.data.find((c) => c.payment_intent === pi);

let who, admin;
test('set-up', async () => {
  admin = await paymentsOn();
  who = await payer('r');
});

test('a card payment refunded in part at the provider re-opens the bill, with a receipt', async () => {
  admin = await demoAdmin(); // sessions idle out in 10 s on the test stack
  const b = bill({ contact: who.contact, matter: who.mid, total: 50000 });
  const id = await pay(payLink({ contact: who.contact, billId: b.id }), 'card');
  assert.equal(state(b.id), 'paid');
  const page = await admin.get(`/payments/${id}`);
  assert.match(text(page.text), /Card, online through the payment provider/);
  let res = await refund(admin, id, { amount: '500.01' });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /more than is left to refund/);
  assert.match(res.text, /value="500.01"/);
  res = await refund(admin, id, { amount: '120.00', reason: 'Fee reduced' });
  assert.equal(res.status, 303);
  assert.match(text((await admin.get(res.location)).text), /Refund made/);
  assert.equal(balance(b.id), 12000);
  assert.equal(state(b.id), 'partial');
  const pi = sql(`SELECT provider_payment FROM payments WHERE id = ${id}`);
  assert.equal((await charge(pi)).amount_refunded, 12000);
  assert.equal(sql(`SELECT COUNT(*) FROM refunds WHERE payment_id = ${id} AND provider_refund LIKE 're_%'`), '1');
  await until(async () => (await mailsTo(`payer-r-${R}@client.test`)).some((m) => /^Refund issued: \$120\.00/.test(m.subject)), 'the refund receipt');
  // the rest, then nothing is left
  res = await refund(admin, id, {});
  assert.equal(res.status, 303);
  assert.equal(balance(b.id), 50000);
  assert.equal(state(b.id), 'final');
  assert.equal((await charge(pi)).refunded, true);
  assert.match(text((await admin.get(`/payments/${id}`)).text), /refunded in full/);
});

test('a part refund of a bank (ACH) payment is refused; nothing reaches the provider', async () => {
  admin = await demoAdmin(); // sessions idle out in 10 s on the test stack
  const b = bill({ contact: who.contact, matter: who.mid, total: 40000 });
  const id = await pay(payLink({ contact: who.contact, billId: b.id }), 'us_bank_account');
  assert.equal(sql(`SELECT method FROM payments WHERE id = ${id}`), 'ach');
  const res = await refund(admin, id, { amount: '100.00' });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /can only be refunded in full/);
  const pi = sql(`SELECT provider_payment FROM payments WHERE id = ${id}`);
  assert.equal((await charge(pi)).amount_refunded, 0);
  assert.equal(state(b.id), 'paid');
});

test('a full refund of a Pay All bank payment re-opens every item it paid', async () => {
  admin = await demoAdmin(); // sessions idle out in 10 s on the test stack
  const b1 = bill({ contact: who.contact, matter: who.mid, total: 10000, issued: '2026-03-01' });
  const b2 = bill({ contact: who.contact, matter: who.mid, total: 25000, issued: '2026-03-02' });
  const id = await pay(payLink({ contact: who.contact, bills: [b1.id, b2.id] }), 'us_bank_account');
  assert.equal(state(b1.id), 'paid');
  assert.equal(state(b2.id), 'paid');
  const res = await refund(admin, id, { amount: '350.00', reason: 'Matter settled' });
  assert.equal(res.status, 303);
  assert.equal(balance(b1.id), 10000);
  assert.equal(balance(b2.id), 25000);
  assert.equal(state(b1.id), 'final');
  assert.equal(state(b2.id), 'final');
  assert.equal(sql(`SELECT COUNT(*) FROM bill_events WHERE bill_id IN (${b1.id}, ${b2.id}) AND kind = 'refunded'`), '2');
  const pi = sql(`SELECT provider_payment FROM payments WHERE id = ${id}`);
  assert.equal((await charge(pi)).amount_refunded, 35000);
});

test('a refund is a firm user\'s: a client and another firm are refused', async () => {
  who = await payer('r'); // signed in again: sessions idle out in 10 s on the test stack
  const b = bill({ contact: who.contact, matter: who.mid, total: 10000 });
  const id = await pay(payLink({ contact: who.contact, billId: b.id }), 'card');
  assert.equal((await who.client.get(`/payments/${id}`)).status, 303);
  const before = sql(`SELECT refunded FROM payments WHERE id = ${id}`);
  const res = await who.client.post(`/payments/${id}`, { csrf: 'x', amount: '10' });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT refunded FROM payments WHERE id = ${id}`), before);
});

test('vellumctl payments reconcile lists the day\'s differences and exits 1 when there are any', async () => {
  const zone = sql(`SELECT time_zone FROM firms WHERE id = ${firmId()}`);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const run = () => spawnSync('build/bin/vellumctl', ['payments', 'reconcile', day, '--firm', 'demo'], { encoding: 'utf8' });
  // what the day holds before (other suites' rows may be in it)
  let r = run();
  assert.ok(r.status === 0 || r.status === 1, r.stdout + r.stderr);
  const before = Number(r.stdout.match(/(\d+) difference\(s\)/)[1]);
  assert.equal(r.status, before ? 1 : 0);
  // a charge the provider has and this firm never recorded: a checkout
  // made at the provider by other means
  const s = await provider('/v1/checkout/sessions', { mode: 'payment', 'line_items[0][price_data][currency]': 'usd',
    'line_items[0][price_data][unit_amount]': '777', 'line_items[0][price_data][product_data][name]': 'Elsewhere',
    'line_items[0][quantity]': '1', success_url: 'http://127.0.0.1/ok', cancel_url: 'http://127.0.0.1/no' });
  assert.equal(s.status, 200);
  await payOnProvider(s.json.url);
  // a payment recorded here that the provider never saw, and one whose amount differs
  sql(`INSERT INTO payments (firm_id, contact_id, account, method, amount, currency, received_on, provider_session, provider_payment, created_at)
       VALUES (${firmId()}, ${who.contact}, 'operating', 'card', 1234, 'USD', '${day}', 'cs_gone_${R}', 'pi_gone_${R}', NOW(6))`);
  const b = bill({ contact: who.contact, matter: who.mid, total: 10000 });
  const id = await pay(payLink({ contact: who.contact, billId: b.id }), 'card');
  sql(`UPDATE payments SET amount = amount - 1 WHERE id = ${id}`);
  r = run();
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /missing here: charge ch_test_\w+ \(pi_test_\w+, \$7\.77\)/);
  assert.match(r.stdout, new RegExp(`missing at the provider: payment \\d+ \\(pi_gone_${R}, \\$12\\.34\\)`));
  assert.match(r.stdout, new RegExp(`amounts differ: payment ${id} \\$99\\.99`));
  assert.match(r.stdout, new RegExp(`${before + 3} difference\\(s\\)`));
  // leave the day as it was for any later run
  sql(`UPDATE payments SET amount = amount + 1 WHERE id = ${id}`);
  sql(`DELETE FROM payments WHERE provider_payment = 'pi_gone_${R}'`);
  assert.equal(spawnSync('build/bin/vellumctl', ['payments', 'reconcile', 'yesterday'], { encoding: 'utf8' }).status, 1);
});
