// Sharing documents and folders (issue 6, section 3): attachments are shared
// items of their own; Share and "Stop sharing" from the Documents subtab;
// every confirmation works without JavaScript; deletions end shares; new
// documents in a shared folder tell the client; moves in and out of a shared
// folder show as share changes; the portal's uploads hold to 100 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, waitForMail, mailsTo, mailSettled, sleep, BASE, demoAdmin } from './helpers.mjs';
import { newMatter, newFolder, portalAction, docsAction, upload, clientReply, docId, acceptInvitation,
  clientSignIn, formWith, submitNoScript, postForm } from './docs-helpers.mjs';

const WINDOW = Number(process.env.VL_NOTIFY_WINDOW || 3);
const MB = 1024 * 1024;
const liveShares = (where) => sql(`SELECT COUNT(*) FROM shares WHERE revoked_at IS NULL AND ${where}`);

test('attachments are shared items: listed on both sides, marked, unshared on their own', async () => {
  const firm = await demoAdmin();
  const t = newMatter('attach');
  assert.equal((await upload(firm, t.mid, [['letter.txt', Buffer.from('the letter')]])).status, 303);
  const letter = docId(t.mid, 'letter.txt');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'The letter.', document: letter })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'A new file.' }, [['fresh.txt', Buffer.from('fresh')]])).status, 303);
  const fresh = docId(t.mid, 'fresh.txt');
  const client = await acceptInvitation(t.email, 'attach portal password');
  // The client replies with a document of their own: shared too.
  assert.equal((await clientReply(client, t.mid, 'Mine.', [['from-client.txt', Buffer.from('mine')]])).status, 303);
  const mine = docId(t.mid, 'from-client.txt');

  const firmShared = (await firm.get(`/matters/${t.mid}/portal?view=shared`)).text;
  const clientShared = (await client.get(`/portal/matters/${t.mid}?view=shared`)).text;
  for (const name of ['letter.txt', 'fresh.txt', 'from-client.txt']) {
    assert.match(firmShared, new RegExp(`>${name.replace('.', '\\.')}</a>`), `firm: ${name} in Shared resources`);
    assert.match(clientShared, new RegExp(`<td>${name.replace('.', '\\.')}</td>`), `client: ${name} in Shared resources`);
  }
  const docs = (await firm.get(`/matters/${t.mid}/documents`)).text;
  assert.match(docs, /letter\.txt<\/a> <span class="badge">shared<\/span>/);
  assert.match(docs, /fresh\.txt<\/a> <span class="badge">shared<\/span>/);

  // Stop sharing the letter alone: the message stays, the letter goes.
  const { res } = await submitNoScript(firm, firmShared, 'Stop sharing', 'Stop sharing', (f) => f.includes('letter.txt'));
  assert.equal(res.status, 303);
  assert.equal(liveShares(`document_id = ${letter}`), '0');
  assert.equal((await client.get(`/portal/documents/${letter}`)).status, 404);
  assert.equal((await client.get(`/portal/documents/${fresh}`)).status, 200);
  assert.equal((await client.get(`/portal/documents/${mine}`)).status, 200);
  const feed = (await client.get(`/portal/matters/${t.mid}`)).text;
  assert.match(feed, /The letter\./);
  assert.doesNotMatch(feed, /letter\.txt/, 'the feed no longer offers it');
  assert.doesNotMatch((await client.get(`/portal/matters/${t.mid}?view=shared`)).text, /letter\.txt/);
  assert.doesNotMatch((await firm.get(`/matters/${t.mid}/documents`)).text, /letter\.txt<\/a> <span class="badge">/);
});

