// Contacts (SPEC F-A3) through nginx: a contact made with two addresses,
// its card's address buttons (add, change, primary, up and down, remove),
// search by name or address, 51 contacts paged at 50 with the search in
// the URL, archive and restore, forms that keep what was typed, and the
// login email's rules when addresses change (sessions end; the login
// address of a contact in a portal is not removed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter } from './helpers.mjs';

const R = Date.now().toString(36);
const firmId = () => sql("SELECT id FROM firms WHERE slug = 'demo'");

// POSTs fields to url with the token of page.
async function act(c, page, url, fields) {
  return c.post(url, { csrf: csrfOf((await c.get(page)).text), ...fields });
}

const emailsOf = (id) => sql(`SELECT GROUP_CONCAT(email ORDER BY is_primary DESC, position SEPARATOR ' ')
  FROM contact_emails WHERE contact_id = ${id}`);

test('a contact with two addresses, reordered, changed and searched', async () => {
  const a = await demoAdmin();
  const made = await act(a, '/contacts/new', '/contacts/new', { kind: 'company', name: `Quill ${R} Ltd`,
    emails: ` Office.${R}@Quill.test \r\nbilling.${R}@quill.test\n\n`, phones: '+44 20 7946 0000\n+44 7700 900000',
    address: '1 Fleet Street\nLondon' });
  assert.equal(made.status, 303);
  assert.match(made.location, /^\/contacts\/\d+\?notice=created$/);
  const id = made.location.match(/\d+/)[0];
  const card = await a.get(made.location);
  assert.match(card.text, /Contact created\./);
  assert.match(card.text, /\+44 20 7946 0000/);
  assert.match(card.text, /1 Fleet Street/);
  assert.equal(emailsOf(id), `office.${R}@quill.test billing.${R}@quill.test`);
  assert.equal(sql(`SELECT CONCAT(kind, ' ', login_email) FROM contacts WHERE id = ${id}`), `company office.${R}@quill.test`);

  // A third address, moved up above the second, then down again.
  const add = await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'add_email', email: `Third.${R}@quill.test` });
  assert.equal(add.location, `/contacts/${id}?notice=added`);
  assert.match((await a.get(add.location)).text, /Email address added at the end of the list\./);
  const third = sql(`SELECT id FROM contact_emails WHERE email = 'third.${R}@quill.test'`);
  assert.equal((await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'up', id: third })).location,
    `/contacts/${id}?notice=moved`);
  assert.equal(emailsOf(id), `office.${R}@quill.test third.${R}@quill.test billing.${R}@quill.test`);
  // Up past the primary changes nothing; the page has no Up button there.
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'up', id: third });
  assert.equal(emailsOf(id), `office.${R}@quill.test third.${R}@quill.test billing.${R}@quill.test`);
  const page = await a.get(`/contacts/${id}`);
  assert.match(page.text, new RegExp(`aria-label="Move third\\.${R}@quill\\.test down"`));
  assert.doesNotMatch(page.text, new RegExp(`aria-label="Move third\\.${R}@quill\\.test up"`));
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'down', id: third });
  assert.equal(emailsOf(id), `office.${R}@quill.test billing.${R}@quill.test third.${R}@quill.test`);
  // The second made primary: first in the list, and the login email.
  const billing = sql(`SELECT id FROM contact_emails WHERE email = 'billing.${R}@quill.test'`);
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'primary_email', id: billing });
  assert.equal(emailsOf(id), `billing.${R}@quill.test office.${R}@quill.test third.${R}@quill.test`);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${id}`), `billing.${R}@quill.test`);
  // Changed and removed.
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'change_email', id: third, email: `Fourth.${R}@quill.test` });
  assert.equal(emailsOf(id), `billing.${R}@quill.test office.${R}@quill.test fourth.${R}@quill.test`);
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'remove_email', id: third });
  assert.equal(emailsOf(id), `billing.${R}@quill.test office.${R}@quill.test`);

  // Refusals keep what was typed and name the reason (400).
  const bad = await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'add_email', email: 'not an address' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /“not an address” is not an email address/);
  assert.match(bad.text, /id="new-email" name="email" value="not an address"[^>]*aria-invalid="true"/);
  const dup = await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'add_email', email: `OFFICE.${R}@quill.test` });
  assert.equal(dup.status, 400);
  assert.match(dup.text, /already has the address/);
  const noname = await act(a, '/contacts/new', '/contacts/new', { kind: 'person', name: '', emails: `kept.${R}@x.test`,
    phones: '555 0123', address: 'Kept Road' });
  assert.equal(noname.status, 400);
  assert.match(noname.text, /Enter the contact's name\./);
  assert.match(noname.text, new RegExp(`kept\\.${R}@x\\.test`));
  assert.match(noname.text, /Kept Road/);
  assert.match(noname.text, /id="name"[^>]*aria-invalid="true"/);
  const badmail = await act(a, '/contacts/new', '/contacts/new', { kind: 'person', name: `Kept ${R}`,
    emails: `ok.${R}@x.test\nwörk@x.test` });
  assert.equal(badmail.status, 400);
  assert.match(badmail.text, /is not an email address/);
  assert.match(badmail.text, new RegExp(`value="Kept ${R}"`));

  // Edit details.
  const edit = await act(a, `/contacts/${id}/edit`, `/contacts/${id}/edit`, { kind: 'company', name: `Quill ${R} LLP`,
    phones: '+44 20 7946 0001', address: '2 Fleet Street' });
  assert.equal(edit.location, `/contacts/${id}?notice=saved`);
  assert.equal(sql(`SELECT CONCAT(name, '|', phones, '|', address) FROM contacts WHERE id = ${id}`),
    `Quill ${R} LLP|+44 20 7946 0001|2 Fleet Street`);

  // Search by name, by address (any case), and a % that is only a %.
  for (const q of [`quill ${R}`, `OFFICE.${R}`, `billing.${R}@QUILL`]) {
    const res = await a.get(`/contacts?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`<a href="/contacts/${id}">Quill ${R} LLP</a>`), q);
  }
  const pct = await a.get(`/contacts?q=${encodeURIComponent('%')}`);
  assert.doesNotMatch(pct.text, /Quill/);
  assert.match(pct.text, /No contact matches “%”/);
  assert.equal((await a.get(`/contacts?q=${encodeURIComponent('a\u0001b')}`)).status, 400);

  // Archived: off the list and the client pickers; restored.
  const arch = await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'archive' });
  assert.equal(arch.location, `/contacts/${id}?notice=archived`);
  assert.doesNotMatch((await a.get(`/contacts?q=${R}`)).text, /Quill/);
  assert.match((await a.get(`/contacts?q=${R}&archived=1`)).text, /Quill/);
  assert.doesNotMatch((await a.get('/matters/new')).text, new RegExp(`Quill ${R}`));
  await act(a, `/contacts/${id}`, `/contacts/${id}`, { op: 'unarchive' });
  assert.match((await a.get(`/contacts?q=${R}`)).text, /Quill/);
  assert.match((await a.get('/matters/new')).text, new RegExp(`Quill ${R}`));
});

