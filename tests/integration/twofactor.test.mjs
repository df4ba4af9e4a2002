// Two-factor sign-in and My account, through nginx: enrol (the codes are
// computed here from the page's secret with node's HMAC-SHA1, RFC 6238),
// sign out, sign in with a code; the same code refused, a wrong one refused
// and counted; a recovery code once; remove; the firm's "require for all"
// switch; the client's side the same; own sessions listed and ended;
// another person's session id refused; the pages of one side refused to
// the other.  The firm side runs in a firm of its own, so its switch
// touches no other test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, csrfOf, sql, ROOT, waitForMail, clientOnMatter, demoAdmin } from './helpers.mjs';

const R = Date.now().toString(36);
const SLUG = `tf-${R}`;
const ADMIN = `boss.${R}@twofactor.test`, MEMBER = `member.${R}@twofactor.test`;
const PW = 'two-factor admin pass';

// RFC 6238 with HMAC-SHA1, 30-second steps, 6 digits, from a base32 secret.
function b32decode(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.replace(/=+$/, '')) bits += abc.indexOf(ch).toString(2).padStart(5, '0');
  const out = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}
function totp(secret, when = Date.now() / 1000) {
  const step = Math.floor(when / 30);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', b32decode(secret)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1e6).padStart(6, '0');
}

const secretOf = (html) => {
  const m = html.match(/id="secret">([A-Z2-7]+)</);
  assert.ok(m, 'the page shows the secret');
  return m[1];
};
const codesOf = (html) => [...html.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]);
const ctl = (...args) => spawnSync(path.join(ROOT, 'build/bin/vellumctl'), args, { env: process.env, encoding: 'utf8' });
const hasCookie = (c, name) => [...c.jar.keys()].some((k) => k === name || k === `__Host-${name}`);
const audits = (action, user) => sql(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND user_id = ${user}`);

async function post(c, page, url, fields) {
  const p = await c.get(page);
  return c.post(url, { csrf: csrfOf(p.text), ...fields });
}

// Enrols the signed-in c at base (/account or /portal/account): returns
// { secret, codes, when } where when is the time whose code confirmed it.
async function enrol(c, base) {
  let res = await post(c, base, base, { op: 'totp_start' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `${base}?view=enrol`);
  const page = await c.get(res.location);
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg class="qr"[^>]*viewBox="0 0 \d+ \d+"/);
  assert.match(page.text, /<path fill="#000" d="M4 4h7v1h-7z/);
  const secret = secretOf(page.text);
  // The page's URI names the secret (for apps that take a link).
  res = await c.post(base, { csrf: csrfOf(page.text), op: 'totp_confirm', code: '12345' });
  assert.equal(res.status, 400, 'a malformed code');
  assert.match(res.text, /That code is not right/);
  assert.match(res.text, /aria-invalid="true"/);
  const when = Date.now() / 1000;
  res = await c.post(base, { csrf: csrfOf(page.text), op: 'totp_confirm', code: totp(secret, when) });
  assert.equal(res.status, 200);
  assert.match(res.text, /Your recovery codes/);
  const codes = codesOf(res.text);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  // Shown once: the page again lists none.
  const again = await c.get(base);
  assert.equal(codesOf(again.text).length, 0);
  assert.match(again.text, /<strong>On\.<\/strong>.*10 of 10 recovery codes left/s);
  return { secret, codes, when };
}

// Signs in at the firm's or a client's form; returns the first response.
async function password(c, side, email, pw) {
  if (side === 'firm') return post(c, '/login', '/login', { email, password: pw });
  return post(c, '/portal/login?firm=demo', '/portal/login?firm=demo', { email, password: pw });
}

async function code(c, side, value, next = '') {
  const url = side === 'firm' ? '/login/code' : '/portal/login/code';
  const page = await c.get(url);
  assert.equal(page.status, 200, 'the code page');
  return c.post(url, { csrf: csrfOf(page.text), code: value, next });
}

function setupFirm() {
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', `Two Factor ${R} LLP`, SLUG, ADMIN, 'Tess Admin'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: PW } });
  const firm = sql(`SELECT id FROM firms WHERE slug = '${SLUG}'`);
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT firm_id, '${MEMBER}', 'Max Member', 'member', pw_hash
    FROM users WHERE email = '${ADMIN}'`);
  return { firm, admin: sql(`SELECT id FROM users WHERE email = '${ADMIN}'`), member: sql(`SELECT id FROM users WHERE email = '${MEMBER}'`) };
}

