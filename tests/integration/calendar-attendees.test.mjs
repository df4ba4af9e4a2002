// An event's attendees in its iCalendar text, read back by libical
// (`vellumctl ics-check`): the firm user's private feed lists every
// attendee with CN and the address on file (a contact's primary one); the
// client's .ics lists the firm's users and that client only, never another
// contact's name or address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter, ROOT } from './helpers.mjs';

const R = Date.now().toString(36);
const VELLUMCTL = path.join(ROOT, 'build/bin/vellumctl');

function icsCheck(ics) {
  const r = spawnSync(VELLUMCTL, ['ics-check', '-'], { input: ics });
  return { ok: r.status === 0, out: r.stdout.toString() };
}

test('attendees: the firm\'s feed names them all, a client\'s .ics only the firm and that client', async () => {
  const admin = await demoAdmin();
  const { mid, contact, client } = await clientOnMatter({ name: `Cleo ${R}`, email: `cleo.${R}@att.test`,
    number: `Q-ATT-${R}`, password: `cleo portal password ${R}` });
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  // Another contact of the firm attends too, with two addresses (the
  // primary one is the second listed).
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Other Otis ${R}')`);
  const otis = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm} AND name = 'Other Otis ${R}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES
    (${firm}, ${otis}, 'otis.old.${R}@att.test', 0, 0), (${firm}, ${otis}, 'otis.${R}@att.test', 1, 1)`);
  const users = sql("SELECT id FROM users WHERE email IN ('admin@demo.test', 'member@demo.test') ORDER BY id").split('\n');
  const day = new Date(Date.now() + 7 * 86400e3).toISOString().slice(0, 10);
  const page = await admin.get('/calendar/edit');
  const title = `Hearing with attendees ${R}`;
  const res = await admin.post('/calendar/edit', [['csrf', csrfOf(page.text)], ['op', 'save'], ['matter', mid],
    ['title', title], ['location', ''], ['description', ''], ['start_date', day], ['start_time', '09:00'],
    ['end_date', day], ['end_time', '10:00'], ['freq', 'none'], ['interval', '1'], ['ends', 'never'],
    ['share', '1'], ...users.map((u) => ['user', u]), ['contact', contact], ['contact', otis]]);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const id = sql(`SELECT id FROM cal_events WHERE title = '${title}'`);
  assert.equal(sql(`SELECT COUNT(*) FROM cal_attendees WHERE event_id = ${id}`), '4');

  // The firm's private feed: everyone, with CN and the address on file.
  const st = await admin.get('/calendar/settings');
  const made = await admin.post('/calendar/settings', { csrf: csrfOf(st.text), op: 'new' });
  const url = new URL(made.text.match(/value="(http[^"]+\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics)"/)[1]);
  const feed = await new Client().get(url.pathname);
  assert.equal(feed.status, 200);
  const chk = icsCheck(feed.text);
  assert.ok(chk.ok, chk.out);
  const line = chk.out.split('\n').find((l) => l.includes(`UID=event-${id}@vellum`));
  assert.ok(line, chk.out);
  assert.match(line, /ATTENDEE=mailto:admin@demo\.test;CN=\S/);
  assert.match(line, /ATTENDEE=mailto:member@demo\.test;CN=\S/);
  assert.match(line, new RegExp(`ATTENDEE=mailto:cleo\\.${R}@att\\.test;CN=Cleo ${R}`));
  assert.match(line, new RegExp(`ATTENDEE=mailto:otis\\.${R}@att\\.test;CN=Other Otis ${R}`));
  assert.doesNotMatch(line, /otis\.old\./, 'the primary address, not the first listed');

  // The client's .ics: the firm's users and the client, nobody else.
  const ics = await client.get(`/portal/events/${id}.ics`);
  assert.equal(ics.status, 200);
  const mine = icsCheck(ics.text);
  assert.ok(mine.ok, mine.out);
  assert.match(mine.out, /ATTENDEE=mailto:admin@demo\.test/);
  assert.match(mine.out, /ATTENDEE=mailto:member@demo\.test/);
  assert.match(mine.out, new RegExp(`ATTENDEE=mailto:cleo\\.${R}@att\\.test;CN=Cleo ${R}`));
  assert.ok(!ics.text.includes('otis'), 'no other contact\'s address');
  assert.ok(!ics.text.includes('Otis'), 'no other contact\'s name');
  await admin.post('/calendar/settings', { csrf: csrfOf(st.text), op: 'revoke' });
});
