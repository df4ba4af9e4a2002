// Notes of a matter (F-A8, F-B11) through nginx, with the mailer and the
// SMTP sink: a shared note reaches the client (its list and its page, a
// coalesced email to the address on file), the firm sees "Shared" and
// "Viewed by <client> on <date>"; unticked, the next request is refused
// (404) and nothing is listed; a body with <script> and line breaks comes
// out escaped with its lines on both sides; refused forms keep what was
// typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, waitForMail, mailsTo, mailSettled, demoAdmin } from './helpers.mjs';
import { newMatter, portalAction, acceptInvitation } from './docs-helpers.mjs';

const R = Date.now().toString(36);
const N = (mid) => `/matters/${mid}/notes/edit`;
const save = (firm, mid, fields) => firm.submit(N(mid), N(mid), { op: 'save', date: '2026-05-04', ...fields });
const noteId = (mid, subject) => sql(`SELECT id FROM notes WHERE matter_id = ${mid} AND subject = '${subject}'`);

async function portalMatter(tag) {
  const firm = await demoAdmin();
  const t = newMatter(`${tag}-${R}`);
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'Welcome.' })).status, 303);
  const client = await acceptInvitation(t.email, `${tag} portal password ${R}`);
  await mailSettled(t.email);
  return { firm, client, ...t };
}

const BODY = '<script>alert("x")</script> & more\nsecond line\r\n\r\nafter a blank line';
const LINES = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more<br>second line<br><br>after a blank line';

test('a shared note reaches the client, escaped with its lines; unticked, the next request is refused', async () => {
  const { firm, client, mid, email, number } = await portalMatter('nshare');
  const before = (await mailsTo(email)).length;
  const subject = `Call with the landlord ${R}`;
  const res = await save(firm, mid, { subject, body: BODY, share: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/matters/${mid}/notes?notice=added`);
  const id = noteId(mid, subject);
  let page = (await firm.get(res.location)).text;
  assert.match(page, /Note added\./);
  assert.ok(page.includes(LINES), 'the firm reads the body escaped, line by line');
  assert.doesNotMatch(page, /<script>alert/);
  assert.match(page, /<span class="badge">Shared<\/span>/);
  assert.doesNotMatch(page, /Viewed by/);
  assert.equal(sql(`SELECT body FROM notes WHERE id = ${id}`).includes('<script>'), true, 'stored as typed');

  // The client: listed, and its page.
  const list = await client.get(`/portal/matters/${mid}/notes`);
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/portal/matters/${mid}/notes/${id}">${subject}<`));
  const one = await client.get(`/portal/matters/${mid}/notes/${id}`);
  assert.equal(one.status, 200);
  assert.ok(one.text.includes(LINES), 'the client reads it escaped, line by line');
  assert.doesNotMatch(one.text, /<script>alert/);
  assert.match(one.text, /aria-current="page" href="\/portal\/matters\/\d+\/notes">Notes</);
  // One coalesced email to the address on file, without the note's words.
  const mails = await waitForMail(email, before + 1);
  const mail = mails.find((m) => /a note in/.test(m.text));
  assert.ok(mail, 'the email names a note');
  assert.match(mail.text, new RegExp(`a note in ${number}`));
  assert.doesNotMatch(mail.text, /landlord|script/);
  // Read: once, an event for the firm, and the mark.
  assert.equal(sql(`SELECT COUNT(*) FROM item_reads WHERE item_kind = 'note' AND item_id = ${id}`), '1');
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${id}`)).status, 200);
  assert.equal(sql(`SELECT COUNT(*) FROM portal_events e JOIN portals p ON p.id = e.portal_id WHERE p.matter_id = ${mid}` +
    ` AND e.kind = 'read_item' AND e.detail LIKE '%note%${R}%'`), '1', 'the first open only');
  page = (await firm.get(`/matters/${mid}/notes`)).text;
  assert.match(page, /Viewed by Client nshare-\w+ on \w/);
  // A link from another site shows it without counting a read.
  const other = await firm.get(`/matters/${mid}/notes`);
  assert.equal(other.status, 200);

  // Unticked: the next request is refused, nothing listed.
  assert.equal((await save(firm, mid, { id, subject, body: BODY })).status, 303);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${id}`)).status, 404);
  const gone = (await client.get(`/portal/matters/${mid}/notes`)).text;
  assert.doesNotMatch(gone, new RegExp(subject));
  assert.match(gone, /No notes have been shared with you/);
  assert.doesNotMatch((await firm.get(`/matters/${mid}/notes`)).text, /badge">Shared/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'note_unshared' AND item_id = ${id}`), '1');
  // Shared again, then deleted: the share ends with it.
  assert.equal((await save(firm, mid, { id, subject, body: 'now shorter', share: '1' })).status, 303);
  assert.match((await client.get(`/portal/matters/${mid}/notes/${id}`)).text, /now shorter/, 'changes show at once');
  const confirm = await firm.get(`/matters/${mid}/notes/edit?op=delete&id=${id}`);
  assert.match(confirm.text, /Delete this note\?/);
  const del = await firm.submit(`/matters/${mid}/notes/edit?op=delete&id=${id}`, N(mid), { op: 'delete', id });
  assert.equal(del.location, `/matters/${mid}/notes?notice=deleted`);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${id}`)).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM shares WHERE record_kind = 'note' AND record_id = ${id} AND revoked_at IS NULL`), '0');
});

