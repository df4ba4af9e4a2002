// Attacks on the Messages pages' kept feeds (lib/feedcopy.c): a feed past
// the copy's size cap, changes rolled back, an attachment removed by a
// foreign key's cascade (no trigger of its own fires), and writes
// committing while the pages are read (between the stamps and the rows):
// no process ever shows an older feed than one already shown, and every
// process shows the last write once the writes stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql, pids } from './helpers.mjs';
import { ownFirm, portalClient, R } from './workspace-helpers.mjs';
import { sqlInBackground, clientIn } from './stamps-helpers.mjs';

const everyProcess = (prog) => 4 * pids(prog).length;
// From another site: the client's page records no reads (its stamp stays).
const PEEK = { 'sec-fetch-site': 'cross-site' };

// The bodies of a Messages page, firm's or client's, in order.
const bodiesOf = (html) => [...html.matchAll(/<div class="body">([^<]*)<\/div>/g)].map((m) => m[1]);
const attachmentsOf = (html) => [...html.matchAll(/<div class="attachment">[^<]*(?:<a href="[^"]*">)?([^<]*)/g)].map((m) => m[1]);

// Both pages on every process: check(html, what).
async function everyPage(firm, cl, mid, check, what) {
  for (let i = 0; i < everyProcess('portal_show'); i++) {
    const res = await firm.admin.get(`/matters/${mid}/portal`);
    assert.equal(res.status, 200, `${what}: firm page ${i}`);
    check(res.text, `${what}: firm page ${i}`);
  }
  for (let i = 0; i < everyProcess('client_home'); i++) {
    const res = await cl.get(`/portal/matters/${mid}`, { headers: PEEK });
    assert.equal(res.status, 200, `${what}: client page ${i}`);
    check(res.text, `${what}: client page ${i}`);
  }
}

let firm, pc, client;

test('setup: a firm, its client on a matter with an open portal', async () => {
  firm = await ownFirm('atkf');
  pc = await portalClient(firm, 'fay', 'AF-1');
  client = await clientIn(firm, pc.email, 'fay portal password');
});

test('a feed past the copy cap, a rolled back change and a cascade are on every process at once', async () => {
  const { mid } = pc;
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  const uid = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  await everyPage(firm, client, mid, (h, w) => assert.ok(bodiesOf(h).includes('Welcome.'), w), 'first');

  // Rolled back: a message sent and another edited, then undone.
  sql(`START TRANSACTION;
    INSERT INTO messages (firm_id, portal_id, author_user, body, created_at) VALUES (${firm.id}, ${portal}, ${uid}, 'rolled back ${R}', NOW(6));
    UPDATE messages SET body = 'edited, rolled back' WHERE portal_id = ${portal} AND body = 'Welcome.';
    ROLLBACK`);
  await everyPage(firm, client, mid, (h, w) => {
    assert.ok(bodiesOf(h).includes('Welcome.'), w);
    assert.ok(!h.includes('rolled back'), w);
  }, 'rolled back');

  // Three messages of 60,000 bytes: past the 128 KB a copy may take.
  for (let i = 0; i < 3; i++) {
    sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at) VALUES (${firm.id}, ${portal}, ${uid}, CONCAT('big${i} ', REPEAT('x', 60000)), NOW(6) + INTERVAL ${i} SECOND)`);
  }
  const big = (h) => bodiesOf(h).filter((b) => b.startsWith('big'));
  await everyPage(firm, client, mid, (h, w) => assert.equal(big(h).length, 3, w), 'big');
  sql(`UPDATE messages SET body = CONCAT('big2 edited ', REPEAT('y', 60000)) WHERE portal_id = ${portal} AND body LIKE 'big2 %'`);
  await everyPage(firm, client, mid, (h, w) => assert.ok(big(h).some((b) => b.startsWith('big2 edited ')), w), 'big edited');
  sql(`UPDATE messages SET deleted_at = NOW(6) WHERE portal_id = ${portal} AND body LIKE 'big%'`);
  await everyPage(firm, client, mid, (h, w) => assert.equal(big(h).length, 0, w), 'big deleted');
  sql(`UPDATE messages SET body = 'Welcome back.' WHERE portal_id = ${portal} AND body = 'Welcome.'`);
  await everyPage(firm, client, mid, (h, w) => assert.ok(bodiesOf(h).includes('Welcome back.'), w), 'small again');

  // A document in a subfolder, attached to a message and shared with it;
  // the top folder removed: the subfolder and the document go by cascade.
  sql(`INSERT INTO folders (firm_id, matter_id, name, created_at) VALUES (${firm.id}, ${mid}, 'top ${R}', NOW(6))`);
  const top = sql(`SELECT MAX(id) FROM folders WHERE matter_id = ${mid}`);
  sql(`INSERT INTO folders (firm_id, matter_id, parent_id, name, created_at) VALUES (${firm.id}, ${mid}, ${top}, 'sub ${R}', NOW(6))`);
  const sub = sql(`SELECT MAX(id) FROM folders WHERE matter_id = ${mid}`);
  sql(`INSERT INTO documents (firm_id, matter_id, folder_id, name, size, mime, storage_key, created_at) VALUES (${firm.id}, ${mid}, ${sub}, 'deed-${R}.pdf', 1, 'application/pdf', SHA2(CONCAT('deed', RAND()), 256), NOW(6))`);
  const doc = sql(`SELECT MAX(id) FROM documents WHERE matter_id = ${mid}`);
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, document_id, folder_id, created_at) VALUES (${firm.id}, ${portal}, ${uid}, 'with deed ${R}', ${doc}, NULL, NOW(6) + INTERVAL 5 SECOND)`);
  const msg = sql(`SELECT id FROM messages WHERE body = 'with deed ${R}'`);
  sql(`INSERT INTO shares (firm_id, portal_id, document_id, shared_by, message_id, created_at) VALUES (${firm.id}, ${portal}, ${doc}, ${uid}, ${msg}, NOW(6))`);
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, folder_id, created_at) VALUES (${firm.id}, ${portal}, ${uid}, 'with sub ${R}', ${sub}, NOW(6) + INTERVAL 6 SECOND)`);
  const msg2 = sql(`SELECT id FROM messages WHERE body = 'with sub ${R}'`);
  sql(`INSERT INTO shares (firm_id, portal_id, folder_id, shared_by, message_id, created_at) VALUES (${firm.id}, ${portal}, ${sub}, ${uid}, ${msg2}, NOW(6))`);
  await everyPage(firm, client, mid, (h, w) => {
    assert.ok(attachmentsOf(h).includes(`deed-${R}.pdf`), `${w}: ${attachmentsOf(h)}`);
    assert.ok(h.includes(`Shared folder: sub ${R}`), `${w}: ${attachmentsOf(h)}`);
  }, 'attached');
  sql(`DELETE FROM folders WHERE id = ${top}`);
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE id = ${doc}`), '0', 'the document went by cascade');
  await everyPage(firm, client, mid, (h, w) => {
    assert.ok(!h.includes(`>deed-${R}.pdf<`), `${w}: ${attachmentsOf(h)}`);
    assert.ok(!h.includes(`Shared folder: sub ${R}`), `${w}: ${attachmentsOf(h)}`);
    assert.ok(bodiesOf(h).includes(`with sub ${R}`), w);
  }, 'cascade');
});

