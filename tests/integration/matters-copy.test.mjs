// The matters list's first page kept by each process (lib/matterscopy.c):
// the copy is used only while the firm's matters_stamp and users_stamp,
// read with the session on every request, are the ones it was read under.
// Every change the list shows must be on the very next request, on every
// process and in every sort, whoever writes it (the programs or plain
// SQL); another firm's copy is never shown; a revoked session or a
// deactivated user is refused as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, pids, csrfOf } from './helpers.mjs';
import { ownFirm, R } from './workspace-helpers.mjs';

// Enough requests to reach every process of the program more than once.
const everyProcess = () => 4 * pids('matters_list').length;

// The cells of matter id's row on page, or null: [number, description,
// client, responsible, opened, status].
function rowOf(page, id) {
  const m = page.match(new RegExp(`<tr><td><a href="/matters/${id}">([^<]*)</a></td><td>([^<]*)</td>` +
    '<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>'));
  return m ? m.slice(1) : null;
}

// Every process answers /matters?sort=... with matter id's row as check says.
async function everyView(c, id, check, what) {
  for (const sort of ['', '?sort=-opened']) {
    for (let i = 0; i < everyProcess(); i++) {
      const res = await c.get(`/matters${sort}`);
      assert.equal(res.status, 200, `${what}: request ${i}${sort}`);
      check(rowOf(res.text, id), `${what}: request ${i}${sort}`);
    }
  }
}

test('every change the matters list shows is on the next request of every process', async () => {
  const firm = await ownFirm('mcopy');
  const c = firm.admin;
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'maria lopez ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, opened_on) VALUES (${firm.id}, 'MC-1', 'lease review', ${contact}, '2026-03-04')`);
  const id = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = 'MC-1'`);
  await everyView(c, id, (row, w) => assert.deepEqual(row?.slice(0, 4), ['MC-1', 'lease review', `maria lopez ${R}`, ''], w), 'first');

  // A change of case only (the stamp's triggers compare bytes).
  sql(`UPDATE matters SET description = 'Lease Review' WHERE id = ${id}`);
  await everyView(c, id, (row, w) => assert.equal(row?.[1], 'Lease Review', w), 'description');
  sql(`UPDATE matters SET number = 'mc-1' WHERE id = ${id}`);
  await everyView(c, id, (row, w) => assert.equal(row?.[0], 'mc-1', w), 'number');
  sql(`UPDATE contacts SET name = 'María López ${R}' WHERE id = ${contact}`);
  await everyView(c, id, (row, w) => assert.equal(row?.[2], `María López ${R}`, w), 'client renamed');

  // Responsible user set, then renamed (users_stamp).
  sql(`UPDATE matters SET responsible_id = (SELECT id FROM users WHERE email = '${firm.email}') WHERE id = ${id}`);
  await everyView(c, id, (row, w) => assert.equal(row?.[3], 'Boss mcopy', w), 'responsible');
  sql(`UPDATE users SET name = 'BOSS MCOPY' WHERE email = '${firm.email}'`);
  await everyView(c, id, (row, w) => assert.equal(row?.[3], 'BOSS MCOPY', w), 'responsible renamed');

  // Opened on another day, then closed through the program itself.
  const before = rowOf((await c.get('/matters')).text, id)[4];
  sql(`UPDATE matters SET opened_on = '2019-07-08' WHERE id = ${id}`);
  await everyView(c, id, (row, w) => { assert.notEqual(row?.[4], before, w); assert.match(row[4], /2019/, w); }, 'opened');
  const page = await c.get(`/matters/${id}`);
  const closed = await c.post(`/matters/${id}/edit`, { csrf: csrfOf(page.text), op: 'close' });
  assert.ok([200, 303].includes(closed.status), `close: ${closed.status}`);
  assert.equal(sql(`SELECT status FROM matters WHERE id = ${id}`), 'closed');
  await everyView(c, id, (row, w) => assert.equal(row?.[5], 'Closed', w), 'closed');

  // A new matter, then one removed.
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm.id}, 'MC-2', 'second', ${contact})`);
  const id2 = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = 'MC-2'`);
  await everyView(c, id2, (row, w) => assert.equal(row?.[1], 'second', w), 'added');
  sql(`DELETE FROM matters WHERE id = ${id2}`);
  await everyView(c, id2, (row, w) => assert.equal(row, null, w), 'removed');
});

test("one firm's kept page is never another firm's, and the session is checked on every request", async () => {
  const a = await ownFirm('mcopya'), b = await ownFirm('mcopyb');
  for (const f of [a, b]) {
    sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${f.id}, 'person', 'client of ${f.slug}')`);
    sql(`INSERT INTO matters (firm_id, number, description, client_id) SELECT ${f.id}, 'X-1', 'matter of ${f.slug}', MAX(id) FROM contacts WHERE firm_id = ${f.id}`);
  }
  // Turns, so each process's copy was last read for the other firm.
  for (let i = 0; i < 2 * everyProcess(); i++) {
    for (const [me, them] of [[a, b], [b, a]]) {
      const text = (await me.admin.get('/matters')).text;
      assert.match(text, new RegExp(`matter of ${me.slug}`), `request ${i} of ${me.slug}`);
      assert.doesNotMatch(text, new RegExp(`of ${them.slug}`), `request ${i} of ${me.slug}`);
    }
  }
  // Deactivated: refused at once, the kept page notwithstanding.
  sql(`UPDATE users SET deactivated_at = NOW(6) WHERE email = '${a.email}'`);
  for (let i = 0; i < everyProcess(); i++) {
    const res = await a.admin.get('/matters');
    assert.equal(res.status, 303, `deactivated, request ${i}`);
    assert.doesNotMatch(res.text, /matter of/);
  }
  // Signed out elsewhere (the session row gone): refused at once too.
  sql(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = '${b.email}')`);
  for (let i = 0; i < everyProcess(); i++) {
    const res = await b.admin.get('/matters');
    assert.equal(res.status, 303, `signed out, request ${i}`);
    assert.doesNotMatch(res.text, /matter of/);
  }
});
