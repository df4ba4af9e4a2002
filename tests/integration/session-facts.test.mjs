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
import { ownFirm, colleague, R } from './workspace-helpers.mjs';

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
