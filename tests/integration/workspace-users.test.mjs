// Users and roles (F-A2): invitations of colleagues (to the address as
// stored, once, for an hour from the send, only from an admin), roles,
// deactivation that ends sessions at once, the last active admin kept
// (also under two requests at once), members refused every admin page and
// action with nothing changed, every change audited, the list paged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, inbox, mailsTo, waitForMail, mailSettled } from './helpers.mjs';
import { R, ownFirm, colleague } from './workspace-helpers.mjs';

const firm = await ownFirm('users');
const audit = (action) => sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm.id} AND action = '${action}'`);
const invite = async (c, email, role = 'member') => c.submit('/users/invite', '/users/invite', { email, role });
const act = async (c, op, user) => c.submit('/users', '/users/action', { op, user });

test('an invitation goes only to the typed address as stored, works once, and makes a user of that role', async () => {
  const typed = `  Nina.New+${R}@Example.TEST `, stored = `nina.new+${R}@example.test`;
  const res = await invite(firm.admin, typed, 'member');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/users?notice=invited');
  const page = await firm.admin.get(res.location);
  assert.match(page.text, /role="status">Invitation sent\./);
  assert.ok(page.text.includes(stored), 'listed among the open invitations');
  const [mail] = await waitForMail(stored);
  assert.deepEqual(mail.to.map((t) => t.address), [stored], 'one recipient: the stored address');
  assert.equal((await inbox()).filter((m) => m.to.some((t) => /nina\.new/i.test(t.address) && t.address !== stored)).length, 0);
  assert.match(mail.subject, new RegExp(`Boss users invites you to users ${R} LLP`));
  assert.ok(mail.html.includes('users'), 'the HTML part in the firm frame');
  const link = new URL(mail.text.match(/(http:\/\/\S+\/join\?token=[A-Za-z0-9_-]{43})/)[1]);
  assert.equal(audit('user_invited'), '1');

  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  assert.equal(form.status, 200);
  assert.ok(form.text.includes(stored));
  const token = link.searchParams.get('token');
  // A wrong form keeps the name and says what is wrong.
  let bad = await c.post('/join', { csrf: csrfOf(form.text), token, name: 'Nina New', password: 'short', confirm: 'short' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="password-err">Use 12 to 128 characters/);
  assert.match(bad.text, /value="Nina New"/);
  bad = await c.post('/join', { csrf: csrfOf(form.text), token, name: 'Nina New', password: 'a good long password', confirm: 'another long password' });
  assert.match(bad.text, /The two passwords differ/);
  bad = await c.post('/join', { csrf: csrfOf(form.text), token, name: '', password: 'a good long password', confirm: 'a good long password' });
  assert.match(bad.text, /id="name-err">Enter your name/);
  // Two at once: one joins.
  const other = new Client();
  const otherForm = await other.get(link.pathname + link.search);
  const both = await Promise.all([
    c.post('/join', { csrf: csrfOf(form.text), token, name: 'Nina New', password: 'a good long password', confirm: 'a good long password' }),
    other.post('/join', { csrf: csrfOf(otherForm.text), token, name: 'Nina Twice', password: 'a good long password', confirm: 'a good long password' }),
  ]);
  assert.deepEqual(both.map((x) => x.status).sort(), [303, 400]);
  assert.equal(sql(`SELECT CONCAT(name, '|', role, '|', firm_id) FROM users WHERE email = '${stored}'`).split('|').slice(1).join('|'),
    `member|${firm.id}`);
  // Used: the link is dead.
  const again = await new Client().get(link.pathname + link.search);
  assert.equal(again.status, 400);
  assert.match(again.text, /expired or was already used/);
  assert.equal(audit('user_joined'), '1');
});

test('an invitation\'s hour runs from the send; a newer one voids the older', async () => {
  const email = `olga.${R}@example.test`;
  assert.equal((await invite(firm.admin, email)).status, 303);
  const [first] = await waitForMail(email);
  assert.equal((await invite(firm.admin, email, 'admin')).status, 303);
  await waitForMail(email, 2);
  const old = new URL(first.text.match(/(http:\/\/\S+\/join\?token=[A-Za-z0-9_-]{43})/)[1]);
  assert.equal((await new Client().get(old.pathname + old.search)).status, 400, 'the older link is void');
  sql(`UPDATE staff_invitations SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE firm_id = ${firm.id} AND email = '${email}' AND used_at IS NULL`);
  const mails = await mailsTo(email);
  const newest = new URL(mails.map((m) => m.text.match(/(http:\/\/\S+\/join\?token=[A-Za-z0-9_-]{43})/)[1]).find((u) => u !== old.href));
  assert.equal((await new Client().get(newest.pathname + newest.search)).status, 400, 'past its hour');
  // The hour starts when the mailer sends it: one not yet sent has none.
  assert.equal(sql(`SELECT COUNT(*) FROM staff_invitations i JOIN notifications n ON n.id = i.notification_id
    WHERE i.firm_id = ${firm.id} AND n.status = 'sent' AND i.used_at IS NULL AND i.expires_at IS NULL`), '0');
});

test('invitations refuse wrong and taken addresses, keeping what was typed', async () => {
  let res = await invite(firm.admin, 'not an email');
  assert.equal(res.status, 400);
  assert.match(res.text, /id="email-err">Enter a valid email address/);
  assert.match(res.text, /value="not an email"/);
  res = await invite(firm.admin, 'аlice@example.test');	// a Cyrillic а
  assert.equal(res.status, 400);
  res = await invite(firm.admin, firm.email.toUpperCase());
  assert.match(res.text, /already a user of your firm/);
  res = await invite(firm.admin, 'admin@demo.test');
  assert.match(res.text, /already has a Vellum account/);
  res = await invite(firm.admin, `x.${R}@example.test`, 'owner');
  assert.equal(res.status, 400);
  assert.match(res.text, /Choose member or administrator/);
  assert.equal(sql(`SELECT COUNT(*) FROM staff_invitations WHERE email = 'x.${R}@example.test'`), '0');
});

test('a member is refused every admin page and action (403), and nothing changes', async () => {
  const m = await colleague(firm, `mel.${R}`, 'member');
  const target = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  const before = sql(`SELECT CONCAT_WS('|', name, slug, time_zone, currency, COALESCE(notify_window, 0), mail_preview, COALESCE(logo_url, '')) FROM firms WHERE id = ${firm.id}`);
  const users = sql(`SELECT GROUP_CONCAT(CONCAT(id, role, deactivated_at IS NULL) ORDER BY id) FROM users WHERE firm_id = ${firm.id}`);
  const invites = sql('SELECT COUNT(*) FROM staff_invitations');
  const csrf = csrfOf((await m.client.get('/matters')).text);
  for (const url of ['/settings', '/users', '/users/invite', `/users/action?op=deactivate&user=${target}`]) {
    const res = await m.client.get(url);
    assert.equal(res.status, 403, url);
  }
  const posts = [
    ['/settings', { name: 'Taken over', slug: firm.slug, zone: 'UTC', currency: 'USD', window: '' }],
    ['/settings/logo', { op: 'remove' }],
    ['/users/invite', { email: `friend.${R}@example.test`, role: 'admin' }],
    ...['admin', 'member', 'deactivate', 'reactivate'].map((op) => ['/users/action', { op, user: op === 'admin' ? m.id : target }]),
  ];
  for (const [url, fields] of posts) {
    const res = await m.client.post(url, { csrf, ...fields });
    assert.equal(res.status, 403, `${url} ${JSON.stringify(fields)}`);
    assert.doesNotMatch(res.text, /did not come from this site/, 'refused for the role, not the token');
  }
  assert.equal(sql(`SELECT CONCAT_WS('|', name, slug, time_zone, currency, COALESCE(notify_window, 0), mail_preview, COALESCE(logo_url, '')) FROM firms WHERE id = ${firm.id}`), before);
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(id, role, deactivated_at IS NULL) ORDER BY id) FROM users WHERE firm_id = ${firm.id}`), users);
  assert.equal(sql('SELECT COUNT(*) FROM staff_invitations'), invites);
  await mailSettled(`friend.${R}@example.test`);
  assert.equal((await mailsTo(`friend.${R}@example.test`)).length, 0, 'no invitation from a member');
  // The header offers members no admin links.
  assert.doesNotMatch((await m.client.get('/matters')).text, /href="\/settings"/);
});

