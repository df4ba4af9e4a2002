// A FastCGI process keeps the firm's portal page's head and panels per user
// and matter (lib/firmcopy.c) under the firm's facts, matters and clients
// stamps and the portal's stamp (sql/028-034).  Each change below is made
// in SQL, as any writer could, and must show on the very next request
// whichever process answers it: the matter renamed or its opening day
// moved, the responsible users, the user's own mute (and not a
// colleague's), the permissions, participants added, renamed or removed,
// an account's password, a contact's addresses, documents and folders
// added, renamed or removed, a revoked session and another firm's matter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql } from './helpers.mjs';
import { ownFirm, colleague, portalClient, R } from './workspace-helpers.mjs';

// Enough requests that both FastCGI processes answer some.
const ROUNDS = 6;

async function each(client, url, check) {
  for (let i = 0; i < ROUNDS; i++) {
    const res = await client.get(url);
    assert.equal(res.status, 200, `${url} answered`);
    check(res.text, i);
  }
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const has = (text, s, why) => assert.match(text, new RegExp(esc(s)), why);
const lacks = (text, s, why) => assert.doesNotMatch(text, new RegExp(esc(s)), why);
// The composer's pickers: the select of documents, then of folders.
const docPicker = (text) => text.match(/<select id="attach-doc"[^]*?<\/select>/)[0];
const folderPicker = (text) => text.match(/<select id="attach-folder"[^]*?<\/select>/)[0];

test('the head: the matter, its opening day, the responsible users and the user\'s own mute', async () => {
  const firm = await ownFirm('firmhead');
  const mate = await colleague(firm, 'headmate', 'member');
  const alice = await portalClient(firm, 'fhalice', `FH-${R}`);
  const page = `/matters/${alice.mid}/portal`;
  const boss = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(t, `<h1>FH-${R} · Matter FH-${R}</h1>`));
  sql(`UPDATE matters SET description = 'Renamed matter' WHERE id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(t, `<h1>FH-${R} · Renamed matter</h1>`));
  // The responsible users, and one of them renamed.
  await each(firm.admin, page, (t) => has(t, 'Responsible: nobody named'));
  sql(`INSERT INTO matter_responsible (firm_id, matter_id, user_id) VALUES (${firm.id}, ${alice.mid}, ${mate.id})`);
  await each(firm.admin, page, (t) => has(t, `Responsible: headmate ${R}</p>`));
  sql(`UPDATE users SET name = 'Mate Renamed ${R}' WHERE id = ${mate.id}`);
  await each(firm.admin, page, (t) => has(t, `Responsible: Mate Renamed ${R}</p>`));
  sql(`DELETE FROM matter_responsible WHERE matter_id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(t, 'Responsible: nobody named'));
  // A mute is the user's own: the colleague's page keeps "Mute".
  await each(mate.client, page, (t) => has(t, 'aria-pressed="false">Mute</button>'));
  sql(`INSERT INTO portal_mutes (firm_id, portal_id, user_id, muted_at) VALUES (${firm.id}, ${portal}, ${boss}, NOW(6))`);
  await each(firm.admin, page, (t) => has(t, 'aria-pressed="true">Unmute</button>'));
  await each(mate.client, page, (t) => has(t, 'aria-pressed="false">Mute</button>', 'not the colleague\'s mute'));
  sql(`DELETE FROM portal_mutes WHERE portal_id = ${portal}`);
  await each(firm.admin, page, (t) => has(t, 'aria-pressed="false">Mute</button>'));
  // The permissions.
  await each(firm.admin, page, (t) => has(t, 'name="perm_notes" value="1" checked>'));
  sql(`UPDATE portals SET perm_notes = 0 WHERE id = ${portal}`);
  await each(firm.admin, page, (t) => lacks(t, 'name="perm_notes" value="1" checked>'));
});

