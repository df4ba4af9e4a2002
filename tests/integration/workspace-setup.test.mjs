// The first run, on a database of its own with no firm (the programs run
// as CGI against it, as a web server would): `/` leads to "Set up your
// firm"; the one-time setup code is required (a wrong, replaced or expired
// one is refused); the form keeps what was typed and says which field is
// wrong; of several setups at once exactly one creates a firm; then the
// page is gone (404 for GET and POST, with the code or not) and no new code
// is given.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, sql } from './helpers.mjs';
import { R } from './workspace-helpers.mjs';

const DB = `vellum_first_${R}`;
const CONF = path.join(VAR, `first-run-${R}.conf`);
const form = 'application/x-www-form-urlencoded';

sql(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
sql(`GRANT ALL ON ${DB}.* TO 'vellum'@'localhost'`);
fs.writeFileSync(CONF, fs.readFileSync(process.env.VELLUM_CONF, 'utf8').replace(/^db_name = .*$/m, `db_name = ${DB}`),
  { mode: 0o600 });
after(() => {
  sql(`DROP DATABASE IF EXISTS ${DB}`);
  fs.rmSync(CONF, { force: true });
});

const ctl = (...args) => spawnSync(path.join(ROOT, 'build/bin/vellumctl'), ['-c', CONF, ...args], { encoding: 'utf8' });
const q = (query) => sql(`USE ${DB}; ${query}`);

function parse(out) {
  const split = out.indexOf('\r\n\r\n');
  const head = out.slice(0, split), text = out.slice(split + 4);
  const headers = {}, cookies = [];
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).toLowerCase(), v = line.slice(i + 1).trim();
    if (k === 'set-cookie') cookies.push(v.split(';')[0]); else headers[k] = v;
  }
  return { status: Number((headers.status || '200').split(' ')[0]), headers, cookies, text };
}

const envOf = (opts) => cgiEnv({ ...opts, env: { VELLUM_CONF: CONF, HTTP_SEC_FETCH_SITE: 'same-origin', ...(opts.env || {}) } });

function cgi(prog, opts = {}) {
  const r = spawnSync(path.join(ROOT, 'build/cgi-bin', prog), [], { env: envOf(opts), input: opts.body || '', timeout: 20000 });
  return parse(r.stdout.toString('utf8'));
}

function cgiAsync(prog, opts) {
  return new Promise((resolve, reject) => {
    const p = spawn(path.join(ROOT, 'build/cgi-bin', prog), [], { env: envOf(opts) });
    const chunks = [];
    p.stdout.on('data', (c) => chunks.push(c));
    p.on('error', reject);
    p.on('close', () => resolve(parse(Buffer.concat(chunks).toString('utf8'))));
    p.stdin.end(opts.body);
  });
}

// The form's token and the pre-session cookie it belongs to.
function formToken() {
  const page = cgi('setup', { uri: '/setup' });
  assert.equal(page.status, 200);
  return { cookie: page.cookies.find((c) => /pre=/.test(c)), csrf: page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1] };
}

const fields = (f) => ({ firm: 'First Run LLP', slug: `first-${R}`, name: 'Fiona First', email: `fiona@first-${R}.test`,
  password: 'first admin password', confirm: 'first admin password', zone: 'Europe/London', ...f });

function post(tok, f) {
  return { method: 'POST', uri: '/setup', type: form, cookie: tok.cookie,
    body: new URLSearchParams({ csrf: tok.csrf, ...fields(f) }).toString() };
}

test('migrated and empty: the start page leads to "Set up your firm"', () => {
  const m = ctl('migrate', path.join(ROOT, 'sql'));
  assert.equal(m.status, 0, m.stderr);
  assert.equal(q('SELECT COUNT(*) FROM firms'), '0');
  const start = cgi('auth_login', { uri: '/' });
  assert.equal(start.status, 303);
  assert.equal(start.headers.location, '/setup');
  const page = cgi('setup', { uri: '/setup' });
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Set up your firm<\/h1>/);
  assert.match(page.text, /vellumctl setup-code/);
});

