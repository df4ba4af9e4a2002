// A FastCGI process keeps what a firm user's session statement read of the
// user and the firm (lib/sessfacts.c), under the firm's facts_stamp
// (sql/031_session_facts.sql).  Each change below is made in SQL, as any
// writer could, and must show on the very next request whichever process
// answers it: a deactivated user is refused and a reactivated one let in, a
// role taken away or given, a renamed user, a renamed firm or its logo, a
// user moved to another firm, a revoked session.  The contacts page reads
// its session alone; the matters page, with its first page kept too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from './helpers.mjs';
import { ownFirm, colleague, portalClient, R } from './workspace-helpers.mjs';

// Enough requests that both FastCGI processes answer some.
const ROUNDS = 6;

async function each(client, url, check) {
  for (let i = 0; i < ROUNDS; i++) check(await client.get(url), i);
}

const signedIn = (res) => res.status === 200;

test('a deactivated user is refused on the next request, and let in again once reactivated', async () => {
  const firm = await ownFirm('facts');
  const mate = await colleague(firm, 'factsmate', 'member');
  await each(mate.client, '/matters', (res) => assert.ok(signedIn(res)));
  await each(mate.client, '/contacts', (res) => assert.ok(signedIn(res)));
  sql(`UPDATE users SET deactivated_at = NOW(6) WHERE id = ${mate.id}`);
  for (const page of ['/contacts', '/matters']) {
    await each(mate.client, page, (res) => {
      assert.equal(res.status, 303, `${page} refused`);
      assert.match(res.location, /\/login/);
    });
  }
  sql(`UPDATE users SET deactivated_at = NULL WHERE id = ${mate.id}`);
  await each(mate.client, '/matters', (res) => assert.ok(signedIn(res)));
});

test('a role given or taken away holds on the next request', async () => {
  const firm = await ownFirm('factsrole');
  const mate = await colleague(firm, 'rolemate', 'member');
  await each(mate.client, '/matters', (res) => assert.doesNotMatch(res.text, /href="\/users"/));
  await each(mate.client, '/users', (res) => assert.notEqual(res.status, 200));
  sql(`UPDATE users SET role = 'admin' WHERE id = ${mate.id}`);
  await each(mate.client, '/matters', (res) => assert.match(res.text, /href="\/users"/));
  await each(mate.client, '/users', (res) => assert.equal(res.status, 200));
  sql(`UPDATE users SET role = 'member' WHERE id = ${mate.id}`);
  await each(mate.client, '/users', (res) => assert.notEqual(res.status, 200, 'the admin page refused at once'));
  await each(mate.client, '/matters', (res) => assert.doesNotMatch(res.text, /href="\/users"/));
});

test('a renamed user, a renamed firm and a new logo show on the next request', async () => {
  const firm = await ownFirm('factsname');
  await each(firm.admin, '/matters', (res) => assert.match(res.text, /<span class="who">Boss factsname<\/span>/));
  sql(`UPDATE users SET name = 'Boss Renamed ${R}' WHERE firm_id = ${firm.id}`);
  await each(firm.admin, '/matters', (res) => assert.match(res.text, new RegExp(`<span class="who">Boss Renamed ${R}</span>`)));
  sql(`UPDATE firms SET name = 'Renamed Firm ${R}' WHERE id = ${firm.id}`);
  await each(firm.admin, '/matters', (res) => assert.match(res.text, new RegExp(`<span class="firm">Renamed Firm ${R}</span>`)));
  sql(`UPDATE firms SET logo_url = '/static/logos/facts-${R}.png' WHERE id = ${firm.id}`);
  await each(firm.admin, '/matters', (res) => assert.match(res.text, new RegExp(`src="/static/logos/facts-${R}.png"`)));
  // A case-only rename is another name.
  sql(`UPDATE users SET name = 'BOSS RENAMED ${R}' WHERE firm_id = ${firm.id}`);
  await each(firm.admin, '/matters', (res) => assert.match(res.text, new RegExp(`<span class="who">BOSS RENAMED ${R}</span>`)));
});