test('the participants: added, renamed, their account and addresses, removed', async () => {
  const firm = await ownFirm('firmpeople');
  const alice = await portalClient(firm, 'fpalice', `FP-${R}`);
  const page = `/matters/${alice.mid}/portal`;
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(t, `<strong>fpalice ${R}</strong><br><span class="muted">Has an account</span>`));
  // A second participant, without an account.
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'Bob ${R}')`);
  const bob = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO participants (firm_id, portal_id, contact_id, added_at) VALUES (${firm.id}, ${portal}, ${bob}, NOW(6))`);
  await each(firm.admin, page, (t) => has(t, `<strong>Bob ${R}</strong><br><span class="muted">Invited with the first message or share</span>`));
  // Addresses: one added (the login one), another after it, the first changed.
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm.id}, ${bob}, 'bob-${R}@one.test', 1, 0)`);
  await each(firm.admin, page, (t) => has(t, `<option selected>bob-${R}@one.test</option>`));
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm.id}, ${bob}, 'bob-${R}@two.test', 0, 1)`);
  await each(firm.admin, page, (t) => has(t, `<option>bob-${R}@two.test</option>`));
  sql(`UPDATE contact_emails SET email = 'bob-${R}@second.test' WHERE email = 'bob-${R}@two.test'`);
  await each(firm.admin, page, (t) => {
    has(t, `<option>bob-${R}@second.test</option>`);
    lacks(t, `bob-${R}@two.test`);
  });
  sql(`DELETE FROM contact_emails WHERE email = 'bob-${R}@second.test'`);
  await each(firm.admin, page, (t) => lacks(t, `bob-${R}@second.test`));
  // An account made, its password set, then cleared.
  sql(`INSERT INTO client_accounts (firm_id, contact_id, created_at) VALUES (${firm.id}, ${bob}, NOW(6))`);
  sql(`UPDATE client_accounts SET pw_hash = 'x' WHERE contact_id = ${bob}`);
  await each(firm.admin, page, (t) => has(t, `<strong>Bob ${R}</strong><br><span class="muted">Has an account</span>`));
  sql(`UPDATE client_accounts SET pw_hash = NULL WHERE contact_id = ${bob}`);
  await each(firm.admin, page, (t) => has(t, `<strong>Bob ${R}</strong><br><span class="muted">Invited with the first message or share</span>`));
  // Renamed, then removed.
  sql(`UPDATE contacts SET name = 'Robert ${R}' WHERE id = ${bob}`);
  await each(firm.admin, page, (t) => has(t, `<strong>Robert ${R}</strong>`));
  sql(`UPDATE participants SET removed_at = NOW(6) WHERE contact_id = ${bob}`);
  await each(firm.admin, page, (t) => lacks(t, `<strong>Robert ${R}</strong>`));
});

test('the pickers: documents and folders added, renamed and removed', async () => {
  const firm = await ownFirm('firmpicks');
  const alice = await portalClient(firm, 'fkalice', `FK-${R}`);
  const page = `/matters/${alice.mid}/portal`;
  await each(firm.admin, page, (t) => assert.equal(docPicker(t), '<select id="attach-doc" name="document"><option value="0">None</option></select>'));
  sql(`INSERT INTO documents (firm_id, matter_id, name, size, mime, storage_key, created_at)
       VALUES (${firm.id}, ${alice.mid}, 'Lease ${R}.pdf', 1, 'application/pdf', SHA2('fk-${R}', 256), NOW(6))`);
  const doc = sql(`SELECT id FROM documents WHERE matter_id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(docPicker(t), `<option value="${doc}">Lease ${R}.pdf</option>`));
  sql(`UPDATE documents SET name = 'Lease signed ${R}.pdf' WHERE id = ${doc}`);
  await each(firm.admin, page, (t) => has(docPicker(t), `<option value="${doc}">Lease signed ${R}.pdf</option>`));
  sql(`INSERT INTO folders (firm_id, matter_id, name, created_at) VALUES (${firm.id}, ${alice.mid}, 'Court ${R}', NOW(6))`);
  const folder = sql(`SELECT id FROM folders WHERE matter_id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(folderPicker(t), `<option value="${folder}">Court ${R}</option>`));
  sql(`INSERT INTO folders (firm_id, matter_id, parent_id, name, created_at) VALUES (${firm.id}, ${alice.mid}, ${folder}, 'Filings', NOW(6))`);
  await each(firm.admin, page, (t) => has(folderPicker(t), `>Court ${R} / Filings</option>`));
  sql(`UPDATE folders SET name = 'Tribunal ${R}' WHERE id = ${folder}`);
  await each(firm.admin, page, (t) => has(folderPicker(t), `>Tribunal ${R} / Filings</option>`));
  // A folder of another matter put under this one's by hand is not
  // followed (each step of the path binds the matter and the firm).
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm.id}, 'FK2-${R}', 'Other', ${alice.contact})`);
  const other = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = 'FK2-${R}'`);
  sql(`INSERT INTO folders (firm_id, matter_id, parent_id, name, created_at) VALUES (${firm.id}, ${other}, ${folder}, 'Stray ${R}', NOW(6))`);
  sql(`UPDATE folders SET name = 'Tribunal ${R}.' WHERE id = ${folder}`);
  await each(firm.admin, page, (t) => {
    has(folderPicker(t), `>Tribunal ${R}. / Filings</option>`);
    lacks(t, `Stray ${R}`);
  });
  sql(`DELETE FROM documents WHERE id = ${doc}`);
  sql(`DELETE FROM folders WHERE id = ${folder}`);
  await each(firm.admin, page, (t) => {
    assert.equal(docPicker(t), '<select id="attach-doc" name="document"><option value="0">None</option></select>');
    assert.equal(folderPicker(t), '<select id="attach-folder" name="folder"><option value="0">None</option></select>');
  });
});

