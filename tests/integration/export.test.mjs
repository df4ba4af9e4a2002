// A firm's export and import: the demo firm round-trips through a fresh
// database (export, import, export again: the same archive, file for file),
// its people sign in there with their own passwords and a document
// downloads; a firm of the test's own brings back what migrations 010-012
// added (settings and logo, phones and address, a matter's responsible
// user and status, activities, a two-factor enrolment that signs in with a
// code there); under another server secret the enrolments are refused or,
// when asked, left out; an install with firms, a taken slug and a tampered
// archive are refused with nothing left behind.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, clientOnMatter, csrfOf, demoAdmin, postForm, sql } from './helpers.mjs';
import { ownFirm, png } from './workspace-helpers.mjs';

const CTL = path.join(ROOT, 'build/bin/vellumctl');
// How many tables the export carries: the lines of vl_export_tables[].
const TABLES = (fs.readFileSync(path.join(ROOT, 'lib/export.c'), 'utf8').match(/^\t\{ "[a-z_]+", STMT_EXPORT_/gm) || []).length;
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

// A fresh, migrated database with its own store, and a configuration for it
// (with secret, another server secret than the test install's).
function freshInstall(name, secret) {
  root(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;` +
    ` GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES, DROP, TRIGGER ON ${DB}.* TO 'vellum'@'localhost'`);
  const store = path.join(DIR, `${name}-store`), tmp = path.join(DIR, `${name}-tmp`);
  fs.rmSync(store, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const conf = fs.readFileSync(process.env.VELLUM_CONF, 'utf8')
    .replace(/^db_name = .*$/m, `db_name = ${DB}`).replace(/^store = .*$/m, `store = ${store}`)
    .replace(/^tmp = .*$/m, `tmp = ${tmp}`)
    .replace(/^secret = .*$/m, (line) => (secret ? `secret = ${secret}` : line));
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
  // A task done by the client and a note with its lines, both shared (and the note read).
  const T = `/matters/${mid}/tasks/edit`, N = `/matters/${mid}/notes/edit`;
  assert.equal((await admin.submit(T, T, { op: 'save', title: `Export task ${R}`, description: 'a\nb',
    due: '2026-03-04', assignee: '0', priority: 'high', share: '1', client_done: '1' })).status, 303);
  const task = sql(`SELECT id FROM tasks WHERE matter_id = ${mid} AND title = 'Export task ${R}'`);
  assert.equal((await client.submit('/portal/account', `/portal/matters/${mid}/tasks`, { op: 'done', id: task })).status, 303);
  assert.equal((await admin.submit(N, N, { op: 'save', subject: `Export note ${R}`, body: 'one\n\u00e9 two',
    date: '2026-03-05', share: '1' })).status, 303);
  const note = sql(`SELECT id FROM notes WHERE matter_id = ${mid} AND subject = 'Export note ${R}'`);
  assert.equal((await client.get(`/portal/matters/${mid}/notes/${note}`)).status, 200);

  const a = path.join(DIR, 'a.tar');
  const exp = ctl(process.env.VELLUM_CONF, ['export', '--firm', 'demo', '--out', a]);
  // as many tables as lib/export.c's vl_export_tables[] lists
  const src = fs.readFileSync(path.join(ROOT, 'lib/export.c'), 'utf8');
  const ntables = src.slice(src.indexOf('vl_export_tables[] = {'), src.indexOf('vl_export_ntables')).match(/\{ "/g).length;
  assert.match(exp.out, new RegExp(`^exported demo: ${ntables} table\\(s\\), \\d+ row\\(s\\), \\d+ file\\(s\\)`));
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
  // Password hashes travel as stored (other tests add users whose hash is
  // a placeholder that no password matches: those travel as they are).
  assert.match(users.find((u) => u.email === 'admin@demo.test').pw_hash, /^\$argon2id\$/, 'password hashes travel');
  const hashes = sql(`SELECT GROUP_CONCAT(CONCAT(id, ':', pw_hash) ORDER BY id SEPARATOR ' ') FROM users
    WHERE firm_id = (SELECT id FROM firms WHERE slug = 'demo')`);
  assert.equal(users.map((u) => `${u.id}:${u.pw_hash}`).join(' '), hashes);
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  for (const [name, text] of Object.entries(A).filter(([n]) => n.endsWith('.json') && !n.endsWith('manifest.json'))) {
    for (const row of JSON.parse(text))
      assert.equal(String(row.firm_id ?? row.id), firmId, `${name}: only the firm's rows`);
  }
  const exported = JSON.parse(A['vellum-export/tasks.json']).find((t) => t.id === Number(task));
  assert.equal(exported.title, `Export task ${R}`);
  assert.equal(exported.done_by_contact, Number(sql(`SELECT client_id FROM matters WHERE id = ${mid}`)));
  assert.equal(JSON.parse(A['vellum-export/notes.json']).find((n) => n.id === Number(note)).body, 'one\n\u00e9 two');
  assert.equal(JSON.parse(A['vellum-export/documents.json']).length,
    Number(sql(`SELECT COUNT(*) FROM documents WHERE firm_id = ${firmId}`)));
  // The export itself is on the record.
  assert.equal(sql(`SELECT action FROM audit_log WHERE firm_id = ${firmId} ORDER BY id DESC LIMIT 1`), 'firm_exported');

  // Into a fresh install, and out again: the same archive, file for file.
  const fresh = freshInstall('rt');
  const imp = ctl(fresh.conf, ['import', '--in', a]);
  assert.match(imp.out, new RegExp(`^imported ${ntables} table\\(s\\), \\d+ row\\(s\\), \\d+ file\\(s\\)`));
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

// RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits) from a base32 secret.
function totp(secret, when) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += abc.indexOf(ch).toString(2).padStart(5, '0');
  const key = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) key.push(parseInt(bits.slice(i, i + 8), 2));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(when / 30)));
  const h = crypto.createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1e6).padStart(6, '0');
}

