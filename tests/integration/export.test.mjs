// A firm's export and import: the demo firm round-trips through a fresh
// database (export, import, export again: the same archive, file for file),
// its people sign in there with their own passwords and a document
// downloads; an install with firms, a taken slug and a tampered archive are
// refused with nothing left behind.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, clientOnMatter, demoAdmin, postForm, sql } from './helpers.mjs';

const CTL = path.join(ROOT, 'build/bin/vellumctl');
const R = Date.now().toString(36);
const DIR = path.join(VAR, `export-${R}`);
const DB = `vellum_rt_${R}`;
fs.mkdirSync(DIR, { recursive: true });

// SQL as the database's administrator (over the socket), on no database.
function root(query) {
  const user = execFileSync('id', ['-un']).toString().trim();
  return execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', user, '-N', '-B',
    '-e', query]).toString().trim();
}

// A fresh, migrated database with its own store, and a configuration for it.
function freshInstall(name) {
  root(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;` +
    ` GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES, DROP, TRIGGER ON ${DB}.* TO 'vellum'@'localhost'`);
  const store = path.join(DIR, `${name}-store`), tmp = path.join(DIR, `${name}-tmp`);
  fs.rmSync(store, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const conf = fs.readFileSync(process.env.VELLUM_CONF, 'utf8')
    .replace(/^db_name = .*$/m, `db_name = ${DB}`).replace(/^store = .*$/m, `store = ${store}`)
    .replace(/^tmp = .*$/m, `tmp = ${tmp}`);
  const file = path.join(DIR, `${name}.conf`);
  fs.writeFileSync(file, conf);
  ctl(file, ['migrate']);
  return { conf: file, store };
}

function ctl(conf, args, ok = true) {
  const r = spawnSync(CTL, ['-c', conf, ...args], { encoding: 'utf8' });
  if (ok) assert.equal(r.status, 0, `vellumctl ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return { status: r.status, out: r.stdout + r.stderr };
}

// The archive's files, by name, as bytes.
function unpack(archive) {
  const to = fs.mkdtempSync(path.join(DIR, 'x-'));
  execFileSync('tar', ['xf', archive, '-C', to]);
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out[path.relative(to, p)] = fs.readFileSync(p);
    }
  };
  walk(to);
  return out;
}

// A program of the restored install, run as plain CGI (as shared hosting
// runs it), with that install's configuration.
function cgi(conf, prog, opts) {
  const e = cgiEnv({ ...opts, env: { VELLUM_CONF: conf, HTTP_SEC_FETCH_SITE: 'same-origin' } });
  const r = spawnSync(path.join(ROOT, 'build/cgi-bin', prog), [], { env: e, input: opts.body || '' });
  const raw = r.stdout.toString('latin1');
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const cookies = [...head.matchAll(/^Set-Cookie: ([^;]+)/gmi)].map((m) => m[1]);
  const status = Number((head.match(/^Status: (\d+)/mi) || [0, 200])[1]);
  return { status, cookies, head, body: r.stdout.subarray(Buffer.byteLength(raw.slice(0, split + 4), 'latin1')) };
}

after(() => {
  root(`DROP DATABASE IF EXISTS ${DB}`);
  fs.rmSync(DIR, { recursive: true, force: true });
});

