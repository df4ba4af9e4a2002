// The two Messages pages never show a stale feed: the client's
// (/portal/matters/<id>, client_home) and the firm's portal page
// (/matters/<id>/portal, portal_show).  Every change either page shows (a
// message sent or deleted, an attachment shared, unshared or renamed, an
// author renamed in case or accents only, a read receipt made or removed,
// the firm's time zone) is on the very next request of every process of
// the program, whoever wrote it: the programs themselves or plain SQL.
// Access changes (a participant removed, the Messages permission off, the
// session gone) take effect at once on every process, and no client ever
// sees the feed of another matter, another participant's unread marks or
// another firm's messages, however the requests interleave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, pids, postForm, portalAction, waitForMail } from './helpers.mjs';
import { ownFirm, portalClient, R } from './workspace-helpers.mjs';

// Enough requests to reach every process of the program more than once.
const everyProcess = (prog) => 4 * pids(prog).length;

// A link from another site: the client's page is shown without recording
// reads, so unread marks can be looked at on every process.
const PEEK = { 'sec-fetch-site': 'cross-site' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// A time as the pages write it ("Nov 22, 2026 9:14 AM EST") in zone,
// whose abbreviation is abbr.
function shown(epoch, zone, abbr) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric',
    month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true })
    .formatToParts(new Date(epoch * 1000)).map((x) => [x.type, x.value]));
  return `${MONTHS[p.month - 1]} ${p.day}, ${p.year} ${p.hour}:${p.minute} ${p.dayPeriod} ${abbr}`;
}

const epoch = (col, table, where) => Number(sql(`SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', ${col}) FROM ${table} WHERE ${where}`));
const sentAt = (msg) => epoch('created_at', 'messages', `id = ${msg}`);
const readAt = (msg, contact) => epoch('first_at', 'item_reads', `item_kind = 'message' AND item_id = ${msg} AND contact_id = ${contact}`);
const msgId = (body) => sql(`SELECT id FROM messages WHERE body = '${body}'`);

// The firm page's feed: one entry a message, by id.
const FIRM_ROW = new RegExp('<li class="message (from-firm|from-client)" id="m(\\d+)">\\n' +
  '  <div class="meta"><strong>([^<]*)</strong> <time>([^<]*)</time></div>\\n' +
  '  <div class="body">([^<]*)</div>\\n' +
  '  (?:<div class="attachment">Attachment: <a href="([^"]*)">([^<]*)</a></div>)?\\n' +
  '  (?:<div class="attachment">Shared folder: ([^<]*)</div>)?\\n' +
  '  (?:<div class="read">([^<]*)</div>)?\\n' +
  '  <button type="submit" name="message" value="\\2" ', 'g');