test('another firm\'s user is not found; roles change and are audited; the last admin stays', async () => {
  const demoMember = sql("SELECT id FROM users WHERE email = 'member@demo.test'");
  for (const op of ['admin', 'member', 'deactivate', 'reactivate']) {
    const res = await act(firm.admin, op, demoMember);
    assert.equal(res.status, 404, op);
  }
  assert.equal((await firm.admin.get(`/users/action?op=deactivate&user=${demoMember}`)).status, 404);
  assert.equal(sql(`SELECT CONCAT(role, deactivated_at IS NULL) FROM users WHERE id = ${demoMember}`), 'member1');

  const me = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  // The only admin: neither demoted nor deactivated.
  let res = await act(firm.admin, 'member', me);
  assert.equal(res.status, 409);
  assert.match(res.text, /last active administrator/);
  res = await act(firm.admin, 'deactivate', me);
  assert.equal(res.status, 409);
  assert.equal(sql(`SELECT CONCAT(role, deactivated_at IS NULL) FROM users WHERE id = ${me}`), 'admin1');

  const ann = await colleague(firm, `ann.${R}`, 'member');
  res = await act(firm.admin, 'admin', ann.id);
  assert.equal(res.location, '/users?notice=admin');
  assert.match((await firm.admin.get(res.location)).text, /the user is now an administrator/);
  assert.equal(sql(`SELECT role FROM users WHERE id = ${ann.id}`), 'admin');
  res = await act(firm.admin, 'member', ann.id);
  assert.equal(res.location, '/users?notice=member');
  assert.equal(audit('user_made_admin'), '1');
  assert.equal(audit('user_made_member'), '1');
});

