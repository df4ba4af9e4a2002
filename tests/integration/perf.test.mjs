// The cheaper pages keep every guarantee (issue 13): the Messages pages a
// page at a time (the latest 50, "Earlier messages" by keyset, a plain
// link), read receipts and the firm's events for what was shown; a removed
// participant, a revoked session, a permission turned off, a deactivated
// colleague and a new colleague take effect on the very next request, on
// every process; the matters page names a linked client without a picker
// and never another firm's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Client, csrfOf, sql, portalAction, demoAdmin, clientOnMatter, pids } from './helpers.mjs';

const R = crypto.randomBytes(4).toString('hex');
const PASS = 'paging portal pass';
const count = (html, re) => (html.match(re) || []).length;
const messagesOf = (html) => count(html, /<li class="message/g);
const earlierOf = (html) => {
  const m = html.match(/<a href="([^"]*before=[0-9]+-[0-9]+)">Earlier messages<\/a>/);
  return m ? m[1].replace(/&amp;/g, '&') : null;
};
// Enough requests that each process of a program answers at least once
// (nginx spreads them; a stale copy in any process would show).
const everyProcess = (prog) => 4 * pids(prog).length;

// Every way a firm session is refused, each tried on every path n times
// (so on every process): the session revoked, idle, too old, its user
// deactivated (a fresh session first seen to get paths[0]), a malformed
// cookie, and client's token (a portal client signed in) used as a firm
// one.  No refused page shows what `hidden` matches.
async function firmSessionRefusals({ email, paths, n, hidden, client }) {
  const signIn = async () => {
    const c = new Client();
    assert.equal((await c.signIn(email, 'demo-member-pass')).status, 303);
    return c;
  };
  const hash = (c) => `UNHEX(SHA2('${c.jar.get('__Host-sid')}', 256))`;
  const refused = async (c, why) => {
    for (const p of paths)
      for (let i = 0; i < n; i++) {
        const res = await c.get(p);
        assert.equal(res.status, 303, `${why}: ${p}`);
        assert.match(res.location, /\/login\?next=/, `${why}: ${p}`);
        assert.doesNotMatch(res.text, hidden);
      }
  };
  let m = await signIn();
  sql(`DELETE FROM sessions WHERE token_hash = ${hash(m)}`);
  await refused(m, 'revoked');
  m = await signIn();
  sql(`UPDATE sessions SET last_seen = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ${hash(m)}`);
  await refused(m, 'idle');
  m = await signIn();
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ${hash(m)}`);
  await refused(m, 'too old');
  m = await signIn();
  assert.equal((await m.get(paths[0])).status, 200);
  sql(`UPDATE users SET deactivated_at = NOW(6) WHERE email = '${email}'`);
  await refused(m, 'deactivated');
  const bad = new Client();
  bad.jar.set('__Host-sid', 'x'.repeat(43));
  await refused(bad, 'malformed');
  client.jar.set('__Host-sid', client.jar.get('__Host-cid'));
  await refused(client, 'client token as a firm one');
}

test('Messages pages: the latest 50, Earlier messages without OFFSET, receipts for what was shown', async () => {
  const { mid, contact, client } = await clientOnMatter({ name: `Paging Client ${R}`, email: `paging.${R}@perf.test`,
    number: `PG-${R}`, password: PASS });
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  // 69 more, older than the welcome message, two at the same microsecond.
  sql(`INSERT INTO messages (firm_id, portal_id, author_user, body, created_at)
       WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 69)
       SELECT p.firm_id, p.id, p.opened_by, CONCAT('Paged note ', i, '.'),
       NOW(6) - INTERVAL 1 HOUR + INTERVAL (i - (i = 40)) SECOND FROM n JOIN portals p ON p.id = ${portal}`);
  const reads = () => sql(`SELECT COUNT(*) FROM item_reads WHERE portal_id = ${portal} AND contact_id = ${contact} AND item_kind = 'message'`);
  const events = () => sql(`SELECT COUNT(*) FROM portal_events WHERE portal_id = ${portal} AND kind = 'read_message'`);

  const latest = await client.get(`/portal/matters/${mid}`);
  assert.equal(latest.status, 200);
  assert.equal(messagesOf(latest.text), 50);
  assert.match(latest.text, /Welcome, Paging Client/);
  assert.match(latest.text, /Paged note 69\./);
  assert.doesNotMatch(latest.text, /Paged note 19\./);
  assert.doesNotMatch(latest.text, /Latest messages/);
  const earlier = earlierOf(latest.text);
  assert.match(earlier, new RegExp(`^/portal/matters/${mid}\\?before=`));
  // Only the 50 shown were opened, each with one event for the firm.
  assert.equal(reads(), '50');
  assert.equal(events(), '50');

  const back = await client.get(earlier);
  assert.equal(back.status, 200);
  assert.equal(messagesOf(back.text), 20);
  for (let i = 1; i <= 20; i++) assert.match(back.text, new RegExp(`Paged note ${i}\\.`));
  assert.equal(earlierOf(back.text), null);
  assert.match(back.text, new RegExp(`<a href="/portal/matters/${mid}">Latest messages</a>`));
  assert.equal(reads(), '70');
  assert.equal(events(), '70');
  // Seen again: nothing new.
  await client.get(`/portal/matters/${mid}`);
  await client.get(earlier);
  assert.equal(events(), '70');

  // The firm's page: the same pages, the readers of each, the events of each span.
  const firm = await demoAdmin();
  const fl = await firm.get(`/matters/${mid}/portal?events=1`);
  assert.equal(fl.status, 200);
  assert.equal(messagesOf(fl.text), 50);
  assert.equal(count(fl.text, /Read by Paging Client/g), 50);
  const readEvents = (html) => count(html, new RegExp(`<li class="event"><time>[^<]*</time> Paging Client ${R} read a message`, 'g'));
  assert.equal(readEvents(fl.text), 70);	// every read happened after these
  const fe = earlierOf(fl.text);
  assert.match(fe, new RegExp(`^/matters/${mid}/portal\\?events=1&before=`));
  const fb = await firm.get(fe);
  assert.equal(messagesOf(fb.text), 20);
  assert.equal(readEvents(fb.text), 0);
  assert.match(fb.text, new RegExp(`<a href="/matters/${mid}/portal\\?events=1">Latest messages</a>`));

  // A cursor is only a place: malformed is refused, a far one shows the
  // latest, another portal's shows only this portal's messages.
  for (const bad of ['x', '1-', '-1', '0-0', '1-1-1', '99999999999999999999-1', '253402300800000000-1', `${'9'.repeat(60)}`]) {
    assert.equal((await client.get(`/portal/matters/${mid}?before=${encodeURIComponent(bad)}`)).status, 400, bad);
    assert.equal((await firm.get(`/matters/${mid}/portal?before=${encodeURIComponent(bad)}`)).status, 400, bad);
  }
  const far = await client.get(`/portal/matters/${mid}?before=253402300799999999-9223372036854775807`);
  assert.equal(messagesOf(far.text), 50);
  const other = sql(`SELECT MAX(id) FROM messages WHERE portal_id <> ${portal}`);
  const otherUs = sql(`SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01', created_at) FROM messages WHERE id = ${other}`);
  const cross = await client.get(`/portal/matters/${mid}?before=${otherUs}-${other}`);
  assert.equal(cross.status, 200);
  const ids = [...cross.text.matchAll(/Paged note (\d+)\.|Welcome, Paging/g)].length;
  assert.equal(ids, messagesOf(cross.text));
});

