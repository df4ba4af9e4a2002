// Matters (SPEC F-A4) through nginx: numbers from the firm's pattern (set
// on its admin page, refused to members), typed numbers checked, ten
// creations at once with ten numbers, edits, close and reopen (the
// client's portal stays readable and writable), and the list filtered by
// status, client and responsible user, searched, sorted and paged with
// the filters in its links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter, ROOT } from './helpers.mjs';

const R = Date.now().toString(36);
const P = `Q${R.slice(-5)}`;	// this run's number prefix
const firmId = () => sql("SELECT id FROM firms WHERE slug = 'demo'");
const adminId = () => sql("SELECT id FROM users WHERE email = 'admin@demo.test'");
const memberId = () => sql("SELECT id FROM users WHERE email = 'member@demo.test'");

async function act(c, page, url, fields) {
  return c.post(url, { csrf: csrfOf((await c.get(page)).text), ...fields });
}

function contact(name) {
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firmId()}, 'person', '${name}')`);
  return sql(`SELECT MAX(id) FROM contacts WHERE name = '${name}'`);
}

const newMatter = (c, fields) => act(c, '/matters/new', '/matters/new', { op: 'save', number: '', opened: '2026-02-03',
  responsible: adminId(), ...fields });
const numberOf = (loc) => sql(`SELECT number FROM matters WHERE id = ${loc.match(/\/matters\/(\d+)/)[1]}`);

test('the numbering pattern is an admin\'s, checked, and numbers new matters', async () => {
  const member = new Client();
  assert.equal((await member.signIn('member@demo.test', 'demo-member-pass')).status, 303);
  assert.equal((await member.get('/settings/matters')).status, 403);
  const token = csrfOf((await member.get('/matters')).text);
  assert.equal((await member.post('/settings/matters', { csrf: token, pattern: 'X-{N}', next: '1' })).status, 403);
  assert.doesNotMatch(sql(`SELECT pattern FROM matter_numbering WHERE firm_id = ${firmId()}`), /^X-/);
  assert.doesNotMatch((await member.get('/matters')).text, /href="\/settings"/, 'no admin link for members');

  const a = await demoAdmin();
  assert.match((await a.get('/matters')).text, /href="\/settings"/);
  assert.match((await a.get('/settings')).text, /href="\/settings\/matters"/);
  const bad = await act(a, '/settings/matters', '/settings/matters', { pattern: `${P}-{NN}-{NN}`, next: '1' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /The pattern needs exactly one counter/);
  assert.match(bad.text, new RegExp(`id="pattern" name="pattern" value="${P}-\\{NN\\}-\\{NN\\}"[^>]*aria-invalid="true"`));
  const badNext = await act(a, '/settings/matters', '/settings/matters', { pattern: `${P}-{NNN}`, next: 'ten' });
  assert.equal(badNext.status, 400);
  assert.match(badNext.text, /Enter the next counter/);
  const ok = await act(a, '/settings/matters', '/settings/matters', { pattern: `${P}-{NNN}`, next: '1' });
  assert.equal(ok.location, '/settings/matters?notice=saved');
  assert.match((await a.get(ok.location)).text, new RegExp(`The next new matter gets ${P}-001\\.`));
  assert.match((await a.get('/matters/new')).text, new RegExp(`Leave blank for the next number, ${P}-001\\.`));

  const client = contact(`Nina ${R}`);
  const made = await newMatter(a, { description: `Numbered ${R}`, client });
  assert.match(made.location, /^\/matters\/\d+\?notice=created$/);
  assert.equal(numberOf(made.location), `${P}-001`);
  const page = await a.get(made.location);
  assert.match(page.text, /Matter created\./);
  assert.match(page.text, /Dana Admin/);
  assert.match(page.text, /Feb 3, 2026/);
  // A typed number, then the counter skips it.
  const typed = await newMatter(a, { number: `${P}-002`, description: `Typed ${R}`, client });
  assert.equal(numberOf(typed.location), `${P}-002`);
  assert.match((await a.get('/matters/new')).text, new RegExp(`Leave blank for the next number, ${P}-003\\.`),
    'the form names the number a new matter gets, past the typed one');
  assert.equal(numberOf((await newMatter(a, { description: `Skipped ${R}`, client })).location), `${P}-003`);
  // Refusals keep what was typed.
  const dup = await newMatter(a, { number: `${P}-002`, description: `Kept ${R}`, client });
  assert.equal(dup.status, 400);
  assert.match(dup.text, new RegExp(`Another matter already has the number “${P}-002”`));
  assert.match(dup.text, new RegExp(`value="Kept ${R}"`));
  assert.match(dup.text, new RegExp(`<option value="${client}" selected>`));
  const nodate = await newMatter(a, { description: `Kept ${R}`, client, opened: '2026-02-30' });
  assert.equal(nodate.status, 400);
  assert.match(nodate.text, /Enter the date the matter opened/);
  const noclient = await newMatter(a, { description: `Kept ${R}`, client: '0' });
  assert.equal(noclient.status, 400);
  assert.match(noclient.text, /Choose the client\./);
});

test('ten matters created at once get ten numbers', async () => {
  const a = await demoAdmin();
  const client = contact(`Rush ${R}`);
  const token = csrfOf((await a.get('/matters/new')).text);
  const all = await Promise.all(Array.from({ length: 10 }, (_, i) => a.post('/matters/new', { csrf: token, op: 'save',
    number: '', description: `Rush ${R} ${i}`, client, responsible: adminId(), opened: '2026-02-04' })));
  assert.deepEqual(all.map((r) => r.status), Array(10).fill(303));
  const numbers = sql(`SELECT number FROM matters WHERE client_id = ${client} ORDER BY number`).split('\n');
  assert.equal(new Set(numbers).size, 10);
  assert.deepEqual(numbers, Array.from({ length: 10 }, (_, i) => `${P}-${String(i + 4).padStart(3, '0')}`));
});

test('edit, close and reopen; a closed matter\'s portal stays open to its client', async () => {
  const { mid, client } = await clientOnMatter({ name: `Cora ${R}`, email: `cora.${R}@close.test`, number: `${P}-CLOSE`,
    password: `cora portal password ${R}` });
  const a = await demoAdmin();
  const contactId = sql(`SELECT client_id FROM matters WHERE id = ${mid}`);
  const edit = await act(a, `/matters/${mid}/edit`, `/matters/${mid}/edit`, { op: 'save', number: `${P}-CLOSE`,
    description: `Edited ${R}`, client: contactId, responsible: memberId(), opened: '2026-01-05' });
  assert.equal(edit.location, `/matters/${mid}?notice=saved`);
  assert.equal(sql(`SELECT CONCAT(description, ' ', opened_on, ' ', responsible_id) FROM matters WHERE id = ${mid}`),
    `Edited ${R} 2026-01-05 ${memberId()}`);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id) FROM matter_responsible WHERE matter_id = ${mid}`), memberId());
  const close = await act(a, `/matters/${mid}`, `/matters/${mid}/edit`, { op: 'close' });
  assert.equal(close.location, `/matters/${mid}?notice=closed`);
  assert.equal(sql(`SELECT CONCAT(status, ' ', closed_on = CURRENT_DATE) FROM matters WHERE id = ${mid}`), 'closed 1');
  const shown = await a.get(close.location);
  assert.match(shown.text, /Matter closed\. Its client portal stays open/);
  assert.match(shown.text, /Reopen matter/);
  // The client still reads and writes.
  assert.equal((await client.get(`/portal/matters/${mid}`)).status, 200);
  const reply = await client.post(`/portal/matters/${mid}/reply`,
    { csrf: csrfOf((await client.get(`/portal/matters/${mid}`)).text), body: `After closing ${R}` });
  assert.equal(reply.status, 303);
  // The closing date can be corrected, not before the opening.
  const early = await act(a, `/matters/${mid}/edit`, `/matters/${mid}/edit`, { op: 'save', number: `${P}-CLOSE`,
    description: `Edited ${R}`, client: contactId, responsible: memberId(), opened: '2026-01-05', closed: '2026-01-04' });
  assert.equal(early.status, 400);
  assert.match(early.text, /cannot close before it opened/);
  const reopen = await act(a, `/matters/${mid}`, `/matters/${mid}/edit`, { op: 'reopen' });
  assert.equal(reopen.location, `/matters/${mid}?notice=reopened`);
  assert.equal(sql(`SELECT CONCAT(status, ' ', closed_on IS NULL) FROM matters WHERE id = ${mid}`), 'open 1');
  // A number another matter has is refused on edit too.
  const taken = await act(a, `/matters/${mid}/edit`, `/matters/${mid}/edit`, { op: 'save', number: `${P}-001`,
    description: `Edited ${R}`, client: contactId, responsible: memberId(), opened: '2026-01-05' });
  assert.equal(taken.status, 400);
  assert.match(taken.text, /Another matter already has the number/);
});

