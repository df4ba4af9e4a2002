// Plain CGI's kept pages (lib/pagefile.c): the matters list's first page
// and its users picker, kept in files by one process for the next, and
// used only while the stamps read with the session are the ones they were
// read under.  A change shows on the very next request; a file that names
// another firm, older stamps, or does not parse is no copy; and a file
// with the firm's own current stamps is used (so these tests do reach it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, cgiMatters, sql } from './helpers.mjs';
import { ownFirm, R, vellumctl } from './workspace-helpers.mjs';

const TMP = path.join(VAR, 'tmp');
const MATTERS = path.join(TMP, 'page-matters-0'), USERS = path.join(TMP, 'page-users');

// A kept file's content, as lib/pagefile.c writes it.
const ns = (v) => `${Buffer.byteLength(String(v))}:${v},`;
const mattersFile = (firm, ms, us, rows) => ns('vellum matters 1') + ns(firm) + ns(ms) + ns(us) +
  ns(0) + ns(rows.length) + rows.map((r) => [r.id, 0, r.number, r.description, 'open', 'Client', ''].map(ns).join('')).join('');
const usersFile = (firm, us, users) => ns('vellum users 1') + ns(firm) + ns(us) + ns(users.length) +
  users.map((u) => ns(u.id) + ns(u.name)).join('');

function stamps(firm) {
  const [us, ms] = sql(`SELECT f.users_stamp, COALESCE(st.matters_stamp, 0) FROM firms f
    LEFT JOIN firm_stamps st ON st.firm_id = f.id WHERE f.id = ${firm}`).split('\t');
  return { us, ms };
}

test('plain CGI keeps the matters page in files, and a change shows on the next request', async () => {
  const firm = await ownFirm('cgikept');
  const cookie = firm.admin.cookieHeader();
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'Kept Client ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on)
    VALUES (${firm.id}, 'KP-1', 'first kept', ${contact}, 'open', CURDATE())`);
  fs.rmSync(MATTERS, { force: true });
  fs.rmSync(USERS, { force: true });
  const first = cgiMatters(cookie);
  assert.match(first, /KP-1/);
  assert.ok(fs.existsSync(MATTERS) && fs.existsSync(USERS), 'the first request keeps its page');
  assert.equal(fs.statSync(MATTERS).mode & 0o077, 0, 'only the programs read a kept page');
  assert.equal(cgiMatters(cookie).replace(/[0-9a-f]{64}/g, ''), first.replace(/[0-9a-f]{64}/g, ''));
  // A new matter, a renamed one, a renamed colleague: each on the very next request.
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on)
    VALUES (${firm.id}, 'KP-2', 'second kept', ${contact}, 'open', CURDATE())`);
  assert.match(cgiMatters(cookie), /KP-2/);
  sql(`UPDATE matters SET description = 'renamed kept' WHERE firm_id = ${firm.id} AND number = 'KP-1'`);
  const renamed = cgiMatters(cookie);
  assert.match(renamed, /renamed kept/);
  assert.doesNotMatch(renamed, /first kept/);
  sql(`UPDATE users SET name = 'Boss Renamed ${R}' WHERE firm_id = ${firm.id}`);
  assert.match(cgiMatters(cookie), new RegExp(`<option value="\\d+">Boss Renamed ${R}</option>`));
  // A revoked session: refused, whatever is kept.
  const revoked = spawnSync(path.join(ROOT, 'build/cgi-bin/matters_list'),
    { env: cgiEnv({ uri: '/matters', cookie: [...firm.admin.jar].map(([k, v]) => `${k}=${/sid/.test(k) ? 'A'.repeat(43) : v}`).join('; ') }), timeout: 20000 });
  assert.match(revoked.stdout.toString(), /^Status: 303/);
  assert.doesNotMatch(revoked.stdout.toString(), /KP-1|KP-2/);
});

