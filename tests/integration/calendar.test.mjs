// The calendar (SPEC F-A8, F-B10) through nginx with the mailer and the
// SMTP sink: an event with a contact whose portal is active reaches the
// client (the portal's Calendar tab, the coalesced email, an .ics that
// libical reads back), unticked it does not; changes and the cancellation
// reach the client (SEQUENCE up, STATUS:CANCELLED); unticking or removing
// the attendee unshares at once; the Calendar permission off and a removed
// participant are refused.  A recurring event across daylight-saving
// changes with one date moved and one cancelled, right in the month view,
// the agenda and the private feed; the feed refused after revocation and
// for a wrong token; another firm's events never in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter, waitForMail, mailsTo, mailSettled, ROOT } from './helpers.mjs';

const R = Date.now().toString(36);
const VELLUMCTL = path.join(ROOT, 'build/bin/vellumctl');
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&amp;/g, '&').replace(/\s+/g, ' ');

// libical's reading of an iCalendar text: { ok, lines }.
function icsCheck(ics) {
  const r = spawnSync(VELLUMCTL, ['ics-check', '-'], { input: ics });
  return { ok: r.status === 0, out: r.stdout.toString() };
}

async function save(c, fields, want = 303) {
  const page = await c.get(fields.id ? `/calendar/edit?id=${fields.id}` : '/calendar/edit');
  const res = await c.post('/calendar/edit', { csrf: csrfOf(page.text), op: 'save', ...fields });
  assert.equal(res.status, want, `save ${JSON.stringify(fields)}: ${res.status} ${text(res.text).slice(0, 400)}`);
  return res;
}

async function op(c, fields, want = 303) {
  const page = await c.get('/calendar');
  const res = await c.post('/calendar/edit', { csrf: csrfOf(page.text), ...fields });
  assert.equal(res.status, want, `${fields.op}: ${res.status} ${text(res.text).slice(0, 400)}`);
  return res;
}

const eventId = (title) => sql(`SELECT MAX(id) FROM cal_events WHERE title = '${title}'`);
const shared = (id) => sql(`SELECT COUNT(*) FROM shares WHERE record_kind = 'event' AND record_id = ${id} AND revoked_at IS NULL`);