test('a user moved to another firm, or whose session is revoked, is refused on the next request', async () => {
  const firm = await ownFirm('factsmove');
  const other = await ownFirm('factsmove2');
  const mate = await colleague(firm, 'movemate', 'member');
  await each(mate.client, '/contacts', (res) => assert.ok(signedIn(res)));
  // The session names the first firm; the user is now the other's.
  sql(`UPDATE users SET firm_id = ${other.id} WHERE id = ${mate.id}`);
  await each(mate.client, '/contacts', (res) => assert.equal(res.status, 303));
  sql(`UPDATE users SET firm_id = ${firm.id} WHERE id = ${mate.id}`);
  await each(mate.client, '/contacts', (res) => assert.ok(signedIn(res)));
  sql(`DELETE FROM sessions WHERE user_id = ${mate.id}`);
  await each(mate.client, '/contacts', (res) => assert.equal(res.status, 303));
});

// The client's Messages page keeps its head per process too
// (lib/clientcopy.c, sql/033_client_facts.sql): each change below, made in
// SQL, is on the next request of every client_home process.
test('a client\'s page: matters added and removed, permissions, names and the session, each on the next request', async () => {
  const firm = await ownFirm('clientfacts');
  const alice = await portalClient(firm, 'cfalice', `CF-${R}`);
  const page = `/portal/matters/${alice.mid}`;
  const client = (check) => each(alice.client, page, check);
  await client((res) => assert.match(res.text, new RegExp(`<h1>CF-${R} · Matter CF-${R}</h1>`)));
  // A second matter's portal, the client added to it: in the switcher.
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm.id}, 'CF2-${R}', 'Second', ${alice.contact})`);
  const second = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = 'CF2-${R}'`);
  sql(`INSERT INTO portals (firm_id, matter_id, opened_at, opened_by) SELECT ${firm.id}, ${second}, NOW(6), MIN(id) FROM users WHERE firm_id = ${firm.id}`);
  const portal2 = sql(`SELECT id FROM portals WHERE matter_id = ${second}`);
  await client((res) => assert.doesNotMatch(res.text, new RegExp(`CF2-${R}`), 'not a participant yet'));
  sql(`INSERT INTO participants (firm_id, portal_id, contact_id, added_at) VALUES (${firm.id}, ${portal2}, ${alice.contact}, NOW(6))`);
  await client((res) => assert.match(res.text, new RegExp(`href="/portal/matters/${second}">CF2-${R} · Second</a>`)));
  await each(alice.client, `/portal/matters/${second}`, (res) => assert.equal(res.status, 200));
  // The matter renamed, the client renamed, the firm renamed.
  sql(`UPDATE matters SET description = 'Second renamed' WHERE id = ${second}`);
  await client((res) => assert.match(res.text, new RegExp(`CF2-${R} · Second renamed</a>`)));
  sql(`UPDATE contacts SET name = 'Alice Renamed ${R}' WHERE id = ${alice.contact}`);
  await client((res) => assert.match(res.text, new RegExp(`Alice Renamed ${R}`)));
  sql(`UPDATE firms SET name = 'Client Firm ${R}' WHERE id = ${firm.id}`);
  await client((res) => assert.match(res.text, new RegExp(`<span class="firm">Client Firm ${R} · client portal</span>`)));
  // Messages off on the first portal: its Messages view is gone at once.
  sql(`UPDATE portals SET perm_messages = 0 WHERE matter_id = ${alice.mid}`);
  await client((res) => assert.doesNotMatch(res.text, /Welcome\./));
  sql(`UPDATE portals SET perm_messages = 1 WHERE matter_id = ${alice.mid}`);
  await client((res) => assert.match(res.text, /Welcome\./));
  // Removed from the second portal: not found, and out of the switcher.
  sql(`UPDATE participants SET removed_at = NOW(6) WHERE portal_id = ${portal2} AND contact_id = ${alice.contact}`);
  await each(alice.client, `/portal/matters/${second}`, (res) => assert.equal(res.status, 404));
  await client((res) => assert.doesNotMatch(res.text, new RegExp(`CF2-${R}`)));
  // The session revoked: signed out at once.
  sql(`DELETE FROM sessions WHERE contact_id = ${alice.contact}`);
  for (let i = 0; i < ROUNDS; i++) {
    const res = await alice.client.get(page);
    assert.equal(res.status, 303);
  }
});