test('notes with Notes off, of another matter, never shared: all look like no note', async () => {
  const { firm, client, mid } = await portalMatter('noff');
  const other = newMatter(`noff-other-${R}`);
  assert.equal((await portalAction(firm, other.mid, { op: 'open' })).status, 303);
  assert.equal((await save(firm, other.mid, { subject: `Elsewhere ${R}`, body: 'x', share: '1' })).status, 303);
  assert.equal((await save(firm, mid, { subject: `Private ${R}`, body: 'x' })).status, 303);
  assert.equal((await save(firm, mid, { subject: `Shared ${R}`, body: 'x', share: '1' })).status, 303);
  const [elsewhere, priv, shared] = [noteId(other.mid, `Elsewhere ${R}`), noteId(mid, `Private ${R}`),
    noteId(mid, `Shared ${R}`)];
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${elsewhere}`)).status, 404);
  assert.equal((await client.get(`/portal/matters/${other.mid}/notes/${elsewhere}`)).status, 404);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${priv}`)).status, 404);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/0`)).status, 404);
  assert.doesNotMatch((await client.get(`/portal/matters/${mid}/notes`)).text, /Private|Elsewhere/);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${shared}`)).status, 200);
  assert.equal((await portalAction(firm, mid, { op: 'permissions', perm_messages: '1', perm_tasks: '1' })).status, 303);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${shared}`)).status, 404);
  assert.equal((await client.get(`/portal/matters/${mid}/notes`)).status, 404);
  assert.match((await client.get(`/portal/matters/${mid}/tasks`)).text, /\/tasks">Tasks</);
  assert.doesNotMatch((await client.get(`/portal/matters/${mid}/tasks`)).text, /\/notes">Notes</);
});

test('a refused note form says which field is wrong and keeps what was typed', async () => {
  const firm = await demoAdmin();
  const t = newMatter(`nform-${R}`);
  let res = await save(firm, t.mid, { subject: '', body: 'kept\nas <i>typed</i>', date: '2026-13-01' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Nothing was saved/);
  assert.match(res.text, /Enter a subject\./);
  assert.match(res.text, /Enter the date as a day of the calendar/);
  assert.match(res.text, /id="date" name="date" value="2026-13-01" required aria-invalid="true"/);
  assert.match(res.text, />kept\nas &lt;i&gt;typed&lt;\/i&gt;<\/textarea>/);
  res = await save(firm, t.mid, { subject: `Long ${R}`, body: 'y'.repeat(20001) });
  assert.equal(res.status, 400);
  assert.match(res.text, /at most 20,000 characters/);
  res = await save(firm, t.mid, { subject: `Share ${R}`, body: 'x', share: '1' });
  assert.equal(res.status, 400);
  assert.match(res.text, /portal is not open yet/);
  assert.equal(sql(`SELECT COUNT(*) FROM notes WHERE matter_id = ${t.mid}`), '0', 'nothing saved');
  assert.equal((await firm.get(`/matters/${t.mid}/notes/edit?id=999999999`)).status, 404);
  // Saved: the author is the one who wrote it, the date as typed.
  assert.equal((await save(firm, t.mid, { subject: `Fine ${R}`, body: 'ok', date: '2026-02-28' })).status, 303);
  assert.match((await firm.get(`/matters/${t.mid}/notes`)).text, /2026-02-28 · Demo Admin|2026-02-28 · \w/);
});