test('an event with a portal contact reaches the client; unticked it does not; changes, cancellation and unsharing reach the client', { timeout: 120_000 }, async () => {
  const email = `cal.${R}@client.test`, password = `calendar client ${R} pw`;
  const { mid, contact, client } = await clientOnMatter({ name: `Cal Client ${R}`, email, number: `CAL-${R}`, password });
  const firm = await demoAdmin();
  await mailSettled(email);
  const before = (await mailsTo(email)).length;

  // The form ticks "Share via client portal" by default on a matter's event.
  const form = await firm.get(`/calendar/edit?matter=${mid}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<input type="checkbox" id="share" name="share" value="1" checked>/);
  assert.match(form.text, new RegExp(`Cal Client ${R} \\(client portal\\)`));

  const title = `Hearing ${R}`;
  const res = await save(firm, { matter: mid, title, location: 'Court 3, Main St.', description: 'Bring the file; and the exhibits',
    start_date: '2027-02-03', start_time: '09:30', end_date: '2027-02-03', end_time: '11:00', freq: 'none',
    contact, share: '1' });
  assert.equal(res.location, `/matters/${mid}/calendar?notice=added`);
  const id = eventId(title);
  assert.equal(shared(id), '1');
  const done = await firm.get(res.location + '&view=agenda&date=2027-02-01');
  assert.match(done.text, /Event added\./);
  assert.ok(text(done.text).includes(title));

  // The client: the Calendar tab, the email, the .ics.
  const tab = await client.get(`/portal/matters/${mid}/calendar`);
  assert.equal(tab.status, 200);
  assert.ok(text(tab.text).includes(title), 'in the portal');
  assert.ok(text(tab.text).includes('Feb 3, 2027 9:30 AM UTC'));
  const mails = await waitForMail(email, before + 1);
  assert.match(mails.at(-1).text, /a calendar event in CAL-/);
  const ics = await client.get(`/portal/events/${id}.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  assert.match(ics.headers.get('content-disposition'), /^attachment/);
  let chk = icsCheck(ics.text);
  assert.ok(chk.ok, chk.out);
  assert.match(chk.out, /^VCALENDAR .*METHOD=PUBLISH/m);
  assert.match(chk.out, new RegExp(`^VEVENT UID=event-${id}@vellum SUMMARY=${title} DTSTART=20270203T093000Z DTEND=20270203T110000Z STATUS=CONFIRMED SEQUENCE=0`, 'm'));
  assert.match(ics.text, /LOCATION:Court 3\\, Main St\./, 'libical escapes the comma');

  // Unticked: not shared, not in the portal, no .ics.
  const quiet = `Internal prep ${R}`;
  await save(firm, { matter: mid, title: quiet, start_date: '2027-02-02', start_time: '14:00', end_date: '2027-02-02',
    end_time: '15:00', contact });
  const qid = eventId(quiet);
  assert.equal(shared(qid), '0');
  assert.ok(!text((await client.get(`/portal/matters/${mid}/calendar`)).text).includes(quiet));
  assert.equal((await client.get(`/portal/events/${qid}.ics`)).status, 404);
  // Its form stays unticked (the firm unticked it for a client who attends).
  assert.match((await firm.get(`/calendar/edit?id=${qid}`)).text, /id="share" name="share" value="1">/);

  // A change reaches the client: the email and SEQUENCE 1.
  await mailSettled(email);
  const n1 = (await mailsTo(email)).length;
  await save(firm, { id, title: `${title} (moved)`, start_date: '2027-02-04', start_time: '10:00', end_date: '2027-02-04',
    end_time: '11:00', freq: 'none', contact, share: '1' });
  assert.match((await waitForMail(email, n1 + 1)).at(-1).text, /a changed calendar event in CAL-/);
  chk = icsCheck((await client.get(`/portal/events/${id}.ics`)).text);
  assert.match(chk.out, /DTSTART=20270204T100000Z .*SEQUENCE=1/);

  // Deleted: the client is told, sees it cancelled, the .ics says so.
  await mailSettled(email);
  const n2 = (await mailsTo(email)).length;
  const ask = await firm.get(`/calendar/edit?op=delete&id=${id}`);
  assert.match(text(ask.text), /Delete "Hearing .* \(moved\)"\? Anyone it was shared with sees it cancelled\./);
  const del = await op(firm, { op: 'delete', id });
  assert.equal(del.location, `/matters/${mid}/calendar?notice=deleted`);
  assert.match((await waitForMail(email, n2 + 1)).at(-1).text, /a cancelled calendar event in CAL-/);
  assert.match(text((await client.get(`/portal/matters/${mid}/calendar`)).text), /\(moved\) Cancelled/);
  chk = icsCheck((await client.get(`/portal/events/${id}.ics`)).text);
  assert.ok(chk.ok);
  assert.match(chk.out, /STATUS=CANCELLED SEQUENCE=2/);
  assert.equal((await firm.get(`/calendar/edit?id=${id}`)).status, 404, 'gone from the firm\'s side');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'event_delete' AND item_id = ${id}`), '1');

  // Unticking unshares at once; so does removing the attendee.
  const t2 = `Meeting ${R}`;
  await save(firm, { matter: mid, title: t2, start_date: '2027-03-01', start_time: '09:00', end_date: '2027-03-01',
    end_time: '10:00', contact, share: '1' });
  const id2 = eventId(t2);
  assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 200);
  await save(firm, { id: id2, title: t2, start_date: '2027-03-01', start_time: '09:00', end_date: '2027-03-01',
    end_time: '10:00', contact });
  assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 404, 'unticked: refused at once');
  await save(firm, { id: id2, title: t2, start_date: '2027-03-01', start_time: '09:00', end_date: '2027-03-01',
    end_time: '10:00', contact, share: '1' });
  assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 200);
  await save(firm, { id: id2, title: t2, start_date: '2027-03-01', start_time: '09:00', end_date: '2027-03-01',
    end_time: '10:00', share: '1' });
  assert.equal(shared(id2), '0');
  assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 404, 'attendee removed: refused at once');
  assert.ok(!text((await client.get(`/portal/matters/${mid}/calendar`)).text).includes(t2));

  // The Calendar permission off: the tab and the .ics are refused.
  await save(firm, { id: id2, title: t2, start_date: '2027-03-01', start_time: '09:00', end_date: '2027-03-01',
    end_time: '10:00', contact, share: '1' });
  assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 200);
  sql(`UPDATE portals SET perm_calendar = 0 WHERE matter_id = ${mid}`);
  try {
    assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 404);
    assert.equal((await client.get(`/portal/matters/${mid}/calendar`)).status, 404);
  } finally {
    sql(`UPDATE portals SET perm_calendar = 1 WHERE matter_id = ${mid}`);
  }
  // A removed participant (its session still live here): refused.
  sql(`UPDATE participants SET removed_at = NOW(6) WHERE contact_id = ${contact}`);
  try {
    assert.equal((await client.get(`/portal/events/${id2}.ics`)).status, 404);
    assert.equal((await client.get(`/portal/matters/${mid}/calendar`)).status, 404);
  } finally {
    sql(`UPDATE participants SET removed_at = NULL WHERE contact_id = ${contact}`);
  }
});

test('the event form keeps what was typed and names each field at fault', async () => {
  const firm = await demoAdmin();
  const page = await firm.get('/calendar/edit');
  const res = await firm.post('/calendar/edit', { csrf: csrfOf(page.text), op: 'save', title: '',
    location: `Room ${R}`, start_date: '2027-13-01', start_time: '09:00', end_date: '2027-01-01', end_time: '10:00',
    freq: 'weekly', interval: '0', ends: 'count', count: '5' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Nothing was saved/);
  assert.match(res.text, /Give the event a title\./);
  assert.match(res.text, /Enter the start as a date and a time/);
  assert.match(res.text, new RegExp(`value="Room ${R}"`), 'what was typed stays');
  const res2 = await firm.post('/calendar/edit', { csrf: csrfOf(page.text), op: 'save', title: `T ${R}`,
    start_date: '2027-01-05', start_time: '09:00', end_date: '2027-01-05', end_time: '08:00',
    freq: 'daily', interval: '100', ends: 'until', until: '2026-01-01' });
  assert.equal(res2.status, 400);
  assert.match(res2.text, /The end must come after the start\./);
  assert.match(res2.text, /Enter a number from 1 to 99\./);
  assert.equal(sql(`SELECT COUNT(*) FROM cal_events WHERE title = 'T ${R}'`), '0');
  const res3 = await firm.post('/calendar/edit', { csrf: csrfOf(page.text), op: 'save', title: `T ${R}`,
    start_date: '2027-01-05', start_time: '09:00', end_date: '2027-01-05', end_time: '10:00',
    freq: 'daily', interval: '1', ends: 'until', until: '2026-01-01' });
  assert.match(res3.text, /The last date cannot be before the start\./);
  // A huge value is refused, never stored cut.
  const res4 = await firm.post('/calendar/edit', { csrf: csrfOf(page.text), op: 'save', title: 'x'.repeat(5000),
    start_date: '2027-01-05', start_time: '09:00', end_date: '2027-01-05', end_time: '10:00' });
  assert.equal(res4.status, 400);
  assert.match(res4.text, /The title is too long/);
});

// A firm in New York, for the daylight-saving changes.
async function nyFirm() {
  const slug = `cal-${R}`;
  execFileSync(VELLUMCTL, ['create-firm', `Calendar ${R} LLP`, slug, `boss.${R}@cal.test`, 'Cora Cal'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'cal-admin-pass' } });
  sql(`UPDATE firms SET time_zone = 'America/New_York' WHERE slug = '${slug}'`);
  const c = new Client();
  assert.equal((await c.signIn(`boss.${R}@cal.test`, 'cal-admin-pass')).status, 303);
  return c;
}

test('a weekly event across the changes: one date moved, one cancelled, in the month view, the agenda and the feed', { timeout: 60_000 }, async () => {
  const ny = await nyFirm();
  const title = `Weekly review ${R}`;
  // Wednesdays at 09:00 New York time from Feb 25, 2026: six times, over
  // the change of Mar 8.
  await save(ny, { title, start_date: '2026-02-25', start_time: '09:00', end_date: '2026-02-25', end_time: '10:00',
    freq: 'weekly', interval: '1', day3: '1', ends: 'count', count: '6', user: sql(`SELECT id FROM users WHERE email = 'boss.${R}@cal.test'`) });
  const id = eventId(title);
  // This event: Mar 11 moved to 14:00, Mar 18 cancelled.
  const one = await ny.get(`/calendar/edit?id=${id}&date=2026-03-11`);
  assert.match(one.text, /This event: 2026-03-11/);
  await op(ny, { op: 'move', id, date: '2026-03-11', start_date: '2026-03-11', start_time: '14:00', end_date: '2026-03-11', end_time: '15:30' });
  const ask = await ny.get(`/calendar/edit?op=cancel&id=${id}&date=2026-03-18`);
  assert.match(text(ask.text), /Cancel "Weekly review .*" on 2026-03-18 only\?/);
  const c = await op(ny, { op: 'cancel', id, date: '2026-03-18' });
  assert.equal(c.location, '/calendar?notice=cancelled');
  // A date the event does not have is not found.
  await op(ny, { op: 'cancel', id, date: '2026-03-19' }, 404);

  const month = await ny.get('/calendar?view=month&date=2026-03-01');
  assert.equal(month.status, 200);
  const cells = [...month.text.matchAll(/<span class="sr-only day-name">([^<]+)<\/span>\s*(<ul[\s\S]*?<\/ul>)?<\/td>/g)]
    .map((m) => [m[1], m[2] ? text(m[2]).trim() : '']);
  const day = (d) => cells.find(([n]) => n.includes(d))[1];
  assert.match(day('Mar 4, 2026'), /^9:00 AM Weekly review/);
  assert.match(day('Mar 11, 2026'), /^2:00 PM Weekly review .* moved/);
  assert.equal(day('Mar 18, 2026'), '', 'the cancelled date is empty');
  assert.match(day('Mar 25, 2026'), /^9:00 AM Weekly review/, 'after the change still 09:00');
  const agenda = text((await ny.get('/calendar?view=agenda&date=2026-02-25')).text);
  assert.ok(agenda.includes('Mar 4, 2026 9:00 AM EST to Mar 4, 2026 10:00 AM EST'));
  assert.ok(agenda.includes('Mar 11, 2026 2:00 PM EDT to Mar 11, 2026 3:30 PM EDT'));
  assert.ok(agenda.includes('Mar 25, 2026 9:00 AM EDT'));
  assert.ok(!agenda.includes('Mar 18, 2026 9:00'));

  // The feed: made once, the address shown once; the rule, the EXDATE and
  // the moved date as iCalendar with the zone.
  const st = await ny.get('/calendar/settings');
  assert.match(st.text, /You have no feed\./);
  const made = await ny.post('/calendar/settings', { csrf: csrfOf(st.text), op: 'new' });
  assert.equal(made.status, 200);
  const url = new URL(made.text.match(/value="(http[^"]+\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics)"/)[1]);
  assert.doesNotMatch((await ny.get('/calendar/settings')).text, /\/calendar\/feed\//, 'shown only once');
  const anon = new Client();
  // The window is around now: move the event into it for the feed.
  sql(`UPDATE cal_events SET first_at = UNIX_TIMESTAMP() - 86400 WHERE id = ${id}`);
  sql(`UPDATE cal_events SET last_at = UNIX_TIMESTAMP() + 86400 WHERE id = ${id}`);
  const feed = await anon.get(url.pathname);
  assert.equal(feed.status, 200);
  const chk = icsCheck(feed.text);
  assert.ok(chk.ok, chk.out);
  assert.match(chk.out, /^VTIMEZONE TZID=\S*America\/New_York/m);
  assert.match(chk.out, /SUMMARY=Weekly review \S+ DTSTART=\S*America\/New_York:20260225T090000 DTEND=\S*:20260225T100000 RRULE=FREQ=WEEKLY;COUNT=6;BYDAY=WE EXDATE=\S*America\/New_York:20260318T090000/);
  assert.match(chk.out, /RECURRENCE-ID=\S*America\/New_York:20260311T090000 .*DTSTART=\S*:20260311T140000|DTSTART=\S*:20260311T140000 DTEND=\S*:20260311T153000 RECURRENCE-ID=\S*:20260311T090000/);
  // Nothing of another firm's in it.
  assert.ok(!feed.text.includes('Hearing'), 'no demo firm event');
  // Renewed: the old address is refused; revoked: refused; a wrong token too.
  const st2 = await ny.get('/calendar/settings');
  const renewed = await ny.post('/calendar/settings', { csrf: csrfOf(st2.text), op: 'new' });
  const url2 = new URL(renewed.text.match(/value="(http[^"]+\.ics)"/)[1]);
  assert.equal((await anon.get(url.pathname)).status, 404);
  assert.equal((await anon.get(url2.pathname)).status, 200);
  const rv = await ny.post('/calendar/settings', { csrf: csrfOf(st2.text), op: 'revoke' });
  assert.equal(rv.location, '/calendar/settings?notice=revoked');
  assert.equal((await anon.get(url2.pathname)).status, 404);
  assert.equal((await anon.get(`/calendar/feed/${'A'.repeat(43)}.ics`)).status, 404);
  assert.equal((await anon.get(`/calendar/feed/${'A'.repeat(44)}.ics`)).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action IN ('calendar_feed_new', 'calendar_feed_revoke')` +
    ` AND firm_id = (SELECT id FROM firms WHERE slug = 'cal-${R}')`), '3');
  // Another firm's admin cannot open or change the event.
  const demo = await demoAdmin();
  assert.equal((await demo.get(`/calendar/edit?id=${id}`)).status, 404);
  await op(demo, { op: 'delete', id }, 404);
  await op(demo, { op: 'cancel', id, date: '2026-03-04' }, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM cal_events WHERE id = ${id} AND cancelled_at IS NULL`), '1');
});
