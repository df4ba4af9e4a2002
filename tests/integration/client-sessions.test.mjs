// Client sessions: they end when idle and at the absolute limit, sign-out
// ends them (a replayed cookie is dead), the mailer's housekeeping purges
// expired rows of both kinds and leaves live ones, and a client's session
// never opens a firm page nor a firm's a client page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, clientOnMatter, csrfOf, demoAdmin, sql, ROOT } from './helpers.mjs';

const IDLE = Number(process.env.VL_SESSION_IDLE || 1800);
const EMAIL = 'sessions.client@sessions.test';
const PASSWORD = 'sessions client password';
const hash = (token) => `UNHEX(SHA2('${token}', 256))`;

// A matter of the demo firm whose client has accepted the portal's invitation.
async function clientMatter() {
  return (await clientOnMatter({ name: 'Sam Sessions', email: EMAIL, number: 'SES-1', password: PASSWORD })).mid;
}

async function signedInClient() {
  const c = new Client();
  const lp = await c.get('/portal/login?firm=demo');
  const res = await c.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email: EMAIL, password: PASSWORD });
  assert.equal(res.status, 303, 'the client signs in');
  const token = c.jar.get('__Host-cid');
  assert.ok(token, 'a client session cookie');
  return { c, token };
}

test('an idle client session ends; activity within the idle limit keeps it', async () => {
  const mid = await clientMatter();
  const { c, token } = await signedInClient();
  assert.equal((await c.get(`/portal/matters/${mid}`)).status, 200);
  sql(`UPDATE sessions SET last_seen = NOW(6) - INTERVAL ${Math.floor(IDLE / 2)} SECOND WHERE token_hash = ${hash(token)}`);
  assert.equal((await c.get(`/portal/matters/${mid}`)).status, 200, 'half the idle limit: still signed in');
  sql(`UPDATE sessions SET last_seen = NOW(6) - INTERVAL ${IDLE + 1} SECOND WHERE token_hash = ${hash(token)}`);
  const res = await c.get(`/portal/matters/${mid}`);
  assert.equal(res.status, 303, 'past the idle limit: signed out');
  assert.match(res.location, /^\/portal\/login/);
});

test('a client session ends at the absolute limit even when active', async () => {
  const mid = await clientMatter();
  const { c, token } = await signedInClient();
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 13 HOUR WHERE token_hash = ${hash(token)}`);
  const res = await c.get(`/portal/matters/${mid}`);
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/portal\/login/);
});

test('signing out ends the client session; the old cookie replayed is dead', async () => {
  const mid = await clientMatter();
  const { c, token } = await signedInClient();
  const page = await c.get(`/portal/matters/${mid}`);
  const res = await c.post('/portal/logout', { csrf: csrfOf(page.text) });
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/portal\/login/);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${hash(token)}`), '0', 'the row is gone');
  const replay = new Client();
  replay.jar.set('__Host-cid', token);
  assert.equal((await replay.get(`/portal/matters/${mid}`)).status, 303, 'replayed cookie refused');
  // Sign-out is a POST with the form's token: a link cannot sign anyone out.
  const { c: again } = await signedInClient();
  assert.equal((await again.get('/portal/logout')).status, 303);
  assert.equal((await again.get(`/portal/matters/${mid}`)).status, 200, 'a GET did not sign out');
});

test('a client session opens no firm page, and a firm session no client page', async () => {
  const mid = await clientMatter();
  const { c } = await signedInClient();
  for (const url of ['/matters', `/matters/${mid}`, `/matters/${mid}/portal`, '/contacts'])
    assert.equal((await c.get(url)).status, 303, `client on ${url}`);
  const firm = await demoAdmin();
  assert.equal((await firm.get(`/portal/matters/${mid}`)).status, 303, 'firm user on the client page');
});

test('the mailer\'s housekeeping purges expired sessions of both kinds and keeps live ones', async () => {
  await clientMatter();
  const { token: live } = await signedInClient();
  const { token: idle } = await signedInClient();
  const { token: old } = await signedInClient();
  const firm = await demoAdmin();
  const firmIdle = firm.jar.get('__Host-sid');
  sql(`UPDATE sessions SET last_seen = NOW(6) - INTERVAL ${IDLE + 5} SECOND WHERE token_hash IN (${hash(idle)}, ${hash(firmIdle)})`);
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 13 HOUR WHERE token_hash = ${hash(old)}`);
  execFileSync(path.join(ROOT, 'build/bin/mailer'), ['-1'], { env: process.env, timeout: 60000 });
  const left = (t) => sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = ${hash(t)}`);
  assert.equal(left(idle), '0', 'idle client session purged');
  assert.equal(left(old), '0', 'client session past the absolute limit purged');
  assert.equal(left(firmIdle), '0', 'idle firm session purged');
  assert.equal(left(live), '1', 'live client session kept');
});