test('two admins demoting or deactivating each other at once: the firm keeps one', async () => {
  const a = { client: firm.admin, id: sql(`SELECT id FROM users WHERE email = '${firm.email}'`) };
  const b = await colleague(firm, `bea.${R}`, 'admin');
  for (let round = 0; round < 6; round++) {
    const op = round % 2 ? 'deactivate' : 'member';
    const csrfA = csrfOf((await a.client.get('/users')).text), csrfB = csrfOf((await b.client.get('/users')).text);
    const res = await Promise.all([
      a.client.post('/users/action', { csrf: csrfA, op, user: b.id }),
      b.client.post('/users/action', { csrf: csrfB, op, user: a.id }),
    ]);
    // The loser is refused by the rule (409) or, when the winner's change
    // came first, by the front door (403: no longer an admin, or signed out).
    const statuses = res.map((r) => r.status).sort();
    assert.ok(statuses[0] === 303 && [403, 409].includes(statuses[1]), `round ${round}: ${statuses}`);
    assert.equal(sql(`SELECT COUNT(*) FROM users WHERE firm_id = ${firm.id} AND role = 'admin' AND deactivated_at IS NULL`), '1');
    // Put both back as admins (the survivor acts), signed in.
    const survivor = res[0].status === 303 ? a : b, loser = survivor === a ? b : a;
    assert.equal((await act(survivor.client, 'reactivate', loser.id)).status, 303);
    assert.equal((await act(survivor.client, 'admin', loser.id)).status, 303);
    if (op === 'deactivate') {
      const email = loser === a ? firm.email : b.email, pw = loser === a ? firm.password : b.password;
      loser.client = new Client();
      assert.equal((await loser.client.signIn(email, pw)).status, 303);
      if (loser === a) firm.admin = loser.client;
    }
  }
});

test('deactivation ends the sessions at once and stops sign-in and reset; reactivation lets the user in again', async () => {
  const d = await colleague(firm, `dan.${R}`, 'member');
  assert.equal((await d.client.get('/matters')).status, 200);
  let res = await firm.admin.get(`/users/action?op=deactivate&user=${d.id}`);
  assert.equal(res.status, 200, 'the "Are you sure...?" page');
  assert.match(res.text, /Deactivate dan\./);
  assert.equal(sql(`SELECT deactivated_at IS NULL FROM users WHERE id = ${d.id}`), '1', 'the question changes nothing');
  res = await act(firm.admin, 'deactivate', d.id);
  assert.equal(res.location, '/users?notice=deactivated');
  assert.match((await firm.admin.get(res.location)).text, /Their sessions have ended/);
  assert.equal((await d.client.get('/matters')).status, 303, 'the session ended at once');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${d.id}`), '0');
  const again = new Client();
  const signin = await again.signIn(d.email, d.password);
  assert.equal(signin.status, 200, 'refused like a wrong password');
  const forgot = await again.submit('/forgot', '/forgot', { email: d.email });
  assert.equal(forgot.status, 200);
  await mailSettled(d.email);
  assert.equal((await mailsTo(d.email)).filter((m) => /reset/i.test(m.subject)).length, 0, 'no reset link');
  // The filter shows them among the deactivated.
  const list = await firm.admin.get('/users?status=inactive');
  assert.ok(list.text.includes(d.email));
  assert.ok(!(await firm.admin.get('/users?status=active')).text.includes(d.email));
  res = await act(firm.admin, 'reactivate', d.id);
  assert.equal(res.location, '/users?notice=reactivated');
  assert.equal((await new Client().signIn(d.email, d.password)).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm.id} AND item_id = ${d.id}
    AND action IN ('user_deactivated', 'user_reactivated')`), '2');
});

test('the list: 50 a page, the filter and the page in the URL', async () => {
  for (let i = 0; i < 60; i++)
    sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firm.id}, 'pager${i}.${R}@example.test', 'Pager ${String(i).padStart(2, '0')}', 'member', '!')`);
  let page = await firm.admin.get('/users?q=pager&status=all');
  assert.equal(page.status, 200);
  assert.equal((page.text.match(/<tr>/g) || []).length - 1, 50, '50 rows and the header');
  assert.match(page.text, /Page 1 of 2 \(60 users\)/);
  const next = page.text.match(/href="([^"]+)" rel="next"/)[1].replace(/&amp;/g, '&');
  assert.equal(next, '/users?q=pager&status=all&page=2');
  page = await firm.admin.get(next);
  assert.equal((page.text.match(/<tr>/g) || []).length - 1, 10);
  assert.match(page.text, /value="pager"/, 'the filter stays in the form');
  assert.match(page.text, /rel="prev"/);
  page = await firm.admin.get('/users?q=PAGER%2007');
  assert.ok(page.text.includes('Pager 07'));
  assert.match(page.text, /\(1 users\)/);
  // Odd input is harmless.
  for (const q of ['%25', "'", '_', 'x'.repeat(100)])
    assert.equal((await firm.admin.get(`/users?q=${encodeURIComponent(q)}`)).status, 200, q);
  assert.equal((await firm.admin.get('/users?page=99999999')).status, 200);
  assert.equal((await firm.admin.get('/users?page=-1')).status, 200);
});