test('writes committing while the feeds are read never leave an older feed than one shown', async () => {
  const { mid } = pc;
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  const uid = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at) VALUES (${firm.id}, ${portal}, ${uid}, 'w0', NOW(6) + INTERVAL 1 MINUTE)`);
  const msg = sql(`SELECT id FROM messages WHERE portal_id = ${portal} AND body = 'w0'`);
  const N = 400;
  let text = '';
  for (let i = 1; i <= N; i++) text += `UPDATE messages SET body = 'w${i}' WHERE id = ${msg}; DO SLEEP(0.002);\n`;
  const firm2 = new Client();
  assert.equal((await firm2.signIn(firm.email, firm.password)).status, 303);
  const client2 = await clientIn(firm, pc.email, 'fay portal password');
  const readers = [
    [firm.admin, `/matters/${mid}/portal`, {}],
    [firm2, `/matters/${mid}/portal`, {}],
    [client, `/portal/matters/${mid}`, PEEK],
    [client2, `/portal/matters/${mid}`, PEEK],
  ];
  const writer = sqlInBackground(text);
  const shown = { firm: 0, client: 0 };
  let requests = 0;
  await Promise.all(readers.map(async ([cl, url, headers], k) => {
    const side = url.startsWith('/portal') ? 'client' : 'firm';
    while (writer.running()) {
      const atLeast = Math.max(shown.firm, shown.client);
      const res = await cl.get(url, { headers });
      assert.equal(res.status, 200, `reader ${k}`);
      const b = bodiesOf(res.text).find((x) => /^w\d+$/.test(x));
      assert.ok(b !== undefined, `reader ${k}: the message shown`);
      const v = Number(b.slice(1));
      assert.ok(v >= atLeast, `reader ${k}: w${v} shown after w${atLeast} was`);
      shown[side] = Math.max(shown[side], v);
      requests++;
    }
  }));
  await writer.done;
  assert.ok(requests > 20, `enough reads while writing (${requests})`);
  await everyPage(firm, client, mid, (h, w) => assert.ok(bodiesOf(h).includes(`w${N}`), w), 'after the writes');
});

// The latest page is kept; an earlier page (?before=, the page's own link,
// or a cursor made up from the newest message) is read anew, never served
// from the copy, and never kept in its place.
test('an earlier page is never the kept latest page, nor kept as one', async () => {
  const { mid } = pc;
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  const uid = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  const rows = [];
  for (let i = 0; i < 60; i++) rows.push(`(${firm.id}, ${portal}, ${uid}, 'page msg ${i}', NOW(6) + INTERVAL ${120 + i} MINUTE)`);
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at) VALUES ${rows.join(',')}`);
  const newest = sql(`SELECT CONCAT(TIMESTAMPDIFF(MICROSECOND, '1970-01-01', created_at), '-', id) FROM messages WHERE body = 'page msg 59'`);
  const pages = [
    [(u) => firm.admin.get(u), `/matters/${mid}/portal`, 'portal_show'],
    [(u) => client.get(u, { headers: PEEK }), `/portal/matters/${mid}`, 'client_home'],
  ];
  for (const [get, url, prog] of pages) {
    const latest = bodiesOf((await get(url)).text);
    assert.ok(latest.includes('page msg 59') && latest.length === 50, `${url}: the latest 50`);
    const earlier = (await get(url)).text.match(/<a href="([^"]*before=[^"]*)">Earlier messages/)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(earlier, `${url}: an earlier link`);
    const sep = url.includes('?') ? '&' : '?';
    for (let i = 0; i < 2 * everyProcess(prog); i++) {
      const before = bodiesOf((await get(earlier)).text);
      assert.ok(before.length > 0 && before.every((b) => !latest.includes(b)), `${url} earlier, request ${i}`);
      const below = bodiesOf((await get(`${url}${sep}before=${newest}`)).text);
      assert.ok(!below.includes('page msg 59') && below.includes('page msg 58'), `${url} before the newest, request ${i}`);
      assert.deepEqual(bodiesOf((await get(url)).text), latest, `${url} latest again, request ${i}`);
    }
  }
});

