// Helpers of the accessibility tests: the browser, the data every page is
// shown with (a matter whose portal has messages, attachments, folders and
// shares, a client with two matters, a live invitation and reset link),
// signing in through the forms as people do, axe-core, the keyboard walk
// and the mobile layout checks.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, ROOT, OUT, sql, csrfOf, demoAdmin, clientOnMatter, waitForMail, resetLinkOf, Client } from '../integration/helpers.mjs';
import { newMatter, upload, newFolder, docsAction, portalAction, clientReply, docId } from '../integration/docs-helpers.mjs';
import { newBill, expense, submitIds } from '../integration/bills-helpers.mjs';

export const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const SHOTS = path.join(OUT, 'browser');

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const PASSWORDS = { admin: 'demo-admin-pass', member: 'demo-member-pass' };
export const EMAILS = { admin: 'admin@demo.test', member: 'member@demo.test' };

// The data the pages are drawn with.  R makes the names of this run's own.
export async function fixture() {
  const R = Date.now().toString(36);
  const password = `a11y client password ${R}`;
  const email = `a11y-${R}@client.test`;
  const { mid, contact } = await clientOnMatter({ name: `Ada Client ${R}`, email, number: `A11Y-${R}`, password });
  const firm = await demoAdmin();
  const ok = (res, what) => assert.ok([200, 303].includes(res.status), `${what}: ${res.status} ${res.text.slice(0, 200)}`);
  ok(await upload(firm, mid, [['engagement-letter.txt', Buffer.from('Engagement letter.\n')],
    ['private-notes.txt', Buffer.from('Not for the client.\n')]]), 'upload');
  const folder = await newFolder(firm, mid, 'Evidence');
  ok(await upload(firm, mid, [['exhibit-a.txt', Buffer.from('Exhibit A.\n')]], folder), 'upload into the folder');
  const pfolder = await newFolder(firm, mid, 'Drafts');
  ok(await docsAction(firm, mid, { op: 'share', kind: 'folder', id: folder }), 'share the folder');
  const letter = docId(mid, 'engagement-letter.txt');
  ok(await portalAction(firm, mid, { op: 'send', body: 'Please read and sign the engagement letter.', document: letter }),
    'send with an attachment');
  ok(await portalAction(firm, mid, { op: 'send', body: 'The evidence folder is shared with you.', folder }), 'send a folder');
  const client = new Client();
  const lp = await client.get('/portal/login?firm=demo');
  assert.equal((await client.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email, password })).status, 303);
  ok(await clientReply(client, mid, 'Signed copy attached.', [['signed-letter.txt', Buffer.from('Signed.\n')]]), 'client reply');

  // A second participant who has not accepted yet: a live invitation.
  const f = sql("SELECT id FROM firms WHERE slug = 'demo'");
  const invEmail = `a11y-invitee-${R}@client.test`;
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${f}, 'person', 'Ines Invitee ${R}')`);
  const invitee = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${f} AND name = 'Ines Invitee ${R}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${f}, ${invitee}, '${invEmail}', 1, 0)`);
  ok(await portalAction(firm, mid, { op: 'add_participant', contact: invitee }), 'add a participant');
  ok(await portalAction(firm, mid, { op: 'send', body: 'Welcome to the portal, both of you.' }), 'send to both');
  const [inv] = await waitForMail(invEmail);
  const inviteToken = inv.text.match(/\/portal\/invite\?token=([A-Za-z0-9_-]{43})/)[1];

  // The client's second matter, its portal open and nothing shared yet.
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${f}, 'A11Y2-${R}', 'Second matter ${R}', ${contact})`);
  const mid2 = sql(`SELECT id FROM matters WHERE firm_id = ${f} AND number = 'A11Y2-${R}'`);
  ok(await portalAction(firm, mid2, { op: 'open' }), 'open the second portal');

  // A client whose name is longer than a phone is wide: the pickers that
  // list it must still fit the screen.
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${f}, 'company',
       'Northwestern Consolidated Agricultural Holdings and Subsidiaries International ${R}')`);
  const longName = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${f} AND name LIKE 'Northwestern Consolidated%${R}'`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${f}, 'A11YLONG-${R}', 'Long name ${R}', ${longName})`);

  // A matter whose portal is not open, and a firm user with a live reset link.
  const fresh = newMatter(`a11y-${R}`);
  const resetUser = `a11y-reset-${R}@demo.test`;
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${resetUser}', 'Reset Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const anon = new Client();
  assert.equal((await anon.submit('/forgot', '/forgot', { email: resetUser })).status, 200);
  const resetToken = resetLinkOf((await waitForMail(resetUser))[0]).searchParams.get('token');

  // A colleague's live invitation (/join).
  const joinEmail = `a11y-colleague-${R}@demo.test`;
  ok(await firm.submit('/users/invite', '/users/invite', { email: joinEmail, role: 'member' }), 'invite a colleague');
  const joinToken = (await waitForMail(joinEmail))[0].text.match(/\/join\?token=([A-Za-z0-9_-]{43})/)[1];

  // A time entry and an expense on the matter, in a category of their own.
  const adminId = sql("SELECT id FROM users WHERE email = 'admin@demo.test'");
  const memberId = sql("SELECT id FROM users WHERE email = 'member@demo.test'");
  sql(`INSERT INTO activity_categories (firm_id, name, created_at) VALUES (${f}, 'A11y research ${R}', NOW(6))`);
  const category = sql(`SELECT id FROM activity_categories WHERE firm_id = ${f} AND name = 'A11y research ${R}'`);
  // Two matter fields of the firm's, one filled in on the matter, one archived.
  for (const [label, pos, gone] of [[`Court case ${R}`, 90, 'NULL'], [`Old policy ${R}`, 91, 'NOW(6)']])
    sql(`INSERT INTO matter_fields (firm_id, label, position, archived_at, created_at) VALUES (${f}, '${label}', ${pos}, ${gone}, NOW(6))`);
  sql(`INSERT INTO matter_field_values (firm_id, matter_id, field_id, value) SELECT ${f}, ${mid}, id, 'CV-2026-${R}'` +
    ` FROM matter_fields WHERE firm_id = ${f} AND label = 'Court case ${R}'`);
  for (const [kind, extra] of [['time', `${adminId}, 90, 25000, 37500, NULL`], ['expense', `NULL, NULL, NULL, 4250, ${letter}`]])
    sql('INSERT INTO activities (firm_id, matter_id, kind, on_date, user_id, minutes, rate, amount, document_id,' +
      ` description, category_id, created_at, updated_at) VALUES (${f}, ${mid}, '${kind}', '2026-06-01', ${extra},` +
      ` 'A11y ${kind} ${R}', ${category}, NOW(6), NOW(6))`);
  const activity = sql(`SELECT id FROM activities WHERE matter_id = ${mid} AND description = 'A11y time ${R}'`);

  // Tasks (shared, the client may mark one done; one done) and a shared
  // note with lines; the client opens the note.
  const T = `/matters/${mid}/tasks/edit`, N = `/matters/${mid}/notes/edit`;
  ok(await firm.submit(T, T, { op: 'save', title: `File the reply ${R}`, description: 'Before the hearing.',
    due: '2026-01-05', assignee: adminId, priority: 'high', share: '1', client_done: '1' }), 'a shared task');
  ok(await firm.submit(T, T, { op: 'save', title: `Sign the letter ${R}`, description: '', due: '2099-01-05',
    assignee: adminId, priority: 'low', share: '1' }), 'a shared task the client may not mark done');
  const task = sql(`SELECT id FROM tasks WHERE matter_id = ${mid} AND title = 'File the reply ${R}'`);
  const later = sql(`SELECT id FROM tasks WHERE matter_id = ${mid} AND title = 'Sign the letter ${R}'`);
  ok(await firm.submit(T, T, { op: 'done', id: later }), 'a task done');
  ok(await firm.submit(N, N, { op: 'save', subject: `Call notes ${R}`, body: 'First line.\nSecond line.\n\nAfter a blank.',
    date: '2026-06-01', share: '1' }), 'a shared note');
  const note = sql(`SELECT id FROM notes WHERE matter_id = ${mid} AND subject = 'Call notes ${R}'`);
  const reader = new Client();
  const rp = await reader.get('/portal/login?firm=demo');
  assert.equal((await reader.post('/portal/login?firm=demo', { csrf: csrfOf(rp.text), email, password })).status, 303);
  assert.equal((await reader.get(`/portal/matters/${mid}/notes/${note}`)).status, 200, 'the client reads the note');
  // A weekly event on the matter, shared with the client (who attends),
  // one date moved and one cancelled.
  const evTitle = `A11y hearing ${R}`;
  ok(await firm.submit('/calendar/edit', '/calendar/edit', { op: 'save', matter: mid, title: evTitle,
    location: 'Court 4', start_date: '2026-06-02', start_time: '09:00', end_date: '2026-06-02', end_time: '10:30',
    freq: 'weekly', interval: '1', ends: 'count', count: '6', user: adminId, contact, share: '1' }), 'an event');
  const event = sql(`SELECT MAX(id) FROM cal_events WHERE title = '${evTitle}'`);
  ok(await firm.submit('/calendar', '/calendar/edit', { op: 'move', id: event, date: '2026-06-09',
    start_date: '2026-06-10', start_time: '14:00', end_date: '2026-06-10', end_time: '15:00' }), 'a date moved');
  ok(await firm.submit('/calendar', '/calendar/edit', { op: 'cancel', id: event, date: '2026-06-16' }), 'a date cancelled');
  // An intake form of every field type, given to the matter twice: one
  // sent (the firm's submission page), one open (the client's form); an
  // open form of two fields; the firm's form of a fresh matter's tab.
  const formOf = (name) => {
    sql(`INSERT INTO forms (firm_id, name, created_at, updated_at) VALUES (${f}, '${name}', NOW(6), NOW(6))`);
    return sql(`SELECT MAX(id) FROM forms WHERE firm_id = ${f} AND name = '${name}'`);
  };
  const form = formOf(`A11y intake ${R}`);
  [['text', 'Your full name', 1, '', 'contact_name'], ['longtext', 'What happened', 0, '', 'matter_description'],
    ['email', 'Your email', 0, '', ''], ['phone', 'Your phone', 0, '', 'contact_phone'],
    ['date', 'Date of the accident', 0, '', ''], ['number', 'Damages claimed', 0, '', ''],
    ['choice', 'Preferred contact', 0, 'Phone\\nEmail', ''], ['multi', 'Documents you hold', 0, 'Contract\\nPhotos', ''],
    ['yesno', 'Were you injured', 1, '', ''], ['file', 'A photo', 0, '', '']].forEach(([kind, label, req, opts, map], i) =>
    sql(`INSERT INTO form_fields (firm_id, form_id, position, kind, label, help, required, options, maps_to) VALUES` +
      ` (${f}, ${form}, ${i}, '${kind}', '${label}', '${i === 0 ? 'As on your passport' : ''}', ${req}, '${opts}', '${map}')`));
  const fopen = formOf(`A11y open form ${R}`);
  for (const [i, label] of ['First question', 'Second question'].entries())
    sql(`INSERT INTO form_fields (firm_id, form_id, position, kind, label) VALUES (${f}, ${fopen}, ${i}, 'text', '${label}')`);
  const ofield = sql(`SELECT MIN(id) FROM form_fields WHERE form_id = ${fopen}`);
  for (let i = 0; i < 2; i++)
    ok(await firm.submit(`/matters/${mid}/forms`, `/matters/${mid}/forms`, { op: 'share', form }), 'share the form');
  const [freq, creq] = sql(`SELECT id FROM form_requests WHERE matter_id = ${mid} ORDER BY id`).split('\n');
  sql(`UPDATE form_requests SET submitted_at = NOW(6), saved_at = NOW(6), submitted_by = ${contact} WHERE id = ${freq}`);
  sql(`INSERT INTO form_answers (firm_id, request_id, field_id, value, old_value, new_value) SELECT ${f}, ${freq}, id,` +
    ` IF(kind = 'yesno', 'no', CONCAT('Answer to ', label)), IF(maps_to = '', NULL, 'Before'), IF(maps_to = '', NULL,` +
    ` CONCAT('Answer to ', label)) FROM form_fields WHERE form_id = ${form} AND kind <> 'file'`);
  // Bills: one shared with the portal, a draft, and an envelope to review.
  const bill = await newBill(firm, mid, [expense(mid, 125000, `A11y filing ${R}`), expense(mid, 900, `A11y copies ${R}`)],
    { due: '2026-12-31', memo: 'Thank you for your business.' });
  const sendPage = await firm.get(`/bills/${bill}/send`);
  ok(await firm.post(`/bills/${bill}/send`, { csrf: csrfOf(sendPage.text), op: 'send', portal: '1', confirm: '1' }),
    'share the bill');
  const draftBill = await newBill(firm, mid, [expense(mid, 5000, `A11y draft work ${R}`)]);
  expense(mid, 700, `A11y unbilled ${R}`);
  ok(await submitIds(firm, '/billing?tab=unpaid', '/envelopes', { op: 'prepare' }, [bill]), 'an envelope');
  const envelope = sql(`SELECT MAX(id) FROM envelopes WHERE created_by = ${adminId} AND sent_at IS NULL`);

  // A firm user and a client with two-factor sign-in on: their code step.
  const tfEmail = `a11y-2fa-${R}@demo.test`;
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${tfEmail}', 'Two Factor', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const tf = new Client();
  assert.equal((await tf.signIn(tfEmail, PASSWORDS.member)).status, 303);
  await enrol(tf, '/account');
  const tfClientEmail = `a11y-2fa-${R}@client.test`;
  const tfc = await clientOnMatter({ name: `Tess Factor ${R}`, email: tfClientEmail, number: `A11Y2FA-${R}`, password });
  await enrol(tfc.client, '/portal/account');

  const fx = {
    bill, draftBill, envelope,
    joinToken, adminId, memberId, activity, task, note, event, tfEmail, tfPassword: PASSWORDS.member, tfClientEmail,
    R, mid, mid2, freshMid: fresh.mid, contact, invitee, folder, pfolder, email, password,
    number: `A11Y-${R}`,
    priv: docId(mid, 'private-notes.txt'), letter,
    message: sql(`SELECT MAX(m.id) FROM messages m JOIN portals p ON p.id = m.portal_id WHERE p.matter_id = ${mid}`),
    share: sql(`SELECT MAX(s.id) FROM shares s JOIN portals p ON p.id = s.portal_id WHERE p.matter_id = ${mid}` +
      ' AND s.record_kind IS NULL'),
    form, fopen, ofield, freq, creq,
    inviteToken, resetToken, deadToken: 'A'.repeat(43),
  };

  // Payments: a bill shared with the client, an offline payment on it and
  // a live pay link (made after the share above is read).
  sql('INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state, currency, total, balance, issued_on,' +
    ` created_at, updated_at) VALUES (${f}, 'bill', 'A11YB-${R}', ${contact}, ${mid}, 'final', 'USD', 125000, 125000,` +
    ' \'2026-06-01\', NOW(6), NOW(6))');
  fx.payBill = sql(`SELECT id FROM bills WHERE firm_id = ${f} AND number = 'A11YB-${R}'`);
  sql(`INSERT INTO bill_matters (bill_id, firm_id, matter_id) VALUES (${fx.payBill}, ${f}, ${mid})`);
  sql('INSERT INTO shares (firm_id, portal_id, record_kind, record_id, created_at) SELECT firm_id, id, \'bill\',' +
    ` ${fx.payBill}, NOW(6) FROM portals WHERE matter_id = ${mid}`);
  ok(await firm.submit(`/bills/${fx.payBill}/payments/new`, `/bills/${fx.payBill}/payments/new`,
    { amount: '250.00', date: '2026-06-02', method: 'check', reference: 'Check 1042' }), 'record a payment');
  fx.payment = sql(`SELECT MAX(payment_id) FROM payment_allocations WHERE bill_id = ${fx.payBill}`);
  fx.payToken = crypto.randomBytes(32).toString('base64url');
  sql('INSERT INTO pay_links (token_hash, firm_id, contact_id, bill_id, created_at, expires_at) VALUES' +
    ` (UNHEX('${crypto.createHash('sha256').update(fx.payToken).digest('hex')}'), ${f}, ${contact}, ${fx.payBill},` +
    ' NOW(6), NOW(6) + INTERVAL 90 DAY)');
  return fx;
}

