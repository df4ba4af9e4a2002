// The platform under failure and misuse: templates edited live, bad input,
// limits, tenant isolation, MariaDB restarted and the SMTP sink down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, clientOnMatter, csrfOf, sql, stack, log, pids, waitForMail, mailsTo, sleep, until, VAR, ROOT } from './helpers.mjs';

const ADMIN = ['admin@demo.test', 'demo-admin-pass'];
const TPL = process.env.VL_TEMPLATES;

async function admin() {
  const c = new Client();
  assert.equal((await c.signIn(...ADMIN)).status, 303);
  return c;
}

test('a matter page shows its details and the F-A4 subtabs', async () => {
  const c = await admin();
  const list = await c.get('/matters');
  const id = list.text.match(/<a href="\/matters\/(\d+)">2026-0002<\/a>/)[1];
  const page = await c.get(`/matters/${id}`);
  assert.equal(page.status, 200);
  for (const tab of ['Communications', 'Documents', 'Bills', 'Calendar', 'Tasks', 'Notes', 'Forms', 'Activities'])
    assert.match(page.text, new RegExp(`>${tab}</a>`));
  // Each tab is its own page.
  for (const [tab, path] of [['Bills', 'bills'], ['Calendar', 'calendar'], ['Tasks', 'tasks'], ['Notes', 'notes'],
    ['Forms', 'forms']])
    assert.match(page.text, new RegExp(`href="/matters/${id}/${path}">${tab}</a>`));
  assert.match(page.text, /Brightside Bakery: commercial lease renewal/);
  assert.match(page.text, /<dt>Client<\/dt><dd><a href="\/contacts\/\d+">Brightside Bakery Ltd<\/a><\/dd>/);
  const tasks = await c.get(`/matters/${id}/tasks`);
  assert.match(tasks.text, new RegExp(`class="current" aria-current="page" href="/matters/${id}/tasks">Tasks`));
  assert.match(page.text, new RegExp(`href="/matters/${id}/documents">Documents</a>`));
});

test('the contacts list shows every address, primary first', async () => {
  const c = await admin();
  const page = await c.get('/contacts');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/contacts\/\d+">Alice Johnson<\/a><\/td><td>person<\/td><td>alice\.johnson@work\.test, alice@client\.test</);
  assert.match(page.text, /office@brightside\.test, accounts@brightside\.test, owner@brightside\.test/);
  assert.match(page.text, /carlos@client\.test, c\.mendes@home\.test/);
});

test('another firm sees none of the demo firm, and forged ids are 404', async () => {
  execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', 'Other & Co', 'other', 'boss@other.test', 'Olive Other'],
    { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'other-admin-pass' } });
  const c = new Client();
  assert.equal((await c.signIn('boss@other.test', 'other-admin-pass')).status, 303);
  const list = await c.get('/matters');
  assert.equal(list.status, 200);
  assert.match(list.text, /No matters yet\./);
  assert.doesNotMatch(list.text, /2026-0001|Alice/);
  assert.match(list.text, /Other &amp; Co/);
  const demoIds = sql("SELECT m.id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = 'demo'").split('\n');
  for (const id of demoIds) {
    const res = await c.get(`/matters/${id}`);
    assert.equal(res.status, 404, `matter ${id} of another firm`);
    assert.doesNotMatch(res.text, /Johnson|Brightside|Mendes/);
  }
  for (const forged of ['0', '999999999', '99999999999999999999999', '-1']) {
    const res = await (await admin()).get(`/matters/${forged}`);
    assert.equal(res.status, 404);
  }
  const contacts = await c.get('/contacts');
  assert.doesNotMatch(contacts.text, /Alice|Brightside|Carlos/);
  const alice = sql("SELECT id FROM contacts WHERE name = 'Alice Johnson'");
  const card = await c.get(`/contacts/${alice}`);
  assert.equal(card.status, 404);
  assert.doesNotMatch(card.text, /alice@client\.test/);
  const set = await c.post(`/contacts/${alice}`, { csrf: csrfOf(contacts.text), email: 'alice@client.test' });
  assert.equal(set.status, 404);
  assert.equal(sql(`SELECT COALESCE(portal_email, '') FROM contacts WHERE id = ${alice}`), '');
});

