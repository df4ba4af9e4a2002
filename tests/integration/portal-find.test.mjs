// "Add a participant" on the firm's portal page is a search, not a list of
// the firm's every contact: what it finds (a part of a name or of any
// address, any case, the LIKE wildcards taken literally), what it never
// offers (another firm's contacts, archived ones, those taking part now),
// its bound of 20 with a line saying there are more, and its echo escaped.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql, demoAdmin, clientOnMatter, portalAction } from './helpers.mjs';

const R = `${process.pid}${Date.now() % 100000}`;
const demo = () => sql("SELECT id FROM firms WHERE slug = 'demo'");
let mid, admin;
const ids = {};

function contact(firm, name, email, archived = false) {
  sql(`INSERT INTO contacts (firm_id, kind, name, archived_at) VALUES (${firm}, 'person', '${name}',` +
    ` ${archived ? 'NOW(6)' : 'NULL'})`);
  const id = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm} AND name = '${name}'`);
  if (email) {
    sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${id}, '${email}', 1, 0)`);
  }
  return id;
}

// The contact ids the page offers to add, from each Add form.
function offered(html) {
  return [...html.matchAll(/name="op" value="add_participant">\s*<input type="hidden" name="contact" value="(\d+)">/g)]
    .map((m) => m[1]);
}

const find = (q, extra = '') => admin.get(`/matters/${mid}/portal?find=${encodeURIComponent(q)}${extra}`);

before(async () => {
  ({ mid } = await clientOnMatter({ name: `Pat Findme ${R}`, email: `pat.${R}@find.test`,
    number: `FD-${R}`, password: `find portal password ${R}` }));
  admin = await demoAdmin();
  const f = demo();
  ids.zed = contact(f, `Zed Findme ${R}`, `zed.${R}@find.test`);
  ids.zoe = contact(f, `Zoe Findme ${R}`, `zoe.${R}@elsewhere.test`);
  ids.old = contact(f, `Old Findme ${R}`, `old.${R}@find.test`, true);
  sql(`INSERT INTO firms (name, slug) VALUES ('Find Other ${R}', 'find-other-${R}')`);
  ids.other = contact(sql(`SELECT id FROM firms WHERE slug = 'find-other-${R}'`), `Zed Findme ${R} Other`,
    `zed.${R}@other-firm.test`);
  for (let i = 0; i < 22; i++) contact(f, `Many ${R} ${String(i).padStart(2, '0')}`, null);
});

test('the page without a search offers nobody, only the search box', async () => {
  const page = await admin.get(`/matters/${mid}/portal`);
  assert.equal(page.status, 200);
  assert.deepEqual(offered(page.text), []);
  assert.match(page.text, /<input id="find-contact" name="find" type="search"/);
});

test('a part of the name finds the firm\'s contacts not taking part, never another firm\'s or archived ones', async () => {
  const page = await find(`findme ${R}`);
  assert.equal(page.status, 200);
  assert.deepEqual(offered(page.text).sort(), [ids.zed, ids.zoe].sort());
  assert.match(page.text, new RegExp(`zed\\.${R}@find\\.test`), 'the address tells two namesakes apart');
  assert.doesNotMatch(page.text, new RegExp(`other-firm\\.test`));
  assert.match(page.text, /who do not take part yet/);
});

test('a part of any address finds its contact', async () => {
  const page = await find(`ZOE.${R}@ELSEWHERE`);
  assert.deepEqual(offered(page.text), [ids.zoe]);
});

test('the wildcards are taken literally', async () => {
  for (const q of [`Findme%${R}`, `Zed_Findme ${R}`, '%']) {
    const page = await find(q);
    assert.equal(page.status, 200);
    assert.deepEqual(offered(page.text), [], q);
    assert.match(page.text, /is left to add/, q);
  }
});

test('at most 20 are offered, with a line saying there are more', async () => {
  const page = await find(`Many ${R}`);
  assert.equal(offered(page.text).length, 20);
  assert.match(page.text, /The first 20 contacts matching/);
  const narrower = await find(`Many ${R} 2`);
  assert.equal(offered(narrower.text).length, 2);
  assert.doesNotMatch(narrower.text, /The first 20 contacts matching/);
});

test('a contact added is a participant and no longer offered', async () => {
  const res = await portalAction(admin, mid, { op: 'add_participant', contact: ids.zed });
  assert.equal(res.status, 303);
  const page = await find(`findme ${R}`);
  assert.deepEqual(offered(page.text), [ids.zoe]);
  assert.match(page.text, new RegExp(`<strong>Zed Findme ${R}</strong><br><span class="muted">`),
    'Zed is listed among the participants');
});

test('an archived contact posted by hand is refused with a page saying why, and added once restored', async () => {
  const taking = () => sql(`SELECT COUNT(*) FROM participants p JOIN portals o ON o.id = p.portal_id` +
    ` WHERE o.matter_id = ${mid} AND p.contact_id = ${ids.old} AND p.removed_at IS NULL`);
  const res = await portalAction(admin, mid, { op: 'add_participant', contact: ids.old });
  assert.equal(res.status, 400);
  assert.match(res.text, /This contact is archived\. Restore it/);
  assert.equal(taking(), '0');
  sql(`UPDATE contacts SET archived_at = NULL WHERE id = ${ids.old}`);
  const again = await portalAction(admin, mid, { op: 'add_participant', contact: ids.old });
  assert.equal(again.status, 303);
  assert.equal(taking(), '1');
  sql(`UPDATE contacts SET archived_at = NOW(6) WHERE id = ${ids.old}`);
});

test('another firm\'s contact posted by hand is not found and not added', async () => {
  const res = await portalAction(admin, mid, { op: 'add_participant', contact: ids.other });
  assert.equal(res.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM participants WHERE contact_id = ${ids.other}`), '0');
});

test('what was typed is shown escaped, and an overlong search is refused with a page', async () => {
  const page = await find('<script>alert(1)</script>"\'');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  // The box takes 100 characters: 100 Cyrillic ones (200 bytes) are a search.
  const cyrillic = await find('Ж'.repeat(100));
  assert.equal(cyrillic.status, 200);
  assert.match(cyrillic.text, /is left to add/);
  const long = await find('x'.repeat(401));
  assert.equal(long.status, 400);
  assert.match(long.text, /<html/i);
});

test('the search keeps the shared resources view', async () => {
  const page = await find(`findme ${R}`, '&view=shared');
  assert.equal(page.status, 200);
  assert.match(page.text, /<input type="hidden" name="view" value="shared">/);
  assert.deepEqual(offered(page.text), [ids.zoe]);
});
