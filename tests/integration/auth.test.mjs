// Sign-in, sign-out, CSRF, sessions: through nginx against the real programs
// and the real MariaDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, sleep } from './helpers.mjs';

const ADMIN = ['admin@demo.test', 'demo-admin-pass'];
const IDLE = Number(process.env.VL_SESSION_IDLE || 6);

test('the start page is the sign-in form', async () => {
  const c = new Client();
  const res = await c.get('/');
  assert.equal(res.status, 200);
  assert.match(res.text, /<label for="email">Email<\/label>/);
  assert.match(res.text, /<label for="password">Password<\/label>/);
  assert.match(res.text, /<button type="submit">Sign in<\/button>/);
  assert.match(res.text, /<a href="\/forgot">Forgot password\?<\/a>/);
  assert.ok(c.jar.has('__Host-pre'), 'a pre-session CSRF cookie is set');
});

test('the demo admin signs in, sees the matters, and signs out', async () => {
  const c = new Client();
  const res = await c.signIn(...ADMIN);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/matters');
  const cookie = res.headers.getSetCookie().find((l) => l.startsWith('__Host-sid='));
  assert.match(cookie, /; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  assert.match(cookie, /^__Host-sid=[A-Za-z0-9_-]{43};/);

  const list = await c.get('/matters');
  assert.equal(list.status, 200);
  for (const n of ['2026-0001', '2026-0002', '2026-0003', '2025-0147'])
    assert.ok(list.text.includes(n), `matter ${n} listed`);
  assert.match(list.text, /Alice Johnson/);
  assert.match(list.text, /Demo Law LLP/);
  assert.equal(list.headers.get('cache-control'), 'no-store');

  const out = await c.post('/logout', { csrf: csrfOf(list.text) });
  assert.equal(out.status, 303);
  assert.equal(out.location, '/login?signed_out=1');
  assert.ok(!c.jar.has('__Host-sid'));
  const after = await c.get('/matters');
  assert.equal(after.status, 303);
  assert.equal(after.location, '/login?next=%2Fmatters', 'to sign in, then back');
});

test('the old session token is dead after sign-out, even if replayed', async () => {
  const c = new Client();
  await c.signIn(...ADMIN);
  const token = c.jar.get('__Host-sid');
  const page = await c.get('/matters');
  await c.post('/logout', { csrf: csrfOf(page.text) });
  const replay = new Client();
  replay.jar.set('__Host-sid', token);
  const res = await replay.get('/matters');
  assert.equal(res.status, 303);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('${token}', 256))`)), 0);
});

test('a wrong password or unknown email gives the same refusal', async () => {
  for (const [email, pw] of [['admin@demo.test', 'not-the-password'], ['nobody@nowhere.test', 'whatever-pass']]) {
    const c = new Client();
    const res = await c.signIn(email, pw);
    assert.equal(res.status, 200);
    assert.match(res.text, /The email or password is not correct\./);
    assert.ok(!c.jar.has('__Host-sid'));
  }
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'")) >= 1);
});

test('repeated failures throttle the account, and a success resets it', async () => {
  const email = 'throttle@demo.test';
  // A user of our own, so the demo logins stay usable for the other tests.
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${email}', 'Throttle Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const c = new Client();
  for (let i = 0; i < 5; i++) await c.signIn(email, 'wrong password ' + i);
  // Paused: the right password now gets the wrong-password answer.
  const locked = await c.signIn(email, 'demo-member-pass');
  assert.equal(locked.status, 200);
  assert.match(locked.text, /The email or password is not correct\./);
  assert.ok(!c.jar.has('__Host-sid'));
  sql(`DELETE FROM login_throttle WHERE kind = 'user' AND account_id = (SELECT id FROM users WHERE email = '${email}')`);
  const ok = await c.signIn(email, 'demo-member-pass');
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT failed_logins FROM users WHERE email = '${email}'`), '0');
});

test('a POST without the CSRF token, or with a wrong one, is refused', async () => {
  const c = new Client();
  await c.get('/login');
  const none = await c.post('/login', { email: ADMIN[0], password: ADMIN[1] });
  assert.equal(none.status, 403);
  assert.match(none.text, /This form has expired or did not come from this site/);
  assert.ok(!c.jar.has('__Host-sid'));
  const wrong = await c.post('/login', { csrf: 'a'.repeat(64), email: ADMIN[0], password: ADMIN[1] });
  assert.equal(wrong.status, 403);

  // Signed in: the sign-out form needs the session's token, not the pre-session one.
  await c.signIn(...ADMIN);
  const bad = await c.post('/logout', { csrf: 'b'.repeat(64) });
  assert.equal(bad.status, 403);
  assert.equal((await c.get('/matters')).status, 200, 'still signed in');
  // A cross-site form post is refused even with a valid token.
  const page = await c.get('/matters');
  const cross = await c.post('/logout', { csrf: csrfOf(page.text) }, { headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(cross.status, 403);
});

test('signing in issues a new session token; a planted or replaced one is dead', async () => {
  // Session fixation: a token planted before sign-in is never adopted.
  const c = new Client();
  c.jar.set('__Host-sid', 'A'.repeat(43));
  assert.equal((await c.signIn(...ADMIN)).status, 303);
  const first = c.jar.get('__Host-sid');
  assert.notEqual(first, 'A'.repeat(43));
  // Signing in again while signed in replaces the session.
  const page = await c.get('/matters');
  const again = await c.post('/login', { csrf: csrfOf(page.text), email: ADMIN[0], password: ADMIN[1] });
  assert.equal(again.status, 303);
  const second = c.jar.get('__Host-sid');
  assert.notEqual(first, second);
  assert.equal((await c.get('/matters')).status, 200);
  const old = new Client();
  old.jar.set('__Host-sid', first);
  assert.equal((await old.get('/matters')).status, 303, 'the replaced session is gone');
});

test(`an idle session expires after session_idle (${IDLE}s in the test stack), activity keeps it`, async () => {
  // The clock is moved in the database rather than waited out.
  const busy = new Client(), idle = new Client();
  await busy.signIn(...ADMIN);
  await idle.signIn(...ADMIN);
  // Each step makes both sessions older by three quarters of the limit.
  const age = (c, seconds) => sql(`UPDATE sessions SET last_seen = last_seen - INTERVAL ${seconds} SECOND
    WHERE token_hash = UNHEX(SHA2('${c.jar.get('__Host-sid')}', 256))`);
  for (let i = 0; i < 3; i++) {
    age(busy, Math.ceil(IDLE * 0.75));
    age(idle, Math.ceil(IDLE * 0.75));
    assert.equal((await busy.get('/matters')).status, 200, 'activity extends the session');
  }
  const res = await idle.get('/matters');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/login?next=%2Fmatters');
});

test('a session ends at the absolute limit even when active', async () => {
  const c = new Client();
  await c.signIn(...ADMIN);
  const token = c.jar.get('__Host-sid');
  assert.equal((await c.get('/matters')).status, 200);
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 13 HOUR WHERE token_hash = UNHEX(SHA2('${token}', 256))`);
  assert.equal((await c.get('/matters')).status, 303);
});

test('a member signs in too', async () => {
  const c = new Client();
  const res = await c.signIn('member@demo.test', 'demo-member-pass');
  assert.equal(res.status, 303);
  const page = await c.get('/matters');
  assert.match(page.text, /Morgan Member/);
});
