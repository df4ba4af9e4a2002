// The client portal journey through nginx, with the real mailer and SMTP
// server: open, message with attachment, invitation, acceptance, reading,
// replying, read receipts and events, coalesced notifications, stop sharing,
// removing a participant, expired invitations, login email changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, sleep, waitForMail, mailsTo, mailSettled, portalAction, stack, BASE, demoAdmin, matterId } from './helpers.mjs';

const WINDOW = Number(process.env.VL_NOTIFY_WINDOW || 3);

const admin = demoAdmin;

async function clientReply(c, mid, body, files = []) {
  const page = await c.get(`/portal/matters/${mid}`);
  const form = new FormData();
  form.append('csrf', csrfOf(page.text));
  form.append('body', body);
  for (const [name, data] of files) form.append('file', new Blob([data]), name);
  const res = await fetch(`${BASE}/portal/matters/${mid}/reply`, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') };
}

function inviteLink(mail) {
  const m = mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/);
  assert.ok(m, 'an invitation link in the mail');
  return new URL(m[1]);
}

async function accept(link, password) {
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  assert.equal(form.status, 200);
  const res = await c.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password, confirm: password });
  return { c, res, form };
}

async function clientSignIn(email, password) {
  const c = new Client();
  const page = await c.get('/portal/login?firm=demo');
  const res = await c.post('/portal/login?firm=demo', { csrf: csrfOf(page.text), email, password });
  return { c, res };
}

const settled = (address) => mailSettled(address, WINDOW + 30);

// Item notifications only (not invitations or password mails, which a
// previous test may have queued a moment before).
const itemMails = async (address) => (await mailsTo(address)).filter((m) => /new items|New in your|Client portal:/.test(m.subject));

const BRIGHT = 'office@brightside.test';	// Brightside's primary address: its login email
const PASS = 'brightside portal pass';

