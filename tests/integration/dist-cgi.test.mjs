// The dist-cgi tarball, installed as docs/install.md's "Installing from the
// dist-cgi tarball" says, word for word: `make dist-cgi` (once per run; it
// only relinks what changed), the section's commands run with a directory
// of this run for /home/firm, then checks on what was unpacked (every
// program loads nothing but the shipped files, the C library and its
// loader included, and runs in a root that holds only the tarball; every
// shipped library has its licence), then the portal's journey in a browser
// through Apache CGI from that install, on the test stack's MariaDB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { APACHE, ROOT, VAR, sql } from './helpers.mjs';
import { browserJourney, launchBrowser } from './apache-journey.mjs';

const HOME = path.join(VAR, 'dist-home');
const APP = path.join(HOME, 'vellum'), WEB = path.join(HOME, 'public_html');
// The tarball's own loader, which starts every program.
const LOADER = path.join(APP, 'lib/ld-linux-x86-64.so.2');
let tarball, browser, buildMs;

const doc = fs.readFileSync(path.join(ROOT, 'docs/install.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Installing from the dist-cgi tarball'));
const steps = [...section.slice(0, section.indexOf('\n## ', 10) > 0 ? section.indexOf('\n## ', 10) : undefined)
  .matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

// One block of the section, as a shell runs it, with this run's paths.
function run(block) {
  const version = path.basename(tarball).replace(/^vellum-cgi-|\.tar\.gz$/g, '');
  const script = block.replaceAll('/home/firm', HOME).replaceAll('VERSION', version);
  const env = { ...process.env };
  delete env.VELLUM_CONF;
  const r = spawnSync('sh', ['-eu', '-c', script], { env, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `${script}\n${r.stdout}${r.stderr}`);
}

function apache(...args) {
  const r = spawnSync(path.join(ROOT, 'bin/stack'), args, { encoding: 'utf8', timeout: 60000,
    env: { ...process.env, VL_APACHE_APP: APP, VL_APACHE_WEB: WEB } });
  if (r.status !== 0) throw new Error(`bin/stack ${args.join(' ')}: ${r.stderr}`);
}

before(() => {
  const t0 = Date.now();
  const out = execFileSync('make', ['-s', '--no-print-directory', 'dist-cgi'], { cwd: ROOT, encoding: 'utf8', timeout: 600000 });
  buildMs = Date.now() - t0;
  tarball = path.join(ROOT, out.trim().split('\n').pop().split(' ')[0]);
  assert.match(path.basename(tarball), /^vellum-cgi-[0-9]{8}-[0-9a-f]+\.tar\.gz$/);
  fs.rmSync(HOME, { recursive: true, force: true });
  fs.mkdirSync(HOME, { recursive: true });
  fs.copyFileSync(tarball, path.join(HOME, path.basename(tarball)));
});

after(async () => {
  if (browser) await browser.close();
  apache('apache-stop');
});

test(`docs/install.md's steps install the tarball (make dist-cgi, then the section's two blocks)`, (t) => {
  t.diagnostic(`make dist-cgi took ${buildMs} ms`);
  assert.equal(steps.length, 2, 'the section has its two blocks of commands');
  assert.ok(buildMs < 300000, `make dist-cgi took ${buildMs} ms`);
  run(steps[0]);
  // "Fill in vellum/vellum.conf": the database and secret of the test
  // stack, this Apache's address; the rest as the sample has it.
  const stackConf = Object.fromEntries(fs.readFileSync(process.env.VELLUM_CONF, 'utf8').split('\n')
    .filter((l) => /^\w+ = /.test(l)).map((l) => l.split(/ = (.*)/s).slice(0, 2)));
  const fill = { db_socket: stackConf.db_socket, db_user: stackConf.db_user, db_password: `"${stackConf.db_password}"`,
    db_name: stackConf.db_name, secret: stackConf.secret, base_url: APACHE, smtp_url: stackConf.smtp_url,
    mail_from: stackConf.mail_from, cookie_secure: stackConf.cookie_secure, auth_limit: stackConf.auth_limit };
  const conf = path.join(APP, 'vellum.conf');
  assert.equal(fs.statSync(conf).mode & 0o777, 0o600);
  const sample = fs.readFileSync(conf, 'utf8').split('\n').filter((l) => !/^(db_host|db_socket|db_user|db_password|db_name|secret|base_url|smtp_url|mail_from) =/.test(l));
  fs.writeFileSync(conf, [...sample, ...Object.entries(fill).map(([k, v]) => `${k} = ${v}`)].join('\n') + '\n');
  assert.match(fs.readFileSync(conf, 'utf8'), /^templates = templates$/m, 'the sample names its templates relatively');
  run(steps[1]);
  for (const d of ['store', 'tmp']) assert.equal(fs.statSync(path.join(APP, d)).mode & 0o777, 0o700, `${d} made by migrate`);
  // vellumctl reads the database; the mailer (its libcurl and TLS
  // libraries shipped) loads and answers: a usage line, not the loader's
  // complaint.  (Run for real it would sweep this install's store against
  // the shared test database.)  Both are wrappers that start libexec/'s
  // program through the shipped loader.
  const env = { ...process.env, VELLUM_CONF: conf };
  assert.equal(spawnSync(path.join(APP, 'bin/vellumctl'), ['mailq'], { env, encoding: 'utf8', timeout: 20000 }).status, 0);
  const mailer = spawnSync(path.join(APP, 'bin/mailer'), ['-x'], { env, encoding: 'utf8', timeout: 20000 });
  assert.match(mailer.stderr, /usage: mailer/, mailer.stderr);
  // The layout the Apache section describes.
  for (const p of fs.readdirSync(path.join(APP, 'cgi-bin'))) {
    assert.equal(fs.readFileSync(path.join(WEB, 'cgi-bin', p), 'utf8'), `#!${LOADER} ${APP}/cgi-bin/${p}\n`);
    assert.equal(fs.statSync(path.join(WEB, 'cgi-bin', p)).mode & 0o777, 0o711);
  }
  assert.match(fs.readFileSync(path.join(WEB, '.htaccess'), 'utf8'), new RegExp(`^SetEnv VELLUM_CONF ${APP}/vellum\\.conf$`, 'm'));
  const programs = execFileSync(path.join(ROOT, 'bin/routes'), ['programs'], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(fs.readdirSync(path.join(APP, 'cgi-bin')).sort(), [...new Set(programs)].sort(), 'every program shipped');
  for (const f of ['bin/vellumctl', 'bin/mailer', 'sql/001_base.sql', 'templates/login.tpl', 'share/magic.mgc'])
    assert.ok(fs.existsSync(path.join(APP, f)), f);
  assert.ok(fs.existsSync(path.join(WEB, 'static/errors/413.html')));
});

// Every ELF file of the install: the programs, vellumctl, the mailer, lib/.
const elves = () => ['cgi-bin', 'libexec', 'lib'].flatMap((d) => fs.readdirSync(path.join(APP, d)).map((f) => path.join(APP, d, f)))
  .filter((f) => fs.readFileSync(f).subarray(0, 4).toString('latin1') === '\x7fELF');

// The shipped loader's --list names a program's whole tree as the program
// finds it (its RPATH, $ORIGIN/../lib, serves the shipped libraries' own
// needs too): every file, the C library included, is the install's.
test('every program loads nothing but the shipped files, the C library and its loader included', () => {
  const files = elves().filter((f) => !f.startsWith(path.join(APP, 'lib') + '/'));
  assert.ok(files.length > 40, `${files.length} programs`);
  for (const f of files) {
    const out = execFileSync(LOADER, ['--list', f], { encoding: 'utf8' });
    assert.match(out, /^\s+libc\.so\.6 => /m, `${path.basename(f)} names the C library`);
    for (const line of out.trim().split('\n')) {
      const m = line.trim().match(/^(\S+)(?: => (\S+))?/);
      assert.ok(!/not found/.test(line), `${f}: ${line}`);
      if (m[1] === 'linux-vdso.so.1') continue;
      assert.ok(m[2] && path.resolve(APP, m[2]).startsWith(path.join(APP, 'lib') + '/'),
        `${path.basename(f)} loads ${m[1]} from ${m[2]}, outside the install`);
    }
  }
  // The host's own ldd agrees: every library it names is the install's
  // (the program's RPATH finds the shipped C library before the host's).
  for (const f of files)
    for (const line of execFileSync('ldd', [f], { encoding: 'utf8' }).trim().split('\n')) {
      const m = line.trim().match(/^(\S+) => (\S+)/);
      if (m) assert.ok(path.resolve(m[2]).startsWith(path.join(APP, 'lib') + '/'), `ldd ${path.basename(f)}: ${line.trim()}`);
    }
  // What is linked in is not asked of the host.
  for (const f of files)
    assert.doesNotMatch(execFileSync('objdump', ['-p', f], { encoding: 'utf8' }), /NEEDED\s+lib(stdc\+\+|ctemplate|fcgi|sodium|inih|jansson|magic)\b/,
      `${path.basename(f)} links a library that should be in it`);
});

// A root that holds the unpacked tarball and nothing else (a user
// namespace and chroot): the host's C library, loader and /etc are out of
// reach, so what runs there needs only the kernel.
test('the programs run in a root that holds only the tarball: no C library of the host is needed', () => {
  const jail = (args, env = {}) => spawnSync('unshare', ['-r', 'chroot', APP, '/lib/ld-linux-x86-64.so.2', ...args],
    { encoding: 'utf8', timeout: 20000, env: { PATH: process.env.PATH, ...env } });
  const ctl = jail(['/libexec/vellumctl']);
  assert.equal(ctl.status, 1, ctl.stderr);
  assert.match(ctl.stderr, /^usage: vellumctl/);
  const mailer = jail(['/libexec/mailer', '-x']);
  assert.match(mailer.stderr, /usage: mailer/, mailer.stderr);
  // A program of the portal draws its sign-in page from the tarball's
  // templates (no database is asked for it).
  const conf = 'jail.conf';
  fs.writeFileSync(path.join(APP, conf), `db_host = 127.0.0.1\ndb_user = x\ndb_password = x\ndb_name = x\nsecret = ${'0'.repeat(64)}\n` +
    'base_url = https://portal.example-law.com\ntemplates = templates\n', { mode: 0o600 });
  try {
    const page = jail(['/cgi-bin/auth_login'], { REQUEST_METHOD: 'GET', REQUEST_URI: '/login', SCRIPT_NAME: '/login',
      GATEWAY_INTERFACE: 'CGI/1.1', VELLUM_CONF: `/${conf}` });
    assert.match(page.stdout, /^Status: 200 OK\r?$/m, page.stderr);
    assert.match(page.stdout, /<form[^>]*method="post"/);
  } finally {
    fs.rmSync(path.join(APP, conf));
  }
});

// The tarball's OpenSSL never reads the host's openssl.cnf: a program
// without libcurl (OpenSSL linked in) starts it with no configuration at
// all, even with OPENSSL_CONF naming a file; one with libcurl (OpenSSL
// shared) reads the tarball's own share/openssl.cnf.  strace shows which
// files each opens; the page still reaches the database.
test("the tarball's OpenSSL reads no openssl.cnf of the host", () => {
  const conf = path.join(APP, 'vellum.conf');
  const trace = path.join(HOME, 'strace.out');
  const strace = (args, env) => {
    const r = spawnSync('strace', ['-f', '-qq', '-s', '4096', '-e', 'trace=open,openat,stat,newfstatat,access,connect', '-o', trace, ...args],
      { encoding: 'utf8', timeout: 30000, env: { PATH: process.env.PATH, ...env } });
    return { ...r, trace: fs.readFileSync(trace, 'utf8') };
  };
  const hostile = path.join(HOME, 'hostile-openssl.cnf');
  fs.writeFileSync(hostile, 'openssl_conf = init\n[init]\nproviders = p\n[p]\nnone = q\n[q]\nmodule = /nonexistent.so\nactivate = 1\n');
  const db = fs.readFileSync(conf, 'utf8').match(/^db_socket = (.*)$/m)[1];
  const page = strace([LOADER, path.join(APP, 'cgi-bin/matters_list')], { REQUEST_METHOD: 'GET', REQUEST_URI: '/matters',
    SCRIPT_NAME: '/matters', GATEWAY_INTERFACE: 'CGI/1.1', REMOTE_ADDR: '127.0.0.1', VELLUM_CONF: conf,
    HTTP_COOKIE: `__Host-sid=${'A'.repeat(43)}`, OPENSSL_CONF: hostile });
  assert.equal(page.status, 0, page.stderr);
  assert.match(page.stdout, /^Status: (302|303|401|403)/m, 'an unknown session is turned away');
  assert.ok(page.trace.includes(db), 'the program asked the database');
  assert.doesNotMatch(page.trace, /openssl\.cnf|hostile/, 'matters_list opened no OpenSSL configuration');
  assert.doesNotMatch(execFileSync('objdump', ['-p', path.join(APP, 'cgi-bin/matters_list')], { encoding: 'utf8' }),
    /NEEDED\s+lib(ssl|crypto|mariadb|gcc_s)\b/, 'Connector/C, OpenSSL and libgcc are linked in');
  // A plain-CGI request sets its session up in its statement: no SET of
  // its own, and the statement prepared and executed in one write.
  const wire = spawnSync('strace', ['-f', '-qq', '-s', '4096', '-e', 'trace=sendto', '-o', trace,
    LOADER, path.join(APP, 'cgi-bin/matters_list')], { encoding: 'utf8', timeout: 30000, env: { PATH: process.env.PATH,
    REQUEST_METHOD: 'GET', REQUEST_URI: '/matters', SCRIPT_NAME: '/matters', GATEWAY_INTERFACE: 'CGI/1.1',
    REMOTE_ADDR: '127.0.0.1', VELLUM_CONF: conf, HTTP_COOKIE: `__Host-sid=${'A'.repeat(43)}` } });
  assert.equal(wire.status, 0, wire.stderr);
  const sends = fs.readFileSync(trace, 'utf8').split('\n').filter((l) => l.includes('sendto('));
  assert.ok(!sends.some((l) => /SET time_zone/.test(l)), 'no SET round trip of its own');
  const stmts = sends.filter((l) => /SET STATEMENT time_zone = '\+00:00'.* FOR SELECT/.test(l)).length;
  assert.ok(stmts >= 1, 'the session check carries the settings');
  // The handshake's answer, one write a statement, COM_QUIT: no separate
  // prepare, no COM_STMT_CLOSE at the end.
  assert.equal(sends.length, stmts + 2, sends.join('\n'));
  const ctl = strace([path.join(APP, 'bin/vellumctl'), 'mailq'], { VELLUM_CONF: conf, OPENSSL_CONF: hostile });
  assert.equal(ctl.status, 0, ctl.stderr);
  assert.match(ctl.trace, /open(at)?\(.*\/share\/openssl\.cnf"/, "vellumctl reads the tarball's openssl.cnf");
  for (const line of ctl.trace.split('\n').filter((l) => /openssl\.cnf|hostile/.test(l)))
    assert.ok(line.includes(`${APP}/lib/../share/openssl.cnf`), `vellumctl: ${line}`);
});

test('nothing asks for a newer glibc than the one shipped; the tarball, its README and docs/install.md name it', () => {
  const versions = new Set();
  for (const f of elves())
    for (const m of execFileSync('objdump', ['-T', f], { encoding: 'utf8', maxBuffer: 64 << 20 }).matchAll(/GLIBC_([0-9][0-9.]*)/g))
      versions.add(m[1]);
  const cmp = (a, b) => { const x = a.split('.').map(Number), y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0); return 0; };
  const need = [...versions].sort(cmp).pop();
  const shipped = fs.readFileSync(path.join(APP, 'GLIBC'), 'utf8').trim();
  assert.match(execFileSync(LOADER, ['--version'], { encoding: 'utf8' }), new RegExp(`version ${shipped.replace('.', '\\.')}`));
  assert.ok(cmp(need, shipped) <= 0, `a file asks for glibc ${need}, the tarball ships ${shipped}`);
  assert.match(fs.readFileSync(path.join(APP, 'README'), 'utf8'), /Linux kernel 3\.2 or later/);
  assert.match(section, /\*\*any x86-64 Linux with a kernel\s+3\.2 or later\*\*/, 'docs/install.md says the same');
});

test('LICENSES names every component linked in or shipped, each with its copyright file', () => {
  const readme = fs.readFileSync(path.join(APP, 'LICENSES/README'), 'utf8');
  for (const a of ['libctemplate.a', 'libfcgi.a', 'libsodium.a', 'libinih.a', 'libjansson.a', 'libmagic.a', 'libstdc++.a', 'magic.mgc'])
    assert.match(readme, new RegExp(`^  ${a.replace(/[.+]/g, '\\$&')} `, 'm'), a);
  for (const so of fs.readdirSync(path.join(APP, 'lib'))) {
    const line = readme.split('\n').find((l) => l.startsWith(`  ${so} `));
    assert.ok(line, `${so} is named`);
    const file = line.trim().split(/\s+/).pop();
    assert.ok(fs.statSync(path.join(APP, file)).size > 100, `${so}: ${file}`);
  }
  assert.match(readme, /relink/);
  assert.match(readme, /libmariadb\.so\.3 /, 'Connector/C (LGPL) is shipped as a shared library');
});

test("the portal's journey in a browser through Apache CGI, from the tarball's install", async (t) => {
  apache('apache-start', 'cgid');
  browser = await launchBrowser();
  const t0 = Date.now();
  const mid = await browserJourney(browser, APACHE, `DIST-${process.pid}`);
  t.diagnostic(`the journey took ${Date.now() - t0} ms`);
  assert.ok(Date.now() - t0 < 60000, `the journey took ${Date.now() - t0} ms`);
  // The files went to this install's store, their type named by the
  // shipped libmagic database.
  const docs = sql(`SELECT CONCAT_WS('|', name, mime, storage_key) FROM documents WHERE matter_id = ${mid} ORDER BY mime`).split('\n');
  assert.equal(docs.length, 2);
  const [pdf, txt] = docs.map((l) => l.split('|'));
  assert.equal(pdf[1], 'application/pdf');
  assert.equal(txt[1], 'text/plain');
  const stored = fs.readdirSync(path.join(APP, 'store'), { recursive: true });
  for (const d of [pdf, txt]) assert.ok(stored.some((f) => f.endsWith(d[2])), `${d[0]} in the install's store`);
  // The processes Apache ran were the tarball's programs.
  const log = fs.readFileSync(path.join(VAR, 'log/apache-error.log'), 'utf8');
  assert.doesNotMatch(log.split('\n').slice(-50).join('\n'), /error while loading shared libraries|GLIBC_/);
});

test("the same journey under mod_fcgid, from the tarball's install: its programs stay up on the shipped loader", async (t) => {
  apache('apache-start', 'fcgid');
  if (!browser) browser = await launchBrowser();
  const mid = await browserJourney(browser, APACHE, `DISTF-${process.pid}`);
  assert.ok(mid > 0);
  // mod_fcgid keeps them running: each is the shipped loader running a
  // program of the install.
  const procs = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
    .filter((a) => a.startsWith(`${LOADER} ${APP}/cgi-bin/`));
  t.diagnostic(`${procs.length} FastCGI processes`);
  assert.ok(procs.length > 0, 'persistent processes started through the shipped loader');
  const log = fs.readFileSync(path.join(VAR, 'log/apache-error.log'), 'utf8');
  assert.doesNotMatch(log.split('\n').slice(-50).join('\n'), /error while loading shared libraries|GLIBC_/);
});