test('signed out, every firm page redirects to sign-in and every POST is refused', async () => {
  const c = new Client();
  for (const url of ['/matters', '/matters/1', '/contacts']) {
    const res = await c.get(url);
    assert.equal(res.status, 303, url);
    assert.equal(res.location, `/login?next=${encodeURIComponent(url)}`);
  }
  await c.get('/login');
  const res = await c.post('/logout', { csrf: 'x' });
  assert.equal(res.status, 403);
});

test('responses carry the security headers', async () => {
  const res = await new Client().get('/login');
  const h = res.headers;
  assert.match(h.get('content-security-policy'), /default-src 'none'/);
  assert.match(h.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(h.get('x-content-type-options'), 'nosniff');
  assert.equal(h.get('x-frame-options'), 'DENY');
  assert.equal(h.get('referrer-policy'), 'no-referrer');
  assert.equal(h.get('server'), 'nginx', 'no version');
  const css = await new Client().get('/static/vellum.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  const icon = await new Client().get('/favicon.ico');
  assert.equal(icon.status, 200, 'the icon is a file, not a 404 or an empty answer');
  assert.equal(icon.text.slice(0, 4), '\0\0\x01\0', 'an ICO file');
});

test('malformed input gets a clear error page, never a crash', async () => {
  const c = new Client();
  const page = await c.get('/login');
  const csrf = csrfOf(page.text);
  const cases = [
    { body: `csrf=${csrf}&email=%zz`, type: 'application/x-www-form-urlencoded', status: 400 },
    { body: `csrf=${csrf}&%00=1`, type: 'application/x-www-form-urlencoded', status: 400 },
    { body: 'x', type: 'text/plain', status: 400 },
    { body: '--b\r\nbroken', type: 'multipart/form-data; boundary=b', status: 400 },
    { body: `csrf=${csrf}&email=%C0%AF&password=x`, type: 'application/x-www-form-urlencoded', status: 400 },
  ];
  for (const k of cases) {
    const res = await c.request('POST', '/login', { body: k.body, type: k.type });
    assert.equal(res.status, k.status, k.body);
    assert.match(res.text, /<h1>Bad Request<\/h1>|Enter your email/);
  }
  const q = await c.get('/login?' + 'a=%'.repeat(3));
  assert.equal(q.status, 400);
  const put = await c.request('PUT', '/login', { body: 'x' });
  assert.equal(put.status, 400);
  assert.match(put.text, /does not accept that kind of request/);
  assert.equal((await c.get('/no/such/page')).status, 404);
  // Every program is still serving.
  assert.equal((await c.get('/login')).status, 200);
});

test('an oversized body is refused: by nginx past 1 MB, by the program past its own cap', async () => {
  const c = new Client();
  const page = await c.get('/login');
  const big = `csrf=${csrfOf(page.text)}&email=` + 'a'.repeat(2 * 1024 * 1024);
  const res = await c.request('POST', '/login', { body: big, type: 'application/x-www-form-urlencoded' });
  assert.equal(res.status, 413);
  const mid = `csrf=${csrfOf(page.text)}&email=` + 'a'.repeat(200 * 1024);
  const res2 = await c.request('POST', '/login', { body: mid, type: 'application/x-www-form-urlencoded' });
  assert.equal(res2.status, 413);
  assert.match(res2.text, /too large/);
});

// Six requests in a row (more than /forgot has processes), each checked,
// until all six pass: processes look at edited templates once a second.
async function everyProcessWithin(check, what) {
  let last;
  for (let round = 0; round < 40; round++) {
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await new Client().get('/forgot'));
    try {
      for (const res of got) check(res);
      return;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`${what}: not on every process within 4 s: ${last?.message}`);
}

test('an edited template shows on every process within a second; a broken one gives a clean 500 and a log line', async () => {
  const file = path.join(TPL, 'forgot.tpl');
  const original = fs.readFileSync(file, 'utf8');
  // ctemplate compares whole-second mtimes: step each edit's clock well apart.
  let step = 0;
  const touch = () => { step += 10; const t = new Date(Date.now() + step * 1000); fs.utimesSync(file, t, t); };
  try {
    fs.writeFileSync(file, original.replace('Reset your password</h1>', 'Reset your password (edited)</h1>'));
    touch();
    // How soon is test_tpl.c's (test_reload_once_a_second); here, that it
    // comes to every process without a restart.
    await everyProcessWithin((res) => {
      assert.equal(res.status, 200);
      assert.match(res.text, /Reset your password \(edited\)/);
    }, 'the edit');
    fs.writeFileSync(file, original.replace('{{/ERROR}}', ''));
    touch();
    await everyProcessWithin((res) => {
      assert.equal(res.status, 500);
      assert.match(res.text, /Something went wrong on our side/);
      assert.doesNotMatch(res.text, /Reset your password/, 'no partial page');
    }, 'the broken edit');
    await until(() => /template forgot\.tpl: .*ERROR/.test(log('nginx-error.log')), 'the log line names the template');
  } finally {
    fs.writeFileSync(file, original);
    touch();
  }
  await everyProcessWithin((res) => {
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.text, /edited/);
  }, 'the original back');
});

// A process is alive when /proc has it and it is not a zombie.
const alive = (pid) => {
  try { return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
};

test('MariaDB restarted under the running programs: a clean error, then service again, reads and writes', async () => {
  const c = await admin();
  // A matter of the test's own: the demo matters stay as the browser tests expect them.
  const { mid, contact } = await clientOnMatter({ name: 'Rita Restart', email: 'rita@restart.test',
    number: 'RST-1', password: 'restart client password' });
  const reads = { matters_list: '/matters', matter_show: `/matters/${mid}`, contacts_list: '/contacts',
    contact_show: `/contacts/${contact}`, docs_list: `/matters/${mid}/documents`, portal_show: `/matters/${mid}/portal` };
  const progs = [...Object.keys(reads), 'auth_login', 'docs_action', 'portal_action', 'mailer'];
  // Every process of these programs holds a connection before the restart:
  // several requests each, so each process has served at least one.
  for (const url of Object.values(reads))
    for (let i = 0; i < 6; i++) assert.equal((await c.get(url)).status, 200, url);
  // The writing programs too: the first statement after a restart may be a
  // START TRANSACTION, which must reconnect as well.
  if (sql(`SELECT COUNT(*) FROM portals WHERE matter_id = ${mid}`) === '0')
    await c.post(`/matters/${mid}/portal/action`, { csrf: csrfOf((await c.get(`/matters/${mid}/portal`)).text), op: 'open' });
  const writes = async (tag) => {
    assert.equal((await new Client().signIn(...ADMIN)).status, 303, 'sign-in writes a session');
    const docs = await c.get(`/matters/${mid}/documents`);
    const made = await c.post(`/matters/${mid}/documents/action`, { csrf: csrfOf(docs.text), op: 'new_folder', folder: '0', name: `Restart ${tag}` });
    assert.equal(made.status, 303, `a folder is created (${tag})`);
    const portal = await c.get(`/matters/${mid}/portal`);
    const sent = await c.post(`/matters/${mid}/portal/action`, { csrf: csrfOf(portal.text), op: 'send', body: `Restart ${tag}` });
    assert.equal(sent.status, 303, `a message is sent (${tag})`);
  };
  for (let i = 0; i < 4; i++) await writes(`before ${i}`);
  const before = Object.fromEntries(progs.map((p) => [p, pids(p)]));
  stack('db-stop');
  try {
    const down = await c.get('/matters');
    assert.ok([500, 503].includes(down.status), `status ${down.status}`);
    assert.match(down.text, /Something went wrong on our side/);
  } finally {
    stack('db-start');
  }
  // The same processes reconnect by themselves; the session survived.  Each
  // program answers several times in a row (so every one of its processes
  // does), writes included.
  for (const [prog, url] of Object.entries(reads))
    for (let i = 0; i < 6; i++) {
      const res = await c.get(url);
      assert.equal(res.status, 200, `${prog} ${url} after the restart`);
    }
  for (let i = 0; i < 4; i++) await writes(`after ${i}`);
  // The mailer lived through it too, and delivers mail queued after it.
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, 'restart@demo.test', 'Restart Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  const reset = await new Client().submit('/forgot', '/forgot', { email: 'restart@demo.test' });
  assert.equal(reset.status, 200);
  const mails = await waitForMail('restart@demo.test', 1, 60);
  assert.ok(mails.some((m) => /reset/i.test(m.subject)), 'a reset mail queued after the restart arrived');
  assert.equal(sql(`SELECT COUNT(*) FROM folders WHERE matter_id = ${mid} AND name LIKE 'Restart after %'`), '4');
  assert.equal(sql(`SELECT COUNT(*) FROM messages WHERE body LIKE 'Restart after %'`), '4');
  for (const p of progs) {
    assert.deepEqual(pids(p), before[p], `${p}: the same processes`);
    for (const pid of before[p]) assert.ok(alive(pid), `${p}: process ${pid} still runs`);
  }
});

test('mail queued while the SMTP server is down is retried and delivered', async () => {
  const email = 'smtp-down@demo.test';
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${email}', 'SMTP Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  stack('mail-stop');
  try {
    const c = new Client();
    const res = await c.submit('/forgot', '/forgot', { email });
    assert.equal(res.status, 200, 'the request does not wait for mail');
    let state = '';
    for (let i = 0; i < 50 && !/^retry:[1-9]/.test(state); i++) {
      await sleep(200);
      state = sql(`SELECT CONCAT(status, ':', attempts) FROM notifications WHERE recipient = '${email}'`);
    }
    assert.match(state, /^retry:[1-9]/, 'the failed attempt is recorded for a retry');
    assert.match(sql(`SELECT last_error FROM notifications WHERE recipient = '${email}'`), /connect|Couldn't|Failed/i);
  } finally {
    stack('mail-start');
  }
  const [mail] = await waitForMail(email, 1, 30);
  assert.match(mail.subject, /Reset your/);
  assert.equal(sql(`SELECT status FROM notifications WHERE recipient = '${email}'`), 'sent');
  assert.equal((await mailsTo(email)).length, 1, 'sent once');
});

test('the mailer parks a message the SMTP server refuses for good', async () => {
  // An address maildev cannot accept is hard to make; use a recipient that
  // is not a valid SMTP path, which the server refuses with 5xx.
  sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at, created_at)
       SELECT id, 'password_reset', 'bad address with spaces', 'link=x&minutes=30', '<park-test@vellum.test>', 'queued', NOW(6), NOW(6)
       FROM firms WHERE slug = 'demo'`);
  let state = '';
  for (let i = 0; i < 50 && !/^(dead|retry)/.test(state); i++) {
    await sleep(200);
    state = sql("SELECT status FROM notifications WHERE message_id = '<park-test@vellum.test>'");
  }
  assert.match(state, /^(dead|retry)$/, 'refused mail is not marked sent');
  if (state === 'retry') {
    // Transient refusals are retried up to mail_max_attempts, then parked.
    sql("UPDATE notifications SET attempts = 11, next_attempt_at = NOW(6) WHERE message_id = '<park-test@vellum.test>'");
    for (let i = 0; i < 50 && state !== 'dead'; i++) {
      await sleep(200);
      state = sql("SELECT status FROM notifications WHERE message_id = '<park-test@vellum.test>'");
    }
  }
  assert.equal(state, 'dead');
  const q = execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['mailq'], { env: process.env }).toString();
  assert.match(q, /dead\s+password_reset\s+bad address with spaces/);
});

test('the mailer finishes and exits on SIGTERM; a new one takes over', async () => {
  const [pid] = pids('mailer');
  // Gone, or a zombie waiting for a parent that has left.
  const running = () => { try { return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; } };
  process.kill(Number(pid), 'SIGTERM');
  for (let i = 0; i < 50 && running(); i++) await sleep(100);
  assert.equal(running(), false, 'the mailer stopped');
  assert.match(log('mailer.log'), /mailer .* stopped/);
  stack('start');
  assert.notEqual(pids('mailer')[0], pid);
  void VAR;
});

test('two mailers at once send every queued message exactly once', async () => {
  const { spawn } = await import('node:child_process');
  const second = spawn(path.join(ROOT, 'build/bin/mailer'), [], { env: process.env, stdio: 'ignore' });
  try {
    const n = 120;
    const values = [];
    for (let i = 0; i < n; i++)
      values.push(`((SELECT id FROM firms WHERE slug = 'demo'), 'password_reset', 'twice-${i}@demo.test',
        'link=http%3A%2F%2Fx%2F${i}&minutes=30', '<twice-${i}@vellum.test>', 'queued', NOW(6), NOW(6))`);
    sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at, created_at)
         VALUES ${values.join(',')}`);
    let sent = 0;
    for (let i = 0; i < 100 && sent < n; i++) {
      await sleep(200);
      sent = Number(sql("SELECT COUNT(*) FROM notifications WHERE recipient LIKE 'twice-%' AND status = 'sent'"));
    }
    assert.equal(sent, n);
    // Every row is sent, so the sink has every email (and any second copy).
    const inbox = await until(async () => {
      const got = (await (await fetch(`${process.env.VL_MAILWEB}/email`)).json())
        .filter((m) => m.to[0].address.startsWith('twice-'));
      return got.length >= n && got;
    }, 'the sink lists every email');
    assert.equal(inbox.length, n, 'no message twice');
    assert.equal(new Set(inbox.map((m) => m.messageId)).size, n);
    // Each went out on its first attempt: no claim was taken over.  (That
    // both mailers really work at once is shown against a slow SMTP server
    // in mailer-lease.test.mjs, where their lease owners are both seen.)
    const attempts = sql("SELECT COUNT(DISTINCT attempts) FROM notifications WHERE recipient LIKE 'twice-%'");
    assert.equal(attempts, '1', 'each sent on its first attempt');
  } finally {
    second.kill('SIGTERM');
  }
});