test('the list: filters, search, sort and pages, all in the URL', async () => {
  const a = await demoAdmin();
  const firm = firmId();
  const client = contact(`Filter ${R}`);
  const rows = [];
  for (let i = 0; i < 51; i++) {
    rows.push(`(${firm}, '${P}-F${String(i).padStart(2, '0')}', 'Filtered ${R} ${i}', ${client}, '${i === 7 ? 'closed' : 'open'}',` +
      ` '2026-03-${String((i % 28) + 1).padStart(2, '0')}', ${i % 2 ? memberId() : adminId()})`);
  }
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on, responsible_id) VALUES ${rows.join(', ')}`);
  const list = async (q) => {
    const res = await a.get(`/matters?${q}`);
    assert.equal(res.status, 200, q);
    return { res, numbers: [...res.text.matchAll(/<a href="\/matters\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]) };
  };
  const byClient = await list(`client=${client}`);
  assert.equal(byClient.numbers.length, 50);
  assert.equal(byClient.numbers[0], `${P}-F00`);
  const next = byClient.res.text.match(/rel="next" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.equal(next, `/matters?client=${client}&sort=number&page=2`);
  assert.deepEqual((await list(next.split('?')[1])).numbers, [`${P}-F50`]);
  assert.deepEqual((await list(`client=${client}&status=closed`)).numbers, [`${P}-F07`]);
  assert.equal((await list(`client=${client}&status=open`)).numbers.length, 50);
  assert.equal((await list(`client=${client}&responsible=${memberId()}`)).numbers.length, 25);
  assert.deepEqual((await list(`q=${encodeURIComponent(`Filtered ${R} 4`)}`)).numbers, [`${P}-F04`, `${P}-F40`,
    `${P}-F41`, `${P}-F42`, `${P}-F43`, `${P}-F44`, `${P}-F45`, `${P}-F46`, `${P}-F47`, `${P}-F48`, `${P}-F49`]);
  assert.deepEqual((await list(`q=${encodeURIComponent(`Filter ${R}`)}&status=closed`)).numbers, [`${P}-F07`],
    'the client\'s name is searched');
  const desc = await list(`client=${client}&sort=-number`);
  assert.equal(desc.numbers[0], `${P}-F50`);
  // Each header links to its sort, the filters kept; the shown one flips.
  assert.match(desc.res.text, new RegExp(`href="/matters\\?client=${client}&amp;sort=number">Number ▼`));
  assert.match(desc.res.text, new RegExp(`href="/matters\\?client=${client}&amp;sort=-opened">Opened<`));
  const opened = await list(`client=${client}&sort=opened`);
  assert.deepEqual(opened.numbers.slice(0, 2), [`${P}-F00`, `${P}-F28`]);
  const latest = await list(`client=${client}&sort=-opened`);
  assert.deepEqual(latest.numbers.slice(0, 1), [`${P}-F27`]);
  // Unknown values are ignored, a bad search refused, nothing breaks.
  assert.equal((await list(`client=${client}&status=pending&sort=x`)).numbers.length, 50);
  assert.equal((await a.get('/matters?q=%01')).status, 400);
});

test('another firm sees no matter of the demo firm and cannot use its contacts or users', async () => {
  const slug = `mat-${R}`;
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', `Matters ${R}`, slug, `boss.${R}@mat.test`, 'Mo Boss'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'matters-admin-pass' } });
  const b = new Client();
  assert.equal((await b.signIn(`boss.${R}@mat.test`, 'matters-admin-pass')).status, 303);
  const mid = sql(`SELECT MIN(id) FROM matters WHERE firm_id = ${firmId()}`);
  for (const url of [`/matters/${mid}/edit`, `/matters/${mid}/activities`])
    assert.equal((await b.get(url)).status, 404, url);
  const demoClient = sql(`SELECT client_id FROM matters WHERE id = ${mid}`);
  const bUser = sql(`SELECT id FROM users WHERE email = 'boss.${R}@mat.test'`);
  const before = sql('SELECT COUNT(*) FROM matters');
  const res = await act(b, '/matters/new', '/matters/new', { op: 'save', number: '', description: 'Stolen client',
    client: demoClient, responsible: bUser, opened: '2026-01-01' });
  assert.equal(res.status, 404);
  assert.equal((await act(b, '/matters', `/matters/${mid}/edit`, { op: 'close' })).status, 404);
  assert.equal(sql('SELECT COUNT(*) FROM matters'), before);
  assert.equal(sql(`SELECT status FROM matters WHERE id = ${mid}`), 'open');
  const list = await b.get(`/matters?client=${demoClient}`);
  assert.match(list.text, /No matters match these filters\./);
});