test('the whole journey: message, invitation, reading, replying, receipts, events', async () => {
  const firm = await admin();
  const mid = matterId('2026-0002');
  const before = await firm.get(`/matters/${mid}/portal`);
  assert.match(before.text, /Go to client portal/);
  const opened = await portalAction(firm, mid, { op: 'open' });
  assert.equal(opened.status, 303);
  const page = await firm.get(`/matters/${mid}/portal`);
  assert.match(page.text, />Messages</);
  assert.match(page.text, />Shared resources</);
  assert.match(page.text, /<strong>Brightside Bakery Ltd<\/strong>/, 'the client takes part by default');
  assert.match(page.text, /Share client portal login link/);
  assert.match(page.text, new RegExp(`value="${BASE.replace(/[.:/]/g, (x) => '\\' + x)}/portal/login\\?firm=demo"`));
  // Opening again changes nothing: a portal is never closed or duplicated.
  await portalAction(firm, mid, { op: 'open' });
  assert.equal(sql(`SELECT COUNT(*) FROM portals WHERE matter_id = ${mid}`), '1');

  const lease = Buffer.from('%PDF-1.4\nlease draft\n%%EOF\n');
  const sent = await portalAction(firm, mid, { op: 'send', body: 'Please review the lease draft.' }, [['Lease draft.pdf', lease]]);
  assert.equal(sent.status, 303);
  const [invitation] = await waitForMail(BRIGHT);
  assert.match(invitation.subject, /Demo Law LLP invites you/);
  assert.equal(invitation.from[0].name, 'Demo Law LLP');
  assert.doesNotMatch(invitation.text, /lease draft/, 'no document content in the mail');
  // The invitation bears the firm's logo and name (its HTML part).
  assert.match(invitation.html, new RegExp(`<img src="${BASE.replace(/[.:/]/g, (x) => '\\' + x)}/static/logos/demo\\.png" alt="Demo Law LLP"`));
  const logo = await fetch(`${BASE}/static/logos/demo.png`);
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get('content-type'), 'image/png');
  const { c: client, res } = await accept(inviteLink(invitation), PASS);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/portal');
  // The invitation link works once.
  const again = await new Client().get(inviteLink(invitation).pathname + inviteLink(invitation).search);
  assert.equal(again.status, 400);

  const home = await client.get('/portal');
  assert.equal(home.status, 303, 'one matter: straight to it');
  const feed = await client.get(home.location);
  assert.match(feed.text, /Please review the lease draft\./);
  const docId = feed.text.match(/href="\/portal\/documents\/(\d+)">Lease draft\.pdf</)[1];
  const dl = await client.get(`/portal/documents/${docId}`);
  assert.equal(dl.status, 200);
  assert.equal(dl.text, lease.toString());

  // Read receipts and events for the firm.
  const receipts = await firm.get(`/matters/${mid}/portal`);
  assert.match(receipts.text, /Read by Brightside Bakery Ltd [A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M UTC/, "in the firm's zone, named");
  const events = await firm.get(`/matters/${mid}/portal?events=1`);
  assert.match(events.text, /Brightside Bakery Ltd read a message/);
  assert.match(events.text, /Brightside Bakery Ltd opened a document: Lease draft\.pdf/);
  assert.match(events.text, /Brightside Bakery Ltd was added to the portal/);
  // Events and messages merged in the order they happened.
  const at = (re) => events.text.search(re);
  assert.ok(at(/was added to the portal/) >= 0 && at(/was added to the portal/) < at(/Please review the lease draft\./) &&
    at(/Please review the lease draft\./) < at(/read a message/), 'in time order');
  assert.doesNotMatch(receipts.text, /read a message/, 'events only with the toggle on');

  // The client replies with an upload; it lands in "Client uploads".  (The
  // demo admin may have mail from the files before: count from here.)
  const firmBefore = (await mailsTo('admin@demo.test')).length;
  const reply = await clientReply(client, mid, 'Signed copy attached.', [['signed.pdf', Buffer.from('%PDF-1.4\nsigned\n')]]);
  assert.equal(reply.status, 303);
  assert.equal(sql(`SELECT f.name FROM documents d JOIN folders f ON f.id = d.folder_id WHERE d.name = 'signed.pdf'`), 'Client uploads');
  const firmFeed = await firm.get(`/matters/${mid}/portal`);
  assert.match(firmFeed.text, /Signed copy attached\./);
  const firmMail = (await waitForMail('admin@demo.test', firmBefore + 1, WINDOW + 20))[firmBefore];
  assert.match(firmMail.subject, /Client portal/);
  assert.doesNotMatch(firmMail.text, /Signed copy attached/, 'no content in the mail');
});

test('one email per window for the client; a second after the window', async () => {
  const firm = await admin();
  const mid = matterId('2026-0002');
  await settled(BRIGHT);
  const start = (await itemMails(BRIGHT)).length;
  await portalAction(firm, mid, { op: 'send', body: 'First of two.' });
  await portalAction(firm, mid, { op: 'send', body: 'Second of two.' });
  await settled(BRIGHT);
  let mails = await itemMails(BRIGHT);
  assert.equal(mails.length, start + 1, 'both items in one email');
  assert.match(mails[mails.length - 1].subject, /2 new items/);
  assert.equal((mails[mails.length - 1].text.match(/a new message in 2026-0002/g) || []).length, 2);
  // (The test stack's sessions idle out after a few seconds: sign in again.)
  await portalAction(await admin(), mid, { op: 'send', body: 'After the window.' });
  await settled(BRIGHT);
  mails = await itemMails(BRIGHT);
  assert.equal(mails.length, start + 2, 'a second email after the window');
  assert.match(mails[mails.length - 1].subject, /New in your Demo Law LLP client portal/);
});

test('one email per window for the firm when the client writes', async () => {
  const mid = matterId('2026-0002');
  const { c, res } = await clientSignIn(BRIGHT, PASS);
  assert.equal(res.status, 303);
  await settled('admin@demo.test');
  const start = (await itemMails('admin@demo.test')).length;
  await clientReply(c, mid, 'Question one.');
  await clientReply(c, mid, 'Question two.');
  await settled('admin@demo.test');
  const mails = await itemMails('admin@demo.test');
  assert.equal(mails.length, start + 1);
  assert.match(mails[mails.length - 1].subject, /2 new items from clients/);
  // An item after the window: a second email.
  const { c: again } = await clientSignIn(BRIGHT, PASS);
  await clientReply(again, mid, 'Question three, later.');
  await settled('admin@demo.test');
  const later = await itemMails('admin@demo.test');
  assert.equal(later.length, start + 2);
  assert.match(later[later.length - 1].subject, /Client portal: a message in 2026-0002/);
});

