// The portal's audience, reads, times and logos, on a firm of its own whose
// time zone is not UTC: reads count only for the client's own navigations,
// the permission boxes gate pages, downloads and emails, co-clients and the
// matter's responsible users are told when a client writes (and a firm user
// can mute a portal), every time shown is in the firm's zone with the zone
// named, the firm's logo is on the client's pages and in its emails, and a
// client on three matters switches between exactly those three.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, sleep, mailsTo, portalAction, BASE, ROOT } from './helpers.mjs';

const PASS = 'eastern-admin-pass';
const ZONE = 'America/New_York';
const BOSS = 'boss@eastern.test', RITA = 'rita@eastern.test', MO = 'mo@eastern.test';
const ANN = 'ann@east-client.test', BEN = 'ben@east-client.test', CY = 'cy@east-client.test';
const ids = {};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// "Nov 22, 2026 9:14 AM EST": what a person in ZONE reads for a stored time.
function shown(epoch) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric',
    minute: '2-digit', hour12: true, timeZoneName: 'short',
  }).formatToParts(new Date(epoch * 1000)).map((p) => [p.type, p.value]));
  return `${parts.month} ${parts.day}, ${parts.year} ${parts.hour}:${parts.minute} ${parts.dayPeriod.toUpperCase()} ${parts.timeZoneName}`;
}

// The newest mail to address whose text matches re (bounded wait).
async function mailMatching(address, re, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    const got = (await mailsTo(address)).filter((m) => re.test(m.text));
    if (got.length) return got[got.length - 1];
    await sleep(200);
  }
  throw new Error(`no mail to ${address} matching ${re} within ${seconds}s`);
}

const told = (email, kind) => Number(sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${email}' AND kind = '${kind}'`));

async function firmUser(email = BOSS) {
  const c = new Client();
  const res = await c.signIn(email, PASS);
  assert.equal(res.status, 303, `${email} signs in`);
  return c;
}

async function clientUser(email) {
  const c = new Client();
  const page = await c.get('/portal/login?firm=eastern');
  const res = await c.post('/portal/login?firm=eastern', { csrf: csrfOf(page.text), email, password: PASS });
  assert.equal(res.status, 303, `${email} signs in to the portal`);
  return c;
}

async function portalOp(c, mid, fields, files = []) {
  const res = await portalAction(c, mid, fields, files);
  assert.equal(res.status, 303, `portal action ${fields.op}: ${res.text}`);
}

async function reply(c, mid, body) {
  const page = await c.get(`/portal/matters/${mid}`);
  const res = await c.post(`/portal/matters/${mid}/reply`, { csrf: csrfOf(page.text), body });
  assert.equal(res.status, 303);
}

async function setPerms(c, mid, perms) {
  const fields = { op: 'permissions' };
  for (const p of perms) fields[`perm_${p}`] = '1';
  await portalOp(c, mid, fields);
}

before(async () => {
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', 'Eastern Law', 'eastern', BOSS, 'Erin Boss'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: PASS } });
  const firm = ids.firm = sql("SELECT id FROM firms WHERE slug = 'eastern'");
  sql(`UPDATE firms SET time_zone = '${ZONE}', logo_url = '/static/logos/demo.png' WHERE id = ${firm}`);
  const hash = sql(`SELECT pw_hash FROM users WHERE email = '${BOSS}'`);
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firm}, '${RITA}', 'Rita Responsible', 'member', '${hash}'), (${firm}, '${MO}', 'Mo Member', 'member', '${hash}')`);
  for (const [key, name, email] of [['ann', 'Ann Eastman', ANN], ['ben', 'Ben Eastman', BEN], ['cy', 'Cy Outsider', CY]]) {
    sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', '${name}')`);
    const id = ids[key] = sql(`SELECT id FROM contacts WHERE firm_id = ${firm} AND name = '${name}'`);
    sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${id}, '${email}', 1, 0)`);
    // An account whose password is the firm's admin's (same argon2id hash).
    sql(`INSERT INTO client_accounts (firm_id, contact_id, pw_hash, created_at) VALUES (${firm}, ${id}, '${hash}', NOW(6))`);
  }
  // Opened today in the firm's calendar, as the matter form does (the
  // column's default is the server's UTC day, another day for five hours
  // of each night in New York).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
  for (const [n, client] of [[1, 'ann'], [2, 'ann'], [3, 'ann'], [4, 'cy']]) {
    sql(`INSERT INTO matters (firm_id, number, description, client_id, opened_on) VALUES (${firm}, 'E-${n}', 'Eastman matter ${n}', ${ids[client]}, '${today}')`);
    ids[`m${n}`] = sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND number = 'E-${n}'`);
  }
  // Rita is E-1's responsible attorney; she never opens its portal.
  // (Without the table, the audience test below fails on Rita, not here.)
  try {
    sql(`INSERT INTO matter_responsible (firm_id, matter_id, user_id) SELECT ${firm}, ${ids.m1}, id FROM users WHERE email = '${RITA}'`);
  } catch { /* asserted below */ }
  const boss = await firmUser();
  for (const n of [1, 2, 3, 4]) await portalOp(boss, ids[`m${n}`], { op: 'open' });
  await portalOp(boss, ids.m1, { op: 'add_participant', contact: ids.ben });
});