test('guarantees on the very next request: permission off, participant removed, session revoked', async () => {
  const { mid, contact, client } = await clientOnMatter({ name: `Next Client ${R}`, email: `next.${R}@perf.test`,
    number: `NX-${R}`, password: PASS });
  const firm = await demoAdmin();
  const seen = async () => (await client.get(`/portal/matters/${mid}`));
  const n = everyProcess('client_home');
  for (let i = 0; i < n; i++) assert.match((await seen()).text, /Welcome, Next Client/);
  // Messages turned off: the next view has no messages, on every process.
  assert.equal((await portalAction(firm, mid, { op: 'permissions', perm_documents: '1' })).status, 303);
  for (let i = 0; i < n; i++) assert.doesNotMatch((await seen()).text, /Welcome, Next Client/);
  assert.equal((await portalAction(firm, mid, { op: 'permissions', perm_messages: '1', perm_documents: '1' })).status, 303);
  assert.match((await seen()).text, /Welcome, Next Client/);
  // The session ended elsewhere (its row gone): signed out at once.
  sql(`DELETE FROM sessions WHERE contact_id = ${contact}`);
  for (let i = 0; i < n; i++) {
    const res = await seen();
    assert.equal(res.status, 303);
    assert.match(res.location, /\/portal\/login/);
  }
  // Removed (signed in again first): the matter is gone at once.
  const again = (await clientOnMatter({ name: `Next Client ${R}`, email: `next.${R}@perf.test`,
    number: `NX-${R}`, password: PASS })).client;
  assert.equal((await again.get(`/portal/matters/${mid}`)).status, 200);
  assert.equal((await portalAction(firm, mid, { op: 'remove_participant', contact })).status, 303);
  for (let i = 0; i < n; i++) {
    const res = await again.get(`/portal/matters/${mid}`);
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(res.text, /Welcome, Next Client/);
  }
});

