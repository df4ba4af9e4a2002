// The access matrix: for every portal page and download, requests as another
// firm's user, as a client of another matter, as a removed participant,
// signed out, and with forged ids all fail (404, 403 or a redirect to sign
// in), and nothing changes in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, waitForMail, BASE, ROOT, demoAdmin } from './helpers.mjs';

const admin = demoAdmin;

async function post(c, url, fields, pageUrl) {
  const page = await c.get(pageUrl);
  let csrf = 'f'.repeat(64);
  try { csrf = csrfOf(page.text); } catch { /* no form for this actor: a forged token */ }
  const form = new FormData();
  form.append('csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  const res = await fetch(BASE + url, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return res.status;
}

function newClientMatter(name, email, number) {
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', '${name}')`);
  const contact = sql(`SELECT id FROM contacts WHERE name = '${name}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${contact}, '${email}', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, '${number}', 'Access test ${number}', ${contact})`);
  return { contact, mid: sql(`SELECT id FROM matters WHERE number = '${number}'`) };
}

async function invitedClient(email, password) {
  const [mail] = await waitForMail(email);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  const res = await c.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password, confirm: password });
  assert.equal(res.status, 303);
  return c;
}

async function portalOp(firm, mid, fields) {
  return post(firm, `/matters/${mid}/portal/action`, fields, `/matters/${mid}/portal`);
}

const snapshot = () => sql('CHECKSUM TABLE portals, participants, messages, shares, documents, folders, contacts, contact_emails, client_accounts, item_reads').replace(/\s+/g, ' ');

