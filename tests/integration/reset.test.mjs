// "Forgot password?": web program -> outbox (same transaction) -> mailer ->
// SMTP -> the inbox; the link works once and expires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, waitForMail, mailsTo, resetLinkOf, mailSettled, sleep } from './helpers.mjs';

// A user of our own per test (password demo-member-pass), so password
// changes do not touch the demo logins.
function newUser(email) {
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${email}', 'Reset Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
}

async function requestReset(email) {
  const c = new Client();
  const res = await c.submit('/forgot', '/forgot', { email });
  return res;
}

test('forgot password: the same answer whether or not the email exists', async () => {
  const known = await requestReset('member@demo.test');
  const unknown = await requestReset('nobody-here@demo.test');
  assert.equal(known.status, 200);
  assert.equal(unknown.status, 200);
  const strip = (t, e) => t.replace(e, 'EMAIL').replace(/value="[0-9a-f]{64}"/g, '');
  assert.equal(strip(known.text, 'member@demo.test'), strip(unknown.text, 'nobody-here@demo.test'));
  assert.match(known.text, /If an account exists for/);
  assert.equal(Number(sql("SELECT COUNT(*) FROM notifications WHERE recipient = 'nobody-here@demo.test'")), 0);
});

test('the reset email arrives, its link works once and sets a new password', async () => {
  const email = 'reset-once@demo.test';
  newUser(email);
  // Signed in elsewhere first (a sign-in voids open reset links).
  const other = new Client();
  assert.equal((await other.signIn(email, 'demo-member-pass')).status, 303);

  const before = Date.now();
  await requestReset(email);
  const [mail] = await waitForMail(email);
  assert.ok(Date.now() - before < 10000, 'mail within seconds');
  assert.equal(mail.subject, 'Reset your Demo Law LLP portal password');
  assert.equal(mail.from[0].name, 'Demo Law LLP');
  const link = resetLinkOf(mail);

  // The outbox row was sent and its payload (holding the link) cleared.
  assert.equal(sql(`SELECT CONCAT(status, ':', payload IS NULL) FROM notifications WHERE recipient = '${email}'`), 'sent:1');

  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  assert.equal(form.status, 200);
  assert.match(form.text, /Choose a new password/);
  const token = link.searchParams.get('token');
  const mismatch = await c.post('/reset', { csrf: csrfOf(form.text), token, password: 'a brand new passphrase', confirm: 'something else entirely' });
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.text, /do not match/);
  const short = await c.post('/reset', { csrf: csrfOf(form.text), token, password: 'short', confirm: 'short' });
  assert.equal(short.status, 400);
  assert.match(short.text, /12 to 128 characters/);

  const done = await c.post('/reset', { csrf: csrfOf(form.text), token, password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/login?reset=1');
  const notice = await c.get(done.location);
  assert.match(notice.text, /Your password has been changed/);

  assert.equal((await other.get('/matters')).status, 303, 'sessions end when the password changes');
  assert.equal((await new Client().signIn(email, 'demo-member-pass')).status, 200, 'old password refused');
  assert.equal((await new Client().signIn(email, 'a brand new passphrase')).status, 303, 'new password works');

  // Used once: the link is dead now, for GET and POST alike.
  const again = await c.get(link.pathname + link.search);
  assert.equal(again.status, 400);
  assert.match(again.text, /This link has expired/);
  const replay = await c.post('/reset', { csrf: csrfOf((await c.get('/forgot')).text), token, password: 'yet another passphrase', confirm: 'yet another passphrase' });
  assert.equal(replay.status, 400);
  assert.equal((await new Client().signIn(email, 'yet another passphrase')).status, 200);
});

test('an expired reset link is refused', async () => {
  const email = 'reset-expired@demo.test';
  newUser(email);
  await requestReset(email);
  const [mail] = await waitForMail(email);
  const link = resetLinkOf(mail);
  // The link lives 30 minutes; move its expiry into the past.
  const ttl = sql(`SELECT TIMESTAMPDIFF(MINUTE, r.created_at, r.expires_at) FROM password_resets r
                   JOIN users u ON u.id = r.user_id WHERE u.email = '${email}'`);
  assert.equal(ttl, '30');
  sql(`UPDATE password_resets r JOIN users u ON u.id = r.user_id
       SET r.expires_at = NOW(6) - INTERVAL 1 SECOND WHERE u.email = '${email}'`);
  const c = new Client();
  const res = await c.get(link.pathname + link.search);
  assert.equal(res.status, 400);
  assert.match(res.text, /This password reset link has expired or was already used/);
  const post = await c.post('/reset', { csrf: csrfOf((await c.get('/forgot')).text), token: link.searchParams.get('token'), password: 'expired link passphrase', confirm: 'expired link passphrase' });
  assert.equal(post.status, 400);
});

test('a new request voids the earlier link; at most three requests an hour', async () => {
  const email = 'reset-limit@demo.test';
  newUser(email);
  for (let i = 0; i < 4; i++) await requestReset(email);
  await waitForMail(email, 3);
  await mailSettled(email);
  const mails = await mailsTo(email);
  assert.equal(mails.length, 3, 'the fourth request within the hour sends nothing');
  const links = mails.map(resetLinkOf).map((u) => u.searchParams.get('token'));
  assert.equal(new Set(links).size, 3);
  const c = new Client();
  let live = 0;
  for (const t of links) if ((await c.get('/reset?token=' + t)).status === 200) live++;
  assert.equal(live, 1, 'only the newest link works');
});

test('signing in voids an open reset link', async () => {
  const email = 'reset-void@demo.test';
  newUser(email);
  await requestReset(email);
  const [mail] = await waitForMail(email);
  assert.equal((await new Client().signIn(email, 'demo-member-pass')).status, 303);
  const res = await new Client().get(resetLinkOf(mail).pathname + resetLinkOf(mail).search);
  assert.equal(res.status, 400);
});

test('a malformed token is a clean refusal', async () => {
  const c = new Client();
  for (const t of ['', 'short', 'x'.repeat(43) + '!', '%00'.repeat(10)]) {
    const res = await c.get('/reset?token=' + t);
    assert.equal(res.status, 400);
    assert.match(res.text, /expired/);
  }
});
