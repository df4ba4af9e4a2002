// Helpers for the accounts tests (reset, invitations, login emails, links
// after sign-in): a firm of their own, so nothing here touches the demo
// firm's clients that other tests rely on.
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, inbox, sleep, portalAction, BASE, ROOT } from './helpers.mjs';

export const FIRM = { slug: 'acct', name: 'Accounts Test LLP', admin: 'boss@acct.test', password: 'acct-admin-pass' };

// The test firm's id, created on first use.
export function firmId() {
  if (sql(`SELECT COUNT(*) FROM firms WHERE slug = '${FIRM.slug}'`) === '0')
    execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', FIRM.name, FIRM.slug, FIRM.admin, 'Bea Boss'],
      { env: { ...process.env, VELLUM_ADMIN_PASSWORD: FIRM.password } });
  return sql(`SELECT id FROM firms WHERE slug = '${FIRM.slug}'`);
}

// The firm's admin, signed in afresh (the test stack's sessions idle out fast).
export async function boss() {
  firmId();
  const c = new Client();
  const res = await c.signIn(FIRM.admin, FIRM.password);
  assert.equal(res.status, 303, 'the test firm\'s admin signs in');
  return c;
}

// A contact with its addresses (the first one primary) and a matter of theirs.
export function clientMatter(name, emails, number) {
  const firm = firmId();
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', '${name}')`);
  const contact = sql(`SELECT id FROM contacts WHERE firm_id = ${firm} AND name = '${name}'`);
  emails.forEach((e, i) => sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position)
    VALUES (${firm}, ${contact}, '${e}', ${i === 0 ? 1 : 0}, ${i})`));
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, '${number}', 'Accounts test ${number}', ${contact})`);
  return { contact, mid: sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND number = '${number}'`) };
}

// portalAction lives in helpers.mjs; re-exported for these tests.
export { portalAction };

export function inviteLinkOf(mail) {
  const m = mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/);
  assert.ok(m, 'a link to choose a password in the mail');
  return new URL(m[1]);
}

// Opens the link and chooses password; returns the client and the answer.
export async function accept(link, password) {
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  if (form.status !== 200) return { c, res: form };
  const res = await c.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password, confirm: password });
  return { c, res };
}

export async function clientSignIn(email, password, next) {
  const c = new Client();
  const page = await c.get(`/portal/login?firm=${FIRM.slug}`);
  const fields = { csrf: csrfOf(page.text), email, password };
  if (next !== undefined) fields.next = next;
  const res = await c.post(`/portal/login?firm=${FIRM.slug}`, fields);
  return { c, res };
}

// A client with an account: the portal opened, a message sent, the
// invitation (to the login email) accepted with password.
export async function clientWithAccount(name, emails, number, password) {
  const { contact, mid } = clientMatter(name, emails, number);
  const firm = await boss();
  assert.equal((await portalAction(firm, mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, mid, { op: 'send', body: `Hello ${name}.` })).status, 303);
  const [mail] = await waitFor(emails[0], /Accounts Test LLP invites you/);
  const { res } = await accept(inviteLinkOf(mail), password);
  assert.equal(res.status, 303, 'the invitation is accepted');
  return { contact, mid };
}

// Every outbox recipient of kind since row id `after`, exactly as stored.
export function recipients(kind, after = 0) {
  const out = sql(`SELECT HEX(recipient) FROM notifications WHERE kind = '${kind}' AND id > ${after} ORDER BY id`);
  return out === '' ? [] : out.split('\n').map((h) => Buffer.from(h, 'hex').toString('utf8'));
}

export function lastNotification() {
  return Number(sql('SELECT COALESCE(MAX(id), 0) FROM notifications'));
}

// Waits (bounded) for n mails to address whose subject matches re.
export async function waitFor(address, re, n = 1, seconds = 20) {
  for (let i = 0; i < seconds * 5; i++) {
    const got = (await inbox()).filter((m) => re.test(m.subject) && m.to.some((t) => t.address === address));
    if (got.length >= n) return got;
    await sleep(200);
  }
  throw new Error(`no mail #${n} matching ${re} for ${address} within ${seconds}s`);
}
