// Activities of a matter (SPEC F-A6) through nginx: time entries and
// expenses added, edited and deleted (after "Are you sure...?"), the
// amounts and the matter's totals in the firm's currency, the list's
// filters in the URL, the firm's categories (admins only), a billed
// activity locked, and another firm's matter, category, user or receipt
// refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, demoAdmin, ROOT } from './helpers.mjs';

const R = Date.now().toString(36);
const firmId = () => sql("SELECT id FROM firms WHERE slug = 'demo'");
const adminId = () => sql("SELECT id FROM users WHERE email = 'admin@demo.test'");

async function act(c, page, url, fields) {
  return c.post(url, { csrf: csrfOf((await c.get(page)).text), ...fields });
}

function matter(tag) {
  const firm = firmId();
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Act ${tag}')`);
  const c = sql(`SELECT MAX(id) FROM contacts WHERE name = 'Act ${tag}'`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, 'ACT-${tag}', 'Activities ${tag}', ${c})`);
  return sql(`SELECT id FROM matters WHERE number = 'ACT-${tag}'`);
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('categories are the admins\': added, renamed, deleted while unused; members refused', async () => {
  const member = new Client();
  assert.equal((await member.signIn('member@demo.test', 'demo-member-pass')).status, 303);
  assert.equal((await member.get('/settings/categories')).status, 403);
  const token = csrfOf((await member.get('/matters')).text);
  assert.equal((await member.post('/settings/categories', { csrf: token, op: 'add', name: `Member ${R}` })).status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM activity_categories WHERE name = 'Member ${R}'`), '0');
  const a = await demoAdmin();
  const add = await act(a, '/settings/categories', '/settings/categories', { op: 'add', name: `Research ${R}` });
  assert.equal(add.location, '/settings/categories?notice=added');
  assert.match((await a.get(add.location)).text, /Category added\./);
  const dup = await act(a, '/settings/categories', '/settings/categories', { op: 'add', name: `Research ${R}` });
  assert.equal(dup.status, 400);
  assert.match(dup.text, /There is already a category of that name\./);
  assert.match(dup.text, new RegExp(`id="new-category" name="name" value="Research ${R}"[^>]*aria-invalid="true"`));
  const id = sql(`SELECT id FROM activity_categories WHERE name = 'Research ${R}'`);
  await act(a, '/settings/categories', '/settings/categories', { op: 'rename', id, name: `Legal research ${R}` });
  assert.equal(sql(`SELECT name FROM activity_categories WHERE id = ${id}`), `Legal research ${R}`);
  const empty = await act(a, '/settings/categories', '/settings/categories', { op: 'rename', id, name: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Enter the category&#39;s name\.|Enter the category's name\./);
  const del = await act(a, '/settings/categories', '/settings/categories', { op: 'delete', id });
  assert.equal(del.location, '/settings/categories?notice=deleted');
  assert.equal(sql(`SELECT COUNT(*) FROM activity_categories WHERE id = ${id}`), '0');
});

