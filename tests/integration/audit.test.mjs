// The audit log (admins): what is recorded, the page's filters and paging,
// the CSV, and the hash chain that `vellumctl audit verify` walks, with
// rows edited, deleted and slipped in by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, clientOnMatter, csrfOf, demoAdmin, postForm, sql, ROOT, VAR } from './helpers.mjs';

const CTL = path.join(ROOT, 'build/bin/vellumctl');
const R = Date.now().toString(36);

// `vellumctl audit verify [--firm SLUG]`: { status, out }.
function verify(slug) {
  const r = spawnSync(CTL, ['audit', 'verify', ...(slug ? ['--firm', slug] : [])], { env: process.env, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const today = () => new Date().toISOString().slice(0, 10);
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const rows = (html) => (html.match(/<tr><td>/g) || []).length;

test('sign-ins, failures, client downloads and deletions are on the page, with who and which matter', async () => {
  const bad = new Client();
  assert.equal((await bad.signIn('member@demo.test', 'not the member password')).status, 200);
  const admin = await demoAdmin();
  // A client on a matter of their own, a shared document they download.
  const { mid, client } = await clientOnMatter({ name: `Avery ${R}`, email: `avery.${R}@audit.test`,
    number: `AUD-${R}`, password: 'avery audit password' });
  const up = await postForm(admin, `/matters/${mid}/documents`, `/matters/${mid}/documents/upload`, { folder: '0' },
    [[`brief-${R}.txt`, 'the brief']]);
  assert.equal(up.status, 303);
  const doc = sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = 'brief-${R}.txt'`);
  const P = `/matters/${mid}/portal`;
  assert.equal((await postForm(admin, P, `${P}/action`, { op: 'share', document: doc })).status, 303);
  assert.equal((await client.get(`/portal/documents/${doc}`)).status, 200);
  // A deleted document keeps its matter in the log.
  const D = `/matters/${mid}/documents`;
  assert.equal((await admin.post(`${D}/action`, { csrf: csrfOf((await admin.get(D)).text), op: 'delete',
    kind: 'document', id: doc, folder: '0' })).status, 303);

  const page = await admin.get(`/audit?matter=AUD-${R}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Audit log<\/h1>/);
  assert.match(page.text, new RegExp(`<td>Avery ${R} \\(client\\)</td><td><code>client_download</code></td><td>document #${doc}</td><td><a href="/matters/${mid}">AUD-${R}</a>`));
  assert.match(page.text, new RegExp(`<td>Dana Admin</td><td><code>document_deleted</code></td><td>document #${doc}</td><td><a href="/matters/${mid}">AUD-${R}</a>`));
  assert.match(page.text, /<code>portal_shared<\/code>/);
  assert.match(page.text, /<code>portal_opened<\/code>/);
  assert.match(page.text, new RegExp(`value="AUD-${R}"`), 'the filter stays in the form');
  // The sign-ins are not of that matter; unfiltered they are there.
  assert.doesNotMatch(page.text, /<code>login_failed<\/code>/);
  const all = await admin.get('/audit');
  assert.match(all.text, /<td>Morgan Member<\/td><td><code>login_failed<\/code><\/td><td>user #\d+<\/td><td><\/td><td>127\.0\.0\.1<\/td>/);
  assert.match(all.text, new RegExp(`<td>Avery ${R} \\(client\\)</td><td><code>client_invitation_accepted</code>`));
  // The header links admins to it.
  assert.match(all.text, /<a href="\/audit">Audit log<\/a>/);
});

test('filters: by user, by matter, by dates in the firm\'s zone; wrong fields are named and kept', async () => {
  const admin = await demoAdmin();
  const member = sql("SELECT id FROM users WHERE email = 'member@demo.test'");
  const mine = await admin.get(`/audit?user=${member}`);
  assert.equal(mine.status, 200);
  assert.ok(rows(mine.text) > 0);
  assert.equal((mine.text.match(/<tr><td>[^<]*<\/td><td>Morgan Member<\/td>/g) || []).length, rows(mine.text),
    'only the member\'s rows');
  assert.match(mine.text, new RegExp(`<option value="${member}" selected>Morgan Member</option>`));
  // Dates: today holds rows; tomorrow on and yesterday back hold none.
  assert.ok(rows((await admin.get(`/audit?from=${today()}&to=${today()}`)).text) > 0);
  assert.match((await admin.get(`/audit?from=${day(1)}`)).text, /No entries match this filter\./);
  assert.match((await admin.get(`/audit?to=${day(-1)}`)).text, /No entries match this filter\./);
  // The firm's zone decides where a day starts: a zone well ahead of UTC
  // moves today's early rows into tomorrow's date or keeps them, never
  // loses them: today in UTC still matches with a day either side.
  assert.ok(rows((await admin.get(`/audit?from=${day(-1)}&to=${day(1)}`)).text) > 0);
  // Wrong input: the page again, the field marked, what was typed kept.
  const cases = [
    [`/audit?from=2026-02-30&to=${today()}`, 400, /"From" must be a date/, 'f-from', 'value="2026-02-30"'],
    ['/audit?to=31/12/2026', 400, /"To" must be a date/, 'f-to', 'value="31/12/2026"'],
    [`/audit?from=${today()}&to=${day(-2)}`, 400, /on or after "From"/, 'f-to', `value="${day(-2)}"`],
    ['/audit?matter=NO-SUCH-9', 404, /No matter has this number\./, 'f-matter', 'value="NO-SUCH-9"'],
    ['/audit?user=999999999', 404, /Choose a user of the firm\./, 'f-user', null],
    ['/audit?user=abc', 404, /Choose a user of the firm\./, 'f-user', null],
    [`/audit?from=${'9'.repeat(5000)}`, 400, /"From" must be a date/, 'f-from', null],
  ];
  for (const [url, status, msg, id, kept] of cases) {
    const res = await admin.get(url);
    assert.equal(res.status, status, url);
    assert.match(res.text, msg, url);
    assert.match(res.text, new RegExp(`id="${id}"[^>]*aria-invalid="true"`), url);
    if (kept) assert.ok(res.text.includes(kept), `${url}: keeps what was typed`);
    assert.doesNotMatch(res.text, /<tr><td>/, `${url}: no rows under a wrong filter`);
  }
  // Another firm's user and matter are "not found" here.
  execFileSync(CTL, ['create-firm', `Audit Rival ${R}`, `audit-rival-${R}`, `boss.${R}@auditrival.test`, 'Ronda Rival'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'audit-rival-pass' } });
  const rivalUser = sql(`SELECT id FROM users WHERE email = 'boss.${R}@auditrival.test'`);
  assert.equal((await admin.get(`/audit?user=${rivalUser}`)).status, 404);
  const rival = new Client();
  assert.equal((await rival.signIn(`boss.${R}@auditrival.test`, 'audit-rival-pass')).status, 303);
  const theirs = await rival.get('/audit');
  assert.equal(theirs.status, 200);
  assert.doesNotMatch(theirs.text, /Dana Admin|Morgan Member|Avery/);
  assert.equal((await rival.get('/audit?matter=2026-0001')).status, 404);
  assert.equal((await rival.get(`/audit?user=${member}`)).status, 404);
  const csv = await rival.get('/audit.csv');
  assert.doesNotMatch(csv.text, /Dana Admin|Morgan Member|Avery/);
});

test('50 a page, newest first, the filter kept in the page links; a malformed page is not found', async () => {
  // A firm of its own whose log is 60 exports (each one row).
  const slug = `audit-pages-${R}`;
  execFileSync(CTL, ['create-firm', `Audit Pages ${R}`, slug, `pages.${R}@auditpages.test`, 'Paige Pages'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'audit-pages-pass' } });
  const out = path.join(VAR, `pages-${R}.tar`);
  for (let i = 0; i < 59; i++) execFileSync(CTL, ['export', '--firm', slug, '--out', out]);
  const c = new Client();
  assert.equal((await c.signIn(`pages.${R}@auditpages.test`, 'audit-pages-pass')).status, 303);	// the 60th
  const first = await c.get(`/audit?from=${day(-1)}`);
  assert.equal(rows(first.text), 50);
  const ids = (t) => [...t.matchAll(/<tr><td>[^]*?<\/tr>/g)].length;
  assert.equal(ids(first.text), 50);
  assert.match(first.text, /<td>Paige Pages<\/td><td><code>login<\/code>/, 'newest first: the sign-in on top');
  const older = first.text.match(/<a rel="next" href="(\/audit\?from=[0-9-]+&amp;before=(\d+))">Older entries<\/a>/);
  assert.ok(older, 'an Older link that keeps the filter');
  assert.doesNotMatch(first.text, />Newest</);
  const second = await c.get(older[1].replace(/&amp;/g, '&'));
  assert.equal(rows(second.text), 10);
  assert.doesNotMatch(second.text, /Older entries/);
  assert.match(second.text, new RegExp(`<a href="/audit\\?from=${day(-1)}">Newest</a>`));
  const lastId = sql(`SELECT MIN(a.id) FROM (SELECT id FROM audit_log WHERE firm_id = (SELECT id FROM firms WHERE slug = '${slug}') ORDER BY id DESC LIMIT 50) a`);
  assert.equal(older[2], lastId);
  for (const before of ['abc', '-1', '0', '99999999999999999999999'])
    assert.equal((await c.get(`/audit?before=${before}`)).status, 404, before);
  assert.equal(verify(slug).status, 0);
});

test('CSV: the same filter, every row, fields quoted and formulas defused', async () => {
  // A client whose name a spreadsheet would run as a formula.
  const name = `=HYPERLINK("http://evil.test","x") ${R}`;
  const { mid } = await clientOnMatter({ name: `=cmd ${R}`, email: `eve.${R}@audit.test`, number: `CSV-${R}`,
    password: 'eve audit password' });
  sql(`UPDATE contacts SET name = '${name.replace(/'/g, "''")}' WHERE id = (SELECT client_id FROM matters WHERE id = ${mid})`);
  const admin = await demoAdmin();
  const res = await admin.get(`/audit.csv?matter=CSV-${R}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="audit-log\.csv"/);
  const lines = res.text.split('\r\n');
  assert.equal(lines[0], 'id,time,user,client,action,item,item_id,matter,address');
  assert.equal(lines.at(-1), '', 'every line ends with CRLF');
  const body = lines.slice(1, -1);
  assert.ok(body.length >= 2, res.text);
  for (const l of body) assert.ok(l.endsWith(`,CSV-${R},127.0.0.1`), l);
  // The times hold a comma: quoted.
  assert.match(body[0], /^\d+,"[A-Z][a-z]{2} \d+, \d{4} \d+:\d\d [AP]M [A-Z]+",Dana Admin,,/);
  // The same filter as the page: as many rows.
  const page = await admin.get(`/audit?matter=CSV-${R}`);
  assert.equal(body.length, rows(page.text));
  // The client's name (her invitation accepted): quoted for its comma and
  // quotes (doubled), and made text.
  const today = await admin.get(`/audit.csv?from=${new Date().toISOString().slice(0, 10)}`);
  assert.ok(today.text.includes(`,"'=HYPERLINK(""http://evil.test"",""x"") ${R}",client_invitation_accepted,`),
    today.text.slice(0, 800));
  assert.doesNotMatch(today.text, /(^|,)"?=/m, 'no cell starts a formula');
  // A wrong filter is the page with the field named, not a file.
  const badCsv = await admin.get('/audit.csv?from=yesterday');
  assert.equal(badCsv.status, 400);
  assert.match(badCsv.headers.get('content-type'), /text\/html/);
  assert.match(badCsv.text, /"From" must be a date/);
});

test('members, clients and strangers never see the log', async () => {
  const member = new Client();
  assert.equal((await member.signIn('member@demo.test', 'demo-member-pass')).status, 303);
  for (const url of ['/audit', '/audit.csv', `/audit?user=1`]) {
    const res = await member.get(url);
    assert.equal(res.status, 403, url);
    assert.doesNotMatch(res.text, /login_failed|Dana Admin<\/td>/);
  }
  assert.doesNotMatch((await member.get('/matters')).text, /href="\/audit"/, 'no link for members');
  const stranger = new Client();
  const res = await stranger.get('/audit.csv');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/login?next=%2Faudit.csv');
  const { client } = await clientOnMatter({ name: `Avery ${R}`, email: `avery.${R}@audit.test`,
    number: `AUD-${R}`, password: 'avery audit password' });
  const asClient = await client.get('/audit');
  assert.equal(asClient.status, 303);
  assert.match(asClient.location, /^\/login/);
  const post = await member.post('/audit', { csrf: 'x' });
  assert.equal(post.status, 403, 'nginx takes GET only');
});

test('the chain: intact after many requests at once; an edit, a deletion and an insertion are reported', async () => {
  // A firm of its own (the demo firm's people stay unpaused): twenty
  // sign-ins at once, each appending a row: one chain, no fork.
  const slug = `audit-chain-${R}`;
  execFileSync(CTL, ['create-firm', `Audit Chain ${R}`, slug, `chain.${R}@auditchain.test`, 'Chase Chain'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'audit-chain-pass' } });
  await Promise.all([...Array(20)].map(async (_, i) => {
    const c = new Client();
    await c.signIn(`chain.${R}@auditchain.test`, `wrong password number ${i}`);
  }));
  const firm = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm}`), '20');
  assert.equal(sql(`SELECT COUNT(*) = COUNT(DISTINCT seq) AND COUNT(*) = MAX(seq) AND MAX(seq) = (SELECT seq FROM audit_heads WHERE firm_id = ${firm}) FROM audit_log WHERE firm_id = ${firm} AND seq IS NOT NULL`), '1');
  let v = verify(slug);
  assert.equal(v.status, 0, v.out);
  assert.match(v.out, new RegExp(`^${slug}: chain intact: 20 row\\(s\\), head [0-9a-f]{64}`, 'm'));
  assert.equal(verify().status, 0, 'every firm');

  const [id, seq, action] = sql(`SELECT id, seq, action FROM audit_log WHERE firm_id = ${firm} AND seq IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 3`).split('\t');
  const [lastId, lastSeq] = sql(`SELECT id, seq FROM audit_log WHERE firm_id = ${firm} ORDER BY seq DESC LIMIT 1`).split('\t');
  sql('DROP TABLE IF EXISTS audit_saved');
  sql(`CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE id IN (${id}, ${lastId})`);
  try {
    // Edited: the action, then the time by one microsecond, then the address.
    for (const change of ["action = 'login'", 'created_at = created_at + INTERVAL 1 MICROSECOND', "ip = '10.0.0.1'", 'matter_id = 1']) {
      sql(`UPDATE audit_log SET ${change} WHERE id = ${id}`);
      v = verify(slug);
      assert.equal(v.status, 1, change);
      assert.match(v.out, new RegExp(`${slug}: BROKEN after ${Number(seq) - 1} good row\\(s\\): row ${seq} of the chain \\(id ${id}\\) does not match its hash`), v.out);
      sql(`DELETE FROM audit_log WHERE id = ${id}`);
      sql(`INSERT INTO audit_log SELECT * FROM audit_saved WHERE id = ${id}`);
      assert.equal(verify(slug).status, 0, `${change}: restored`);
    }
    assert.equal(sql(`SELECT action FROM audit_log WHERE id = ${id}`), action);
    // Deleted in the middle.
    sql(`DELETE FROM audit_log WHERE id = ${id}`);
    v = verify(slug);
    assert.equal(v.status, 1);
    assert.match(v.out, new RegExp(`row ${seq} of the chain is missing \\(deleted\\); the next one is ${Number(seq) + 1}`));
    sql(`INSERT INTO audit_log SELECT * FROM audit_saved WHERE id = ${id}`);
    // Deleted at the end: the head still names it.
    sql(`DELETE FROM audit_log WHERE id = ${lastId}`);
    v = verify(slug);
    assert.equal(v.status, 1);
    assert.match(v.out, new RegExp(`the chain ends at row ${Number(lastSeq) - 1} but its head says ${lastSeq}`));
    sql(`INSERT INTO audit_log SELECT * FROM audit_saved WHERE id = ${lastId}`);
    assert.equal(verify(slug).status, 0);
    // Inserted by hand without a place in the chain.
    sql(`INSERT INTO audit_log (firm_id, user_id, action, item, item_id, ip, created_at) VALUES (${firm}, 1, 'login', 'user', 1, '127.0.0.1', NOW(6))`);
    const forged = sql(`SELECT MAX(id) FROM audit_log WHERE firm_id = ${firm}`);
    v = verify(slug);
    assert.equal(v.status, 1);
    assert.match(v.out, new RegExp(`row id ${forged} is outside the chain \\(inserted\\)`));
    sql(`DELETE FROM audit_log WHERE id = ${forged}`);
    // Inserted into the chain: a copy of a row given the next number, the
    // head moved along: its hash does not follow from its predecessor.
    sql(`INSERT INTO audit_log (firm_id, user_id, action, item, item_id, ip, created_at, seq, hash) SELECT firm_id, user_id, action, item, item_id, ip, created_at, ${Number(lastSeq) + 1}, hash FROM audit_log WHERE id = ${lastId}`);
    sql(`UPDATE audit_heads SET seq = seq + 1 WHERE firm_id = ${firm}`);
    v = verify(slug);
    assert.equal(v.status, 1);
    assert.match(v.out, new RegExp(`row ${Number(lastSeq) + 1} of the chain \\(id \\d+\\) does not match its hash`));
    sql(`DELETE FROM audit_log WHERE firm_id = ${firm} AND seq = ${Number(lastSeq) + 1}`);
    sql(`UPDATE audit_heads SET seq = seq - 1 WHERE firm_id = ${firm}`);
  } finally {
    // Whatever failed above, the chain is whole again.
    sql(`DELETE FROM audit_log WHERE id IN (${id}, ${lastId})`);
    sql(`INSERT INTO audit_log SELECT * FROM audit_saved`);
    sql('DROP TABLE audit_saved');
  }
  v = verify(slug);
  assert.equal(v.status, 0, v.out);
  // The command itself: a firm that does not exist, a wrong usage.
  assert.equal(verify('no-such-firm').status, 1);
  assert.equal(spawnSync(CTL, ['audit', 'check'], { env: process.env }).status, 1);
});