test('firm users: deactivated or signed out at once; a new colleague in the picker at once', async () => {
  const email = `member.${R}@perf.test`;
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT ${firmId}, '${email}', 'Perf Member ${R}', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const m = new Client();
  assert.equal((await m.signIn(email, 'demo-member-pass')).status, 303);
  const n = everyProcess('matters_list');
  for (let i = 0; i < n; i++) assert.equal((await m.get('/matters')).status, 200);
  // A colleague added behind the programs' back (the stamp's triggers see it).
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firmId}, 'late.${R}@perf.test', 'Late Colleague ${R}', 'member', '!')`);
  for (let i = 0; i < n; i++) assert.match((await m.get('/matters')).text, new RegExp(`<option value="\\d+">Late Colleague ${R}</option>`));
  // Deactivated: the next request is refused.
  sql(`UPDATE users SET deactivated_at = NOW(6) WHERE email = '${email}'`);
  for (let i = 0; i < n; i++) {
    const res = await m.get('/matters');
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(res.text, /Late Colleague/);
  }
  // Revoked: a session row gone is a signed-out request.
  const a = await demoAdmin();
  assert.equal((await a.get('/matters')).status, 200);
  sql(`DELETE FROM sessions WHERE token_hash = UNHEX(SHA2('${a.jar.get('__Host-sid')}', 256))`);
  const after = await a.get('/matters');
  assert.notEqual(after.status, 200);
});

test('matters page: a linked client named without a picker, never another firm\'s', async () => {
  const a = await demoAdmin();
  const page = await a.get('/matters');
  assert.doesNotMatch(page.text, /id="client"/);
  assert.doesNotMatch(page.text, /<label for="client">/);
  const client = sql("SELECT m.client_id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = 'demo' AND m.number = '2026-0001'");
  const name = sql(`SELECT name FROM contacts WHERE id = ${client}`);
  const res = await a.get(`/matters?client=${client}&status=open&q=20&sort=-opened`);
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`Client: ${name} <input type="hidden" name="client" value="${client}">`));
  assert.match(res.text, /<a href="\/matters\?status=open&amp;q=20&amp;sort=-opened">All clients<\/a>/);
  // A client with no matter is still named (its own statement).
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firmId}, 'person', 'No Matters ${R}')`);
  const lonely = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firmId} AND name = 'No Matters ${R}'`);
  const none = await a.get(`/matters?client=${lonely}`);
  assert.match(none.text, new RegExp(`Client: No Matters ${R}`));
  assert.match(none.text, /No matters match these filters\./);
  // Another firm's contact: no name, no matter.
  sql(`INSERT INTO firms (name, slug) VALUES ('Perf Other ${R}', 'perf-${R}')`);
  const other = sql(`SELECT id FROM firms WHERE slug = 'perf-${R}'`);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${other}, 'person', 'Secret Client ${R}')`);
  const secret = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${other}`);
  const theirs = await a.get(`/matters?client=${secret}`);
  assert.equal(theirs.status, 200);
  assert.doesNotMatch(theirs.text, /Secret Client/);
  assert.match(theirs.text, /No matters match these filters\./);
});

// The matters page's first page checks the session inside its own statement
// (one round trip); an empty list checks it alone; later pages load it
// first.  Every path refuses what the session check refuses, at once, on
// every process.
test('matters page with its session in one statement: every refusal on every path', async () => {
  const email = `joined.${R}@perf.test`;
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT ${firmId}, '${email}', 'Joined Member ${R}', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const n = everyProcess('matters_list');
  // The list, an empty list (a filter with no match) and a later page.
  const paths = ['/matters', `/matters?q=nothing-${R}`, '/matters?page=2', '/matters?page=1&sort=-opened'];
  const m = new Client();
  assert.equal((await m.signIn(email, 'demo-member-pass')).status, 303);
  const first = await m.get('/matters');
  assert.equal(first.status, 200);
  assert.match(first.text, /2026-0001/);
  assert.match(first.text, new RegExp(`Joined Member ${R}`));	// the name from the session's row
  const empty = await m.get(`/matters?q=nothing-${R}`);
  assert.equal(empty.status, 200);
  assert.match(empty.text, /No matters match these filters\./);
  assert.match(empty.text, new RegExp(`Joined Member ${R}`));
  const { client } = await clientOnMatter({ name: `Joined Client ${R}`, email: `joined.client.${R}@perf.test`,
    number: `JN-${R}`, password: PASS });
  await firmSessionRefusals({ email, paths, n, hidden: /Joined Member/, client });
});

test('matters page in one statement: another firm\'s session sees only its own matters', async () => {
  const slug = `joined-${R}`;
  sql(`INSERT INTO firms (name, slug) VALUES ('Joined Other ${R}', '${slug}')`);
  const other = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
  const email = `other.${R}@perf.test`;
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT ${other}, '${email}', 'Other Admin ${R}', 'admin', pw_hash FROM users WHERE email = 'admin@demo.test'`);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${other}, 'person', 'Other Client ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${other}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on) VALUES (${other}, 'OT-${R}', 'Other firm matter', ${contact}, 'open', CURDATE())`);
  const c = new Client();
  const s = await c.signIn(email, 'demo-admin-pass');
  assert.equal(s.status, 303);
  const page = await c.get('/matters');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`OT-${R}`));
  assert.doesNotMatch(page.text, /2026-0001/);
  const demo = await demoAdmin();
  assert.doesNotMatch((await demo.get('/matters')).text, /Other firm matter/);
  const searched = await demo.get(`/matters?q=OT-${R}`);
  assert.doesNotMatch(searched.text, /Other firm matter/);
  assert.match(searched.text, /No matters match these filters\./);
});