test('time and expenses: amounts, totals, edit, delete, filters, a bill\'s lock', async () => {
  const a = await demoAdmin();
  const mid = matter(R);
  const base = `/matters/${mid}/activities`;
  await act(a, '/settings/categories', '/settings/categories', { op: 'add', name: `Drafting ${R}` });
  const cat = sql(`SELECT id FROM activity_categories WHERE name = 'Drafting ${R}'`);
  // The tab links here; empty at first.
  assert.match((await a.get(`/matters/${mid}`)).text, new RegExp(`href="${base}">Activities`));
  assert.match((await a.get(base)).text, /No time entries or expenses for this matter yet\./);
  const form = await a.get(`${base}/edit?kind=time`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${cat}">Drafting ${R}</option>`));
  const add = (fields) => act(a, `${base}/edit?kind=${fields.kind}`, `${base}/edit`, { op: 'save', ...fields });
  // 1:30 at 250.00 is 375.00; 7 minutes at 100.00 is 11.666... -> 11.67.
  assert.equal((await add({ kind: 'time', date: '2026-04-01', user: adminId(), duration: '1:30', rate: '250.00',
    description: `Drafted the claim ${R}`, category: cat })).location, `${base}?notice=added`);
  assert.equal((await add({ kind: 'time', date: '2026-04-02', user: adminId(), duration: '7', rate: '100',
    description: `Call ${R}`, category: '0' })).status, 303);
  assert.equal((await add({ kind: 'expense', date: '2026-04-03', amount: '1,234.50', description: `Court fee ${R}`,
    category: cat, document: '0' })).status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(amount ORDER BY id) FROM activities WHERE matter_id = ${mid}`), '37500,1167,123450');
  const list = await a.get(`${base}?notice=added`);
  const t = text(list.text);
  assert.match(t, /Activity added\./);
  assert.match(t, /Time 1:37 hours, \$386\.67/);
  assert.match(t, /Expenses \$1,234\.50/);
  assert.match(t, /Total \$1,621\.17/);
  assert.match(t, new RegExp(`Drafted the claim ${R} Drafting ${R} Dana Admin 1:30 \\$250\\.00 \\$375\\.00 Unbilled`));

  // Refusals keep what was typed and name the field.
  const bad = await add({ kind: 'expense', date: '2026-04-03', amount: '12.345', description: `Kept ${R}`, category: cat });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter the amount in USD/);
  assert.match(bad.text, /id="amount" name="amount" value="12\.345"[^>]*aria-invalid="true"/);
  assert.match(bad.text, new RegExp(`Kept ${R}</textarea>`));
  const badTime = await add({ kind: 'time', date: '2026-04-31', user: adminId(), duration: '1:30', rate: '1',
    description: 'x' });
  assert.equal(badTime.status, 400);
  assert.match(badTime.text, /Enter the date/);
  const badDur = await add({ kind: 'time', date: '2026-04-30', user: adminId(), duration: '1:75', rate: '1',
    description: 'x' });
  assert.match(badDur.text, /Enter the time as minutes/);

  // Edit: the form shows the stored values; a new rate, a new amount.
  const call = sql(`SELECT id FROM activities WHERE description = 'Call ${R}'`);
  const ef = await a.get(`${base}/edit?id=${call}`);
  assert.match(ef.text, /id="duration" name="duration" value="0:07"/);
  assert.match(ef.text, /id="rate" name="rate" value="100\.00"/);
  assert.equal((await act(a, `${base}/edit?id=${call}`, `${base}/edit`, { op: 'save', id: call, kind: 'time',
    date: '2026-04-02', user: adminId(), duration: '0:30', rate: '100.00', description: `Call ${R}`, category: cat }))
    .location, `${base}?notice=saved`);
  assert.equal(sql(`SELECT amount FROM activities WHERE id = ${call}`), '5000');

  // Filters in the URL.
  const onlyTime = text((await a.get(`${base}?kind=time`)).text);
  assert.doesNotMatch(onlyTime, /Court fee/);
  assert.match(onlyTime, /Call/);
  const range = text((await a.get(`${base}?from=2026-04-02&to=2026-04-02`)).text);
  assert.match(range, /Call/);
  assert.doesNotMatch(range, /Drafted|Court fee/);
  assert.equal((await a.get(`${base}?kind=bills`)).status, 400);
  assert.equal((await a.get(`${base}?from=yesterday`)).status, 400);

  // Delete: a confirmation page first, then the change.
  const fee = sql(`SELECT id FROM activities WHERE description = 'Court fee ${R}'`);
  const confirm = await a.get(`${base}/edit?op=delete&id=${fee}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /Delete this activity\?/);
  assert.equal(sql(`SELECT COUNT(*) FROM activities WHERE id = ${fee}`), '1');
  const gone = await act(a, `${base}/edit?op=delete&id=${fee}`, `${base}/edit`, { op: 'delete', id: fee });
  assert.equal(gone.location, `${base}?notice=deleted`);
  assert.equal(sql(`SELECT COUNT(*) FROM activities WHERE id = ${fee}`), '0');
  assert.match(text((await a.get(base)).text), /Total \$425\.00/);

  // A category in use stays.
  const inUse = await act(a, '/settings/categories', '/settings/categories', { op: 'delete', id: cat });
  assert.equal(inUse.status, 409);
  assert.match(inUse.text, /used by activities/);

  // Billed: no edit or delete (the billing issue sets bill_id).
  sql(`UPDATE activities SET bill_id = 1 WHERE id = ${call}`);
  assert.match(text((await a.get(base)).text), new RegExp(`Call ${R} Drafting ${R} Dana Admin 0:30 \\$100\\.00 \\$50\\.00 Billed`));
  const locked = await a.get(`${base}/edit?id=${call}`);
  assert.equal(locked.status, 409);
  assert.match(locked.text, /This activity is on a bill/);
  assert.equal((await act(a, base, `${base}/edit`, { op: 'delete', id: call })).status, 409);
  assert.equal((await act(a, base, `${base}/edit`, { op: 'save', id: call, kind: 'time', date: '2026-04-02',
    user: adminId(), duration: '1', rate: '1', description: 'x' })).status, 409);
  assert.equal(sql(`SELECT amount FROM activities WHERE id = ${call}`), '5000');
});

test('another firm\'s matter, category, user or receipt is refused, nothing changed', async () => {
  const a = await demoAdmin();
  const mid = matter(`${R}x`), other = matter(`${R}y`);
  const base = `/matters/${mid}/activities`;
  const slug = `act-${R}`;
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', `Acts ${R}`, slug, `boss.${R}@act.test`, 'Al Boss'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'acts-admin-pass' } });
  const b = new Client();
  assert.equal((await b.signIn(`boss.${R}@act.test`, 'acts-admin-pass')).status, 303);
  await act(b, '/settings/categories', '/settings/categories', { op: 'add', name: `Theirs ${R}` });
  const theirs = sql(`SELECT id FROM activity_categories WHERE name = 'Theirs ${R}'`);
  const bUser = sql(`SELECT id FROM users WHERE email = 'boss.${R}@act.test'`);
  // A document of another matter of the demo firm, as a receipt.
  sql(`INSERT INTO documents (firm_id, matter_id, name, size, mime, storage_key, created_at) VALUES (${firmId()}, ${other},` +
    ` 'receipt-${R}.pdf', 1, 'application/pdf', '${'0'.repeat(56)}${R.padStart(8, '0').slice(-8)}', NOW(6))`);
  const otherDoc = sql(`SELECT id FROM documents WHERE name = 'receipt-${R}.pdf'`);
  const count = () => sql(`SELECT COUNT(*) FROM activities`);
  const before = count();
  const tries = [
    [{ kind: 'time', user: adminId(), duration: '60', rate: '1', category: theirs }, 'their category'],
    [{ kind: 'time', user: bUser, duration: '60', rate: '1', category: '0' }, 'their user'],
    [{ kind: 'expense', amount: '1', category: '0', document: otherDoc }, 'another matter\'s document'],
  ];
  for (const [fields, what] of tries) {
    const res = await act(a, base, `${base}/edit`, { op: 'save', date: '2026-05-01', description: what, ...fields });
    assert.equal(res.status, 404, what);
  }
  // The other firm's admin: none of the demo firm's matters or activities.
  sql(`INSERT INTO activities (firm_id, matter_id, kind, on_date, amount, description, created_at, updated_at)` +
    ` VALUES (${firmId()}, ${mid}, 'expense', '2026-05-02', 999, 'Secret ${R}', NOW(6), NOW(6))`);
  const act1 = sql(`SELECT id FROM activities WHERE description = 'Secret ${R}'`);
  for (const url of [base, `${base}/edit?kind=time`, `${base}/edit?id=${act1}`, `${base}/edit?op=delete&id=${act1}`]) {
    const res = await b.get(url);
    assert.equal(res.status, 404, url);
    assert.doesNotMatch(res.text, /Secret/);
  }
  assert.equal((await act(b, '/matters', `${base}/edit`, { op: 'delete', id: act1 })).status, 404);
  assert.equal((await act(b, '/matters', `${base}/edit`, { op: 'save', kind: 'expense', date: '2026-05-01',
    amount: '1', description: 'x' })).status, 404);
  // Nor through its own matter's URL.
  const bMid = (() => {
    const f = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
    sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${f}, 'person', 'B ${R}')`);
    const c = sql(`SELECT id FROM contacts WHERE name = 'B ${R}'`);
    sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${f}, 'B-${R}', 'B', ${c})`);
    return sql(`SELECT id FROM matters WHERE number = 'B-${R}'`);
  })();
  assert.equal((await b.get(`/matters/${bMid}/activities/edit?id=${act1}`)).status, 404);
  assert.equal((await act(b, '/matters', `/matters/${bMid}/activities/edit`, { op: 'delete', id: act1 })).status, 404);
  assert.equal(count(), String(Number(before) + 1));
  assert.equal(sql(`SELECT amount FROM activities WHERE id = ${act1}`), '999');
});