// OpenSSL's start (lib/db.c): a program without libcurl makes no TLS
// connection and starts OpenSSL without openssl.cnf (nor error strings):
// it opens no configuration even with OPENSSL_CONF set, and still reaches
// the database; a program with libcurl (vellumctl) reads the configuration
// as before, for its TLS to the relay and the provider.
test('OpenSSL starts without openssl.cnf where no TLS is spoken, with it where libcurl is', () => {
  const trace = path.join(VAR, `strace-${process.pid}.out`);
  const marker = path.join(VAR, `marker-${process.pid}.cnf`);
  fs.writeFileSync(marker, '# read by OpenSSL only when it loads a configuration\n');
  const conf = process.env.VELLUM_CONF;
  const db = fs.readFileSync(conf, 'utf8').match(/^db_socket = (.*)$/m)[1];
  const run = (args, env) => {
    const r = spawnSync('strace', ['-f', '-qq', '-s', '4096', '-e', 'trace=open,openat,connect', '-o', trace, ...args],
      { encoding: 'utf8', timeout: 30000, env: { PATH: process.env.PATH, VELLUM_CONF: conf, OPENSSL_CONF: marker, ...env } });
    const t = fs.readFileSync(trace, 'utf8');
    fs.rmSync(trace);
    return { ...r, trace: t };
  };
  try {
    const page = run([path.join(ROOT, 'build/cgi-bin/matters_list')], { REQUEST_METHOD: 'GET', REQUEST_URI: '/matters',
      SCRIPT_NAME: '/matters', GATEWAY_INTERFACE: 'CGI/1.1', REMOTE_ADDR: '127.0.0.1', HTTP_COOKIE: `__Host-sid=${'A'.repeat(43)}` });
    assert.equal(page.status, 0, page.stderr);
    assert.match(page.stdout, /^Status: 303/m, 'an unknown session is sent to sign in');
    assert.ok(page.trace.includes(db), 'the program asked the database');
    assert.doesNotMatch(page.trace, /openssl\.cnf|marker-/, 'matters_list opened no OpenSSL configuration');
    const ctl = run([path.join(ROOT, 'build/bin/vellumctl'), 'mailq'], {});
    assert.equal(ctl.status, 0, ctl.stderr);
    assert.match(ctl.trace, /open(at)?\(.*marker-\d+\.cnf"/, 'vellumctl (libcurl) reads the configuration OPENSSL_CONF names');
  } finally {
    fs.rmSync(marker, { force: true });
  }
});