test('matters page as it opens (no filter): the same rows in the same order as with a search, in every sort', async () => {
  const slug = `plain-${R}`;
  sql(`INSERT INTO firms (name, slug) VALUES ('Plain Firm ${R}', '${slug}')`);
  const firm = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
  const email = `plain.${R}@perf.test`;
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT ${firm}, '${email}', 'Plain Admin ${R}', 'admin', pw_hash FROM users WHERE email = 'admin@demo.test'`);
  const user = sql(`SELECT id FROM users WHERE email = '${email}'`);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Plain Client ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm}`);
  // 60 matters inserted out of order, three opening dates (ties broken by
  // id), every other one with a responsible user: more than a page.
  const values = [];
  for (let i = 0; i < 60; i++) {
    const k = (i * 37) % 60;
    values.push(`(${firm}, 'PL-${String(k).padStart(3, '0')}', 'Plain matter ${k}', ${contact}, 'open',` +
      ` CURDATE() - INTERVAL ${k % 3} DAY, ${i % 2 ? user : 'NULL'})`);
  }
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on, responsible_id) VALUES ${values.join(', ')}`);
  const c = new Client();
  assert.equal((await c.signIn(email, 'demo-admin-pass')).status, 303);
  const numbers = (html) => [...html.matchAll(/<a href="\/matters\/[0-9]+">([^<]+)<\/a>/g)].map((m) => m[1]);
  const orders = { number: 'number', '-number': 'number DESC', opened: 'opened_on, id', '-opened': 'opened_on DESC, id DESC' };
  for (const [sort, order] of Object.entries(orders)) {
    const want = sql(`SELECT number FROM matters WHERE firm_id = ${firm} ORDER BY ${order} LIMIT 50`).split('\n');
    const plain = await c.get(`/matters?sort=${sort}`);
    assert.equal(plain.status, 200);
    assert.deepEqual(numbers(plain.text), want, `no filter, sort ${sort}`);
    assert.match(plain.text, /rel="next"/, `a next page, sort ${sort}`);
    assert.match(plain.text, new RegExp(`Plain Admin ${R}`));	// the session's row
    const searched = await c.get(`/matters?sort=${sort}&q=PL-`);
    assert.deepEqual(numbers(searched.text), want, `searched, sort ${sort}`);
    const page2 = await c.get(`/matters?sort=${sort}&page=2`);
    const rest = sql(`SELECT number FROM matters WHERE firm_id = ${firm} ORDER BY ${order} LIMIT 10 OFFSET 50`).split('\n');
    assert.deepEqual(numbers(page2.text), rest, `page 2, sort ${sort}`);
  }
  // An empty firm's list as it opens: the session still shows, nothing listed.
  sql(`DELETE FROM matters WHERE firm_id = ${firm}`);
  const empty = await c.get('/matters');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /No matters yet\./);
  assert.match(empty.text, new RegExp(`Plain Admin ${R}`));
});

// The firm's Messages page reads its session, the matter, the portal, the
// user's mute and the responsible users in one statement: every refusal
// of the session check on every view of the page, at once, on every
// process; another firm's matter stays not found for a valid session.
test('firm Messages page with its session in one statement: every refusal on every view', async () => {
  const { mid } = await clientOnMatter({ name: `Head Client ${R}`, email: `head.${R}@perf.test`,
    number: `HD-${R}`, password: PASS });
  const email = `head.member.${R}@perf.test`;
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT ${firmId}, '${email}', 'Head Member ${R}', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const n = everyProcess('portal_show');
  const paths = [`/matters/${mid}/portal`, `/matters/${mid}/portal?events=1`, `/matters/${mid}/portal?view=shared`,
    `/matters/${mid}/portal?before=253402300799999999-9223372036854775807`, '/matters/999999999/portal'];
  const m = new Client();
  assert.equal((await m.signIn(email, 'demo-member-pass')).status, 303);
  for (const p of paths.slice(0, 4)) {
    const res = await m.get(p);
    assert.equal(res.status, 200, p);
    assert.match(res.text, new RegExp(`Head Member ${R}`), p);	// the header, from the session's columns
    assert.match(res.text, new RegExp(`HD-${R}`), p);
  }
  assert.match((await m.get(paths[0])).text, /Welcome, Head Client/);
  // No such matter, or not this firm's: not found, not a sign-in.
  assert.equal((await m.get('/matters/999999999/portal')).status, 404);
  sql(`INSERT INTO firms (name, slug) VALUES ('Head Other ${R}', 'head-${R}')`);
  const other = sql(`SELECT id FROM firms WHERE slug = 'head-${R}'`);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${other}, 'person', 'Head Secret ${R}')`);
  const oc = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${other}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${other}, 'HO-${R}', 'Head other matter', ${oc})`);
  const om = sql(`SELECT id FROM matters WHERE firm_id = ${other}`);
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${other}, 'head.other.${R}@perf.test', 'Head Other Admin', 'admin', '!')`);
  const ou = sql(`SELECT id FROM users WHERE firm_id = ${other}`);
  sql(`INSERT INTO portals (firm_id, matter_id, opened_at, opened_by) VALUES (${other}, ${om}, NOW(6), ${ou})`);
  for (let i = 0; i < n; i++) {
    const res = await m.get(`/matters/${om}/portal`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.text, /HO-|Head other matter|Head Secret/);
  }
  const { client } = await clientOnMatter({ name: `Head Client ${R}`, email: `head.${R}@perf.test`,
    number: `HD-${R}`, password: PASS });
  await firmSessionRefusals({ email, paths, n, hidden: /Head Member|Welcome, Head Client/, client });
});