// Signs an actor in through the sign-in form of its side, as a person does.
export async function signIn(page, as, fx) {
  if (as === 'public') return;
  if (as === 'client') {
    await page.goto(BASE + '/portal/login?firm=demo');
    await page.getByLabel('Email').fill(fx.email);
    await page.getByLabel('Password').fill(fx.password);
  } else {
    await page.goto(BASE + '/login');
    await page.getByLabel('Email').fill(EMAILS[as]);
    await page.getByLabel('Password').fill(PASSWORDS[as]);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(as === 'client' ? /\/portal(\/|$)/ : /\/matters$/);
}

// axe-core on the page as it stands: the violations, and counts by impact.
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of res.violations) counts[v.impact] = (counts[v.impact] || 0) + v.nodes.length;
  return { violations: res.violations, counts };
}

export function describeViolations(violations, impacts = ['critical', 'serious']) {
  return violations.filter((v) => impacts.includes(v.impact)).map((v) =>
    `${v.impact} ${v.id}: ${v.help} [${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}]`);
}

// Opens every <details>, then tabs through the whole page from its top
// (also when a field has the focus on load):
// every visible interactive
// element must take the focus in turn (a radio group counts once) and show
// a focus style (an outline of 2 px or more, or a box shadow).  Returns
// { reached, missing, unstyled }.
export async function keyboardWalk(page) {
  await page.evaluate(() => {
    // Start from the top even when a field took the focus on load
    // (autofocus): a mark before everything else, focused, not in the order.
    const mark = document.createElement('span');
    mark.id = '__a11y_start';
    mark.tabIndex = -1;
    document.body.prepend(mark);
    mark.focus();
    // What a disclosure holds counts too: open them all first.
    for (const d of document.querySelectorAll('details')) d.open = true;
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    window.__a11y = { seen: new Set(), unstyled: [], all: [] };
    const label = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.getAttribute('aria-label') ||
      e.textContent || e.getAttribute('name') || '').trim().slice(0, 40)}"`;
    window.__a11yLabel = label;
    for (const e of document.querySelectorAll(sel)) {
      if (e.disabled || !e.checkVisibility({ visibilityProperty: true })) continue;
      window.__a11y.all.push(e);
    }
  });
  // A date or time field takes Tab once per part (day, month, year; hour,
  // minute, AM/PM) and stays the focused element meanwhile: the same
  // element again is a step inside it, not the walk coming round.
  const max = (await page.evaluate(() => window.__a11y.all.length)) * 4 + 10;
  let reached = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const done = await page.evaluate(() => {
      const e = document.activeElement;
      const a = window.__a11y;
      if (e && e === a.last && (e.type === 'date' || e.type === 'time')) return 'inside';
      if (!e || e === document.body || a.seen.has(e)) return true;
      a.last = e;
      a.seen.add(e);
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      if (!outline && s.boxShadow === 'none') a.unstyled.push(window.__a11yLabel(e));
      return false;
    });
    if (done === 'inside') continue;
    if (done) break;
    reached++;
  }
  return page.evaluate(() => {
    document.getElementById('__a11y_start')?.remove();
    const a = window.__a11y;
    const radioSeen = (e) => [...a.seen].some((x) => x.type === 'radio' && x.name === e.name && x.form === e.form);
    const missing = a.all.filter((e) => !a.seen.has(e) && !(e.type === 'radio' && radioSeen(e)))
      .map(window.__a11yLabel);
    return { reached: a.seen.size, missing, unstyled: a.unstyled };
  });
}

