// Shared hosting for real: Debian's Apache 2.4 with mod_cgid serves the
// programs as plain CGI from the layout docs/install.md describes
// (bin/cgi-layout), through the project's own .htaccess files.  The
// journey a firm makes there: sign in, open a matter's portal, send a
// message with an attachment, upload in Documents and download; once more
// under mod_fcgid.  Also: store and tmp, bodies over the limits, paths with
// dot segments, the programs' own rate limits, and a server that runs no
// CGI or ignores .htaccess.  The same journey in a browser:
// tests/browser/apache.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, csrfOf, postForm, sql, stack, cgiEnv, APACHE, APACHE_APP, APACHE_WEB, ROOT, VAR } from './helpers.mjs';
import { ownMatter } from './apache-journey.mjs';

before(() => stack('apache-start'));
after(() => stack('apache-stop'));

async function admin() {
  const c = new Client(APACHE);
  const res = await c.signIn('admin@demo.test', 'demo-admin-pass');
  assert.equal(res.status, 303, `sign-in through Apache: ${res.status} ${res.text.slice(0, 200)}`);
  return c;
}

// The journey of a firm's user; number names the matter it makes.
async function journey(number) {
  const mid = ownMatter(number);
  const c = await admin();
  const list = await c.get('/matters');
  assert.equal(list.status, 200);
  const portal = await c.get(`/matters/${mid}/portal`);
  assert.equal(portal.status, 200);
  assert.match(portal.text, /Go to client portal/);
  const open = await postForm(c, `/matters/${mid}/portal`, `/matters/${mid}/portal/action`, { op: 'open' });
  assert.equal(open.status, 303, open.text.slice(0, 300));

  const lease = Buffer.from('%PDF-1.4\nhosted lease\n%%EOF\n');
  const sent = await postForm(c, `/matters/${mid}/portal`, `/matters/${mid}/portal/action`,
    { op: 'send', body: 'Sent through Apache.' }, [['Hosted lease.pdf', lease]]);
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  assert.match((await c.get(`/matters/${mid}/portal`)).text, /Sent through Apache\./);

  const page = await c.get(`/matters/${mid}/documents`);
  assert.equal(page.status, 200);
  const form = new FormData();
  form.append('csrf', csrfOf(page.text));
  form.append('folder', '0');
  const brief = Buffer.from('a brief uploaded through Apache\n');
  form.append('file', new Blob([brief]), 'hosted-brief.txt');
  const up = await fetch(`${APACHE}/matters/${mid}/documents/upload`,
    { method: 'POST', body: form, headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  assert.equal(up.status, 303, await up.text());
  const [id, key] = sql(`SELECT CONCAT_WS('|', d.id, d.storage_key) FROM documents d JOIN matters m ON m.id = d.matter_id
    WHERE m.id = ${mid} AND d.name = 'hosted-brief.txt'`).split('|');
  const dl = await fetch(`${APACHE}/documents/${id}/download`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition'), /^attachment/);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), brief);
  const att = sql(`SELECT d.id FROM documents d WHERE d.matter_id = ${mid} AND d.name = 'Hosted lease.pdf'`);
  const dl2 = await fetch(`${APACHE}/documents/${att}/download`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(dl2.status, 200);
  assert.deepEqual(Buffer.from(await dl2.arrayBuffer()), lease);

  // The files are in the app's store (beside its config), outside the web root.
  const stored = fs.readdirSync(path.join(APACHE_APP, 'store'), { recursive: true });
  assert.ok(stored.some((f) => f.endsWith(key)), `${key} in the app's store`);
  assert.ok(!fs.readdirSync(APACHE_WEB, { recursive: true }).some((f) => f.includes(key)));
}

test('sign in, open the portal, send with an attachment, upload and download: all through Apache CGI', async () => {
  await journey(`AP-${process.pid}`);
});

// ---- store and tmp: made by Vellum, refused where a server could serve them ----

// Runs a program as plain CGI with config text of its own (beside it: the
// default store and tmp go there), and the given DOCUMENT_ROOT.
function cgiWith(dir, confExtra, docroot) {
  const base = fs.readFileSync(process.env.VELLUM_CONF, 'utf8').split('\n')
    .filter((l) => !/^(store|tmp) =/.test(l)).join('\n');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'vellum.conf');
  fs.writeFileSync(conf, `${base}\n${confExtra}\n`, { mode: 0o600 });
  const r = spawnSync(path.join(ROOT, 'build/cgi-bin/auth_login'), [], {
    env: cgiEnv({ uri: '/login', env: { VELLUM_CONF: conf, ...(docroot ? { DOCUMENT_ROOT: docroot } : {}) } }),
    encoding: 'utf8', timeout: 20000 });
  return { out: r.stdout, log: r.stderr };
}

test('store and tmp are made (0700) beside the config on first use, and by vellumctl migrate', () => {
  for (const d of ['store', 'tmp']) {
    const st = fs.statSync(path.join(APACHE_APP, d));
    assert.ok(st.isDirectory());
    assert.equal(st.mode & 0o777, 0o700, `${d} is 0700`);
  }
  const dir = fs.mkdtempSync(path.join(VAR, 'dirs-'));
  const first = cgiWith(path.join(dir, 'app'), '');
  assert.match(first.out, /^Status: 200|Content-Type: text\/html/m);
  assert.equal(fs.statSync(path.join(dir, 'app/store')).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(dir, 'app/tmp')).mode & 0o777, 0o700);
  // migrate makes them too (nothing to apply: the schema is current).
  const conf = path.join(dir, 'app/vellum.conf');
  fs.appendFileSync(conf, `store = ${dir}/m-store\ntmp = ${dir}/m-tmp\n`);
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['migrate', path.join(ROOT, 'sql')],
    { env: { ...process.env, VELLUM_CONF: conf }, stdio: 'pipe' });
  assert.equal(fs.statSync(`${dir}/m-store`).mode & 0o777, 0o700);
  assert.equal(fs.statSync(`${dir}/m-tmp`).mode & 0o777, 0o700);
});

test('a program refuses to start with store, tmp or its config under the web root, or store and tmp apart', () => {
  const dir = fs.mkdtempSync(path.join(VAR, 'unsafe-'));
  const web = path.join(dir, 'public_html');
  fs.mkdirSync(web);
  const cases = [
    [path.join(dir, 'a'), `store = ${web}/store`, /store \(.*\) is inside the web root/],
    [path.join(dir, 'b'), `tmp = ${web}/cgi-bin/var/tmp`, /cannot create|inside the web root/],
    [path.join(web, 'conf'), '', /inside the web root/],
  ];
  fs.mkdirSync(`${web}/cgi-bin/var`, { recursive: true });
  cases[1][2] = /tmp \(.*\) is inside the web root/;
  if (fs.statSync('/dev/shm', { throwIfNoEntry: false })?.dev !== fs.statSync(dir).dev)
    cases.push([path.join(dir, 'c'), `tmp = /dev/shm/vellum-test-${process.pid}`, /different file systems/]);
  for (const [app, extra, why] of cases) {
    const r = cgiWith(app, extra, web);
    assert.match(r.out, /^Status: 500/, `${extra || app}: refused`);
    assert.match(r.out, /not set up safely/);
    assert.doesNotMatch(r.out, /<form/);
    assert.match(r.log, why, r.log);
  }
  fs.rmSync(`/dev/shm/vellum-test-${process.pid}`, { recursive: true, force: true });
});

// ---- requests as sent: bodies over the limits, paths with dot segments ----

// One request over a fresh connection, with the path exactly as given (fetch
// would normalise /a/../b) and body written whole (or only declared).
function raw(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: new URL(APACHE).port, path: url, method,
      headers: { connection: 'close', ...headers }, agent: false });
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`${method} ${url}: no answer in 30 s`)); }, 30000);
    req.on('response', (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(parts).toString() }); });
      res.on('error', (e) => { clearTimeout(timer); reject(e); });
    });
    // The server may answer before the body is all sent; its answer counts.
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    if (body !== undefined) req.end(body);
    else req.flushHeaders();
  });
}