test('a firm user enrols, signs in with a code, a used or wrong code is refused, a recovery code works once, and removes it',
  async () => {
    const ids = setupFirm();
    const a = new Client();
    let res = await password(a, 'firm', ADMIN, PW);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/matters');
    const page = await a.get('/account');
    assert.equal(page.status, 200);
    assert.match(page.text, /<strong>Off\.<\/strong>/);
    assert.match(page.text, /this device/);
    const { secret, codes, when } = await enrol(a, '/account');
    assert.equal(audits('totp_enrolled', ids.admin), '1');
    assert.equal(sql(`SELECT LENGTH(secret) FROM totp WHERE kind = 'user' AND account_id = ${ids.admin}`), '120');

    // Signed out, the password alone gives no session: the code page.
    assert.equal((await post(a, '/account', '/logout', {})).status, 303);
    const b = new Client();
    res = await password(b, 'firm', ADMIN, PW);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login/code');
    assert.ok(hasCookie(b, 'pending') && !hasCookie(b, 'sid'), 'a pending cookie, no session');
    assert.equal((await b.get('/matters')).status, 303, 'no page before the code');
    // A wrong code: refused, counted, audited.
    res = await code(b, 'firm', totp(secret, when + 3600));
    assert.equal(res.status, 400);
    assert.match(res.text, /That code is not right, or it was used already/);
    assert.equal(sql(`SELECT failed FROM login_throttle WHERE kind = 'user' AND account_id = ${ids.admin}`), '2');
    assert.equal(audits('login_code_failed', ids.admin), '1');
    // The code that confirmed the enrolment was used: refused.
    res = await code(b, 'firm', totp(secret, when));
    assert.equal(res.status, 400);
    assert.equal(audits('login_code_reused', ids.admin), '1');
    // The next step's code (within the window): signed in, where asked.
    res = await code(b, 'firm', totp(secret, when + 30), '/contacts');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/contacts');
    assert.ok(hasCookie(b, 'sid') && !hasCookie(b, 'pending'));
    assert.equal((await b.get('/matters')).status, 200);
    assert.equal(sql(`SELECT COUNT(*) FROM login_throttle WHERE kind = 'user' AND account_id = ${ids.admin}`), '0');

    // The same code again, on a new sign-in: refused.
    const c = new Client();
    assert.equal((await password(c, 'firm', ADMIN, PW)).location, '/login/code');
    res = await code(c, 'firm', totp(secret, when + 30));
    assert.equal(res.status, 400);
    assert.equal(audits('login_code_reused', ids.admin), '2');
    // A recovery code, typed loosely: once.
    res = await code(c, 'firm', ` ${codes[0].toUpperCase()} `);
    assert.equal(res.status, 303);
    assert.equal(audits('login_recovery_code', ids.admin), '1');
    const d = new Client();
    await password(d, 'firm', ADMIN, PW);
    res = await code(d, 'firm', codes[0]);
    assert.equal(res.status, 400, 'a recovery code works once');
    assert.match((await c.get('/account')).text, /9 of 10 recovery codes left/);

    // The pending cookie of one side means nothing on the other.
    res = await d.get('/portal/login/code');
    assert.equal(res.status, 400);
    assert.match(res.text, /Sign in again/);

    // New recovery codes replace the old.
    res = await post(c, '/account', '/account', { op: 'recovery_new' });
    assert.equal(res.status, 200);
    const fresh = codesOf(res.text);
    assert.equal(fresh.length, 10);
    res = await code(d, 'firm', codes[1]);
    assert.equal(res.status, 400, 'an old recovery code no longer works');

    // Removing it takes the password.
    res = await post(c, '/account', '/account', { op: 'totp_remove', current: 'not my password at all' });
    assert.equal(res.status, 400);
    assert.match(res.text, /That password is not correct/);
    assert.equal(sql(`SELECT COUNT(*) FROM totp WHERE kind = 'user' AND account_id = ${ids.admin}`), '1');
    res = await post(c, '/account', '/account', { op: 'totp_remove', current: PW });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account?notice=totp_off');
    assert.match((await c.get(res.location)).text, /Two-factor sign-in is off/);
    assert.equal(sql(`SELECT COUNT(*) FROM totp_recovery WHERE kind = 'user' AND account_id = ${ids.admin}`), '0');
    const e = new Client();
    res = await password(e, 'firm', ADMIN, PW);
    assert.equal(res.location, '/matters', 'the password alone again');
  });