test('a kept file of another firm, of older stamps or that does not parse is not used; one of the firm\'s own stamps is', async () => {
  const firm = await ownFirm('cgiforged');
  const cookie = firm.admin.cookieHeader();
  const other = await ownFirm('cgiforged2');
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'Forged Client ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on)
    VALUES (${firm.id}, 'FG-1', 'the real one', ${contact}, 'open', CURDATE())`);
  cgiMatters(cookie);
  const { us, ms } = stamps(firm.id);
  const fake = [{ id: 1, number: 'FAKE-1', description: 'planted row' }];
  const cases = [
    ['another firm', mattersFile(other.id, ms, us, fake)],
    ['an older matters stamp', mattersFile(firm.id, String(BigInt(ms) - 1n), us, fake)],
    ['an older users stamp', mattersFile(firm.id, ms, String(BigInt(us) - 1n), fake)],
    ['a cut file', mattersFile(firm.id, ms, us, fake).slice(0, -3)],
    ['more after the rows', mattersFile(firm.id, ms, us, fake) + ns('x')],
    ['a count past a page', mattersFile(firm.id, ms, us, fake).replace(`${ns(0)}${ns(1)}`, `${ns(0)}${ns(51)}`)],
    ['another kind', mattersFile(firm.id, ms, us, fake).replace('vellum matters 1', 'vellum matters 2')],
    ['no netstrings', 'garbage'],
  ];
  for (const [what, content] of cases) {
    fs.writeFileSync(MATTERS, content, { mode: 0o600 });
    const page = cgiMatters(cookie);
    assert.doesNotMatch(page, /FAKE-1/, what);
    assert.match(page, /FG-1/, what);
  }
  // The firm's own current stamps: the file is the page (what keeps it
  // right is the stamps, which only the database's triggers move).
  fs.writeFileSync(MATTERS, mattersFile(firm.id, ms, us, fake), { mode: 0o600 });
  assert.match(cgiMatters(cookie), /FAKE-1/);
  // The users picker likewise: another firm's or an older stamp's is not used.
  fs.writeFileSync(USERS, usersFile(other.id, us, [{ id: 1, name: 'Planted User' }]), { mode: 0o600 });
  assert.doesNotMatch(cgiMatters(cookie), /Planted User/);
  fs.writeFileSync(USERS, usersFile(firm.id, String(BigInt(us) - 1n), [{ id: 1, name: 'Planted User' }]), { mode: 0o600 });
  assert.doesNotMatch(cgiMatters(cookie), /Planted User/);
  fs.writeFileSync(USERS, usersFile(firm.id, us, [{ id: 1, name: 'Planted <b>User</b>' }]), { mode: 0o600 });
  const planted = cgiMatters(cookie);
  assert.match(planted, /Planted &lt;b&gt;User&lt;\/b&gt;/, 'a kept name is escaped like any other');
  fs.rmSync(MATTERS, { force: true });
  fs.rmSync(USERS, { force: true });
  assert.doesNotMatch(cgiMatters(cookie), /FAKE-1|Planted/);
});

test('the sweep removes a kept page a killed program left half written, and only that', async () => {
  const firm = await ownFirm('cgisweep');
  cgiMatters(firm.admin.cookieHeader());
  assert.ok(fs.existsSync(MATTERS));
  const left = `${MATTERS}.99999999`, fresh = `${MATTERS}.99999998`;
  fs.writeFileSync(left, 'half', { mode: 0o600 });
  fs.writeFileSync(fresh, 'half', { mode: 0o600 });
  const old = new Date(Date.now() - 3 * 3600 * 1000);
  fs.utimesSync(left, old, old);
  vellumctl(['sweep', '--grace', '3600']);
  assert.ok(!fs.existsSync(left), 'an old half-written page is swept');
  assert.ok(fs.existsSync(fresh), 'one being written now is not');
  assert.ok(fs.existsSync(MATTERS) && fs.existsSync(USERS), 'the kept pages stay');
  fs.rmSync(fresh, { force: true });
});