test('an oversized body gets a whole 413 page from Apache CGI, every time', async () => {
  const big = 'a='.concat('x'.repeat(2 * 1024 * 1024));
  for (let i = 0; i < 3; i++) {
    const res = await raw('POST', '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    assert.equal(res.status, 413);
    assert.match(res.text, /<title>413 Payload Too Large · Vellum<\/title>/);
    assert.match(res.text, /<\/html>\s*$/, 'the page arrives whole');
    assert.match(res.headers['content-security-policy'], /default-src 'none'/);
  }
  // A stranger's 5 MB upload is refused unread (403), the answer whole too.
  const form = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n'),
    Buffer.alloc(5 * 1024 * 1024, 0x61), Buffer.from('\r\n--b--\r\n')]);
  const up = await raw('POST', '/matters/1/documents/upload', { headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: form });
  assert.equal(up.status, 403);
  assert.match(up.text, /<\/html>\s*$/);
  // Over Apache's LimitRequestBody (101 MB): Apache's own 413, as Vellum's page.
  const huge = await raw('POST', '/matters/1/documents/upload', { headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(200 * 1024 * 1024) } });
  assert.equal(huge.status, 413);
  assert.match(huge.text, /<title>Too large · Vellum<\/title>/);
  assert.match(huge.headers['content-security-policy'], /default-src 'none'/);
  assert.equal(huge.headers['x-content-type-options'], 'nosniff');
});