test('a revoked session is refused, and another firm\'s matter is not found, after the page was kept', async () => {
  const firm = await ownFirm('firmkept');
  const other = await ownFirm('firmkept2');
  const alice = await portalClient(firm, 'fralice', `FR-${R}`);
  const theirs = await portalClient(other, 'frtheirs', `FR2-${R}`);
  const page = `/matters/${alice.mid}/portal`;
  await each(firm.admin, page, (t) => has(t, `<h1>FR-${R}`));
  await each(other.admin, `/matters/${theirs.mid}/portal`, (t) => has(t, `<h1>FR2-${R}`));
  for (let i = 0; i < ROUNDS; i++) {
    const res = await firm.admin.get(`/matters/${theirs.mid}/portal`);
    assert.equal(res.status, 404, 'another firm\'s matter');
    assert.doesNotMatch(res.text, new RegExp(`FR2-${R}`));
  }
  // The matter moved to the other firm: gone from the first at once.
  sql(`UPDATE matters SET firm_id = ${other.id} WHERE id = ${alice.mid}`);
  for (let i = 0; i < ROUNDS; i++) assert.equal((await firm.admin.get(page)).status, 404, 'moved away');
  sql(`UPDATE matters SET firm_id = ${firm.id} WHERE id = ${alice.mid}`);
  await each(firm.admin, page, (t) => has(t, `<h1>FR-${R}`));
  sql(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE firm_id = ${firm.id})`);
  for (let i = 0; i < ROUNDS; i++) {
    const res = await firm.admin.get(page);
    assert.equal(res.status, 303, 'signed out');
    assert.match(res.location, /\/login/);
  }
});

// The default view is sent by what it was read from (vl_page_alias): the
// session is part of that, its CSRF token in every form.
test('two sessions of one user each get their own page, with their own token', async () => {
  const firm = await ownFirm('firmtwo');
  const alice = await portalClient(firm, 'ftalice', `FT-${R}`);
  const again = new Client();
  assert.equal((await again.signIn(firm.email, firm.password)).status, 303);
  const page = `/matters/${alice.mid}/portal`;
  const token = new Map([[firm.admin, csrfOf((await firm.admin.get('/matters?page=1')).text)],
    [again, csrfOf((await again.get('/matters?page=1')).text)]]);
  assert.notEqual(token.get(firm.admin), token.get(again));
  // Runs of two as well as alternation: requests go round the processes,
  // and a strict alternation would give each session a process of its own.
  const order = [firm.admin, firm.admin, again, again, firm.admin, again];
  for (let i = 0; i < 4 * ROUNDS; i++) {
    const who = order[i % order.length];
    const res = await who.get(page);
    assert.equal(res.status, 200);
    const seen = [...res.text.matchAll(/name="csrf" value="([0-9a-f]+)"|data-csrf="([0-9a-f]+)"/g)].map((m) => m[1] || m[2]);
    assert.ok(seen.length > 3, 'the page\'s forms carry the token');
    for (const t of seen) assert.equal(t, token.get(who), 'its own session\'s token');
  }
});