// A firm user's sign-in on a restored install, as plain CGI: the password,
// then each code in turn on the code page until one passes.  Returns
// { first (the password's answer), steps (each code's status), sid }.
function cgiSignIn(conf, email, password, codes = []) {
  const jar = new Map();
  const keep = (r) => {
    for (const c of r.cookies) { const i = c.indexOf('='); jar.set(c.slice(0, i), c.slice(i + 1)); }
    return r;
  };
  const cookie = () => [...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ');
  const form = 'application/x-www-form-urlencoded';
  const page = keep(cgi(conf, 'auth_login', { uri: '/login' }));
  const first = keep(cgi(conf, 'auth_login', { method: 'POST', uri: '/login', type: form, cookie: cookie(),
    body: `csrf=${csrfOf(page.body.toString())}&email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}` }));
  const steps = [];
  for (const code of codes) {
    if (jar.get('__Host-sid')) break;
    const p = keep(cgi(conf, 'auth_code', { uri: '/login/code', cookie: cookie() }));
    const r = keep(cgi(conf, 'auth_code', { method: 'POST', uri: '/login/code', type: form, cookie: cookie(),
      body: `csrf=${csrfOf(p.body.toString())}&code=${encodeURIComponent(code)}` }));
    steps.push(r.status);
  }
  return { first, steps, sid: jar.get('__Host-sid') ? `__Host-sid=${jar.get('__Host-sid')}` : null };
}

test('what migrations 010-012 added comes back: settings and logo, phones and address, a matter\'s responsible user and status, activities, two-factor sign-in', async () => {
  const firm = await ownFirm('exp');
  const F = firm.id;
  const admin = sql(`SELECT id FROM users WHERE email = '${firm.email}'`);
  // The firm's settings, its logo (through its page) and matter numbering.
  sql(`UPDATE firms SET time_zone = 'Europe/Lisbon', currency = 'EUR', notify_window = 120, mail_preview = 1 WHERE id = ${F}`);
  const logo = png(3, 2);
  assert.equal((await postForm(firm.admin, '/settings', '/settings/logo', { op: 'upload' }, [['logo.png', logo]])).location,
    '/settings?notice=logo');
  sql(`INSERT INTO matter_numbering (firm_id, pattern, year, counter) VALUES (${F}, 'EX-{YYYY}-{NNN}', 2026, 7)
    ON DUPLICATE KEY UPDATE pattern = VALUES(pattern), year = VALUES(year), counter = VALUES(counter)`);
  // A colleague who left, a contact with phones and an address (archived),
  // a closed matter with its responsible user, a category, an expense and a
  // time entry.
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash, deactivated_at) SELECT firm_id, 'gone.${R}@export.test',
    'Gone Colleague', 'member', pw_hash, '2026-02-03 04:05:06.000007' FROM users WHERE id = ${admin}`);
  sql(`INSERT INTO contacts (firm_id, kind, name, phones, address, archived_at) VALUES (${F}, 'company', 'Acme ${R}',
    '+1 555 0100, +1 555 0199', '1 Main Street, Springfield', '2026-03-01 10:00:00')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${F}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id, status, opened_on, closed_on, responsible_id)
    VALUES (${F}, 'EX-${R}', 'Acme v. Everyone', ${contact}, 'closed', '2026-01-05', '2026-04-30', ${admin})`);
  const mid = sql(`SELECT id FROM matters WHERE firm_id = ${F} AND number = 'EX-${R}'`);
  sql(`INSERT INTO activity_categories (firm_id, name, created_at) VALUES (${F}, 'Court fees', NOW(6))`);
  const cat = sql(`SELECT id FROM activity_categories WHERE firm_id = ${F}`);
  sql(`INSERT INTO activities (firm_id, matter_id, kind, on_date, user_id, minutes, rate, amount, description,
    category_id, created_by, created_at, updated_at) VALUES
    (${F}, ${mid}, 'expense', '2026-03-04', NULL, NULL, NULL, 12345, 'Filing fee', ${cat}, ${admin}, NOW(6), NOW(6)),
    (${F}, ${mid}, 'time', '2026-03-05', ${admin}, 90, 20000, 30000, 'Drafting', NULL, ${admin}, NOW(6), NOW(6))`);
  // A folder, and the matter's portal muted by the admin (rows of tables
  // the demo firm leaves empty, for the test after).
  sql(`INSERT INTO folders (firm_id, matter_id, name, created_at) VALUES (${F}, ${mid}, 'Pleadings', NOW(6))`);
  sql(`INSERT INTO portals (firm_id, matter_id, opened_at, opened_by) VALUES (${F}, ${mid}, NOW(6), ${admin})`);
  sql(`INSERT INTO portal_mutes (firm_id, portal_id, user_id, muted_at) SELECT ${F}, id, ${admin}, NOW(6)
    FROM portals WHERE matter_id = ${mid}`);
  // A bill of the filing fee with its line, matter and timeline, an
  // envelope holding it and a pay link (only its hash leaves).
  sql(`INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state, currency, total, balance, issued_on,
    due_on, memo, created_by, created_at, finalised_at, updated_at) VALUES (${F}, 'bill', '7', ${contact}, ${mid},
    'final', 'EUR', 12345, 12345, '2026-03-06', '2026-04-06', 'Thanks', ${admin}, NOW(6), NOW(6), NOW(6))`);
  const bill = sql(`SELECT id FROM bills WHERE firm_id = ${F}`);
  sql(`UPDATE activities SET bill_id = ${bill} WHERE matter_id = ${mid} AND kind = 'expense'`);
  sql(`INSERT INTO bill_matters (bill_id, firm_id, matter_id) VALUES (${bill}, ${F}, ${mid})`);
  sql(`INSERT INTO bill_lines (firm_id, bill_id, activity_id, matter_id, on_date, description, quantity, amount, position)
    SELECT ${F}, ${bill}, id, ${mid}, on_date, description, '', amount, 0 FROM activities WHERE bill_id = ${bill}`);
  sql(`INSERT INTO bill_events (firm_id, bill_id, kind, detail, user_id, created_at) VALUES (${F}, ${bill}, 'created', '',
    ${admin}, NOW(6))`);
  sql(`INSERT INTO envelopes (firm_id, contact_id, to_email, subject, body, created_by, created_at, sent_at)
    VALUES (${F}, ${contact}, 'acme@export.test', 'Your bill', 'Hello', ${admin}, NOW(6), NOW(6))`);
  const env = sql(`SELECT id FROM envelopes WHERE firm_id = ${F}`);
  sql(`INSERT INTO envelope_items (envelope_id, firm_id, bill_id, position) VALUES (${env}, ${F}, ${bill}, 0)`);
  sql(`INSERT INTO pay_links (token_hash, firm_id, contact_id, bill_id, created_at, expires_at)
    VALUES (UNHEX(SHA2('export-${R}', 256)), ${F}, ${contact}, ${bill}, NOW(6), NOW(6) + INTERVAL 90 DAY)`);
  // The admin enrols in two-factor sign-in (the page seals the secret).
  let res = await postForm(firm.admin, '/account', '/account', { op: 'totp_start' });
  assert.equal(res.location, '/account?view=enrol');
  const enrol = await firm.admin.get('/account?view=enrol');
  const secret = enrol.text.match(/id="secret">([A-Z2-7]+)</)[1];
  const when = Date.now() / 1000;
  res = await firm.admin.post('/account', { csrf: csrfOf(enrol.text), op: 'totp_confirm', code: totp(secret, when) });
  assert.equal(res.status, 200);
  const recovery = [...res.text.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]);
  assert.equal(recovery.length, 10);

  const a = path.join(DIR, 'own.tar');
  ctl(process.env.VELLUM_CONF, ['export', '--firm', firm.slug, '--out', a]);
  const A = unpack(a);
  const manifest = JSON.parse(A['vellum-export/manifest.json']);
  assert.equal(manifest.version, 2);
  assert.match(manifest.secret_id, /^[0-9a-f]{32}$/);
  const ourSecret = fs.readFileSync(process.env.VELLUM_CONF, 'utf8').match(/^secret = (\S+)/m)[1];
  assert.ok(!Object.values(A).some((bytes) => bytes.includes(ourSecret)), 'the archive never holds the server secret');
  const totpRows = JSON.parse(A['vellum-export/totp.json']);
  assert.equal(totpRows.length, 1);
  assert.ok(!('pending' in totpRows[0]), 'an enrolment in progress is left out');
  assert.ok(!Object.values(A).some((bytes) => bytes.includes(secret)), 'the two-factor secret leaves sealed');
  assert.ok(!A['vellum-export/users.json'].includes('failed_logins'), 'throttle counts are left out');

  // Under another server secret: refused, nothing restored; with the flag,
  // restored without the enrolment (the password alone signs in there).
  let fresh = freshInstall('other', crypto.randomBytes(32).toString('hex'));
  const refused = ctl(fresh.conf, ['import', '--in', a], false);
  assert.equal(refused.status, 1);
  assert.match(refused.out, /two-factor secrets were sealed under another server secret.*--without-two-factor/);
  assert.equal(root(`SELECT COUNT(*) FROM ${DB}.firms`), '0');
  const dropped = ctl(fresh.conf, ['import', '--without-two-factor', '--in', a]);
  assert.match(dropped.out, /left out: 1 two-factor enrolment\(s\)/);
  assert.equal(root(`SELECT (SELECT COUNT(*) FROM ${DB}.totp) + (SELECT COUNT(*) FROM ${DB}.totp_recovery)`), '0');
  let si = cgiSignIn(fresh.conf, firm.email, firm.password);
  assert.equal(si.first.status, 303);
  assert.match(si.first.head, /^Location: \/matters/mi, 'the password alone, no code page');

  // Under the same secret: everything, and the same archive out again.
  fresh = freshInstall('own');
  ctl(fresh.conf, ['import', '--in', a]);
  const q = (query) => root(`USE ${DB}; ${query}`);
  assert.equal(q(`SELECT CONCAT_WS('|', time_zone, currency, notify_window, mail_preview) FROM firms WHERE id = ${F}`),
    'Europe/Lisbon|EUR|120|1');
  assert.equal(q(`SELECT CONCAT_WS('|', pattern, year, counter) FROM matter_numbering WHERE firm_id = ${F}`),
    'EX-{YYYY}-{NNN}|2026|7');
  assert.equal(q(`SELECT CONCAT_WS('|', kind, phones, address, archived_at) FROM contacts WHERE id = ${contact}`),
    'company|+1 555 0100, +1 555 0199|1 Main Street, Springfield|2026-03-01 10:00:00.000000');
  assert.equal(q(`SELECT CONCAT_WS('|', status, opened_on, closed_on, responsible_id) FROM matters WHERE id = ${mid}`),
    `closed|2026-01-05|2026-04-30|${admin}`);
  assert.equal(q(`SELECT CONCAT_WS('|', a.kind, a.on_date, a.amount, c.name) FROM activities a JOIN activity_categories c
    ON c.id = a.category_id WHERE a.matter_id = ${mid}`), 'expense|2026-03-04|12345|Court fees');
  assert.equal(q(`SELECT CONCAT_WS('|', minutes, rate, amount, user_id) FROM activities WHERE matter_id = ${mid}
    AND kind = 'time'`), `90|20000|30000|${admin}`);
  assert.equal(q(`SELECT deactivated_at FROM users WHERE email = 'gone.${R}@export.test'`), '2026-02-03 04:05:06.000007');
  assert.equal(q(`SELECT COUNT(*) FROM totp_recovery WHERE firm_id = ${F} AND used_at IS NULL`), '10');
  const b = path.join(DIR, 'own-again.tar');
  ctl(fresh.conf, ['export', '--firm', firm.slug, '--out', b]);
  const B = unpack(b);
  assert.deepEqual(Object.keys(B).sort(), Object.keys(A).sort());
  for (const name of Object.keys(A))
    assert.equal(Buffer.compare(A[name], B[name]), 0, `${name} differs after the round trip`);
  // The logo serves there, byte for byte.
  const served = cgi(fresh.conf, 'firm_logo', { uri: `/logos/${F}` });
  assert.equal(served.status, 200, served.head);
  assert.equal(Buffer.compare(served.body, logo), 0);
  // Two-factor sign-in there: the code that confirmed the enrolment stays
  // used (its step came along), the next one signs in; a recovery code once.
  const next = totp(secret, Math.max(Date.now() / 1000, when + 30));
  si = cgiSignIn(fresh.conf, firm.email, firm.password, [totp(secret, when), next]);
  assert.match(si.first.head, /^Location: \/login\/code/mi, 'the password asks for a code');
  assert.deepEqual(si.steps, [400, 303]);
  assert.ok(si.sid, 'signed in with a code');
  assert.equal(cgi(fresh.conf, 'matters_list', { uri: '/matters', cookie: si.sid }).status, 200);
  si = cgiSignIn(fresh.conf, firm.email, firm.password, [recovery[0]]);
  assert.deepEqual(si.steps, [303]);
  si = cgiSignIn(fresh.conf, firm.email, firm.password, [recovery[0], recovery[0]]);
  assert.deepEqual(si.steps, [400, 400], 'a recovery code works once');
  assert.equal(si.sid, null);
});

test('a tampered or foreign archive is refused, nothing left behind', async () => {
  const a = path.join(DIR, 'a.tar');
  if (!fs.existsSync(a)) ctl(process.env.VELLUM_CONF, ['export', '--firm', 'demo', '--out', a]);
  const A = unpack(a);
  // Repack with a change, as tar's own ustar writer makes it.
  const repack = (name, change, base = A) => {
    const d = fs.mkdtempSync(path.join(DIR, 'r-'));
    for (const [n, bytes] of Object.entries(base)) {
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
    ['a logo that is a web page', (d) => edit(d, 'firm_logos', () => [{ firm_id: JSON.parse(A['vellum-export/manifest.json']).firm_id,
      mime: 'text/html', data: Buffer.from('<script>alert(1)</script>').toString('base64'), updated_at: '2026-01-01 00:00:00' }]),
      /row 1 of firm_logos cannot be restored/],
    ['an archive of format version 1', (d) => edit(d, 'manifest', (m) => ({ ...m, version: 1 })),
      /format version 1; this version reads version 2 only/],
    ['a manifest without the secret\'s id', (d) => edit(d, 'manifest', (m) => ({ ...m, secret_id: undefined })),
      /not a Vellum export/],
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
  // Every table's import binds the firm: a row of another firm in any of
  // them is refused as such (a duplicate's error would mean it was tried).
  // The archive is the small one of the firm of the test before; rows come
  // from it, else from the demo firm's, so every table has one to copy.
  const ownTar = path.join(DIR, 'own.tar');
  assert.ok(fs.existsSync(ownTar), 'the archive of the firm of the test before');
  const O = unpack(ownTar);
  // One install for all of them: each refusal must leave it empty for the next.
  const firmId = JSON.parse(O['vellum-export/manifest.json']).firm_id;
  const target = freshInstall('foreign');
  for (const t of JSON.parse(O['vellum-export/manifest.json']).tables) {
    const name = `vellum-export/${t}.json`;
    const sample = [...JSON.parse(O[name]), ...JSON.parse(A[name])][0];
    assert.ok(sample, `${t}: a row to copy`);
    const foreign = t === 'firms' ? { ...sample, id: 424242 } : { ...sample, firm_id: 424242 };
    const r = ctl(target.conf, ['import', '--in', repack('bad', (d) => edit(d, t, (rows) => [...rows, foreign]), O)], false);
    assert.equal(r.status, 1, `${t}: ${r.out}`);
    assert.match(r.out, new RegExp(`row \\d+ of ${t} cannot be restored \\(not of the firm`), t);
    assert.equal(root(`SELECT (SELECT COUNT(*) FROM ${DB}.firms) + (SELECT COUNT(*) FROM ${DB}.store_pending)`), '0',
      `${t}: nothing restored`);
    const left = fs.existsSync(target.store) ? execFileSync('find', [target.store, '-type', 'f'], { encoding: 'utf8' }).trim() : '';
    assert.equal(left, '', `${t}: no files left in the store`);
    assert.notEqual(firmId, 424242);
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