test('the browser\'s icon at /favicon.ico is the static file under Apache too', async () => {
  const res = await raw('GET', '/favicon.ico');
  assert.equal(res.status, 200);
  assert.equal(res.text.slice(0, 4), '\0\0\x01\0', 'an ICO file');
});

test('a path with dot segments or an encoded slash is refused: Apache routes /matters/B/../A as A, the program must not show B', async () => {
  const c = await admin();
  const [a, b] = ['2026-0001', '2026-0002'].map((n) => sql(`SELECT m.id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = 'demo' AND m.number = '${n}'`));
  const bDesc = sql(`SELECT description FROM matters WHERE id = ${b}`);
  const cookie = c.cookieHeader();
  assert.match((await raw('GET', `/matters/${b}`, { headers: { cookie } })).text, new RegExp(bDesc), 'B itself shows');
  // Apache itself answers an encoded slash with its 404 (AllowEncodedSlashes
  // is Off by default, and routes never match one); the program refuses
  // whatever reaches it.
  for (const p of [`/matters/${b}/../${a}`, `/matters/${b}/%2e%2e/${a}`, `/matters/${b}/%2E./${a}`,
    `/matters/${b}/./../${a}`, `/matters/${b}/.%2e/${a}/portal`, `/matters/${b}%2f..%2f${a}`,
    `/matters/${b}%2F..%2F${a}`, `/matters/${a}%2fdocuments`]) {
    const res = await raw('GET', p, { headers: { cookie } });
    assert.ok(res.status === 400 || res.status === 404, `${p}: ${res.status}`);
    assert.doesNotMatch(res.text, new RegExp(bDesc), `${p} shows B`);
  }
  // The same program run as plain CGI, as any server would run it.
  for (const uri of [`/matters/${b}/../${a}`, `/matters/${b}/%2e%2E/${a}`, `/matters/${b}%2f..%2f${a}`,
    `/matters/${b}%2F..%2F${a}`]) {
    const r = spawnSync(path.join(ROOT, 'build/cgi-bin/matter_show'), [],
      { env: cgiEnv({ uri, cookie }), encoding: 'utf8', timeout: 20000 });
    assert.match(r.stdout, /^Status: 400/, uri);
    assert.doesNotMatch(r.stdout, new RegExp(bDesc));
  }
  // Dots in the query are not the path's.
  const ok = spawnSync(path.join(ROOT, 'build/cgi-bin/matter_show'), [],
    { env: cgiEnv({ uri: `/matters/${b}?x=..`, cookie }), encoding: 'utf8', timeout: 20000 });
  assert.match(ok.stdout, new RegExp(bDesc));
});

// ---- rate limits without nginx: counted by the programs, per address ----

// The Apache's programs read their config on every request: a low limit
// for this test only, put back after.
function appLimit(lines) {
  const conf = path.join(APACHE_APP, 'vellum.conf');
  const base = fs.readFileSync(conf, 'utf8').split('\n').filter((l) => !/^auth_(limit|window) =/.test(l)).join('\n');
  fs.writeFileSync(conf, `${base.trimEnd()}\n${lines}`);
}