test('the demo firm round-trips: same archive again, the chain intact, sign-in and a download work', async () => {
  // Something of every kind: a client, a document shared and opened, messages.
  const bytes = Buffer.from(`the bytes of a brief ${R}\n\u00e9\u4e2d\x00\xff`, 'latin1');
  const { mid, client } = await clientOnMatter({ name: `Rory ${R}`, email: `rory.${R}@export.test`,
    number: `EXP-${R}`, password: 'rory export password' });
  const admin = await demoAdmin();
  assert.equal((await postForm(admin, `/matters/${mid}/documents`, `/matters/${mid}/documents/upload`,
    { folder: '0' }, [[`brief-${R}.bin`, bytes]])).status, 303);
  const doc = sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = 'brief-${R}.bin'`);
  assert.equal((await postForm(admin, `/matters/${mid}/portal`, `/matters/${mid}/portal/action`,
    { op: 'share', document: doc })).status, 303);
  assert.equal((await client.get(`/portal/documents/${doc}`)).status, 200);

  const a = path.join(DIR, 'a.tar');
  const exp = ctl(process.env.VELLUM_CONF, ['export', '--firm', 'demo', '--out', a]);
  assert.match(exp.out, /^exported demo: 18 table\(s\), \d+ row\(s\), \d+ file\(s\)/);
  assert.equal(fs.statSync(a).mode & 0o777, 0o600, 'the archive is its owner\'s only');
  assert.ok(!fs.existsSync(`${a}.part`));
  const listing = execFileSync('tar', ['tf', a], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(listing[0], 'vellum-export/manifest.json');
  const key = sql(`SELECT storage_key FROM documents WHERE id = ${doc}`);
  assert.ok(listing.includes(`vellum-export/files/${key}`));
  const A = unpack(a);
  const manifest = JSON.parse(A['vellum-export/manifest.json']);
  assert.equal(manifest.format, 'vellum-export');
  assert.equal(manifest.slug, 'demo');
  assert.deepEqual(Buffer.compare(A[`vellum-export/files/${key}`], bytes), 0);
  const users = JSON.parse(A['vellum-export/users.json']);
  assert.ok(users.every((u) => /^\$argon2id\$/.test(u.pw_hash)), 'password hashes travel');
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  for (const [name, text] of Object.entries(A).filter(([n]) => n.endsWith('.json') && !n.endsWith('manifest.json'))) {
    for (const row of JSON.parse(text))
      assert.equal(String(row.firm_id ?? row.id), firmId, `${name}: only the firm's rows`);
  }
  assert.equal(JSON.parse(A['vellum-export/documents.json']).length,
    Number(sql(`SELECT COUNT(*) FROM documents WHERE firm_id = ${firmId}`)));
  // The export itself is on the record.
  assert.equal(sql(`SELECT action FROM audit_log WHERE firm_id = ${firmId} ORDER BY id DESC LIMIT 1`), 'firm_exported');

  // Into a fresh install, and out again: the same archive, file for file.
  const fresh = freshInstall('rt');
  const imp = ctl(fresh.conf, ['import', '--in', a]);
  assert.match(imp.out, /^imported 18 table\(s\), \d+ row\(s\), \d+ file\(s\)/);
  assert.match(ctl(fresh.conf, ['audit', 'verify']).out, /^demo: chain intact/);
  const b = path.join(DIR, 'b.tar');
  ctl(fresh.conf, ['export', '--firm', 'demo', '--out', b]);
  const B = unpack(b);
  assert.deepEqual(Object.keys(B).sort(), Object.keys(A).sort());
  for (const name of Object.keys(A))
    assert.equal(Buffer.compare(A[name], B[name]), 0, `${name} differs after the round trip`);
  // Ids are kept: the same document id downloads the same bytes, for the
  // firm's admin signed in with the password they had.
  const login = cgi(fresh.conf, 'auth_login', { uri: '/login' });
  const pre = login.cookies.find((c) => c.startsWith('__Host-pre='));
  const csrf = login.body.toString().match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const body = `csrf=${csrf}&email=admin%40demo.test&password=demo-admin-pass`;
  const signin = cgi(fresh.conf, 'auth_login', { method: 'POST', uri: '/login', body,
    type: 'application/x-www-form-urlencoded', cookie: pre });
  assert.equal(signin.status, 303);
  const sid = signin.cookies.find((c) => c.startsWith('__Host-sid='));
  const dl = cgi(fresh.conf, 'docs_download', { uri: `/documents/${doc}/download`, cookie: sid });
  assert.equal(dl.status, 200, dl.head);
  assert.equal(Buffer.compare(dl.body, bytes), 0, 'the document\'s bytes after the import');
  // The client too signs in with their own password there.
  const cl = cgi(fresh.conf, 'client_login', { uri: '/portal/login?firm=demo' });
  const ccsrf = cl.body.toString().match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const cpre = cl.cookies.find((c) => c.startsWith('__Host-pre='));
  const csign = cgi(fresh.conf, 'client_login', { method: 'POST', uri: '/portal/login?firm=demo',
    body: `csrf=${ccsrf}&email=rory.${R}%40export.test&password=rory+export+password`,
    type: 'application/x-www-form-urlencoded', cookie: cpre });
  assert.equal(csign.status, 303, csign.head);
  const cid = csign.cookies.find((c) => c.startsWith('__Host-cid='));
  const cdl = cgi(fresh.conf, 'client_download', { uri: `/portal/documents/${doc}`, cookie: cid });
  assert.equal(cdl.status, 200, cdl.head);
  assert.equal(Buffer.compare(cdl.body, bytes), 0);

  // Refused: the same archive again (the slug exists), and into the test
  // install itself (it has firms).
  const again = ctl(fresh.conf, ['import', '--in', a], false);
  assert.equal(again.status, 1);
  assert.match(again.out, /a firm with slug "demo" exists already/);
  const busy = ctl(process.env.VELLUM_CONF, ['import', '--in', a], false);
  assert.equal(busy.status, 1);
  assert.match(busy.out, /exists already|has firms already/);
});