test('51 contacts are two pages of 50 and 1, the search in the links', async () => {
  const a = await demoAdmin();
  const firm = firmId();
  const rows = [];
  for (let i = 0; i < 51; i++) rows.push(`(${firm}, 'person', 'Zz Paging ${R} ${String(i).padStart(2, '0')}')`);
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES ${rows.join(', ')}`);
  const q = `Paging ${R}`;
  const one = await a.get(`/contacts?q=${encodeURIComponent(q)}`);
  assert.equal((one.text.match(/Zz Paging/g) || []).length, 50);
  assert.match(one.text, / 00<\/a>/);
  assert.doesNotMatch(one.text, / 50<\/a>/);
  const next = one.text.match(/<a rel="next" href="([^"]+)"/);
  assert.ok(next, 'a next page');
  const href = next[1].replace(/&amp;/g, '&');
  assert.equal(href, `/contacts?q=${encodeURIComponent(q)}&page=2`);
  const two = await a.get(href);
  assert.equal((two.text.match(/Zz Paging/g) || []).length, 1);
  assert.match(two.text, / 50<\/a>/);
  assert.doesNotMatch(two.text, /rel="next"/);
  assert.match(two.text, /rel="prev" href="\/contacts\?q=[^"]*&amp;page=1"/);
  // A page past the end is empty, not an error; a huge one is capped.
  assert.match((await a.get(`/contacts?q=${encodeURIComponent(q)}&page=3`)).text, /No contact matches/);
  assert.equal((await a.get('/contacts?page=99999999999999999999')).status, 200);
});

test('the login address of a contact in a portal: not removed, and a new one ends the sessions', async () => {
  const email = `lena.${R}@login.test`, other = `lena.home.${R}@login.test`;
  const { contact, client, mid } = await clientOnMatter({ name: `Lena ${R}`, email, number: `LOGIN-${R}`,
    password: `lena portal password ${R}` });
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firmId()}, ${contact}, '${other}', 0, 1)`);
  assert.equal((await client.get(`/portal/matters/${mid}`)).status, 200);
  const a = await demoAdmin();
  const first = sql(`SELECT id FROM contact_emails WHERE email = '${email}'`);
  const refused = await act(a, `/contacts/${contact}`, `/contacts/${contact}`, { op: 'remove_email', id: first });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /the one the contact signs in to the client portal with\. Choose another login email/);
  assert.equal(emailsOf(contact), `${email} ${other}`);
  assert.equal((await client.get(`/portal/matters/${mid}`)).status, 200, 'nothing changed: the client is still in');
  // Another primary: the login email follows, the client's session ends.
  const second = sql(`SELECT id FROM contact_emails WHERE email = '${other}'`);
  assert.equal((await act(a, `/contacts/${contact}`, `/contacts/${contact}`, { op: 'primary_email', id: second })).status, 303);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${contact}`), other);
  assert.equal((await client.get(`/portal/matters/${mid}`)).status, 303, 'signed out');
  assert.equal(sql(`SELECT COUNT(*) FROM portal_events WHERE kind = 'login_email_changed' AND contact_id = ${contact}`), '1');
  // The old one may go now.
  assert.equal((await act(a, `/contacts/${contact}`, `/contacts/${contact}`, { op: 'remove_email', id: first })).status, 303);
  assert.equal(emailsOf(contact), other);
  // Editing the login address itself: the client signs in with the new text.
  const c2 = new Client();
  await act(a, `/contacts/${contact}`, `/contacts/${contact}`, { op: 'change_email', id: second, email: `Lena.New.${R}@login.test` });
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${contact}`), `lena.new.${R}@login.test`);
  const lp = await c2.get('/portal/login?firm=demo');
  const signin = await c2.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email: `lena.new.${R}@login.test`,
    password: `lena portal password ${R}` });
  assert.equal(signin.status, 303);
});