test('sign-in, reset requests and links are limited per address by the programs themselves (429), zone by zone', async () => {
  sql('DELETE FROM rate_limit');
  appLimit('auth_limit = 4\nauth_window = 600\n');
  try {
    const c = new Client(APACHE);
    const token = 'A'.repeat(43);
    const zones = [
      ['sign-in', async () => c.submit('/login', '/login', { email: 'nobody@nowhere.test', password: 'wrong-password-1' }),
        async () => c.submit('/portal/login?firm=demo', '/portal/login?firm=demo', { email: 'nobody@nowhere.test', password: 'x' })],
      ['reset', async () => c.submit('/forgot', '/forgot', { email: 'nobody@nowhere.test' }),
        async () => c.submit('/portal/forgot?firm=demo', '/portal/forgot', { firm: 'demo', email: 'nobody@nowhere.test' })],
      ['link', async () => c.submit('/login', '/reset', { token, password: 'a-long-password-1', confirm: 'a-long-password-1' }),
        async () => c.submit('/login', '/portal/invite', { token, password: 'a-long-password-1', confirm: 'a-long-password-1' }),
        async () => c.submit('/login', '/join', { token, name: 'X', password: 'a-long-password-1', confirm: 'a-long-password-1' })],
    ];
    for (const [zone, first, ...others] of zones) {
      for (let i = 0; i < 4; i++) {
        const res = await first();
        assert.notEqual(res.status, 429, `${zone} #${i + 1} is under the limit`);
        assert.ok(res.status < 500, `${zone} #${i + 1}: ${res.status}`);
      }
      const over = await first();
      assert.equal(over.status, 429, `${zone} #5 is over the limit`);
      assert.match(over.text, /Too many attempts from your address/);
      // The other pages of the zone share its count.
      for (const other of others) assert.equal((await other()).status, 429, `${zone}: the zone's other page`);
    }
    // The right password too: the address is paused, not the guess.
    const admin = await new Client(APACHE).signIn('admin@demo.test', 'demo-admin-pass');
    assert.equal(admin.status, 429);
    assert.equal(sql("SELECT hits FROM rate_limit WHERE zone = 'signin' AND addr = '127.0.0.1'"), '4');
    // Another address is not paused by this one (the same program as CGI).
    const env = (extra) => cgiEnv({ remote: '127.0.0.9', env: { VELLUM_CONF: path.join(APACHE_APP, 'vellum.conf') }, ...extra });
    const run = (extra, input) => spawnSync(path.join(ROOT, 'build/cgi-bin/auth_login'), [],
      { env: env(extra), input, encoding: 'utf8', timeout: 20000 }).stdout;
    const form = run({ uri: '/login' });
    const pre = form.match(/Set-Cookie: (__Host-pre=[^;]+)/)[1];
    const body = new URLSearchParams({ csrf: csrfOf(form), email: 'admin@demo.test', password: 'demo-admin-pass' }).toString();
    const other = run({ method: 'POST', uri: '/login', body, type: 'application/x-www-form-urlencoded', cookie: pre }, body);
    assert.match(other, /^Status: 303/m, 'another address signs in');
    // A window that has run out starts again.
    sql("UPDATE rate_limit SET since = since - INTERVAL 601 SECOND WHERE addr = '127.0.0.1'");
    assert.equal((await new Client(APACHE).signIn('admin@demo.test', 'demo-admin-pass')).status, 303);
  } finally {
    appLimit('');
    sql('DELETE FROM rate_limit');
  }
});

// ---- docs/install.md says what this file does ----