// The mobile checks of one page at a narrow viewport vw px wide (the
// screen's width, not the layout's, which a phone widens to fit): no
// horizontal scroll of the page, each table fits or scrolls in a box of its
// own, controls at least 44 px tall, links at least 24 px or spaced as
// WCAG 2.5.8 allows (links inside running text excepted, as it does).
export async function mobileCheck(page, vw) {
  return page.evaluate((vw) => {
    const problems = [];
    const d = document.documentElement;
    if (d.scrollWidth > vw) problems.push(`page scrolls sideways: ${d.scrollWidth} px wide in ${vw}`);
    for (const t of document.querySelectorAll('table')) {
      if (t.getBoundingClientRect().width <= vw) continue;
      let box = t.parentElement;
      while (box && box !== document.body && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      if (!box || box === document.body || box.getBoundingClientRect().width > vw)
        problems.push('a table wider than the screen outside a scrolling box');
    }
    const name = (e) => `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || e.name || '').trim().slice(0, 30)}"`;
    const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().width > 0);
    const small = (r) => r.height < 24 || r.width < 24;
    const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
    // WCAG 2.5.8's spacing rule: a 24 px circle on an undersized target's
    // centre meets no other target and no other such circle.
    const spaced = (e, r) => {
      const [x, y] = centre(r);
      return targets.every((o) => {
        if (o === e) return true;
        const q = o.getBoundingClientRect();
        const dx = Math.max(q.left - x, 0, x - q.right), dy = Math.max(q.top - y, 0, y - q.bottom);
        if (Math.hypot(dx, dy) < 12) return false;
        if (!small(q)) return true;
        const [ox, oy] = centre(q);
        return Math.hypot(ox - x, oy - y) >= 24;
      });
    };
    for (const e of targets) {
      const r = e.getBoundingClientRect();
      if (e.tagName === 'A') {
        const block = e.closest('p, li, td, dd, div');
        const inText = block && block.textContent.trim().length > e.textContent.trim().length + 3 &&
          getComputedStyle(e).display === 'inline';
        if (!inText && small(r) && !spaced(e, r))
          problems.push(`link too small and too close to another: ${name(e)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      } else if (e.type === 'checkbox' || e.type === 'radio') {
        const l = e.closest('label');
        if (!l || l.getBoundingClientRect().height < 24) problems.push(`choice too small: ${name(e)}`);
      } else if (r.height < 44) problems.push(`control too small: ${name(e)} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return problems;
  }, vw);
}

// RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) from a base32 secret.
export function totp(secret, when = Date.now() / 1000) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += abc.indexOf(ch).toString(2).padStart(5, '0');
  const key = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) key.push(parseInt(bits.slice(i, i + 8), 2));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(when / 30)));
  const h = crypto.createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1e6).padStart(6, '0');
}

// Turns two-factor sign-in on for the signed-in c at base (/account or
// /portal/account), with the code computed from the secret the page shows.
export async function enrol(c, base) {
  const start = await c.submit(base, base, { op: 'totp_start' });
  assert.equal(start.status, 303, `${base}: start ${start.status}`);
  const page = await c.get(start.location);
  const secret = page.text.match(/id="secret">([A-Z2-7]+)</)[1];
  const res = await c.post(base, { csrf: csrfOf(page.text), op: 'totp_confirm', code: totp(secret) });
  assert.equal(res.status, 200, `${base}: confirm ${res.status}`);
  assert.match(res.text, /Your recovery codes/);
  return secret;
}
