// Everyone taking part in a portal is told, however many they are: 70 client
// participants get a notification when the firm writes, and 70 firm users
// who wrote in the portal get one when a client writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client, csrfOf, sql, portalAction, BASE, demoAdmin } from './helpers.mjs';

const MANY = 70;
const tag = 'many' + randomBytes(3).toString('hex');
const FIRM = "(SELECT id FROM firms WHERE slug = 'demo')";

// A matter of the demo firm with its portal open and 70 client participants.
async function bigPortal(firm) {
  // (contact_emails keeps its login-email column current with triggers, so
  // each address is inserted with plain VALUES, its ids read first.)
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  for (let i = 1; i <= MANY; i++) {
    sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firmId}, 'person', '${tag} person ${i}')`);
    const contact = sql(`SELECT id FROM contacts WHERE firm_id = ${firmId} AND name = '${tag} person ${i}'`);
    sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position)
         VALUES (${firmId}, ${contact}, '${tag}-client-${i}@many.test', 1, 0)`);
  }
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status)
       SELECT firm_id, '${tag}', 'Many participants', id, 'open' FROM contacts WHERE name = '${tag} person 1'`);
  const mid = sql(`SELECT id FROM matters WHERE number = '${tag}'`);
  assert.equal((await portalAction(firm, mid, { op: 'open' })).status, 303);
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  sql(`INSERT IGNORE INTO participants (firm_id, portal_id, contact_id, added_at)
       SELECT firm_id, ${portal}, id, NOW(6) FROM contacts WHERE name LIKE '${tag} person %'`);
  assert.equal(sql(`SELECT COUNT(*) FROM participants WHERE portal_id = ${portal} AND removed_at IS NULL`), String(MANY));
  return { mid, portal };
}

test('a message to a portal with 70 client participants notifies all 70', async () => {
  const firm = await demoAdmin();
  const { mid } = await bigPortal(firm);
  assert.equal((await portalAction(firm, mid, { op: 'send', body: 'To all of you.' })).status, 303);
  const told = sql(`SELECT COUNT(DISTINCT recipient) FROM notifications WHERE recipient LIKE '${tag}-client-%'`);
  assert.equal(told, String(MANY), 'every participant has a notification queued');
});

test('a client writing in a portal where 70 firm users wrote notifies all 70', async () => {
  const firm = await demoAdmin();
  const mid = sql(`SELECT id FROM matters WHERE number = '${tag}'`);
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  for (let i = 1; i <= MANY; i++)
    sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
         SELECT firm_id, '${tag}-staff-${i}@many.test', 'Staff ${i}', 'member', pw_hash FROM users
         WHERE email = 'member@demo.test'`);
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at)
       SELECT firm_id, ${portal}, id, 'From staff', NOW(6) FROM users WHERE email LIKE '${tag}-staff-%'`);
  // The first participant gets an account with a known password.
  sql(`INSERT INTO client_accounts (firm_id, contact_id, pw_hash, created_at)
       SELECT c.firm_id, c.id, (SELECT pw_hash FROM users WHERE email = 'member@demo.test'), NOW(6)
       FROM contacts c WHERE c.name = '${tag} person 1'
       ON DUPLICATE KEY UPDATE pw_hash = VALUES(pw_hash)`);
  const client = new Client();
  const login = await client.get('/portal/login?firm=demo');
  const res = await client.post('/portal/login?firm=demo', { csrf: csrfOf(login.text),
    email: `${tag}-client-1@many.test`, password: 'demo-member-pass' });
  assert.equal(res.status, 303, 'the client signs in');
  const page = await client.get(`/portal/matters/${mid}`);
  const form = new FormData();
  form.append('csrf', csrfOf(page.text));
  form.append('body', 'A question for everyone.');
  const reply = await fetch(`${BASE}/portal/matters/${mid}/reply`, { method: 'POST', body: form,
    headers: { cookie: client.cookieHeader() }, redirect: 'manual' });
  assert.equal(reply.status, 303);
  const told = sql(`SELECT COUNT(DISTINCT recipient) FROM notifications WHERE kind = 'firm_items'
    AND recipient LIKE '${tag}-staff-%'`);
  assert.equal(told, String(MANY), 'every firm user who took part has a notification queued');
  void firm;
});
