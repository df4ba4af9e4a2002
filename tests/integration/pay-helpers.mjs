// Shared by the payment tests: the provider's stand-in (its test account's
// key and webhook secret, its hosted page), the demo firm's payments set
// up through Settings > Payments, bills and pay links made for a test,
// and webhooks signed as the provider signs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, csrfOf, sql, VAR, demoAdmin, clientOnMatter } from './helpers.mjs';

export const STANDIN = `http://127.0.0.1:${process.env.VL_PAY_PORT || 18100}`;
export const R = Date.now().toString(36) + crypto.randomBytes(2).toString('hex');

export function account() {
  const [key, secret] = fs.readFileSync(path.join(VAR, 'standin-account'), 'utf8').trim().split(/\s+/);
  return { key, secret };
}

export const firmId = () => sql("SELECT id FROM firms WHERE slug = 'demo'");

// The demo firm takes payments through the stand-in's test account.
export async function paymentsOn() {
  const admin = await demoAdmin();
  const { key, secret } = account();
  const page = await admin.get('/settings/payments');
  const res = await admin.post('/settings/payments', { csrf: csrfOf(page.text), label: 'Test account',
    secret_key: key, webhook_secret: secret, enabled: '1' });
  if (res.status !== 303) throw new Error(`payments could not be set up (${res.status}): ${res.text.slice(0, 300)}`);
  return admin;
}

let seq = 0;
// A final bill (kind 'bill' or 'trust') of total minor units for contact on
// matter, issued on issued (YYYY-MM-DD).
export function bill({ contact, matter = null, kind = 'bill', total, issued = '2026-01-10' }) {
  const n = `PAY-${R}-${++seq}`;
  sql(`INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state, currency, total, balance, issued_on, created_at, updated_at)
       VALUES (${firmId()}, '${kind}', '${n}', ${contact}, ${matter ?? 'NULL'}, 'final', 'USD', ${total}, ${total}, '${issued}', NOW(6), NOW(6))`);
  const id = sql(`SELECT id FROM bills WHERE number = '${n}'`);
  if (matter) sql(`INSERT INTO bill_matters (bill_id, firm_id, matter_id) VALUES (${id}, ${firmId()}, ${matter})`);
  return { id, number: n };
}

export const balance = (id) => Number(sql(`SELECT balance FROM bills WHERE id = ${id}`));
export const state = (id) => sql(`SELECT state FROM bills WHERE id = ${id}`);

// Shares bill into the portal of matter, as the bills module does.
export function share(billId, matter) {
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${matter}`);
  sql(`INSERT INTO shares (firm_id, portal_id, record_kind, record_id, created_at) VALUES (${firmId()}, ${portal}, 'bill', ${billId}, NOW(6))`);
}

// A pay link (bill or envelope of bills) for contact, as lib/paylink.c
// stores it: the SHA-256 of a 43-character token.  Returns the token.
export function payLink({ contact, billId = null, bills = null, days = 90 }) {
  const token = crypto.randomBytes(32).toString('base64url');
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  let env = 'NULL';
  if (bills) {
    sql(`INSERT INTO envelopes (firm_id, contact_id, to_email, subject, body, created_at, sent_at) VALUES (${firmId()}, ${contact}, 'x@example.test', 'Bills', 'Bills', NOW(6), NOW(6))`);
    env = sql(`SELECT MAX(id) FROM envelopes WHERE firm_id = ${firmId()} AND contact_id = ${contact}`);
    bills.forEach((b, i) => sql(`INSERT INTO envelope_items (envelope_id, firm_id, bill_id, position) VALUES (${env}, ${firmId()}, ${b}, ${i})`));
  }
  sql(`INSERT INTO pay_links (token_hash, firm_id, contact_id, bill_id, envelope_id, created_at, expires_at)
       VALUES (UNHEX('${hash}'), ${firmId()}, ${contact}, ${billId ?? 'NULL'}, ${env}, NOW(6), NOW(6) + INTERVAL ${days} DAY)`);
  return token;
}

// A client with a matter and portal of their own.
export async function payer(tag) {
  return clientOnMatter({ name: `Payer ${tag} ${R}`, email: `payer-${tag}-${R}@client.test`,
    number: `PAYM-${tag}-${R}`, password: `payer ${tag} password ${R}` });
}

// On the stand-in's hosted page at url: pays by card (or 'us_bank_account');
// returns where the provider sends the browser back.
export async function payOnProvider(url, method = 'card') {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`the provider's page answered ${page.status}`);
  const body = new URLSearchParams(method === 'card' ? { method, card: '4242 4242 4242 4242' } : { method });
  const res = await fetch(url, { method: 'POST', body, redirect: 'manual' });
  if (res.status !== 303) throw new Error(`the provider refused the payment (${res.status}): ${await res.text()}`);
  return res.headers.get('location');
}

// Where a pay form's answer sends the browser: the provider's hosted page,
// by a page of ours that goes there (a refresh and a link); null if not.
export function providerUrl(res) {
  if (res.status !== 200) return null;
  const m = res.text.match(/<a class="button" href="(http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_[0-9a-f]+)"/);
  return m ? m[1] : null;
}

// The stand-in's events for the test account.
export async function events() {
  return (await fetch(`${STANDIN}/_standin/events?key=${account().key}`)).json();
}

// POSTs body to the webhook as the provider would, signed at t with secret.
export async function deliver(body, { secret = account().secret, t = Math.floor(Date.now() / 1000), header } = {}) {
  const sig = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const res = await fetch(`${process.env.VL_BASE}/webhooks/stripe`, { method: 'POST', body,
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header ?? `t=${t},v1=${sig}` } });
  return { status: res.status, text: await res.text() };
}

// The provider's API with the test account's key.
export async function provider(pathname, form) {
  const res = await fetch(`${STANDIN}${pathname}`, { method: form ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${account().key}` }, body: form ? new URLSearchParams(form) : undefined });
  return { status: res.status, json: await res.json() };
}

export { Client, csrfOf, sql };