test('without the right code nothing is made; the form keeps what was typed and marks each wrong field', () => {
  const tok = formToken();
  let res = cgi('setup', post(tok, { code: 'AAAAA-AAAAA-AAAAA-AAAAA' }));
  assert.equal(res.status, 400, 'no code was ever made');
  assert.match(res.text, /id="code-err">This setup code is wrong, used or expired/);
  assert.match(res.text, /value="First Run LLP"/);
  assert.match(res.text, /value="fiona@first-/);
  assert.ok(!res.text.includes('first admin password'), 'passwords are not sent back');
  res = cgi('setup', post(tok, { code: 'not a code', slug: '-Bad-', email: 'nobody', password: 'short', confirm: 'short',
    zone: 'Not/AZone', firm: '', name: '' }));
  assert.equal(res.status, 400);
  for (const id of ['code', 'firm', 'slug', 'name', 'email', 'password', 'zone'])
    assert.match(res.text, new RegExp(`id="${id}-err"`), id);
  res = cgi('setup', post(tok, { code: 'AAAAA-AAAAA-AAAAA-AAAAA', confirm: 'a different password' }));
  assert.match(res.text, /The two passwords differ/);
  // A forged post without the token.
  res = cgi('setup', { ...post(tok, { code: 'AAAAA-AAAAA-AAAAA-AAAAA' }), cookie: undefined });
  assert.equal(res.status, 403);
  assert.equal(q('SELECT COUNT(*) FROM firms'), '0');
});

test('a replaced or expired code is refused; only the hash is stored', () => {
  const first = ctl('setup-code');
  assert.equal(first.status, 0, first.stderr);
  const code1 = first.stdout.match(/setup code: ([0-9A-Z-]{23})/)[1];
  assert.equal(q('SELECT COUNT(*) FROM setup_codes'), '1');
  assert.ok(!q('SELECT HEX(code_hash) FROM setup_codes').includes(code1.replace(/-/g, '')));
  const code2 = ctl('setup-code').stdout.match(/setup code: ([0-9A-Z-]{23})/)[1];
  assert.notEqual(code1, code2);
  const tok = formToken();
  assert.equal(cgi('setup', post(tok, { code: code1 })).status, 400, 'replaced');
  q('UPDATE setup_codes SET expires_at = NOW(6) - INTERVAL 1 SECOND');
  assert.equal(cgi('setup', post(tok, { code: code2 })).status, 400, 'expired');
  assert.equal(q('SELECT COUNT(*) FROM firms'), '0');
});

test('setups at once with one code: exactly one firm; then the page is gone and no code is given', async () => {
  const code = ctl('setup-code').stdout.match(/setup code: ([0-9A-Z-]{23})/)[1];
  const tok = formToken();
  // Typed loosely (lower case, no dashes) by one of them: the same code.
  const loose = code.toLowerCase().replace(/-/g, ' ');
  const res = await Promise.all([0, 1, 2, 3].map((i) => cgiAsync('setup', post(tok, {
    code: i === 3 ? loose : code, slug: `first-${R}-${i}`, email: `admin${i}@first-${R}.test`, firm: `Racer ${i} LLP` }))));
  const statuses = res.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 303).length, 1, `one setup wins: ${statuses}`);
  assert.ok(statuses.every((s) => [303, 400, 404].includes(s)), `the others are refused: ${statuses}`);
  assert.equal(q('SELECT COUNT(*) FROM firms'), '1');
  assert.equal(q('SELECT COUNT(*) FROM users'), '1');
  assert.equal(q("SELECT CONCAT(role, '|', email) FROM users"), `admin|admin${statuses.indexOf(303)}@first-${R}.test`);
  assert.equal(q('SELECT time_zone FROM firms'), 'Europe/London');
  assert.equal(q("SELECT COUNT(*) FROM audit_log WHERE action = 'firm_setup'"), '1');
  // The winner is signed in, on the settings page that says so.
  const won = res[statuses.indexOf(303)];
  assert.equal(won.headers.location, '/settings?notice=setup');
  const sid = won.cookies.find((c) => /sid=/.test(c));
  const settings = cgi('settings', { uri: '/settings?notice=setup', cookie: sid });
  assert.equal(settings.status, 200);
  assert.match(settings.text, /Your firm is set up and you are signed in/);

  // Gone: GET and POST, even with the code (used, or a valid-looking one).
  assert.equal(cgi('setup', { uri: '/setup' }).status, 404);
  assert.equal(cgi('setup', post(tok, { code, slug: `late-${R}` })).status, 404);
  const again = ctl('setup-code');
  assert.equal(again.status, 1);
  assert.match(again.stderr, /a firm exists already/);
  // A code slipped into the table by hand does not bring the page back.
  q(`UPDATE setup_codes SET used_at = NULL, expires_at = NOW(6) + INTERVAL 1 HOUR`);
  assert.equal(cgi('setup', post(tok, { code, slug: `late-${R}` })).status, 404);
  assert.equal(q('SELECT COUNT(*) FROM firms'), '1');
  // The start page is the sign-in form now.
  const start = cgi('auth_login', { uri: '/' });
  assert.equal(start.status, 200);
  assert.match(start.text, /Sign in/);
});