test('a client on three matters sees those three, switches between them, and nothing else', async () => {
  const ann = await clientUser(ANN);
  const home = await ann.get('/portal');
  assert.equal(home.status, 200, 'several matters: the switcher, not a redirect');
  const listed = (html) => [...html.match(/<nav class="switcher"[\s\S]*?<\/nav>/)[0].matchAll(/href="\/portal\/matters\/(\d+)"/g)].map((m) => m[1]).sort();
  const mine = [ids.m1, ids.m2, ids.m3].sort();
  assert.deepEqual(listed(home.text), mine);
  assert.match(home.text, /Choose a matter above/);
  assert.doesNotMatch(home.text, /E-4|Eastman matter 4/);
  // Each one opens, marked current, with the other two a click away.
  let page = home;
  for (const n of [1, 2, 3]) {
    const href = page.text.match(new RegExp(`href="(/portal/matters/${ids[`m${n}`]})"`))[1];
    page = await ann.get(href);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<h1>E-${n} · Eastman matter ${n}</h1>`));
    assert.match(page.text, new RegExp(`class="current" aria-current="page" href="/portal/matters/${ids[`m${n}`]}"`));
    assert.deepEqual(listed(page.text), mine);
    assert.doesNotMatch(page.text, /E-4|Eastman matter 4/);
  }
  // Not a participant of E-4 (another client's), nor of any other firm's matter.
  assert.equal((await ann.get(`/portal/matters/${ids.m4}`)).status, 404);
  const demo = sql("SELECT m.id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = 'demo' LIMIT 1");
  if (demo) assert.equal((await ann.get(`/portal/matters/${demo}`)).status, 404);
  // Cy sees only E-4: straight to it.
  const cy = await clientUser(CY);
  const cyHome = await cy.get('/portal');
  assert.equal(cyHome.status, 303);
  assert.equal(cyHome.location, `/portal/matters/${ids.m4}`);
});

test('reads are recorded only for the client\'s own navigations, not for a link from another site', async () => {
  const boss = await firmUser();
  await portalOp(boss, ids.m1, { op: 'send', body: 'Read me only when you mean to.' }, [['memo.txt', Buffer.from('memo')]]);
  const msg = sql("SELECT id FROM messages WHERE body = 'Read me only when you mean to.'");
  const doc = sql(`SELECT id FROM documents WHERE firm_id = ${ids.firm} AND name = 'memo.txt'`);
  const reads = (kind, id) => Number(sql(`SELECT COUNT(*) FROM item_reads WHERE contact_id = ${ids.ann} AND item_kind = '${kind}' AND item_id = ${id}`));
  const events = (kind) => Number(sql(`SELECT COUNT(*) FROM portal_events WHERE contact_id = ${ids.ann} AND kind = '${kind}'`));
  const ann = await clientUser(ANN);
  const url = `/portal/matters/${ids.m1}`;
  for (const site of ['cross-site', 'same-site']) {
    const page = await ann.get(url, { headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } });
    assert.equal(page.status, 200, 'the page is shown');
    assert.match(page.text, /Read me only when you mean to\./);
    assert.match(page.text, /class="badge">new</, 'and still marked new');
    assert.equal(reads('message', msg), 0, `a ${site} link records no read`);
    const dl = await ann.get(`/portal/documents/${doc}`, { headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } });
    assert.equal(dl.status, 200);
    assert.equal(reads('document', doc), 0, `a ${site} download records no open`);
  }
  assert.equal(events('read_message'), 0);
  assert.equal(events('read_document'), 0);
  const own = await ann.get(url, { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } });
  assert.equal(own.status, 200);
  assert.equal(reads('message', msg), 1, 'a same-origin navigation records the read');
  assert.equal(events('read_message'), 1);
  await ann.get(`/portal/documents/${doc}`, { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } });
  assert.equal(reads('document', doc), 1);
  // A typed address or a bookmark ("none") is the client's own doing too.
  await portalOp(boss, ids.m1, { op: 'send', body: 'Typed in.' });
  const typed = sql("SELECT id FROM messages WHERE body = 'Typed in.'");
  await ann.get(url, { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } });
  assert.equal(reads('message', typed), 1);
});

test('the permission boxes gate pages, downloads and emails; attachments open without Documents', async () => {
  const boss = await firmUser();
  const mid = ids.m2;
  const page = await boss.get(`/matters/${mid}/portal`);
  // A box for every kind the portal shows.
  const boxes = [...page.text.matchAll(/name="perm_([a-z]+)"/g)].map((m) => m[1]);
  assert.deepEqual(boxes, ['messages', 'documents', 'bills', 'calendar', 'tasks', 'notes', 'forms']);
  const upload = async (name) => {
    const form = new FormData();
    form.append('csrf', csrfOf((await boss.get(`/matters/${mid}/documents`)).text));
    form.append('folder', '0');
    form.append('file', new Blob([Buffer.from(`content of ${name}`)]), name);
    const res = await fetch(`${BASE}/matters/${mid}/documents/upload`, { method: 'POST', body: form, headers: { cookie: boss.cookieHeader() }, redirect: 'manual' });
    assert.equal(res.status, 303);
    return sql(`SELECT id FROM documents WHERE firm_id = ${ids.firm} AND name = '${name}'`);
  };
  const d1 = await upload('perm-one.txt'), d2 = await upload('perm-two.txt');
  const clientMails = () => told(ANN, 'client_items');

  // Messages off, documents on: no email for a message; one for a share.
  await setPerms(boss, mid, ['documents']);
  assert.equal(sql(`SELECT CONCAT(perm_messages, perm_documents, perm_bills, perm_calendar, perm_tasks, perm_notes, perm_forms) FROM portals WHERE matter_id = ${mid}`),
    '0100000', 'every box is shown, so every box is saved');
  let n = clientMails();
  await portalOp(boss, mid, { op: 'send', body: 'Hidden while Messages is off.' }, [['hidden-attachment.txt', Buffer.from('h')]]);
  assert.equal(clientMails(), n, 'no email about a message the client cannot open');
  await portalOp(boss, mid, { op: 'share', document: d1 });
  assert.equal(clientMails(), n + 1, 'an email for the shared document');
  let ann = await clientUser(ANN);
  let view = await ann.get(`/portal/matters/${mid}`);
  assert.doesNotMatch(view.text, /Hidden while Messages is off/);
  assert.doesNotMatch(view.text, />Messages</);
  assert.equal((await ann.get(`/portal/documents/${d1}`)).status, 200);
  const hidden = sql("SELECT id FROM documents WHERE name = 'hidden-attachment.txt'");
  // An attachment is a shared item too (F-B6): with Documents on it is listed
  // in Shared resources and opens there, though its message stays hidden.
  assert.equal((await ann.get(`/portal/documents/${hidden}`)).status, 200, 'the attachment opens as a shared document');
  assert.match((await ann.get(`/portal/matters/${mid}?view=shared`)).text, /hidden-attachment\.txt/);

  // Messages on, documents off: no email for a share; the attachment opens.
  await setPerms(boss, mid, ['messages']);
  n = clientMails();
  await portalOp(boss, mid, { op: 'share', document: d2 });
  assert.equal(clientMails(), n, 'no email about a document the client cannot open');
  await portalOp(boss, mid, { op: 'send', body: 'With an attachment, Documents off.' }, [['sent-anyway.txt', Buffer.from('sent to the client')]]);
  assert.equal(clientMails(), n + 1, 'an email for the message');
  ann = await clientUser(ANN);
  view = await ann.get(`/portal/matters/${mid}`);
  assert.match(view.text, /With an attachment, Documents off\./);
  assert.doesNotMatch(view.text, /Shared resources/);
  const att = view.text.match(/href="\/portal\/documents\/(\d+)">sent-anyway\.txt</)[1];
  const dl = await ann.get(`/portal/documents/${att}`);
  assert.equal(dl.status, 200, 'an attachment in the feed opens with Documents off');
  assert.equal(dl.text, 'sent to the client');
  assert.equal((await ann.get(`/portal/documents/${d1}`)).status, 404, 'a shared document does not');
  assert.equal((await ann.get(`/portal/documents/${d2}`)).status, 404);
  assert.equal((await ann.get(`/portal/matters/${mid}?view=shared`)).text.includes('perm-one.txt'), false);

  // Both off: nothing at all; both on again: both kinds.
  await setPerms(boss, mid, []);
  n = clientMails();
  await portalOp(boss, mid, { op: 'send', body: 'Nobody is told.' });
  await portalOp(boss, mid, { op: 'share', document: await upload('perm-three.txt') });
  assert.equal(clientMails(), n);
  await setPerms(boss, mid, ['messages', 'documents']);
  await portalOp(boss, mid, { op: 'send', body: 'Everybody is told.' });
  await portalOp(boss, mid, { op: 'share', document: await upload('perm-four.txt') });
  assert.equal(clientMails(), n + 2);
  ann = await clientUser(ANN);
  assert.equal((await ann.get(`/portal/documents/${d1}`)).status, 200);
  assert.equal((await ann.get(`/portal/documents/${hidden}`)).status, 200);
});

test('co-clients and the matter\'s responsible users are told when a client writes; a firm user can mute', async () => {
  const mid = ids.m1;
  const counts = () => ({ ann: told(ANN, 'client_items'), ben: told(BEN, 'client_items'), boss: told(BOSS, 'firm_items'), rita: told(RITA, 'firm_items'), mo: told(MO, 'firm_items') });
  let before = counts();
  await reply(await clientUser(ANN), mid, 'Ann writes to everyone.');
  let after = counts();
  assert.equal(after.ben, before.ben + 1, 'the co-client is told');
  assert.equal(after.ann, before.ann, 'not the author');
  assert.equal(after.boss, before.boss + 1, 'the firm user who opened the portal');
  assert.equal(after.rita, before.rita + 1, 'the responsible user, who never took part');
  assert.equal(after.mo, before.mo, 'not a firm user with no part in it');
  await mailMatching(BEN, /a message from Ann Eastman in E-1/);

  // Mo writes in the portal: from then on Mo takes part and is told.
  const mo = await firmUser(MO);
  await portalOp(mo, mid, { op: 'send', body: 'Mo joins in.' });
  before = counts();
  await reply(await clientUser(BEN), mid, 'Ben answers.');
  after = counts();
  assert.equal(after.mo, before.mo + 1);
  assert.equal(after.ann, before.ann + 1, 'Ann is told of Ben\'s message');
  assert.equal(after.ben, before.ben);

  // Mute: Mo gets nothing for this portal; the others still do.
  let page = await mo.get(`/matters/${mid}/portal`);
  assert.match(page.text, /<button type="submit"[^>]*>Mute<\/button>/);
  await portalOp(mo, mid, { op: 'mute' });
  page = await mo.get(`/matters/${mid}/portal`);
  assert.match(page.text, />Unmute<\/button>/);
  assert.match((await (await firmUser()).get(`/matters/${mid}/portal`)).text, />Mute<\/button>/, 'a mute is per user');
  before = counts();
  await reply(await clientUser(ANN), mid, 'Ann again, Mo muted.');
  after = counts();
  assert.equal(after.mo, before.mo, 'a muted user gets no email');
  assert.equal(after.boss, before.boss + 1);
  assert.equal(after.rita, before.rita + 1);
  assert.equal(after.ben, before.ben + 1);
  await portalOp(await firmUser(MO), mid, { op: 'unmute' });
  before = counts();
  await reply(await clientUser(ANN), mid, 'Ann once more, Mo listening.');
  assert.equal(counts().mo, before.mo + 1);
});

test('every time is shown in the firm\'s zone, named; the logo is on client pages and in emails', async () => {
  const mid = ids.m3;
  const boss = await firmUser();
  await portalOp(boss, mid, { op: 'send', body: 'What time is it?' }, [['clock.txt', Buffer.from('tick')]]);
  const when = shown(Number(sql("SELECT UNIX_TIMESTAMP(created_at) FROM messages WHERE body = 'What time is it?'")));
  assert.match(when, /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M E[SD]T$/);
  const doc = sql(`SELECT id FROM documents WHERE firm_id = ${ids.firm} AND name = 'clock.txt'`);
  await portalOp(boss, mid, { op: 'share', document: doc });

  // The client's pages: the feed, shared resources; and the logo.
  const ann = await clientUser(ANN);
  const feed = await ann.get(`/portal/matters/${mid}`, { headers: { 'sec-fetch-site': 'same-origin' } });
  assert.match(feed.text, new RegExp(`<time>${esc(when)}</time>`));
  assert.match(feed.text, /<img class="logo" src="\/static\/logos\/demo\.png" alt="Eastern Law"/);
  const shared = await ann.get(`/portal/matters/${mid}?view=shared`);
  const sharedAt = shown(Number(sql(`SELECT UNIX_TIMESTAMP(created_at) FROM documents WHERE id = ${doc}`)));
  assert.match(shared.text, new RegExp(`<td[^>]*>${esc(sharedAt)}</td>`));
  assert.match(shared.text, /<img class="logo" src="\/static\/logos\/demo\.png"/);
  await ann.get(`/portal/documents/${doc}`, { headers: { 'sec-fetch-site': 'same-origin' } });
  assert.match((await ann.get('/portal')).text, /<img class="logo" src="\/static\/logos\/demo\.png"/);
  // The firm's public sign-in link (the one it embeds on its website) too.
  const signin = await new Client().get('/portal/login?firm=eastern');
  assert.match(signin.text, /<img class="logo" src="\/static\/logos\/demo\.png" alt="Eastern Law"/);

  // The firm's pages: feed, receipts, events, shared resources, documents, the matter.
  const firm = await firmUser();
  const page = await firm.get(`/matters/${mid}/portal?events=1`);
  assert.match(page.text, new RegExp(`<time>${esc(when)}</time>`));
  const readAt = shown(Number(sql(`SELECT UNIX_TIMESTAMP(first_at) FROM item_reads WHERE contact_id = ${ids.ann} AND item_kind = 'message' AND item_id = (SELECT id FROM messages WHERE body = 'What time is it?')`)));
  assert.match(page.text, new RegExp(`Read by Ann Eastman ${esc(readAt)}`));
  const evAt = shown(Number(sql(`SELECT UNIX_TIMESTAMP(MAX(created_at)) FROM portal_events WHERE contact_id = ${ids.ann} AND kind = 'read_document'`)));
  assert.match(page.text, new RegExp(`<time>${esc(evAt)}</time> Ann Eastman opened a document: clock\\.txt`));
  const shares = await firm.get(`/matters/${mid}/portal?view=shared`);
  const shareAt = shown(Number(sql(`SELECT UNIX_TIMESTAMP(created_at) FROM shares WHERE document_id = ${doc}`)));
  assert.match(shares.text, new RegExp(`<td>${esc(shareAt)}</td>`));
  assert.match(shares.text, new RegExp(`Ann Eastman ${esc(shown(Number(sql(`SELECT UNIX_TIMESTAMP(first_at) FROM item_reads WHERE contact_id = ${ids.ann} AND item_kind = 'document' AND item_id = ${doc}`))))}`));
  const docs = await firm.get(`/matters/${mid}/documents`);
  assert.match(docs.text, new RegExp(esc(sharedAt)));
  assert.doesNotMatch(docs.text + page.text + feed.text, /\d{4}-\d\d-\d\d \d\d:\d\d/, 'no bare UTC times left');
  const opened = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, month: 'short', day: 'numeric', year: 'numeric' })
    .format(new Date(Number(sql(`SELECT UNIX_TIMESTAMP(created_at) FROM matters WHERE id = ${mid}`)) * 1000));
  assert.match((await firm.get(`/matters/${mid}`)).text, new RegExp(`<dt>Opened</dt><dd>${esc(opened)}</dd>`));

  // Emails: the client's and the firm's carry the time, named, and the logo.
  await reply(await clientUser(ANN), mid, 'Ann answers in E-3.');
  const logo = new RegExp(`<img src="${esc(BASE)}/static/logos/demo\\.png" alt="Eastern Law"`);
  const clientMail = await mailMatching(ANN, /in E-3 \(/);
  assert.match(clientMail.text, /a new message in E-3 \([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M E[SD]T\)/);
  assert.match(clientMail.html, logo);
  const firmMail = await mailMatching(BOSS, /in E-3 \(/);
  assert.match(firmMail.text, /Ann Eastman sent a message in E-3 \([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M E[SD]T\)/);
  assert.match(firmMail.html, logo);
});