test('My account: a new password needs the current one, ends the other sessions and mails the address on file; sessions are listed and ended, one\'s own only',
  async () => {
    const email = `pw.${R}@twofactor.test`;
    sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT firm_id, '${email}', 'Pat Password', 'member', pw_hash
      FROM users WHERE email = '${ADMIN}'`);
    const uid = sql(`SELECT id FROM users WHERE email = '${email}'`);
    const phone = new Client(), laptop = new Client();
    const ua = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1' };
    let p = await phone.get('/login');
    assert.equal((await phone.post('/login', { csrf: csrfOf(p.text), email, password: PW }, { headers: ua })).status, 303);
    assert.equal((await password(laptop, 'firm', email, PW)).status, 303);
    let page = await laptop.get('/account');
    assert.match(page.text, /Safari on iOS/);
    assert.equal([...page.text.matchAll(/name="session" value="(\d+)"/g)].length, 2);

    // Which field is wrong, and nothing changed.
    const before = sql(`SELECT pw_hash FROM users WHERE id = ${uid}`);
    let res = await post(laptop, '/account', '/account', { op: 'password', current: 'wrong wrong wrong', password: 'a new password 123', confirm: 'a new password 123' });
    assert.equal(res.status, 400);
    assert.match(res.text, /The current password is not correct/);
    res = await post(laptop, '/account', '/account', { op: 'password', current: PW, password: 'short', confirm: 'short' });
    assert.equal(res.status, 400);
    assert.match(res.text, /12 to 128 characters/);
    res = await post(laptop, '/account', '/account', { op: 'password', current: PW, password: 'a new password 123', confirm: 'a new password 124' });
    assert.equal(res.status, 400);
    assert.match(res.text, /do not match/);
    assert.equal(sql(`SELECT pw_hash FROM users WHERE id = ${uid}`), before);
    res = await post(laptop, '/account', '/account', { op: 'password', current: PW, password: 'a new password 123', confirm: 'a new password 123' });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account?notice=password_changed');
    assert.match((await laptop.get(res.location)).text, /Your password has been changed/);
    assert.equal((await phone.get('/matters')).status, 303, 'the other session ended');
    const [mail] = await waitForMail(email);
    assert.match(mail.subject + mail.text, /password/i);
    assert.equal(audits('password_changed', uid), '1');

    // Sessions: the phone signs in again; the laptop ends it, then its own.
    p = await phone.get('/login');
    await phone.post('/login', { csrf: csrfOf(p.text), email, password: 'a new password 123' }, { headers: ua });
    page = await laptop.get('/account');
    const other = page.text.match(/Safari on iOS[\s\S]*?name="session" value="(\d+)"/)[1];
    // A colleague cannot end it: not found, and it stays.
    const boss = new Client();
    await password(boss, 'firm', ADMIN, PW);
    res = await post(boss, '/account', '/account', { op: 'end_session', session: other });
    assert.equal(res.status, 404);
    assert.equal((await phone.get('/matters')).status, 200);
    res = await post(laptop, '/account', '/account', { op: 'end_session', session: other });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account?notice=session_ended');
    assert.equal((await phone.get('/matters')).status, 303);
    page = await laptop.get('/account');
    const mine = page.text.match(/this device[\s\S]*?name="session" value="(\d+)"/)[1];
    res = await post(laptop, '/account', '/account', { op: 'end_session', session: mine });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login?signed_out=1');
    assert.ok(!hasCookie(laptop, 'sid'));
    // Malformed ids are refused before any handler.
    res = await post(boss, '/account', '/account', { op: 'end_session', session: '-1' });
    assert.equal(res.status, 404);
    res = await post(boss, '/account', '/account', { op: 'end_session', session: '99999999999999999999999' });
    assert.equal(res.status, 404);
    res = await post(boss, '/account', '/account', { op: 'no_such_op' });
    assert.equal(res.status, 400);
  });

test('require two-factor sign-in for all firm users: admins only, the admin first, users without it signed out and enrolled at their next sign-in',
  async () => {
    const ids = sql(`SELECT id FROM firms WHERE slug = '${SLUG}'`);
    const admin = new Client(), member = new Client();
    assert.equal((await password(admin, 'firm', ADMIN, PW)).location, '/matters');
    assert.equal((await password(member, 'firm', MEMBER, PW)).location, '/matters');
    const memberId = sql(`SELECT id FROM users WHERE email = '${MEMBER}'`);
    // A member: refused the page and the change (403), nothing changed.
    assert.equal((await member.get('/settings/security')).status, 403);
    let res = await post(member, '/account', '/settings/security', { require: '1' });
    assert.equal(res.status, 403);
    assert.equal(sql(`SELECT require_2fa FROM firms WHERE id = ${ids}`), '0');
    assert.doesNotMatch((await member.get('/matters')).text, /Sign-in security/);
    // The admin without it cannot require it.
    let page = await admin.get('/settings/security');
    assert.equal(page.status, 200);
    assert.match(page.text, /Max Member/);
    res = await post(admin, '/settings/security', '/settings/security', { require: '1' });
    assert.equal(res.status, 409);
    assert.match(res.text, /Set up two-factor sign-in for your own account first/);
    res = await post(admin, '/settings/security', '/settings/security', { require: 'yes' });
    assert.equal(res.status, 400);
    assert.equal(sql(`SELECT require_2fa FROM firms WHERE id = ${ids}`), '0');
    const { secret: adminSecret } = await enrol(admin, '/account');
    res = await post(admin, '/settings/security', '/settings/security', { require: '1' });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/settings/security?notice=required_on');
    page = await admin.get(res.location);
    assert.match(page.text, /now required for all firm users/);
    assert.match(page.text, /checked/);
    assert.equal((await admin.get('/matters')).status, 200, 'the admin stays signed in');
    assert.equal((await member.get('/matters')).status, 303, 'the member was signed out');

    // The member's next sign-in: enrolment before any page.
    res = await password(member, 'firm', MEMBER, PW);
    assert.equal(res.location, '/login/code');
    page = await member.get('/login/code');
    assert.match(page.text, /Your firm requires a code/);
    assert.match(page.text, /<svg class="qr"/);
    const secret = secretOf(page.text);
    assert.equal((await member.get('/matters')).status, 303);
    assert.equal((await member.get('/account')).status, 303);
    res = await member.post('/login/code', { csrf: csrfOf(page.text), code: totp(secret, Date.now() / 1000 + 3600) });
    assert.equal(res.status, 400);
    assert.match(res.text, /That code is not right/);
    res = await member.post('/login/code', { csrf: csrfOf(page.text), code: totp(secret) });
    assert.equal(res.status, 200);
    assert.equal(codesOf(res.text).length, 10);
    assert.equal((await member.get('/matters')).status, 200);
    assert.equal(sql(`SELECT COUNT(*) FROM totp WHERE kind = 'user' AND account_id = ${memberId} AND secret IS NOT NULL`), '1');
    // While required it cannot be removed.
    res = await post(member, '/account', '/account', { op: 'totp_remove', current: PW });
    assert.equal(res.status, 409);
    assert.match(res.text, /Your firm requires two-factor sign-in/);
    page = await admin.get('/settings/security');
    assert.doesNotMatch(page.text, /Max Member/);
    res = await post(admin, '/settings/security', '/settings/security', {});
    assert.equal(res.location, '/settings/security?notice=required_off');
    assert.equal(sql(`SELECT require_2fa FROM firms WHERE id = ${ids}`), '0');
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action IN ('settings_2fa_required', 'settings_2fa_optional') AND firm_id = ${ids}`), '2');
    assert.ok(adminSecret);

    // A lost device: the command line removes it; the password alone again.
    assert.equal(ctl('totp-reset', SLUG, 'nobody@twofactor.test').status, 1);
    assert.equal(ctl('totp-reset', 'demo', MEMBER).status, 1, 'another firm\'s slug finds nobody');
    const out = ctl('totp-reset', SLUG, MEMBER.toUpperCase());
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /removed for the firm user/);
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'totp_reset' AND user_id = ${memberId}`), '1');
    const again = new Client();
    assert.equal((await password(again, 'firm', MEMBER, PW)).location, '/matters');
  });

test('a client enrols in the portal, signs in with a code at the firm\'s link, and the rules are the same; sides stay apart',
  async () => {
    const email = `tf.client.${R}@client.test`, pwd = `client tf password ${R}`;
    const { client, contact } = await clientOnMatter({ name: `Tia ${R}`, email, number: `TF-${R}`, password: pwd });
    let page = await client.get('/portal/account');
    assert.equal(page.status, 200);
    assert.match(page.text, /<strong>Off\.<\/strong>/);
    const { secret, codes, when } = await enrol(client, '/portal/account');
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_totp_enrolled' AND item_id = ${contact}`), '1');
    // The other side's pages: a client has no firm session, a firm user no client one.
    assert.equal((await client.get('/account')).status, 303);
    assert.equal((await client.get('/account')).location, '/login?next=%2Faccount');
    const firmUser = await demoAdmin();
    assert.equal((await firmUser.get('/portal/account')).status, 303);
    res403(await post(firmUser, '/account', '/portal/account', { op: 'totp_start' }));

    assert.equal((await post(client, '/portal/account', '/portal/logout', {})).status, 303);
    const c = new Client();
    let res = await password(c, 'client', email, pwd);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/portal/login/code?firm=demo');
    assert.ok(!hasCookie(c, 'cid'));
    assert.equal((await c.get('/portal')).status, 303);
    res = await code(c, 'client', totp(secret, when));
    assert.equal(res.status, 400, 'the enrolment\'s code was used');
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_login_code_reused' AND item_id = ${contact}`), '1');
    res = await code(c, 'client', '999999' === totp(secret) ? '000000' : '999999');
    assert.equal(res.status, 400);
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'client_login_code_failed' AND item_id = ${contact}`), '1');
    res = await code(c, 'client', totp(secret, when + 30));
    assert.equal(res.status, 303);
    assert.equal(res.location, '/portal');
    assert.equal((await c.get('/portal/account')).status, 200);
    // A firm user's page stays shut to the client's session.
    assert.equal((await c.get('/settings/security')).status, 303);
    // Recovery code once.
    const d = new Client();
    await password(d, 'client', email, pwd);
    assert.equal((await code(d, 'client', codes[5])).status, 303);
    const e = new Client();
    await password(e, 'client', email, pwd);
    assert.equal((await code(e, 'client', codes[5])).status, 400);
    // Sessions: the client sees its own and ends the other.
    page = await c.get('/portal/account');
    const ids = [...page.text.matchAll(/name="session" value="(\d+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 2);
    // Remove, with the password.
    res = await post(c, '/portal/account', '/portal/account', { op: 'totp_remove', current: pwd });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/portal/account?notice=totp_off');
    const f = new Client();
    res = await password(f, 'client', email, pwd);
    assert.equal(res.location, '/portal');
    // Ending the current session signs the client out, to the firm's page.
    page = await f.get('/portal/account');
    const mine = page.text.match(/this device[\s\S]*?name="session" value="(\d+)"/)[1];
    res = await f.post('/portal/account', { csrf: csrfOf(page.text), op: 'end_session', session: mine });
    assert.equal(res.location, '/portal/login?firm=demo&signed_out=1');
    assert.equal((await f.get('/portal')).status, 303);
  });

function res403(res) {
  assert.equal(res.status, 403);
}

test('a client with two-factor sign-in who sets a new password by email is not signed in past the code',
  async () => {
    const email = `tf.reset.${R}@client.test`, pwd = `client reset password ${R}`;
    const { client } = await clientOnMatter({ name: `Rae ${R}`, email, number: `TFR-${R}`, password: pwd });
    const { secret, when } = await enrol(client, '/portal/account');
    const anon = new Client();
    const f = await anon.get('/portal/forgot?firm=demo');
    assert.equal((await anon.post('/portal/forgot', { csrf: csrfOf(f.text), firm: 'demo', email })).status, 200);
    const mails = await waitForMail(email, 3);
    const reset = mails.find((x) => /^Reset your/.test(x.subject));
    const link = new URL(reset.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
    const form = await anon.get(link.pathname + link.search);
    const np = `client new password ${R}`;
    const res = await anon.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password: np, confirm: np });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/portal/login?firm=demo&password_set=1');
    assert.ok(!hasCookie(anon, 'cid'), 'no session from the link alone');
    assert.equal((await password(anon, 'client', email, np)).location, '/portal/login/code?firm=demo');
    assert.equal((await code(anon, 'client', totp(secret, when + 30))).status, 303);
    // A lost device, from the command line: the password alone again.
    const out = ctl('totp-reset', 'demo', email);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /removed for the client/);
    const next = new Client();
    assert.equal((await password(next, 'client', email, np)).location, '/portal');
  });

test('two sign-ins at once with the same code: exactly one gets in', async () => {
  const email = `race.${R}@twofactor.test`;
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) SELECT firm_id, '${email}', 'Rae Race', 'member', pw_hash
    FROM users WHERE email = '${ADMIN}'`);
  const uid = sql(`SELECT id FROM users WHERE email = '${email}'`);
  const a = new Client();
  assert.equal((await password(a, 'firm', email, PW)).location, '/matters');
  const { secret, when } = await enrol(a, '/account');
  const [b, c] = [new Client(), new Client()];
  for (const x of [b, c]) assert.equal((await password(x, 'firm', email, PW)).location, '/login/code');
  const pages = await Promise.all([b, c].map((x) => x.get('/login/code')));
  const value = totp(secret, when + 30);
  const res = await Promise.all([b, c].map((x, i) => x.post('/login/code', { csrf: csrfOf(pages[i].text), code: value })));
  assert.deepEqual(res.map((r) => r.status).sort(), [303, 400]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND user_id = ${uid}`), '2');
  assert.equal(audits('login_code_reused', uid), '1');
});
