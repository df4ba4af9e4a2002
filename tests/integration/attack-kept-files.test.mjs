// Attacks on plain CGI's kept pages (lib/pagefile.c, lib/pagecodec.c):
// hostile things in place of the files (a FIFO, a directory, a symlink, a
// huge or lying file), two firms taking turns, changes between requests,
// and pages that must never be served from or written as a kept page.  In
// every case the page is the database's, whole, and the request ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, cgiMatters, sql } from './helpers.mjs';
import { ownFirm, R } from './workspace-helpers.mjs';

const TMP = path.join(VAR, 'tmp');
const MATTERS = path.join(TMP, 'page-matters-0'), USERS = path.join(TMP, 'page-users');

const run = (cookie, uri = '/matters') => cgiMatters(cookie, uri, 8000);

const ns = (v) => `${Buffer.byteLength(String(v))}:${v},`;
const mattersFile = (firm, ms, us, rows, more = 0) => ns('vellum matters 1') + ns(firm) + ns(ms) + ns(us) +
  ns(more) + ns(rows.length) + rows.map((r) => [r.id, 0, r.number, r.description, 'open', 'Client', ''].map(ns).join('')).join('');
const usersFile = (firm, us, users, count = users.length) => ns('vellum users 1') + ns(firm) + ns(us) + ns(count) +
  users.map((u) => ns(u.id) + ns(u.name)).join('');

function stamps(firm) {
  const [us, ms] = sql(`SELECT f.users_stamp, COALESCE(st.matters_stamp, 0) FROM firms f
    LEFT JOIN firm_stamps st ON st.firm_id = f.id WHERE f.id = ${firm}`).split('\t');
  return { us, ms };
}

function clear(p) {
  fs.rmSync(p, { force: true, recursive: true });
}

async function firmWithMatter(name, number) {
  const firm = await ownFirm(name);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', '${name} Client ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  const boss = sql(`SELECT MIN(id) FROM users WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on, responsible_id)
    VALUES (${firm.id}, '${number}', '${name} matter', ${contact}, 'open', CURDATE(), ${boss})`);
  return { ...firm, contact, cookie: firm.admin.cookieHeader() };
}

test('a FIFO, a directory or a symlink in place of a kept page: the request ends with the database\'s page', async () => {
  const firm = await firmWithMatter('atkfifo', 'AF-1');
  const { us, ms } = stamps(firm.id);
  for (const p of [MATTERS, USERS]) {
    clear(p);
    execFileSync('mkfifo', ['-m', '600', p]);
    const page = run(firm.cookie);
    assert.match(page, /AF-1/, `a FIFO as ${path.basename(p)}`);
    clear(p);
    fs.mkdirSync(p);
    fs.writeFileSync(path.join(p, 'inside'), 'x');
    assert.match(run(firm.cookie), /AF-1/, `a directory as ${path.basename(p)} (the page not writable)`);
    assert.ok(fs.statSync(p).isDirectory());
    clear(p);
  }
  // A symlink to a file with the firm's own stamps and a planted row: not
  // followed, and its target is not written through it.
  const target = path.join(TMP, `atk-target-${process.pid}`);
  const planted = mattersFile(firm.id, ms, us, [{ id: 1, number: 'FAKE-LINK', description: 'x' }]);
  fs.writeFileSync(target, planted, { mode: 0o600 });
  clear(MATTERS);
  fs.symlinkSync(target, MATTERS);
  assert.doesNotMatch(run(firm.cookie), /FAKE-LINK/);
  assert.equal(fs.readFileSync(target, 'utf8'), planted, 'the symlink\'s target is untouched');
  clear(MATTERS);
  clear(target);
  clear(USERS);
});

test('huge, NUL-bearing, negative or lying kept files are not used', async () => {
  const firm = await firmWithMatter('atkhostile', 'AH-1');
  run(firm.cookie);
  const { us, ms } = stamps(firm.id);
  const fake = [{ id: 1, number: 'FAKE-H', description: 'planted' }];
  const good = mattersFile(firm.id, ms, us, fake);
  const cases = [
    ['huge', good + ' '.repeat(5 << 20)],
    ['a NUL inside a text', good.replace('7:planted,', '7:plan\0ed,')],
    ['a negative count', mattersFile(firm.id, ms, us, fake).replace(`${ns(0)}${ns(1)}`, `${ns(0)}${ns(-1)}`)],
    ['a count larger than the rows', mattersFile(firm.id, ms, us, fake).replace(`${ns(0)}${ns(1)}`, `${ns(0)}${ns(2)}`)],
    ['more not 0 or 1', mattersFile(firm.id, ms, us, fake, 2)],
    ['a length past the end', good.replace('7:planted,', '99999999:planted,')],
    ['a ten-digit length', good.replace('7:planted,', '0000000007:planted,')],
    ['empty', ''],
    // Spelled otherwise than the encoder writes: the same values read,
    // but not a file a program wrote.
    ['a flag cut to fit (4294967297 as 1)', mattersFile(firm.id, ms, us, fake, 4294967297)],
    ['a stamp with a leading zero', mattersFile(firm.id, `0${ms}`, us, fake)],
    ['a length with a leading zero', good.replace('7:planted,', '07:planted,')],
  ];
  for (const [what, content] of cases) {
    fs.writeFileSync(MATTERS, content, { mode: 0o600 });
    const page = run(firm.cookie);
    assert.doesNotMatch(page, /FAKE-H/, what);
    assert.match(page, /AH-1/, what);
  }
  const ucases = [
    ['a lying users count', usersFile(firm.id, us, [{ id: 1, name: 'Planted U' }], 99999)],
    ['a negative users count', usersFile(firm.id, us, [{ id: 1, name: 'Planted U' }], -1)],
    ['a NUL in a name', usersFile(firm.id, us, [{ id: 1, name: 'Planted\0U' }])],
    ['a users stamp with a leading zero', usersFile(firm.id, `0${us}`, [{ id: 1, name: 'Planted U' }])],
    ['a huge users file', usersFile(firm.id, us, [{ id: 1, name: 'Planted U' }]) + ' '.repeat(5 << 20)],
  ];
  for (const [what, content] of ucases) {
    fs.writeFileSync(USERS, content, { mode: 0o600 });
    const page = run(firm.cookie);
    assert.doesNotMatch(page, /Planted/, what);
    assert.match(page, new RegExp(`Boss atkhostile`), what);
  }
  clear(MATTERS);
  clear(USERS);
});