test("docs/install.md's shared-hosting section is what these tests run", () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/install.md'), 'utf8');
  const blocks = [...doc.matchAll(/```apache\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.deepEqual(blocks, [fs.readFileSync(path.join(ROOT, 'apache/htaccess'), 'utf8'),
    fs.readFileSync(path.join(ROOT, 'apache/cgi-bin.htaccess'), 'utf8')], 'the .htaccess files, whole');
  const stackSh = fs.readFileSync(path.join(ROOT, 'bin/stack'), 'utf8');
  const override = stackSh.match(/^APACHE_OVERRIDE="(.*)"$/m)[1];
  assert.ok(doc.includes(`    AllowOverride ${override}\n`), 'the AllowOverride classes the test server grants');
  const modules = [...stackSh.matchAll(/LoadModule (\w+)_module/g)].map((m) => m[1])
    .filter((m) => !['mpm_event', 'autoindex'].includes(m));
  for (const m of modules) assert.match(doc, new RegExp(`\`${m}\``), `module ${m} is named`);
  for (const line of stackSh.match(/^(FcgidInitialEnv|FcgidMaxRequestLen) .*$/gm))
    assert.ok(doc.includes(`    ${line.replace('$app', '/home/firm/vellum')}\n`), `mod_fcgid's ${line}`);
  assert.match(doc, /bin\/cgi-layout \/home\/firm\/vellum \/home\/firm\/public_html/);
  assert.match(stackSh, /"\$ROOT\/bin\/cgi-layout" "\$app" "\$web"/, 'the test lays out with the same script');
  assert.match(doc, /^    \* \* \* \* \* VELLUM_CONF=\/home\/firm\/vellum\/vellum\.conf \/home\/firm\/vellum\/bin\/mailer -1$/m);
  assert.ok(fs.existsSync(path.join(APACHE_APP, 'bin/mailer')), 'the mailer is where the cron line says');
  // Every library the build needs is in the build's package list.
  const debs = stackSh.match(/DEBS="([^"]*)"/)[1].split(/\s+/).filter((p) => /-dev$/.test(p) && !/cmocka|clang/.test(p));
  const build = doc.match(/apt-get install gcc(?:[^\n\\]|\\\n)*/)[0];
  for (const p of debs) assert.match(build, new RegExp(`\\b${p.replace(/[.+]/g, '\\$&')}\\b`), `${p} in the build's apt-get line`);
});

test('the same journey under Apache with mod_fcgid: the programs stay up and serve FastCGI', async () => {
  stack('apache-start', 'fcgid');
  await journey(`APF-${process.pid}`);
  // Persistent processes, as the server's user, from the app's cgi-bin.
  const procs = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
    .filter((l) => l.startsWith(path.join(APACHE_APP, 'cgi-bin/')));
  assert.ok(procs.some((l) => l.includes('/docs_upload ')), 'docs_upload runs persistently');
});

// ---- fail closed: a server that will not run CGI or ignores .htaccess ----

const programs = execFileSync(path.join(ROOT, 'bin/routes'), ['programs'], { encoding: 'utf8' }).trim().split('\n');

// Everything a visitor might ask for: each program's file, each route's
// path, the directories, and where the app's own files would be if they
// were in the web root.
const probes = [
  '/', '/login', '/matters', '/portal/login', '/cgi-bin/', '/cgi-bin/.htaccess', '/.htaccess',
  ...programs.map((p) => `/cgi-bin/${p}`),
  '/templates/', '/templates/login.tpl', '/sql/', '/sql/001_init.sql', '/vellum.conf', '/store/', '/tmp/',
  '/bin/', '/bin/vellumctl', '/static/', '/static/logos/', '/home/vellum/vellum.conf',
];

const get = (url) => fetch(APACHE + url, { redirect: 'manual' });

async function nothingServed(what) {
  for (const url of probes) {
    const res = await get(url);
    const body = Buffer.from(await res.arrayBuffer());
    const text = body.toString('latin1');
    const where = `${what}: ${url} (${res.status})`;
    assert.ok(!text.startsWith('\x7fELF'), `${where} is a binary`);
    assert.ok(!text.includes('#!'), `${where} shows a program's path`);
    assert.doesNotMatch(text, /AUTOESCAPE|db_password|secret =|CREATE TABLE|Index of|vellum\.conf/, where);
    if (url.startsWith('/cgi-bin/') && url !== '/cgi-bin/')
      assert.ok(res.status === 403 || res.status === 404, `${where}: refused`);
    // A page answers only where the "not configured" page stands in for a listing.
    if (res.status === 200)
      assert.match(text, /This portal is not configured yet/, where);
  }
}

test('without a CGI module in Apache, nothing of Vellum is served or listed', async () => {
  stack('apache-start', 'nocgi');
  await nothingServed('no mod_cgid');
});

test('with .htaccess ignored (AllowOverride None), nothing of Vellum is served or listed', async () => {
  stack('apache-start', 'cgid', 'None');
  await nothingServed('AllowOverride None');
  const root = await get('/');
  assert.match(await root.text(), /This portal is not configured yet/);
});