test('no one but the firm and the matter\'s participants reaches a portal', async () => {
  const firm = await admin();
  const victim = newClientMatter('Vera Victim', 'vera@access.test', 'ACC-1');
  const other = newClientMatter('Otto Other', 'otto@access.test', 'ACC-2');
  const gone = { contact: null };
  // ACC-1: portal, a message with an attachment, a shared document, an unshared one.
  await portalOp(firm, victim.mid, { op: 'open' });
  const firmRoot = `/matters/${victim.mid}/documents`;
  for (const name of ['shared.txt', 'private.txt']) {
    const form = new FormData();
    form.append('csrf', csrfOf((await firm.get(firmRoot)).text));
    form.append('folder', '0');
    form.append('file', new Blob([Buffer.from('content of ' + name)]), name);
    await fetch(`${BASE}${firmRoot}/upload`, { method: 'POST', body: form, headers: { cookie: firm.cookieHeader() }, redirect: 'manual' });
  }
  const sharedDoc = sql("SELECT id FROM documents WHERE name = 'shared.txt'");
  const privateDoc = sql("SELECT id FROM documents WHERE name = 'private.txt'");
  await portalOp(firm, victim.mid, { op: 'share', document: sharedDoc });
  await portalOp(firm, victim.mid, { op: 'send', body: 'Confidential note for Vera.' });
  const vera = await invitedClient('vera@access.test', 'vera portal password');
  // A second participant of ACC-1 who will be removed.
  sql(`INSERT INTO contacts (firm_id, kind, name) SELECT firm_id, 'person', 'Rex Removed' FROM matters WHERE id = ${victim.mid}`);
  gone.contact = sql("SELECT id FROM contacts WHERE name = 'Rex Removed'");
  // (Not INSERT ... SELECT FROM contacts: the trigger that keeps the login
  // email current updates contacts, which that statement would be reading.)
  const rexFirm = sql(`SELECT firm_id FROM contacts WHERE id = ${gone.contact}`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${rexFirm}, ${gone.contact}, 'rex@access.test', 1, 0)`);
  await portalOp(firm, victim.mid, { op: 'add_participant', contact: gone.contact });
  await portalOp(firm, victim.mid, { op: 'send', body: 'Hello both.' });
  const rex = await invitedClient('rex@access.test', 'rex portal password');
  assert.equal((await rex.get(`/portal/matters/${victim.mid}`)).status, 200);
  await portalOp(firm, victim.mid, { op: 'remove_participant', contact: gone.contact });
  // ACC-2: Otto, a client of another matter.
  await portalOp(firm, other.mid, { op: 'open' });
  await portalOp(firm, other.mid, { op: 'send', body: 'Hello Otto.' });
  const otto = await invitedClient('otto@access.test', 'otto portal password');
  // Another firm's admin.
  if (sql("SELECT COUNT(*) FROM firms WHERE slug = 'intruder'") === '0')
    execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', 'Intruder LLP', 'intruder', 'boss@intruder.test', 'Ivan Intruder'],
      { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'intruder-admin-pass' } });
  const rival = new Client();
  assert.equal((await rival.signIn('boss@intruder.test', 'intruder-admin-pass')).status, 303);

  // The rightful ones can: the matrix below is meaningful.
  assert.equal((await vera.get(`/portal/matters/${victim.mid}`)).status, 200);
  assert.equal((await vera.get(`/portal/documents/${sharedDoc}`)).status, 200);
  assert.equal((await firm.get(`/matters/${victim.mid}/portal`)).status, 200);

  const message = sql("SELECT id FROM messages WHERE body = 'Confidential note for Vera.'");
  const share = sql(`SELECT id FROM shares WHERE document_id = ${sharedDoc}`);
  const firmGets = [`/matters/${victim.mid}/portal`, `/matters/${victim.mid}/portal?view=shared`,
    `/matters/${victim.mid}/documents`, `/documents/${sharedDoc}/download`, `/documents/${privateDoc}/download`,
    // The "Are you sure...?" pages.
    `/matters/${victim.mid}/portal/action?op=delete_message&message=${message}`,
    `/matters/${victim.mid}/portal/action?op=unshare&share=${share}`,
    `/matters/${victim.mid}/portal/action?op=remove_participant&contact=${victim.contact}`,
    `/matters/${victim.mid}/documents/action?op=share&kind=document&id=${privateDoc}&folder=0`,
    `/matters/${victim.mid}/documents/action?op=delete&kind=document&id=${sharedDoc}&folder=0`];
  const clientGets = [`/portal/matters/${victim.mid}`, `/portal/matters/${victim.mid}?view=shared`,
    `/portal/documents/${sharedDoc}`, `/portal/documents/${privateDoc}`];
  const firmPosts = [{ op: 'send', body: 'intrusion' }, { op: 'delete_message', message }, { op: 'unshare', share },
    { op: 'share', document: privateDoc }, { op: 'remove_participant', contact: victim.contact },
    { op: 'add_participant', contact: victim.contact }, { op: 'set_email', contact: victim.contact, email: 'x@evil.test' },
    { op: 'permissions' }];
  const before = snapshot();
  const denied = (s) => s === 404 || s === 403 || s === 303;
  const actors = { 'another firm': rival, 'a client of another matter': otto, 'a removed participant': rex, 'signed out': new Client() };
  for (const [who, c] of Object.entries(actors)) {
    for (const url of [...firmGets, ...clientGets]) {
      const res = await c.get(url);
      assert.ok(denied(res.status), `${who}: GET ${url} gave ${res.status}`);
      assert.doesNotMatch(res.text, /Confidential note|content of (shared|private)/, `${who}: ${url} leaked`);
    }
    for (const f of firmPosts) {
      const s = await post(c, `/matters/${victim.mid}/portal/action`, f, `/matters/${victim.mid}/portal`);
      assert.ok(denied(s), `${who}: POST ${f.op} gave ${s}`);
    }
    const s = await post(c, `/portal/matters/${victim.mid}/reply`, { body: 'intrusion' }, `/portal/matters/${victim.mid}`);
    assert.ok(denied(s), `${who}: reply gave ${s}`);
  }
  // Forged ids, as the rightful client (signed in afresh: the matrix took a
  // while and the test stack's sessions idle out quickly).
  const again = new Client();
  const lp = await again.get('/portal/login?firm=demo');
  assert.equal((await again.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email: 'vera@access.test', password: 'vera portal password' })).status, 303);
  for (const url of [`/portal/documents/${privateDoc}`, `/portal/matters/${other.mid}`, '/portal/matters/999999999',
    '/portal/documents/999999999', `/portal/matters/${victim.mid}0`]) {
    const res = await again.get(url);
    assert.equal(res.status, 404, `forged ${url}`);
  }
  // A client's session never opens the firm's pages.
  assert.equal((await again.get(`/matters/${victim.mid}/portal`)).status, 303);
  assert.equal((await again.get(`/documents/${privateDoc}/download`)).status, 303);
  assert.equal(snapshot(), before, 'nothing changed in the database');
});