test('a mailer stopped and restarted inside a window loses nothing and sends once', async () => {
  const mid = matterId('2026-0002');
  const { c } = await clientSignIn(BRIGHT, PASS);
  await settled('admin@demo.test');
  const start = (await itemMails('admin@demo.test')).length;
  const open = () => sql(`SELECT COUNT(*) FROM notifications WHERE recipient = 'admin@demo.test'
    AND status = 'queued' AND next_attempt_at > NOW(6)`);
  stack('mailer-stop');
  let inside;
  try {
    await clientReply(c, mid, 'While the mailer was down, one.');
    await clientReply(c, mid, 'While the mailer was down, two.');
  } finally {
    stack('start');
    // Restarted while the window was still open: its rows not yet due.
    inside = open();
  }
  assert.notEqual(inside, '0', 'the mailer came back inside the window');
  await settled('admin@demo.test');
  const mails = await itemMails('admin@demo.test');
  assert.equal(mails.length, start + 1);
  assert.match(mails[mails.length - 1].subject, /2 new items from clients/);
});

test('stop sharing and deleting a message cut access at once; folders share what they hold', async () => {
  const firm = await admin();
  const mid = matterId('2026-0002');
  const { c } = await clientSignIn(BRIGHT, PASS);
  // Share a folder; a document added to it later is shared too.
  const page = await firm.get(`/matters/${mid}/documents`);
  await firm.post(`/matters/${mid}/documents/action`, { csrf: csrfOf(page.text), op: 'new_folder', name: 'For client', folder: '0' });
  const folder = sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = 'For client'`);
  assert.equal((await portalAction(firm, mid, { op: 'share', folder })).status, 303);
  const form = new FormData();
  form.append('csrf', csrfOf((await firm.get(`/matters/${mid}/documents?folder=${folder}`)).text));
  form.append('folder', folder);
  form.append('file', new Blob([Buffer.from('later doc')]), 'added-later.txt');
  await fetch(`${BASE}/matters/${mid}/documents/upload`, { method: 'POST', body: form, headers: { cookie: firm.cookieHeader() }, redirect: 'manual' });
  const later = sql("SELECT id FROM documents WHERE name = 'added-later.txt'");
  const shared = await c.get(`/portal/matters/${mid}?view=shared`);
  assert.match(shared.text, /added-later\.txt/);
  assert.equal((await c.get(`/portal/documents/${later}`)).status, 200);
  const marked = await firm.get(`/matters/${mid}/documents?folder=${folder}`);
  assert.match(marked.text, /added-later\.txt<\/a> <span class="badge">shared<\/span>/, 'the Documents list marks shared items');
  const top = await firm.get(`/matters/${mid}/documents`);
  assert.match(top.text, /For client<\/a> <span class="badge">shared<\/span>/);
  // Stop sharing the folder: its documents go with it, on the next request.
  const share = sql(`SELECT id FROM shares WHERE folder_id = ${folder} AND revoked_at IS NULL`);
  const list = await firm.get(`/matters/${mid}/portal?view=shared`);
  assert.match(list.text, /Stop sharing/);
  assert.equal((await portalAction(firm, mid, { op: 'unshare', share })).status, 303);
  assert.equal((await c.get(`/portal/documents/${later}`)).status, 404);
  assert.doesNotMatch((await c.get(`/portal/matters/${mid}?view=shared`)).text, /added-later\.txt/);
  assert.doesNotMatch((await firm.get(`/matters/${mid}/documents?folder=${folder}`)).text, /class="badge"/);

  // Delete a message: it vanishes for the client, with its attachment.
  await portalAction(firm, mid, { op: 'send', body: 'Sent by mistake.' }, [['mistake.txt', Buffer.from('oops')]]);
  const msg = sql("SELECT id FROM messages WHERE body = 'Sent by mistake.'");
  const att = sql("SELECT id FROM documents WHERE name = 'mistake.txt'");
  assert.equal((await c.get(`/portal/documents/${att}`)).status, 200);
  assert.equal((await portalAction(firm, mid, { op: 'delete_message', message: msg })).status, 303);
  assert.doesNotMatch((await c.get(`/portal/matters/${mid}`)).text, /Sent by mistake/);
  assert.equal((await c.get(`/portal/documents/${att}`)).status, 404);
});

test('a changed login email signs in; the old one no longer does', async () => {
  const firm = await admin();
  const mid = matterId('2026-0002');
  const contact = sql("SELECT id FROM contacts WHERE name = 'Brightside Bakery Ltd'");
  const { c: old } = await clientSignIn(BRIGHT, PASS);
  // On the contact card.
  const card = await firm.get(`/contacts/${contact}`);
  assert.match(card.text, /<dt>Portal login email<\/dt><dd>office@brightside\.test<\/dd>/);
  const changed = await firm.post(`/contacts/${contact}`, { csrf: csrfOf(card.text), email: 'owner@brightside.test' });
  assert.equal(changed.status, 303);
  assert.match((await firm.get(changed.location)).text, /Login email changed/);
  const foreign = await firm.post(`/contacts/${contact}`, { csrf: csrfOf(card.text), email: 'someone@else.test' });
  assert.equal(foreign.status, 400, 'only one of the contact\'s own addresses');
  assert.equal((await old.get(`/portal/matters/${mid}`)).status, 303, 'sessions end with the change');
  assert.equal((await clientSignIn(BRIGHT, PASS)).res.status, 200, 'the old address is refused');
  assert.equal((await clientSignIn('owner@brightside.test', PASS)).res.status, 303);
  assert.match((await firm.get(`/matters/${mid}/portal?events=1`)).text, /now signs in with a new email: owner@brightside\.test/);
  // And back, from the portal's participants panel.
  assert.equal((await portalAction(firm, mid, { op: 'set_email', contact, email: BRIGHT })).status, 303);
  assert.equal((await clientSignIn(BRIGHT, PASS)).res.status, 303);
});

test('an expired invitation is refused; the next message invites again', async () => {
  const firm = await admin();
  const mid = matterId('2026-0003');	// Carlos Mendes: no primary address, so the first listed
  await portalAction(firm, mid, { op: 'open' });
  await portalAction(firm, mid, { op: 'send', body: 'Probate papers are ready.' });
  const [first] = await waitForMail('carlos@client.test');
  sql("UPDATE invitations SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE email = 'carlos@client.test'");
  const link = inviteLink(first);
  const c = new Client();
  const res = await c.get(link.pathname + link.search);
  assert.equal(res.status, 400);
  assert.match(res.text, /expired or was already used/);
  await portalAction(firm, mid, { op: 'send', body: 'A second message.' });
  const mails = await waitForMail('carlos@client.test', 2);
  const second = inviteLink(mails[1]);
  assert.notEqual(second.searchParams.get('token'), link.searchParams.get('token'));
  const { res: ok } = await accept(second, 'carlos portal password');
  assert.equal(ok.status, 303);
});

test('removing a participant ends access at once', async () => {
  const firm = await admin();
  const mid = matterId('2026-0003');
  const { c, res } = await clientSignIn('carlos@client.test', 'carlos portal password');
  assert.equal(res.status, 303);
  assert.equal((await c.get(`/portal/matters/${mid}`)).status, 200);
  const contact = sql("SELECT id FROM contacts WHERE name = 'Carlos Mendes'");
  assert.equal((await portalAction(firm, mid, { op: 'remove_participant', contact })).status, 303);
  const after = await c.get(`/portal/matters/${mid}`);
  assert.equal(after.status, 303, 'the session ended');
  assert.equal((await clientSignIn('carlos@client.test', 'carlos portal password')).res.status, 200, 'and cannot sign in again');
  assert.match((await firm.get(`/matters/${mid}/portal?events=1`)).text, /Carlos Mendes was removed from the portal/);
});
