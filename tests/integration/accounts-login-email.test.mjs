// Two contacts of one firm may not share a login email: the contact card
// and the participants panel refuse with a clear message, and the database
// refuses it too.  Emails are stored in their normalised form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { csrfOf, sql, ROOT } from './helpers.mjs';
import { boss, firmId, clientMatter, portalAction } from './accounts-helpers.mjs';

test('a login email already used by another contact is refused, on the card and in the panel', async () => {
  const taken = 'shared.inbox@acct.test';
  clientMatter('Ida First', [taken], 'ACCT-U1');
  const { contact, mid } = clientMatter('Jon Second', ['jon@acct.test', taken], 'ACCT-U2');
  const firm = await boss();

  const card = await firm.get(`/contacts/${contact}`);
  const res = await firm.post(`/contacts/${contact}`, { csrf: csrfOf(card.text), email: taken });
  assert.equal(res.status, 409);
  assert.match(res.text, /Ida First already signs in with shared\.inbox@acct\.test/);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${contact}`), 'jon@acct.test');

  await portalAction(firm, mid, { op: 'open' });
  const panel = await portalAction(firm, mid, { op: 'set_email', contact, email: taken });
  assert.equal(panel.status, 409);
  assert.match(panel.text, /Ida First already signs in with shared\.inbox@acct\.test/);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${contact}`), 'jon@acct.test');
});

test('the database holds one contact per firm and login email', () => {
  const firm = firmId();
  const { contact } = clientMatter('Kim Direct', ['kim@acct.test', 'shared.inbox@acct.test'], 'ACCT-U3');
  assert.throws(() => sql(`UPDATE contacts SET portal_email = 'shared.inbox@acct.test' WHERE id = ${contact}`), /Duplicate entry/);
  // A new contact whose first address is another's login email is refused as well.
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Lea Clash')`);
  const lea = sql(`SELECT id FROM contacts WHERE firm_id = ${firm} AND name = 'Lea Clash'`);
  assert.throws(() => sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position)
    VALUES (${firm}, ${lea}, 'shared.inbox@acct.test', 1, 0)`), /Duplicate entry/);
  // Another firm may have a contact with the same login email.
  sql("INSERT INTO firms (name, slug) VALUES ('Other Accounts', 'acct2')");
  const other = sql("SELECT id FROM firms WHERE slug = 'acct2'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${other}, 'person', 'Mo Elsewhere')`);
  const mo = sql(`SELECT id FROM contacts WHERE firm_id = ${other} AND name = 'Mo Elsewhere'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${other}, ${mo}, 'shared.inbox@acct.test', 1, 0)`);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${mo}`), 'shared.inbox@acct.test');
});

test('stored emails are normalised; a mixed-case address cannot be stored', () => {
  const firm = firmId();
  assert.throws(() => sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firm}, 'Mixed@Acct.Test', 'M', 'member', 'x')`), /constraint/i);
  const { contact } = clientMatter('Ned Norm', ['ned@acct.test'], 'ACCT-U4');
  assert.throws(() => sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${contact}, ' Ned@acct.test', 0, 1)`), /constraint/i);
  // vellumctl normalises what it is given.
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', 'Norm LLP', 'norm', '  Boss@Norm.TEST ', 'Nora Norm'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'norm-admin-password' } });
  assert.equal(sql("SELECT email FROM users WHERE email = 'boss@norm.test'"), 'boss@norm.test');
});
