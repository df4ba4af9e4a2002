// The front door of sign-in: one path only, attempts reserved before the
// password is checked, a locked account indistinguishable from a wrong
// password, throttling per account and address together (a stranger cannot
// lock the owner out), and any User-Agent accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql } from './helpers.mjs';
import { AddrClient, unique, newUser, newClient, cgi, FIRM_LOGIN, CLIENT_LOGIN } from './signin-lib.mjs';

const PASS = 'demo-member-pass';
const LIMIT = 5;	// failures per account and address before a pause

const kinds = {
  firm: { login: FIRM_LOGIN, prog: 'auth_login', make: newUser,
    failures: (id) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND user_id = ${id}`)),
    counter: (id) => Number(sql(`SELECT failed_logins FROM users WHERE id = ${id}`)) },
  client: { login: CLIENT_LOGIN, prog: 'client_login', make: newClient,
    failures: (id) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_login_failed' AND item_id = ${id}`)),
    counter: (id) => Number(sql(`SELECT failed_logins FROM client_accounts WHERE contact_id = ${id}`)) },
};

test('firm sign-in is accepted on /login only: POST / with the right password signs nobody in', async () => {
  const c = new Client();
  const page = await c.get('/');
  assert.equal(page.status, 200, 'the start page still shows the form');
  const res = await c.post('/', { csrf: csrfOf(page.text), email: 'admin@demo.test', password: 'demo-admin-pass' });
  assert.notEqual(res.status, 303);
  assert.ok(res.status >= 400, `refused (${res.status})`);
  assert.ok(!c.jar.has('__Host-sid'), 'no session');
  // The one path still works.
  assert.equal((await c.signIn('admin@demo.test', 'demo-admin-pass')).status, 303);
});

for (const [kind, k] of Object.entries(kinds)) {
  test(`${kind}: 40 simultaneous wrong guesses (separate processes) verify at most ${LIMIT} passwords`, async () => {
    const email = `${unique(`race-${kind}`)}@signin.test`;
    const id = k.make(email);
    const c = new Client();
    const page = await c.get(k.login.page);
    const body = new URLSearchParams({ csrf: csrfOf(page.text), email, password: 'a wrong password' }).toString();
    const q = k.login.action;
    // As plain CGI every request is its own process: true parallelism.
    const runs = await Promise.all(Array.from({ length: 40 }, () => cgi(k.prog, {
      method: 'POST', uri: q, body, type: 'application/x-www-form-urlencoded',
      cookie: c.cookieHeader(), remote: '127.0.0.9' })));
    for (const r of runs) assert.equal(r.exit, 0);
    assert.deepEqual([...new Set(runs.map((r) => r.status))], [200], 'every answer is the wrong-password answer');
    assert.equal(new Set(runs.map((r) => r.raw)).size, 1, 'locked answers are byte for byte the same');
    assert.ok(k.counter(id) <= LIMIT, `at most ${LIMIT} attempts counted (${k.counter(id)})`);
    assert.ok(k.failures(id) <= LIMIT, `at most ${LIMIT} passwords verified (${k.failures(id)})`);
    assert.ok(k.failures(id) >= 1, 'the guesses were verified up to the limit');
  });

  test(`${kind}: a few simultaneous right sign-ins of one account from one address all succeed`, async () => {
    // Each success clears the address's count while the others are counting
    // theirs: none may be taken for paused.  (Fewer than the limit: every
    // attempt is counted before its password is checked, so more at once
    // than the limit is a flood, paused by design.)
    const email = `${unique(`together-${kind}`)}@signin.test`;
    k.make(email);
    const c = new Client();
    const page = await c.get(k.login.page);
    const body = new URLSearchParams({ csrf: csrfOf(page.text), email, password: PASS }).toString();
    for (let round = 0; round < 6; round++) {
      const runs = await Promise.all(Array.from({ length: LIMIT - 1 }, () => cgi(k.prog, {
        method: 'POST', uri: k.login.action, body, type: 'application/x-www-form-urlencoded',
        cookie: c.cookieHeader(), remote: '127.0.0.10' })));
      assert.deepEqual(runs.map((r) => r.status), Array(LIMIT - 1).fill(303), `round ${round}: every one signed in`);
    }
  });

  test(`${kind}: a stranger locks only their own address; the locked answer is the wrong-password answer`, async () => {
    const email = `${unique(`lock-${kind}`)}@signin.test`;
    const id = k.make(email);
    const stranger = new AddrClient('127.0.0.2');
    const csrf = csrfOf((await stranger.get(k.login.page)).text);
    const wrong = await stranger.post(k.login.action, { csrf, email, password: 'not the password' });
    assert.equal(wrong.status, 200);
    assert.match(wrong.text, /The email or password is not correct\./);
    const flood = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      stranger.post(k.login.action, { csrf, email, password: `not the password ${i}` })));
    for (const r of flood) assert.equal(r.status, 200, 'every guess gets the same answer');
    assert.ok(k.failures(id) <= LIMIT, `at most ${LIMIT} verified (${k.failures(id)})`);
    // Locked now: even the right password gets exactly the wrong-password page.
    const locked = await stranger.post(k.login.action, { csrf, email, password: PASS });
    assert.equal(locked.status, wrong.status);
    assert.equal(locked.text, wrong.text);
    assert.ok(!stranger.jar.has('__Host-sid') && !stranger.jar.has('__Host-cid'));
    assert.ok(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action LIKE '%login_throttled' AND ip = '127.0.0.2'`)) >= 1,
      'the refusals are audited');
    // The owner, from another address, signs in.
    const owner = new AddrClient('127.0.0.1');
    const ocsrf = csrfOf((await owner.get(k.login.page)).text);
    const ok = await owner.post(k.login.action, { csrf: ocsrf, email, password: PASS });
    assert.equal(ok.status, 303, 'the rightful owner is not locked out');
    // The stranger's address stays locked after the owner's success.
    const still = await stranger.post(k.login.action, { csrf, email, password: PASS });
    assert.equal(still.text, wrong.text);
  });

  test(`${kind}: a User-Agent that is not UTF-8, or cut inside a character, signs in`, async () => {
    const email = `${unique(`ua-${kind}`)}@signin.test`;
    k.make(email);
    // Header strings go out as latin1: each char below is one raw byte.
    const agents = ['Bad \xff\xfe agent \xc3', 'a'.repeat(254) + '\xc3\xa9 and more', '\xe2\x82'];
    for (const ua of agents) {
      const c = new AddrClient('127.0.0.1');
      const csrf = csrfOf((await c.get(k.login.page)).text);
      const res = await c.post(k.login.action, { csrf, email, password: PASS }, { headers: { 'user-agent': ua } });
      assert.equal(res.status, 303, `signed in with ${JSON.stringify(ua.slice(0, 20))}`);
      const stored = sql(`SELECT HEX(user_agent) FROM sessions ORDER BY created_at DESC LIMIT 1`);
      const text = Buffer.from(stored, 'hex');
      assert.ok(text.length <= 255 * 4);
      assert.equal(Buffer.from(text.toString('utf8'), 'utf8').compare(text), 0, 'stored as valid UTF-8');
      const home = await c.get(kind === 'firm' ? '/matters' : '/portal');
      assert.ok(home.status === 200 || (home.status === 303 && !/login/.test(home.location)), 'the session works');
    }
  });
}