test('firm Messages page: the mute and the responsible users read with the head, at once on every process', async () => {
  const { mid } = await clientOnMatter({ name: `Mute Client ${R}`, email: `mute.${R}@perf.test`,
    number: `MU-${R}`, password: PASS });
  const firm = await demoAdmin();
  const n = everyProcess('portal_show');
  const page = async () => (await firm.get(`/matters/${mid}/portal`)).text;
  for (let i = 0; i < n; i++) assert.match(await page(), /aria-pressed="false">Mute</);
  assert.equal((await portalAction(firm, mid, { op: 'mute' })).status, 303);
  for (let i = 0; i < n; i++) assert.match(await page(), /aria-pressed="true">Unmute</);
  assert.equal((await portalAction(firm, mid, { op: 'unmute' })).status, 303);
  for (let i = 0; i < n; i++) assert.match(await page(), /aria-pressed="false">Mute</);
  // Responsible users, in name order, only this matter's and this firm's.
  for (let i = 0; i < n; i++) assert.match(await page(), /Responsible: nobody named/);
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO matter_responsible (firm_id, matter_id, user_id) SELECT ${firmId}, ${mid}, id FROM users WHERE firm_id = ${firmId} AND email IN ('admin@demo.test', 'member@demo.test')`);
  const names = sql(`SELECT GROUP_CONCAT(name ORDER BY name SEPARATOR ', ') FROM users WHERE firm_id = ${firmId} AND email IN ('admin@demo.test', 'member@demo.test')`);
  for (let i = 0; i < n; i++) assert.match(await page(), new RegExp(`Responsible: ${names}</p>`));
});

test('Messages pages: bodies, names and events stay escaped', async () => {
  const evil = `<script>alert("x")</script> & 'q' "dq"`;
  const esc = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &quot;dq&quot;';
  const { mid, client } = await clientOnMatter({ name: `Esc Client ${R}`, email: `esc.${R}@perf.test`,
    number: `ES-${R}`, password: PASS });
  const firm = await demoAdmin();
  assert.equal((await portalAction(firm, mid, { op: 'send', body: evil })).status, 303);
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`UPDATE matters SET description = UNHEX('${Buffer.from(evil).toString('hex')}') WHERE id = ${mid} AND firm_id = ${firmId}`);
  for (const [who, path] of [[client, `/portal/matters/${mid}`], [firm, `/matters/${mid}/portal?events=1`], [firm, `/matters/${mid}/portal`]]) {
    const res = await who.get(path);
    assert.equal(res.status, 200, path);
    assert.doesNotMatch(res.text, /<script>alert/, path);
    assert.ok(res.text.includes(esc), `${path}: the body escaped`);
  }
  // The firm's page shows the client's read of it as an event, escaped too.
  const fl = await firm.get(`/matters/${mid}/portal?events=1`);
  assert.match(fl.text, new RegExp(`<li class="event"><time>[^<]*</time> Esc Client ${R} read a message`));
  assert.match(fl.text, /<li class="message from-firm" id="m\d+">/);
});

// The client's Messages page reads its session, the switcher and the
// current matter's portal in one statement: every refusal of the client's
// session check on every view, at once, on every process; a removed
// participant and another client's matter stay not found.
test('client Messages page with its session in one statement: every refusal on every view', async () => {
  const who = { name: `Joined Portal ${R}`, email: `joined.portal.${R}@perf.test`, number: `JP-${R}`, password: PASS };
  const signIn = async () => (await clientOnMatter(who)).client;
  const { mid, contact } = await clientOnMatter(who);
  const n = everyProcess('client_home');
  const paths = ['/portal', `/portal/matters/${mid}`, `/portal/matters/${mid}?view=shared`,
    `/portal/matters/${mid}?before=253402300799999999-9223372036854775807`, '/portal/matters/999999999'];
  const hash = (c) => `UNHEX(SHA2('${c.jar.get('__Host-cid')}', 256))`;
  const refused = async (c, why) => {
    for (const p of paths)
      for (let i = 0; i < n; i++) {
        const res = await c.get(p);
        assert.equal(res.status, 303, `${why}: ${p}`);
        assert.match(res.location, /\/portal\/login/, `${why}: ${p}`);
        assert.doesNotMatch(res.text, /Welcome, Joined Portal/);
      }
  };
  let c = await signIn();
  // One matter: /portal goes to it; the feed; unknown matter not found.
  assert.equal((await c.get('/portal')).status, 303);
  assert.match((await c.get(`/portal/matters/${mid}`)).text, /Welcome, Joined Portal/);
  assert.equal((await c.get('/portal/matters/999999999')).status, 404);
  // Another client's matter of the same firm: not found, nothing of it shown.
  const other = await clientOnMatter({ name: `Joined Other ${R}`, email: `joined.other.${R}@perf.test`,
    number: `JO-${R}`, password: PASS });
  for (let i = 0; i < n; i++) {
    const res = await c.get(`/portal/matters/${other.mid}`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.text, /Welcome, Joined Other|JO-/);
  }
  sql(`DELETE FROM sessions WHERE token_hash = ${hash(c)}`);
  await refused(c, 'revoked');
  c = await signIn();
  sql(`UPDATE sessions SET last_seen = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ${hash(c)}`);
  await refused(c, 'idle');
  c = await signIn();
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 400 DAY WHERE token_hash = ${hash(c)}`);
  await refused(c, 'too old');
  const bad = new Client();
  bad.jar.set('__Host-cid', 'x'.repeat(43));
  await refused(bad, 'malformed');
  // A firm user's token is no client session.
  const firm = await demoAdmin();
  const posing = new Client();
  posing.jar.set('__Host-cid', firm.jar.get('__Host-sid'));
  await refused(posing, 'firm token as a client one');
  // No portal left behind a valid session (its participation ended by
  // SQL, the session kept): the statement has no row, the session alone
  // passes, so an empty switcher and a matter not found, never a sign-in.
  c = await signIn();
  sql(`UPDATE participants SET removed_at = NOW(6) WHERE contact_id = ${contact}`);
  for (let i = 0; i < n; i++) {
    const home = await c.get('/portal');
    assert.equal(home.status, 200);
    assert.match(home.text, /Nothing has been shared with you yet\./);
    assert.match(home.text, /Joined Portal/);	// the header, from the session checked alone
    const res = await c.get(`/portal/matters/${mid}`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.text, /Welcome, Joined Portal/);
  }
  sql(`UPDATE participants SET removed_at = NULL WHERE contact_id = ${contact}`);
  assert.match((await c.get(`/portal/matters/${mid}`)).text, /Welcome, Joined Portal/);
  // Removed by the firm: the matter is gone at once (its sessions end too).
  assert.equal((await portalAction(firm, mid, { op: 'remove_participant', contact })).status, 303);
  const left = sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${hash(c)}`);
  for (let i = 0; i < n; i++) {
    const res = await c.get(`/portal/matters/${mid}`);
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(res.text, /Welcome, Joined Portal/);
    if (left !== '0') {
      assert.equal(res.status, 404);
      const home = await c.get('/portal');
      assert.equal(home.status, 200);
      assert.doesNotMatch(home.text, new RegExp(`JP-${R}`));
    }
  }
});
