// nginx's own answers (413, 404, 429) carry Vellum's security headers, and
// reset and invitation tokens never reach nginx's access log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, csrfOf, sql, sleep, BASE, VAR, waitForMail, resetLinkOf, demoAdmin } from './helpers.mjs';
import { AddrClient, unique, newUser } from './signin-lib.mjs';

function assertSecurityHeaders(res, what) {
  const h = (k) => (typeof res.headers.get === 'function' ? res.headers.get(k) : res.headers[k]);
  assert.match(h('content-security-policy') || '', /default-src 'none'.*frame-ancestors 'none'/, `${what}: CSP`);
  assert.equal(h('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h('x-frame-options'), 'DENY', `${what}: frame options`);
  assert.equal(h('referrer-policy'), 'no-referrer', `${what}: referrer policy`);
  assert.equal(h('cross-origin-opener-policy'), 'same-origin', `${what}: COOP`);
  assert.equal(h('cache-control'), 'no-store', `${what}: no-store`);
  assert.match(h('content-type') || '', /^text\/html/, `${what}: an HTML page`);
}

test('nginx refusing a body that is too large (413) sends the security headers', async () => {
  const c = new Client();
  const res = await c.request('POST', '/login', { body: Buffer.alloc(2 * 1024 * 1024, 'x'), type: 'application/x-www-form-urlencoded' });
  assert.equal(res.status, 413);
  assertSecurityHeaders(res, '413');
  assert.doesNotMatch(res.text, /nginx/, 'no server banner in the page');
});

test('nginx answering an unknown path (404) sends the security headers', async () => {
  const res = await new Client().get('/no/such/page');
  assert.equal(res.status, 404);
  assertSecurityHeaders(res, '404');
});

test('nginx rate-limiting sign-in (429) sends the security headers', async () => {
  // An address of its own, so nobody else's requests are limited.
  const c = new AddrClient('127.0.0.3');
  let limited = null;
  for (let round = 0; round < 40 && !limited; round++) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => c.get('/login')));
    limited = batch.find((r) => r.status === 429) || null;
  }
  assert.ok(limited, 'the limit was reached');
  assertSecurityHeaders(limited, '429');
});

// Waits until nginx has written the access log up to a marker request.
async function accessLog() {
  const marker = unique('marker');
  await new Client().get(`/static/${marker}`);
  const file = path.join(VAR, 'log', 'nginx-access.log');
  for (let i = 0; i < 100; i++) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (text.includes(marker)) return text;
    await sleep(100);
  }
  throw new Error('the access log did not catch up');
}

test('reset and invitation tokens never appear in the access log', async () => {
  // A password reset, all the way.
  const email = `${unique('log-reset')}@signin.test`;
  newUser(email);
  const f = new Client();
  await f.submit('/forgot', '/forgot', { email });
  const [mail] = await waitForMail(email);
  const link = resetLinkOf(mail);
  const resetToken = link.searchParams.get('token');
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  assert.equal(form.status, 200);
  const done = await c.post('/reset', { csrf: csrfOf(form.text), token: resetToken, password: 'a new passphrase here', confirm: 'a new passphrase here' });
  assert.equal(done.status, 303);

  // An invitation, all the way.
  const invitee = `${unique('log-invite')}@signin.test`;
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firmId}, 'person', 'Invitee ${invitee}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firmId}`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firmId}, ${contact}, '${invitee}', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firmId}, 'SL-${contact}', 'Log test', ${contact})`);
  const mid = sql(`SELECT id FROM matters WHERE client_id = ${contact}`);
  const firm = await demoAdmin();
  const post = async (fields) => {
    const page = await firm.get(`/matters/${mid}/portal`);
    return firm.post(`/matters/${mid}/portal/action`, { csrf: csrfOf(page.text), ...fields });
  };
  assert.equal((await post({ op: 'open' })).status, 303);
  assert.equal((await post({ op: 'send', body: 'Welcome to the portal.' })).status, 303);
  const [inv] = await waitForMail(invitee);
  const m = inv.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/);
  assert.ok(m, 'an invitation link');
  const ilink = new URL(m[1]);
  const inviteToken = ilink.searchParams.get('token');
  const ic = new Client();
  const iform = await ic.get(ilink.pathname + ilink.search);
  assert.equal(iform.status, 200);
  const accepted = await ic.post('/portal/invite', { csrf: csrfOf(iform.text), token: inviteToken, password: 'invitee passphrase', confirm: 'invitee passphrase' });
  assert.equal(accepted.status, 303);

  const log = await accessLog();
  assert.match(log, /"GET \/reset[ ?]/, 'the reset page was logged');
  assert.match(log, /"GET \/portal\/invite[ ?]/, 'the invitation page was logged');
  assert.ok(!log.includes(resetToken), 'no reset token in the access log');
  assert.ok(!log.includes(inviteToken), 'no invitation token in the access log');
});