test('two firms taking turns each see their own, and every change shows on the next request', async () => {
  const a = await firmWithMatter('atkturna', 'TA-1');
  const b = await firmWithMatter('atkturnb', 'TB-1');
  for (let i = 0; i < 3; i++) {
    const pa = run(a.cookie), pb = run(b.cookie);
    assert.match(pa, /TA-1/);
    assert.doesNotMatch(pa, /TB-1|Boss atkturnb/);
    assert.match(pb, /TB-1/);
    assert.doesNotMatch(pb, /TA-1|Boss atkturna/);
  }
  run(a.cookie);
  sql(`UPDATE contacts SET name = 'Renamed Client ${R}' WHERE id = ${a.contact}`);
  assert.match(run(a.cookie), /Renamed Client/);
  assert.match(run(a.cookie), /TA-1<\/a><\/td>.*<td>Open<\/td><\/tr>/);
  sql(`UPDATE matters SET status = 'closed' WHERE firm_id = ${a.id} AND number = 'TA-1'`);
  assert.match(run(a.cookie), /TA-1<\/a><\/td>.*<td>Closed<\/td><\/tr>/);
  sql(`DELETE FROM matters WHERE firm_id = ${a.id} AND number = 'TA-1'`);
  assert.doesNotMatch(run(a.cookie), /TA-1/);
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
    SELECT firm_id, 'late-${R}@atk.test', 'Late Colleague ${R}', 'member', pw_hash
    FROM users WHERE firm_id = ${a.id} LIMIT 1`);
  assert.match(run(a.cookie), /Late Colleague/);
});

test('filtered, searched, later and other sorts\' pages are neither served from nor written as page-matters-0', async () => {
  const firm = await firmWithMatter('atkfilter', 'FL-1');
  run(firm.cookie);
  const { us, ms } = stamps(firm.id);
  const planted = mattersFile(firm.id, ms, us, [{ id: 1, number: 'FAKE-F', description: 'planted' }]);
  fs.writeFileSync(MATTERS, planted, { mode: 0o600 });
  for (const uri of ['/matters?q=FL', '/matters?status=open', `/matters?client=${firm.contact}`,
    '/matters?page=2', '/matters?sort=opened', '/matters?sort=-number', '/matters?sort=-opened']) {
    const page = run(firm.cookie, uri);
    assert.doesNotMatch(page, /FAKE-F/, uri);
    assert.equal(fs.readFileSync(MATTERS, 'utf8'), planted, `${uri} does not write the first page's file`);
  }
  assert.match(run(firm.cookie), /FAKE-F/, 'the planted file is in reach (so the checks above mean something)');
  clear(MATTERS);
});

test('changes racing with plain CGI requests that write the kept page: the request after them shows the last', async () => {
  const firm = await firmWithMatter('atkrace', 'RC-1');
  const { spawn } = await import('node:child_process');
  const bin = path.join(ROOT, 'build/cgi-bin/matters_list');
  const once = () => new Promise((resolve) => {
    const p = spawn(bin, [], { env: cgiEnv({ uri: '/matters', cookie: firm.cookie }) });
    p.stdout.resume();
    p.on('close', resolve);
  });
  for (let i = 0; i < 6; i++) {
    const running = [once(), once(), once()];
    sql(`UPDATE matters SET description = 'race ${i} ${R}' WHERE firm_id = ${firm.id} AND number = 'RC-1'`);
    sql(`UPDATE users SET name = 'Racer ${i} ${R}' WHERE firm_id = ${firm.id}`);
    await Promise.all(running);
    const page = run(firm.cookie);
    assert.match(page, new RegExp(`race ${i} ${R}`), `round ${i}: the matter as last changed`);
    assert.match(page, new RegExp(`<option value="\\d+">Racer ${i} ${R}</option>`), `round ${i}: the user as last renamed`);
    assert.match(page, new RegExp(`<td>Racer ${i} ${R}</td>`), `round ${i}: the responsible as last renamed`);
  }
});