test('share and stop sharing from the Documents subtab, each after "Are you sure...?"', async () => {
  const firm = await demoAdmin();
  const t = newMatter('subtab');
  assert.equal((await upload(firm, t.mid, [['brief.txt', Buffer.from('brief')]])).status, 303);
  const brief = docId(t.mid, 'brief.txt');
  const folder = await newFolder(firm, t.mid, 'Evidence');
  // No portal yet: sharing says so.
  const closed = await docsAction(firm, t.mid, { op: 'share', kind: 'document', id: brief });
  assert.equal(closed.status, 409);
  assert.match(closed.text, /Open the matter&#39;s client portal first/);
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);

  let list = (await firm.get(`/matters/${t.mid}/documents`)).text;
  // The confirmation page asks and changes nothing until it is posted.
  const ask = formWith(list, 'Share via client portal', (f) => f.includes(`value="${brief}"`));
  const page = await firm.get(`${ask.action}?${new URLSearchParams(ask.fields)}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Are you sure you want to share brief\.txt/);
  assert.equal(liveShares(`document_id = ${brief}`), '0');
  let { res } = await submitNoScript(firm, list, 'Share via client portal', 'Share', (f) => f.includes(`value="${brief}"`));
  assert.equal(res.status, 303);
  assert.equal(liveShares(`document_id = ${brief}`), '1');
  ({ res } = await submitNoScript(firm, list, 'Share via client portal', 'Share', (f) => f.includes(`value="${folder}"`)));
  assert.equal(res.status, 303);
  assert.equal(liveShares(`folder_id = ${folder}`), '1');
  list = (await firm.get(res.location)).text;
  assert.match(list, /Shared\./);
  assert.match(list, /brief\.txt<\/a> <span class="badge">shared<\/span>/);
  assert.match((await firm.get(`/matters/${t.mid}/portal?view=shared`)).text, />brief\.txt<\/a>/);
  // With JavaScript the same form asks in a dialog first.
  assert.match(formWith(list, 'Stop sharing', (f) => f.includes(`value="${brief}"`)).html, /data-confirm="Stop sharing brief\.txt\?/);

  const stop = await submitNoScript(firm, list, 'Stop sharing', 'Stop sharing', (f) => f.includes(`value="${brief}"`));
  assert.match(stop.page.text, /Are you sure you want to stop sharing brief\.txt/);
  assert.equal(stop.res.status, 303);
  assert.equal(liveShares(`document_id = ${brief}`), '0');
  ({ res } = await submitNoScript(firm, (await firm.get(`/matters/${t.mid}/documents`)).text, 'Stop sharing', 'Stop sharing',
    (f) => f.includes(`value="${folder}"`)));
  assert.equal(res.status, 303);
  assert.equal(liveShares(`folder_id = ${folder}`), '0');
  // A confirmation page needs the firm's own matter: another id is not found.
  assert.equal((await firm.get(`/matters/${t.mid}/documents/action?op=share&kind=document&id=999999999`)).status, 404);
});

test('delete message and remove participant ask first, without JavaScript too', async () => {
  const firm = await demoAdmin();
  const t = newMatter('noscript');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'To be deleted.' })).status, 303);
  const msg = sql(`SELECT id FROM messages WHERE body = 'To be deleted.' ORDER BY id DESC LIMIT 1`);
  let page = (await firm.get(`/matters/${t.mid}/portal`)).text;
  assert.match(formWith(page, 'Delete message').html, /data-confirm="Delete message\?/);
  const del = await submitNoScript(firm, page, 'Delete message', 'Delete message', (f) => f.includes(`value="${msg}"`));
  assert.match(del.page.text, /Are you sure you want to delete this message\?/);
  assert.equal(del.res.status, 303);
  assert.notEqual(sql(`SELECT deleted_at FROM messages WHERE id = ${msg}`), 'NULL');
  page = (await firm.get(`/matters/${t.mid}/portal`)).text;
  const rm = await submitNoScript(firm, page, 'Remove participant', 'Remove participant', (f) => f.includes(`value="${t.contact}"`));
  assert.match(rm.page.text, new RegExp(`Are you sure you want to remove Client noscript`));
  assert.equal(rm.res.status, 303);
  assert.notEqual(sql(`SELECT removed_at FROM participants WHERE contact_id = ${t.contact}`), 'NULL');
  // Without its CSRF token the confirmation's POST does nothing.
  const forged = await firm.post(`/matters/${t.mid}/portal/action`, { op: 'delete_message', message: msg });
  assert.equal(forged.status, 403);
});

test('deleting a shared document, folder or message ends its shares', async () => {
  const firm = await demoAdmin();
  const t = newMatter('ends');
  assert.equal((await upload(firm, t.mid, [['gone.txt', Buffer.from('gone')]])).status, 303);
  const gone = docId(t.mid, 'gone.txt');
  const folder = await newFolder(firm, t.mid, 'Gone folder');
  const viaMsg = await newFolder(firm, t.mid, 'Sent folder');
  assert.equal((await upload(firm, t.mid, [['inside.txt', Buffer.from('inside')]], viaMsg)).status, 303);
  const inside = docId(t.mid, 'inside.txt');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'share', document: gone })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'share', folder })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'A folder for you.', folder: viaMsg })).status, 303);
  const client = await acceptInvitation(t.email, 'ends portal password');
  assert.equal((await client.get(`/portal/documents/${inside}`)).status, 200);

  assert.equal((await docsAction(firm, t.mid, { op: 'delete', kind: 'document', id: gone })).status, 303);
  assert.equal((await docsAction(firm, t.mid, { op: 'delete', kind: 'folder', id: folder })).status, 303);
  assert.equal(liveShares(`(document_id = ${gone} OR folder_id = ${folder})`), '0');
  const shared = (await firm.get(`/matters/${t.mid}/portal?view=shared`)).text;
  assert.doesNotMatch(shared, /<a href="[^"]*">(📁 )?<\/a>/, 'no row without a name');
  assert.equal((shared.match(/>Stop sharing</g) || []).length, 1, 'only the folder sent with the message is left');

  const msg = sql(`SELECT id FROM messages WHERE body = 'A folder for you.'`);
  assert.equal((await portalAction(firm, t.mid, { op: 'delete_message', message: msg })).status, 303);
  assert.equal(liveShares(`folder_id = ${viaMsg}`), '0', 'the message\'s folder share ended with it');
  assert.equal((await client.get(`/portal/documents/${inside}`)).status, 404);
  assert.match((await firm.get(`/matters/${t.mid}/portal?view=shared`)).text, /Nothing shared yet\./);
});

test('new documents in a shared folder tell the client; moves show as share changes', async () => {
  const firm = await demoAdmin();
  const t = newMatter('tell');
  const shared = await newFolder(firm, t.mid, 'For the client');
  const inner = await newFolder(firm, t.mid, 'Inner', shared);
  assert.equal((await upload(firm, t.mid, [['outside.txt', Buffer.from('outside')]])).status, 303);
  const outside = docId(t.mid, 'outside.txt');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'share', folder: shared })).status, 303);
  await acceptInvitation(t.email, 'tell portal password');
  await mailSettled(t.email, WINDOW + 30);
  const start = (await mailsTo(t.email)).length;
  const queued = () => Number(sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${t.email}' AND kind = 'client_items'`));
  const q0 = queued();
  // Two uploads, one into a folder below the shared one: one email for both.
  assert.equal((await upload(firm, t.mid, [['new-1.txt', Buffer.from('1')]], shared)).status, 303);
  assert.equal((await upload(firm, t.mid, [['new-2.txt', Buffer.from('2')]], inner)).status, 303);
  assert.equal(queued(), q0 + 2);
  // An upload elsewhere tells no one.
  assert.equal((await upload(firm, t.mid, [['private.txt', Buffer.from('p')]])).status, 303);
  assert.equal(queued(), q0 + 2);
  const mails = await waitForMail(t.email, start + 1, WINDOW + 20);
  assert.match(mails[mails.length - 1].subject, /2 new items/);
  assert.doesNotMatch(mails[mails.length - 1].text, /new-1|new-2/, 'no document names in the mail');

  // Moving a document in shares it (and tells the client); moving it out ends that.
  assert.equal((await docsAction(firm, t.mid, { op: 'move', kind: 'document', id: outside, target: inner })).status, 303);
  assert.equal(queued(), q0 + 3);
  const c = await clientSignIn(t.email, 'tell portal password');
  assert.equal((await c.get(`/portal/documents/${outside}`)).status, 200);
  assert.equal((await docsAction(firm, t.mid, { op: 'move', kind: 'document', id: outside, target: 0 }, inner)).status, 303);
  assert.equal((await c.get(`/portal/documents/${outside}`)).status, 404);
  const events = (await firm.get(`/matters/${t.mid}/portal?events=1`)).text;
  assert.match(events, /Moved into a shared folder, now shared: outside\.txt/);
  assert.match(events, /Moved out of a shared folder, no longer shared: outside\.txt/);
  assert.doesNotMatch((await firm.get(`/matters/${t.mid}/portal`)).text, /Moved into a shared folder/, 'events only with the toggle on');
});