function firmFeed(html) {
  const rows = new Map();
  for (const m of html.matchAll(FIRM_ROW)) {
    rows.set(m[2], { side: m[1], who: m[3], when: m[4], body: m[5],
      doc: m[6] === undefined ? null : { href: m[6], name: m[7] },
      folder: m[8] ?? null, read: m[9] ?? null });
  }
  assert.equal(rows.size, (html.match(/<li class="message /g) || []).length, 'every message of the firm page parsed');
  return rows;
}

// The client page's feed: one entry a message, by body (the bodies here are
// unique); the client's page gives no ids.
const CLIENT_ROW = new RegExp('<li class="message (from-firm|from-client)">\\n' +
  '  <div class="meta"><strong>([^<]*)</strong> <time>([^<]*)</time>( <span class="badge">new</span>)?</div>\\n' +
  '  <div class="body">([^<]*)</div>\\n' +
  '  (?:<div class="attachment">Attachment: <a href="([^"]*)">([^<]*)</a></div>)?\\n' +
  '  (?:<div class="attachment">Shared folder: ([^<]*) \\(see Shared resources\\)</div>)?\\n' +
  '</li>', 'g');

function clientFeed(html) {
  const rows = new Map();
  for (const m of html.matchAll(CLIENT_ROW)) {
    assert.ok(!rows.has(m[5]), `one message a body: ${m[5]}`);
    rows.set(m[5], { side: m[1], who: m[2], when: m[3], isNew: m[4] !== undefined, body: m[5],
      doc: m[6] === undefined ? null : { href: m[6], name: m[7] }, folder: m[8] ?? null });
  }
  assert.equal(rows.size, (html.match(/<li class="message /g) || []).length, 'every message of the client page parsed');
  return rows;
}

// check(rows, html, what) on every process of the client's page.
async function everyClient(c, mid, check, what, headers = {}) {
  for (let i = 0; i < everyProcess('client_home'); i++) {
    const res = await c.get(`/portal/matters/${mid}`, { headers });
    const w = `${what}: client page, request ${i}`;
    assert.equal(res.status, 200, w);
    check(clientFeed(res.text), res.text, w);
  }
}

// check(rows, html, what) on every process of the firm's portal page.
async function everyFirm(c, mid, check, what) {
  for (let i = 0; i < everyProcess('portal_show'); i++) {
    const res = await c.get(`/matters/${mid}/portal`);
    const w = `${what}: firm page, request ${i}`;
    assert.equal(res.status, 200, w);
    check(firmFeed(res.text), res.text, w);
  }
}

// The client's page is refused on every process: status, and none of the
// given bodies anywhere in the answer.
async function everyRefused(c, mid, status, bodies, what) {
  for (let i = 0; i < everyProcess('client_home'); i++) {
    const res = await c.get(`/portal/matters/${mid}`);
    const w = `${what}: request ${i}`;
    assert.equal(res.status, status, w);
    if (status === 303) assert.match(res.location ?? '', /^\/portal\/login/, w);
    for (const b of bodies) assert.ok(!res.text.includes(b), `${w}: ${b} not shown`);
  }
}

// A session of its own again (the test stack's sessions idle out after
// seconds): the firm's admin, and a client of the firm's portal.
async function admin(firm) {
  const c = new Client();
  assert.equal((await c.signIn(firm.email, firm.password)).status, 303, `${firm.email} signs in`);
  return c;
}
async function clientIn(firm, email, password) {
  const c = new Client();
  const lp = await c.get(`/portal/login?firm=${firm.slug}`);
  const res = await c.post(`/portal/login?firm=${firm.slug}`, { csrf: csrfOf(lp.text), email, password });
  assert.equal(res.status, 303, `${email} signs in`);
  return c;
}

const firm = await ownFirm('feedfresh');
const BOSS = 'Boss feedfresh';

test('every change the Messages pages show is on the next request of every process', async () => {
  const a = await portalClient(firm, 'ann', 'FF-1');
  const f = await admin(firm);
  const c = a.client, mid = a.mid;
  const ANN = `ann ${R}`;
  const welcome = sql(`SELECT m.id FROM messages m JOIN portals p ON p.id = m.portal_id WHERE p.matter_id = ${mid} AND m.body = 'Welcome.'`);
  const both = async (clientCheck, firmCheck, what, headers) => {
    await everyClient(c, mid, clientCheck, what, headers);
    await everyFirm(f, mid, firmCheck, what);
  };

  // Warm both pages on every process.
  await both((rows, _, w) => assert.equal(rows.get('Welcome.')?.who, BOSS, w),
    (rows, _, w) => assert.equal(rows.get(welcome)?.body, 'Welcome.', w), 'warm');

  // 1. New messages: the firm's, the client's (each through its program), one written in SQL.
  const fromFirm = `From the firm ${R}.`, fromClient = `From the client ${R}.`, inSql = `Written in SQL ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: fromFirm })).status, 303);
  const mFirm = msgId(fromFirm);
  await both((rows, _, w) => assert.deepEqual([rows.get(fromFirm)?.side, rows.get(fromFirm)?.who], ['from-firm', BOSS], w),
    (rows, _, w) => assert.deepEqual([rows.get(mFirm)?.side, rows.get(mFirm)?.body], ['from-firm', fromFirm], w), 'sent by the firm');
  const reply = await postForm(c, `/portal/matters/${mid}`, `/portal/matters/${mid}/reply`, { body: fromClient });
  assert.equal(reply.status, 303, 'the client replies');
  const mClient = msgId(fromClient);
  await both((rows, _, w) => assert.deepEqual([rows.get(fromClient)?.side, rows.get(fromClient)?.who], ['from-client', ANN], w),
    (rows, _, w) => assert.deepEqual([rows.get(mClient)?.side, rows.get(mClient)?.who, rows.get(mClient)?.body],
      ['from-client', ANN, fromClient], w), 'sent by the client');
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at)
    SELECT ${firm.id}, p.id, u.id, '${inSql}', NOW(6) FROM portals p JOIN users u ON u.firm_id = p.firm_id
    WHERE p.matter_id = ${mid} AND u.email = '${firm.email}'`);
  const mSql = msgId(inSql);
  await both((rows, _, w) => assert.equal(rows.get(inSql)?.who, BOSS, w),
    (rows, _, w) => assert.equal(rows.get(mSql)?.body, inSql, w), 'written in SQL');

  // 2. Deleted: by the firm through its program, then in SQL; undeleted in SQL.
  assert.equal((await portalAction(f, mid, { op: 'delete_message', message: mFirm })).status, 303);
  await both((rows, html, w) => { assert.equal(rows.has(fromFirm), false, w); assert.ok(!html.includes(fromFirm), w); },
    (rows, html, w) => { assert.equal(rows.has(mFirm), false, w); assert.ok(!html.includes(fromFirm), w); }, 'deleted by the firm');
  sql(`UPDATE messages SET deleted_at = NOW(6) WHERE id = ${mSql}`);
  await both((rows, html, w) => assert.ok(!rows.has(inSql) && !html.includes(inSql), w),
    (rows, html, w) => assert.ok(!rows.has(mSql) && !html.includes(inSql), w), 'deleted in SQL');
  sql(`UPDATE messages SET deleted_at = NULL WHERE id = ${mSql}`);
  await both((rows, _, w) => assert.equal(rows.get(inSql)?.body, inSql, w),
    (rows, _, w) => assert.equal(rows.get(mSql)?.body, inSql, w), 'undeleted in SQL');
  // One deleted and one added in the same transaction: as many messages as before.
  const swapped = `Swapped in ${R}.`;
  sql(`START TRANSACTION; UPDATE messages SET deleted_at = NOW(6) WHERE id = ${mSql};
    INSERT INTO messages (firm_id, portal_id, author_user, body, created_at)
    SELECT firm_id, portal_id, author_user, '${swapped}', NOW(6) FROM messages WHERE id = ${mSql}; COMMIT`);
  const mSwap = msgId(swapped);
  await both((rows, html, w) => { assert.equal(rows.get(swapped)?.body, swapped, w); assert.ok(!html.includes(inSql), w); },
    (rows, html, w) => { assert.equal(rows.get(mSwap)?.body, swapped, w); assert.ok(!rows.has(mSql), w); }, 'one out, one in');
  sql(`UPDATE messages SET deleted_at = NULL WHERE id = ${mSql}`);
  // A body edited in SQL (case only), and a message's time moved back a day.
  const edited = `WRITTEN IN SQL ${R}.`;
  sql(`UPDATE messages SET body = '${edited}' WHERE id = ${mSql}`);
  await both((rows, html, w) => { assert.equal(rows.get(edited)?.body, edited, w); assert.ok(!rows.has(inSql), w); },
    (rows, _, w) => assert.equal(rows.get(mSql)?.body, edited, w), 'body edited in SQL');
  sql(`UPDATE messages SET body = '${inSql}' WHERE id = ${mSql}`);
  sql(`UPDATE messages SET created_at = created_at - INTERVAL 1 DAY WHERE id = ${mSwap}`);
  const dayBefore = shown(sentAt(mSwap), 'UTC', 'UTC');
  await both((rows, _, w) => assert.equal(rows.get(swapped)?.when, dayBefore, w),
    (rows, _, w) => assert.equal(rows.get(mSwap)?.when, dayBefore, w), 'time moved in SQL');

  // 3. A document attached: shown, renamed in case only, unshared through
  // the program, shared again and unshared in SQL.
  const up = await postForm(f, `/matters/${mid}/documents?folder=0`, `/matters/${mid}/documents/upload`, { folder: 0 },
    [['lease.pdf', Buffer.from('%PDF-1.4\nlease\n%%EOF\n')]]);
  assert.equal(up.status, 303, 'upload');
  const lease = sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = 'lease.pdf'`);
  const withLease = `The lease ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: withLease, document: lease })).status, 303);
  const mLease = msgId(withLease);
  const clientDoc = (name) => (rows, _, w) => assert.deepEqual(rows.get(withLease)?.doc, { href: `/portal/documents/${lease}`, name }, w);
  const firmDoc = (name) => (rows, _, w) => assert.deepEqual(rows.get(mLease)?.doc, { href: `/documents/${lease}/download`, name }, w);
  await both(clientDoc('lease.pdf'), firmDoc('lease.pdf'), 'attached');
  sql(`UPDATE documents SET name = 'Lease.pdf' WHERE id = ${lease}`);
  await both(clientDoc('Lease.pdf'), firmDoc('Lease.pdf'), 'document renamed in case');
  const leaseShare = sql(`SELECT id FROM shares WHERE message_id = ${mLease} AND document_id = ${lease} AND revoked_at IS NULL`);
  assert.equal((await portalAction(f, mid, { op: 'unshare', share: leaseShare })).status, 303);
  const noDoc = (rows, html, w) => {
    assert.equal(rows.get(withLease)?.body, withLease, w);
    assert.equal(rows.get(withLease)?.doc, null, w);
    assert.ok(!html.includes(`href="/portal/documents/${lease}"`), w);
  };
  await everyClient(c, mid, noDoc, 'unshared through the program');
  sql(`UPDATE shares SET revoked_at = NULL WHERE id = ${leaseShare}`);
  await everyClient(c, mid, clientDoc('Lease.pdf'), 'shared again in SQL');
  sql(`UPDATE shares SET revoked_at = NOW(6) WHERE id = ${leaseShare}`);
  await everyClient(c, mid, noDoc, 'unshared in SQL');

  // A document uploaded with the message, its share revoked in SQL.
  const withDeed = `The deed ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: withDeed }, [['deed.pdf', Buffer.from('%PDF-1.4\ndeed\n%%EOF\n')]])).status, 303);
  const deed = sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = 'deed.pdf'`);
  await everyClient(c, mid, (rows, _, w) => assert.deepEqual(rows.get(withDeed)?.doc, { href: `/portal/documents/${deed}`, name: 'deed.pdf' }, w), 'uploaded with a message');
  sql(`UPDATE shares SET revoked_at = NOW(6) WHERE message_id = ${msgId(withDeed)}`);
  await everyClient(c, mid, (rows, html, w) => {
    assert.equal(rows.get(withDeed)?.doc, null, w);
    assert.ok(!html.includes(`href="/portal/documents/${deed}"`), w);
  }, 'upload unshared in SQL');
  // Shared again in SQL, then the document deleted through the Documents page:
  // gone from both pages.
  sql(`UPDATE shares SET revoked_at = NULL WHERE message_id = ${msgId(withDeed)}`);
  await everyClient(c, mid, (rows, _, w) => assert.equal(rows.get(withDeed)?.doc?.name, 'deed.pdf', w), 'upload shared again in SQL');
  const gone = await postForm(f, `/matters/${mid}/documents?folder=0`, `/matters/${mid}/documents/action`,
    { folder: 0, op: 'delete', kind: 'document', id: deed });
  assert.equal(gone.status, 303, 'document deleted');
  await both((rows, html, w) => { assert.equal(rows.get(withDeed)?.doc, null, w); assert.ok(!html.includes('deed.pdf'), w); },
    (rows, html, w) => { assert.equal(rows.get(msgId(withDeed))?.doc, null, w); assert.ok(!html.includes('deed.pdf'), w); },
    'document deleted through the program');

  // Folders sent with a message: renamed in SQL (case) and through the
  // Documents page; unshared in SQL, and another through the program.
  const newFolder = async (name) => {
    const res = await postForm(f, `/matters/${mid}/documents?folder=0`, `/matters/${mid}/documents/action`, { folder: 0, op: 'new_folder', name });
    assert.equal(res.status, 303, `new folder ${name}`);
    return sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = '${name}'`);
  };
  const evidence = await newFolder('evidence');
  const withFolder = `The evidence ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: withFolder, folder: evidence })).status, 303);
  const mFolder = msgId(withFolder);
  const folderIs = (name) => [(rows, _, w) => assert.equal(rows.get(withFolder)?.folder, name, w),
    (rows, _, w) => assert.equal(rows.get(mFolder)?.folder, name, w)];
  await both(...folderIs('evidence'), 'folder attached');
  sql(`UPDATE folders SET name = 'Evidence' WHERE id = ${evidence}`);
  await both(...folderIs('Evidence'), 'folder renamed in case');
  const renamed = await postForm(f, `/matters/${mid}/documents?folder=0`, `/matters/${mid}/documents/action`,
    { folder: 0, op: 'rename', kind: 'folder', id: evidence, name: 'Evidence bundle' });
  assert.equal(renamed.status, 303, 'folder renamed through the Documents page');
  await both(...folderIs('Evidence bundle'), 'folder renamed through the program');
  sql(`UPDATE shares SET revoked_at = NOW(6) WHERE message_id = ${mFolder}`);
  await everyClient(c, mid, (rows, html, w) => {
    assert.equal(rows.get(withFolder)?.folder, null, w);
    assert.ok(!html.includes('Evidence bundle'), w);
  }, 'folder unshared in SQL');
  const exhibits = await newFolder('exhibits');
  const withExhibits = `The exhibits ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: withExhibits, folder: exhibits })).status, 303);
  await everyClient(c, mid, (rows, _, w) => assert.equal(rows.get(withExhibits)?.folder, 'exhibits', w), 'second folder');
  const exShare = sql(`SELECT id FROM shares WHERE message_id = ${msgId(withExhibits)} AND revoked_at IS NULL`);
  assert.equal((await portalAction(f, mid, { op: 'unshare', share: exShare })).status, 303);
  await everyClient(c, mid, (rows, _, w) => {
    assert.equal(rows.get(withExhibits)?.body, withExhibits, w);
    assert.equal(rows.get(withExhibits)?.folder, null, w);
  }, 'folder unshared through the program');

  // 4. Authors renamed in case, then accents only.
  for (const name of ['BOSS FEEDFRESH', 'Böss Feedfrésh']) {
    sql(`UPDATE users SET name = '${name}' WHERE email = '${firm.email}'`);
    await both((rows, _, w) => {
      for (const b of ['Welcome.', inSql, withLease]) assert.equal(rows.get(b)?.who, name, `${w}: ${b}`);
    }, (rows, _, w) => {
      for (const m of [welcome, mSql, mLease]) assert.equal(rows.get(m)?.who, name, `${w}: ${m}`);
    }, `firm user renamed ${name}`);
  }
  for (const name of [`ANN ${R}`, `Ánn ${R}`]) {
    sql(`UPDATE contacts SET name = '${name}' WHERE id = ${a.contact}`);
    await both((rows, _, w) => assert.equal(rows.get(fromClient)?.who, name, w), (rows, _, w) => {
      assert.equal(rows.get(mClient)?.who, name, w);
      assert.equal(rows.get(welcome)?.read, `Read by ${name} ${shown(readAt(welcome, a.contact), 'UTC', 'UTC')}`, w);
    }, `client renamed ${name}`);
  }
  const annNow = `Ánn ${R}`;

  // 5. Read receipts: made by the client's visit, removed in SQL.
  const unread = `Unread until now ${R}.`;
  assert.equal((await portalAction(f, mid, { op: 'send', body: unread })).status, 303);
  const mUnread = msgId(unread);
  const notRead = (rows, _, w) => assert.equal(rows.get(mUnread)?.read, 'Not read yet', w);
  const isNew = (yes) => (rows, _, w) => {
    assert.equal(rows.get(unread)?.isNew, yes, w);
    assert.equal(rows.get(withLease)?.isNew, false, `${w}: an old one`);
  };
  await everyFirm(f, mid, notRead, 'sent, not read');
  await everyClient(c, mid, isNew(true), 'new, looked at from another site', PEEK);
  assert.equal(sql(`SELECT COUNT(*) FROM item_reads WHERE item_kind = 'message' AND item_id = ${mUnread}`), '0', 'a look from another site records nothing');
  const opened = await c.get(`/portal/matters/${mid}`);
  assert.equal(clientFeed(opened.text).get(unread)?.isNew, true, 'the visit that reads it shows it new');
  const readLine = () => `Read by ${annNow} ${shown(readAt(mUnread, a.contact), 'UTC', 'UTC')}`;
  const expected = readLine();
  await everyFirm(f, mid, (rows, _, w) => assert.equal(rows.get(mUnread)?.read, expected, w), 'read by the client');
  await everyClient(c, mid, isNew(false), 'read');
  sql(`DELETE FROM item_reads WHERE item_kind = 'message' AND item_id = ${mUnread}`);
  await everyFirm(f, mid, notRead, 'receipt deleted in SQL');
  await everyClient(c, mid, isNew(true), 'receipt deleted in SQL', PEEK);
  await c.get(`/portal/matters/${mid}`);
  const again = readLine();
  await everyFirm(f, mid, (rows, _, w) => assert.equal(rows.get(mUnread)?.read, again, w), 'read again');

  // 6. The firm's time zone: through the settings page, then in SQL.
  const currency = sql(`SELECT currency FROM firms WHERE id = ${firm.id}`);
  const saved = await f.submit('/settings', '/settings', { name: `feedfresh ${R} LLP`, slug: firm.slug, zone: 'Asia/Tokyo', currency, window: '' });
  assert.equal(saved.status, 303, 'settings saved');
  for (const [zone, abbr] of [['Asia/Tokyo', 'JST'], ['America/New_York', 'EST'], ['UTC', 'UTC']]) {
    if (zone !== 'Asia/Tokyo') sql(`UPDATE firms SET time_zone = '${zone}' WHERE id = ${firm.id}`);
    const at = shown(sentAt(mClient), zone, abbr), readAtZ = `Read by ${annNow} ${shown(readAt(mUnread, a.contact), zone, abbr)}`;
    await both((rows, _, w) => {
      assert.equal(rows.get(fromClient)?.when, at, w);
      for (const r of rows.values()) assert.ok(r.when.endsWith(` ${abbr}`), `${w}: ${r.when}`);
    }, (rows, _, w) => {
      assert.equal(rows.get(mClient)?.when, at, w);
      assert.equal(rows.get(mUnread)?.read, readAtZ, w);
      for (const r of rows.values()) assert.ok(r.when.endsWith(` ${abbr}`), `${w}: ${r.when}`);
    }, `time zone ${zone}`);
  }
  assert.ok(Number(sql(`SELECT COUNT(*) FROM messages m JOIN portals p ON p.id = m.portal_id WHERE p.matter_id = ${mid}`)) < 20, 'one page of messages');
});

test('access changes take effect at once; no client sees another matter, participant or firm', async () => {
  const f = await admin(firm);
  const bea = await portalClient(firm, 'bea', 'FF-2');
  const cal = await portalClient(firm, 'cal', 'FF-3');
  const other = await ownFirm('feedfreshx');
  const dee = await portalClient(other, 'dee', 'FF-2');

  // A second participant of bea's matter, invited with the next message.
  const boEmail = `bo@client-${firm.slug}.test`, boPass = 'bo portal password';
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'bo ${R}')`);
  const bo = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm.id}, ${bo}, '${boEmail}', 1, 0)`);
  assert.equal((await portalAction(f, bea.mid, { op: 'add_participant', contact: bo })).status, 303);
  const secret = { bea: `Secret of FF-2 ${R}.`, cal: `Secret of FF-3 ${R}.`, dee: `Secret of the other firm ${R}.` };
  assert.equal((await portalAction(f, bea.mid, { op: 'send', body: secret.bea })).status, 303);
  assert.equal((await portalAction(f, cal.mid, { op: 'send', body: secret.cal })).status, 303);
  assert.equal((await portalAction(other.admin, dee.mid, { op: 'send', body: secret.dee })).status, 303);
  const [mail] = await waitForMail(boEmail);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
  const boC = new Client();
  const form = await boC.get(link.pathname + link.search);
  assert.equal((await boC.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'),
    password: boPass, confirm: boPass })).status, 303, 'bo accepts the invitation');

  // Fresh sessions for all (the invitation took a while).
  const c = {
    bea: await clientIn(firm, bea.email, 'bea portal password'),
    bo: boC,
    cal: await clientIn(firm, cal.email, 'cal portal password'),
    dee: await clientIn(other, dee.email, 'dee portal password'),
  };
  const fx = await admin(other);
  const f2 = await admin(firm);
  const own = { bea: bea.mid, bo: bea.mid, cal: cal.mid, dee: dee.mid };
  const sees = { bea: secret.bea, bo: secret.bea, cal: secret.cal, dee: secret.dee };

  // bea reads the feed (her own visit); bo has not; bea replies.
  await c.bea.get(`/portal/matters/${bea.mid}`);
  const beaSays = `bea writes ${R}.`;
  assert.equal((await postForm(c.bea, `/portal/matters/${bea.mid}`, `/portal/matters/${bea.mid}/reply`, { body: beaSays })).status, 303);

  // Turns, so each process last served someone else: each sees their own
  // matter's messages and no other's, bo sees his own unread marks, not bea's.
  for (let i = 0; i < 2 * everyProcess('client_home'); i++) {
    for (const who of ['bea', 'bo', 'cal', 'dee']) {
      const res = await c[who].get(`/portal/matters/${own[who]}`, who === 'bo' ? { headers: PEEK } : {});
      const w = `${who}, turn ${i}`;
      assert.equal(res.status, 200, w);
      const rows = clientFeed(res.text);
      assert.equal(rows.get(sees[who])?.body, sees[who], w);
      for (const s of Object.values(secret)) if (s !== sees[who]) assert.ok(!res.text.includes(s), `${w}: not ${s}`);
      if (who === 'bea') {
        assert.equal(rows.get(secret.bea)?.isNew, false, `${w}: read by her`);
        assert.equal(rows.get(beaSays)?.side, 'from-client', `${w}: her own`);
        assert.equal(rows.get(beaSays)?.isNew, false, w);
      }
      if (who === 'bo') {
        assert.equal(rows.get(secret.bea)?.isNew, true, `${w}: not read by him`);
        assert.notEqual(rows.get(beaSays)?.side, 'from-client', `${w}: not his own`);
        assert.equal(rows.get(beaSays)?.isNew, true, `${w}: unread for him`);
      }
      // Another matter of the same firm, and another firm's, are not found.
      for (const [mid, s] of [[bea.mid, secret.bea], [cal.mid, secret.cal], [dee.mid, secret.dee]]) {
        if (mid === own[who]) continue;
        const them = await c[who].get(`/portal/matters/${mid}`);
        assert.equal(them.status, 404, `${w}: matter ${mid}`);
        assert.ok(!them.text.includes(s), `${w}: matter ${mid}`);
      }
    }
    // The firms' own pages, in turns too.
    const mine = await f2.get(`/matters/${bea.mid}/portal`);
    assert.ok([...firmFeed(mine.text).values()].some((r) => r.body === secret.bea), `firm, turn ${i}`);
    assert.ok(!mine.text.includes(secret.dee), `firm, turn ${i}`);
    const theirs = await fx.get(`/matters/${bea.mid}/portal`);
    assert.equal(theirs.status, 404, `other firm on bea's matter, turn ${i}`);
    assert.ok(!theirs.text.includes(secret.bea), `other firm, turn ${i}`);
    const them = await fx.get(`/matters/${dee.mid}/portal`);
    assert.ok(them.text.includes(secret.dee) && !them.text.includes(secret.bea), `other firm's own, turn ${i}`);
  }

  const feedShown = (rows, html, w) => assert.equal(rows.get(secret.bea)?.body, secret.bea, w);
  const noFeed = (rows, html, w) => {
    assert.equal(rows.size, 0, w);
    assert.ok(!html.includes('<ol class="feed">') && !html.includes(secret.bea) && !html.includes(beaSays), w);
    assert.match(html, /aria-label="Shared documents"/, `${w}: Shared resources instead`);
  };
  const perms = (messages) => ({ op: 'permissions', perm_documents: 1, perm_bills: 1, perm_calendar: 1, perm_tasks: 1,
    perm_notes: 1, perm_forms: 1, ...(messages ? { perm_messages: 1 } : {}) });

  // The Messages permission: off and on through the program, then in SQL.
  assert.equal((await portalAction(f2, bea.mid, perms(false))).status, 303);
  await everyClient(c.bea, bea.mid, noFeed, 'messages off through the program');
  assert.equal((await portalAction(f2, bea.mid, perms(true))).status, 303);
  await everyClient(c.bea, bea.mid, feedShown, 'messages on through the program');
  sql(`UPDATE portals SET perm_messages = 0 WHERE matter_id = ${bea.mid}`);
  await everyClient(c.bea, bea.mid, noFeed, 'messages off in SQL');
  sql(`UPDATE portals SET perm_messages = 1 WHERE matter_id = ${bea.mid}`);
  await everyClient(c.bea, bea.mid, feedShown, 'messages on in SQL');

  // Removed as a participant (through the program, which also ends the
  // person's sessions, then in SQL, which leaves the session): refused at
  // once, while the other participant still sees the feed; back when added again.
  const both = [secret.bea, beaSays];
  assert.equal((await portalAction(f2, bea.mid, { op: 'remove_participant', contact: bea.contact })).status, 303);
  await everyRefused(c.bea, bea.mid, 303, both, 'removed through the program');
  await everyClient(c.bo, bea.mid, feedShown, 'the other participant stays');
  // Both participants have read it now: the firm's line names both, in order.
  const mBea = msgId(secret.bea);
  const line = `Read by bea ${R} ${shown(readAt(mBea, bea.contact), 'UTC', 'UTC')}; bo ${R} ${shown(readAt(mBea, bo), 'UTC', 'UTC')}`;
  await everyFirm(f2, bea.mid, (rows, _, w) => assert.equal(rows.get(mBea)?.read, line, w), 'read by both');
  assert.equal((await portalAction(f2, bea.mid, { op: 'add_participant', contact: bea.contact })).status, 303);
  c.bea = await clientIn(firm, bea.email, 'bea portal password');
  await everyClient(c.bea, bea.mid, feedShown, 'added again through the program');
  sql(`UPDATE participants SET removed_at = NOW(6) WHERE contact_id = ${bea.contact}`);
  await everyRefused(c.bea, bea.mid, 404, both, 'removed in SQL');
  sql(`UPDATE participants SET removed_at = NULL WHERE contact_id = ${bea.contact}`);
  await everyClient(c.bea, bea.mid, feedShown, 'added again in SQL');

  // Signed out: the session deleted in SQL, and bo's through the sign-out button.
  sql(`DELETE FROM sessions WHERE contact_id = ${bea.contact}`);
  await everyRefused(c.bea, bea.mid, 303, both, 'session deleted in SQL');
  const out = await c.bo.submit(`/portal/matters/${bea.mid}`, '/portal/logout', {});
  assert.equal(out.status, 303, 'bo signs out');
  await everyRefused(c.bo, bea.mid, 303, both, 'signed out');
  // cal, of another matter, is untouched.
  await everyClient(c.cal, cal.mid, (rows, html, w) => {
    assert.equal(rows.get(secret.cal)?.body, secret.cal, w);
    assert.ok(!html.includes(secret.bea), w);
  }, 'another matter');
});