test('a tampered or foreign archive is refused, nothing left behind', async () => {
  const a = path.join(DIR, 'a.tar');
  if (!fs.existsSync(a)) ctl(process.env.VELLUM_CONF, ['export', '--firm', 'demo', '--out', a]);
  const A = unpack(a);
  // Repack with a change, as tar's own ustar writer makes it.
  const repack = (name, change) => {
    const d = fs.mkdtempSync(path.join(DIR, 'r-'));
    for (const [n, bytes] of Object.entries(A)) {
      fs.mkdirSync(path.dirname(path.join(d, n)), { recursive: true });
      fs.writeFileSync(path.join(d, n), bytes);
    }
    change(d);
    const out = path.join(DIR, `${name}.tar`);
    const all = execFileSync('find', ['vellum-export', '-type', 'f'], { cwd: d, encoding: 'utf8' }).trim().split('\n');
    const names = ['vellum-export/manifest.json', ...all.filter((n) => n !== 'vellum-export/manifest.json')];
    execFileSync('tar', ['--format=ustar', '-cf', out, '-C', d, ...names]);
    return out;
  };
  const edit = (d, table, fn) => {
    const f = path.join(d, `vellum-export/${table}.json`);
    fs.writeFileSync(f, JSON.stringify(fn(JSON.parse(fs.readFileSync(f)))));
  };
  const cases = [
    ['another firm\'s row', (d) => edit(d, 'contacts', (rows) => [...rows, { ...rows[0], id: 99999999, firm_id: 424242 }]),
      /row \d+ of contacts cannot be restored/],
    ['a row that is not an object', (d) => edit(d, 'messages', (rows) => [...rows, 42]), /row \d+ of messages/],
    ['a table that is not an array', (d) => edit(d, 'matters', () => ({ not: 'rows' })), /matters\.json is not a JSON array/],
    ['an unknown file', (d) => fs.writeFileSync(path.join(d, 'vellum-export/passwd.json'), '[]'), /not a Vellum export/],
    ['a manifest of another format', (d) => fs.writeFileSync(path.join(d, 'vellum-export/manifest.json'),
      JSON.stringify({ format: 'something', version: 1, slug: 'demo', firm_id: 1 })), /not a Vellum export/],
    ['no firms table', (d) => fs.rmSync(path.join(d, 'vellum-export/firms.json')), /not a Vellum export/],
  ];
  for (const [what, change, message] of cases) {
    const fresh = freshInstall('bad');
    const r = ctl(fresh.conf, ['import', '--in', repack('bad', change)], false);
    assert.equal(r.status, 1, `${what}: ${r.out}`);
    assert.match(r.out, message, what);
    const conn = { ...process.env, VELLUM_CONF: fresh.conf };
    assert.equal(root(`SELECT (SELECT COUNT(*) FROM ${DB}.firms) + (SELECT COUNT(*) FROM ${DB}.users) +` +
      ` (SELECT COUNT(*) FROM ${DB}.documents) + (SELECT COUNT(*) FROM ${DB}.store_pending)`), '0', `${what}: no rows`);
    const files = fs.existsSync(fresh.store) ? execFileSync('find', [fresh.store, '-type', 'f'], { env: conn, encoding: 'utf8' }).trim() : '';
    assert.equal(files, '', `${what}: no files left in the store`);
  }
  // Not an archive at all, a truncated one, and a missing file.
  const fresh = freshInstall('bad');
  fs.writeFileSync(path.join(DIR, 'junk.tar'), 'this is not a tar file at all'.repeat(40));
  assert.match(ctl(fresh.conf, ['import', '--in', path.join(DIR, 'junk.tar')], false).out, /not a Vellum export/);
  const whole = fs.readFileSync(a);
  fs.writeFileSync(path.join(DIR, 'cut.tar'), whole.subarray(0, Math.floor(whole.length / 2)));
  assert.equal(ctl(fresh.conf, ['import', '--in', path.join(DIR, 'cut.tar')], false).status, 1);
  assert.equal(root(`SELECT COUNT(*) FROM ${DB}.firms`), '0');
  assert.match(ctl(fresh.conf, ['import', '--in', path.join(DIR, 'nothing.tar')], false).out, /cannot open/);
  // Usage.
  assert.equal(ctl(fresh.conf, ['export', '--firm', 'demo'], false).status, 1);
  assert.match(ctl(fresh.conf, ['export', '--firm', 'no-such', '--out', path.join(DIR, 'n.tar')], false).out,
    /no firm has this slug/);
  assert.equal(ctl(fresh.conf, ['import'], false).status, 1);
});