test('the composer and the client reply take exactly 100 MB; one byte more is refused with a page', async () => {
  const t = newMatter('limit');
  let firm = await demoAdmin();
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  const ok = await portalAction(firm, t.mid, { op: 'send', body: 'Exactly 100 MB.' }, [['hundred.bin', Buffer.alloc(100 * MB, 0x61)]]);
  assert.equal(ok.status, 303, ok.text.slice(0, 200));
  assert.equal(sql(`SELECT size FROM documents WHERE matter_id = ${t.mid} AND name = 'hundred.bin'`), String(100 * MB));
  firm = await demoAdmin();
  const over = await portalAction(firm, t.mid, { op: 'send', body: 'One byte more.' }, [['over.bin', Buffer.alloc(100 * MB + 1, 0x62)]]);
  assert.equal(over.status, 413);
  assert.match(over.text, /<title>413 /);
  assert.match(over.text, /The upload is too large/);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE body = 'One byte more.'`), '0');

  const client = await acceptInvitation(t.email, 'limit portal password');
  const rok = await clientReply(client, t.mid, 'My 100 MB.', [['client-hundred.bin', Buffer.alloc(100 * MB, 0x63)]]);
  assert.equal(rok.status, 303);
  assert.equal(sql(`SELECT size FROM documents WHERE matter_id = ${t.mid} AND name = 'client-hundred.bin'`), String(100 * MB));
  const again = await clientSignIn(t.email, 'limit portal password');
  const rover = await clientReply(again, t.mid, 'One byte more from me.', [['client-over.bin', Buffer.alloc(100 * MB + 1, 0x64)]]);
  assert.equal(rover.status, 413);
  assert.match(rover.text, /The upload is too large/);
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE body = 'One byte more from me.'`), '0');
});
