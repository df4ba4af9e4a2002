// The mailer under killing, a slow SMTP server and large windows: the real
// mailer binary against the test database and a loopback SMTP stand-in
// (smtp-standin.mjs) that counts Message-IDs.  The stack's own mailer is
// paused meanwhile, so only the mailers started here send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { sql, stack, sleep, VAR, ROOT, OUT } from './helpers.mjs';
import { SmtpStandin } from './smtp-standin.mjs';

// The shipped lease (mail_lease's default): the test stack does not set it.
const LEASE = 30;

// A configuration like the stack's, pointed at another SMTP server.
function confFor(name, smtpUrl, extra = '') {
  const base = fs.readFileSync(process.env.VELLUM_CONF, 'utf8')
    .replace(/^smtp_url = .*$/m, `smtp_url = ${smtpUrl}`);
  const file = path.join(VAR, `${name}.conf`);
  fs.writeFileSync(file, base + extra, { mode: 0o600 });
  return file;
}

function startMailer(conf, logName) {
  fs.mkdirSync(OUT, { recursive: true });
  const fd = fs.openSync(path.join(OUT, logName), 'a');
  const child = spawn(path.join(ROOT, 'build/bin/mailer'), [], {
    env: { ...process.env, VELLUM_CONF: conf }, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return child;
}

async function stopMailer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, 'exit');
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(20000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

// Waits (bounded) until cond() is true; returns its last value.
async function until(cond, seconds, step = 100) {
  const end = Date.now() + seconds * 1000;
  let v = await cond();
  while (!v && Date.now() < end) {
    await sleep(step);
    v = await cond();
  }
  return v;
}

// n password-reset rows due now, to n addresses; Message-IDs carry tag.
function queueResets(tag, n) {
  sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at, created_at)
       SELECT f.id, 'password_reset', CONCAT('${tag}-', s.seq, '@lease.test'),
         CONCAT('link=http%3A%2F%2Fx%2F', s.seq, '&minutes=30'), CONCAT('<${tag}-', s.seq, '@vellum.test>'),
         'queued', NOW(6), NOW(6)
       FROM seq_1_to_${n} s JOIN firms f ON f.slug = 'demo'`);
}

function forget(tag) {
  sql(`DELETE FROM notifications WHERE message_id LIKE '<${tag}-%'`);
}

const ours = (tag) => (m) => m.messageId.startsWith(`<${tag}-`);

test('killed 200 times while sending 2,000 emails, the mailer loses none and repeats only what was in flight', async (t) => {
  const N = 2000, KILLS = 200, GRACE = 10;
  const tag = 'kill' + randomBytes(4).toString('hex');
  let conf = null, child = null, watchdog = null, kills = 0, since = 0, target = 0, lastKill = 0;
  const pick = () => 1 + Math.floor(Math.random() * 15);	// ~8 mails between kills
  let lastMail = Date.now();
  const restart = () => {
    child = startMailer(conf, 'mailer-kill.log');
    since = 0;
    target = pick();
  };
  const kill = () => {
    if (kills >= KILLS) return;
    child.kill('SIGKILL');
    kills++;
    lastKill = Date.now();
    restart();
  };
  const sink = new SmtpStandin({
    beforeReply: async (msg) => {
      if (!ours(tag)(msg)) return;
      lastMail = Date.now();
      if (++since < target) return;
      // Half the kills land with the message taken but not acknowledged
      // (in flight), half just after the acknowledgement.
      if (Math.random() < 0.5) kill();
      else setTimeout(kill, Math.floor(Math.random() * 5));
    },
  });
  await sink.listen();
  conf = confFor('kill', sink.url);
  stack('mailer-stop');
  try {
    queueResets(tag, N);
    restart();
    // A mailer that sends nothing for a while is killed too (at start-up,
    // claiming, or idle while rows wait for a lease to run out).
    watchdog = setInterval(() => {
      if (Date.now() - lastMail > 700) { lastMail = Date.now(); kill(); }
    }, 100);
    const enough = await until(() => kills >= KILLS, 300, 200);
    clearInterval(watchdog);
    assert.ok(enough, `only ${kills} kills in 300 s`);
    const deadline = lastKill + (LEASE + GRACE) * 1000;
    await until(() => sink.counts(ours(tag)).size >= N, Math.max(1, (deadline - Date.now()) / 1000), 200);
    const counts = sink.counts(ours(tag));
    const stuck = sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}-%' AND status <> 'sent'`);
    assert.equal(counts.size, N, `${N - counts.size} emails had not arrived ${LEASE + GRACE} s after the last kill ` +
      `(${stuck} rows not sent)`);
    let twice = 0;
    for (const c of counts.values()) twice += c - 1;
    assert.ok(twice <= kills, `${twice} repeated emails for ${kills} kills`);
    const last = Math.max(...sink.messages.filter(ours(tag)).map((m) => m.at));
    t.diagnostic(`${kills} kills, ${twice} repeated, last email ${((last - lastKill) / 1000).toFixed(1)} s after the last kill`);
    assert.ok(await until(() => sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}-%'
      AND status = 'sent'`) === String(N), 20), 'every row recorded as sent');
  } finally {
    clearInterval(watchdog);
    kills = KILLS;	// no more restarts
    if (child) await stopMailer(child);
    await sink.close();
    forget(tag);
    stack('start');
  }
});

test('a slow SMTP server and two mailers: no email is sent twice', async () => {
  // Each email takes about 0.6 s to be acknowledged; a lease of 10 s covers
  // one email but not a batch of them.  The second mailer starts a second
  // later, so the two are never in step: when one is idle, the other is
  // sending.
  const N = 70;
  const tag = 'slow' + randomBytes(4).toString('hex');
  const sink = await new SmtpStandin({ delay: () => 500 + Math.floor(Math.random() * 200) }).listen();
  const conf = confFor('slow', sink.url, 'mail_lease = 10\n');
  stack('mailer-stop');
  const mailers = [];
  try {
    queueResets(tag, N);
    mailers.push(startMailer(conf, 'mailer-slow.log'));
    assert.ok(await until(() => sink.counts(ours(tag)).size > 0, 20), 'the first mailer sends');
    await sleep(1000);
    mailers.push(startMailer(conf, 'mailer-slow.log'));
    const done = await until(() => sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}-%'
      AND status = 'sent'`) === String(N), 120, 250);
    assert.ok(done, 'every row sent within 120 s');
    await Promise.all(mailers.map(stopMailer));
    const counts = sink.counts(ours(tag));
    assert.equal(counts.size, N);
    const twice = [...counts].filter(([, c]) => c > 1).map(([id]) => id);
    assert.deepEqual(twice, [], 'no email twice');
    // A lease owner is the mailer's name, then "/" and the email's number.
    assert.equal(sql(`SELECT COUNT(DISTINCT SUBSTRING_INDEX(lease_owner, '/', 1)) FROM notifications
      WHERE message_id LIKE '<${tag}-%'`), '2', 'both mailers sent');
  } finally {
    await Promise.all(mailers.map(stopMailer));
    await sink.close();
    forget(tag);
    stack('start');
  }
});

test('120 items in one window, two mailers: one email per recipient listing every item', async () => {
  const ITEMS = 120, PEOPLE = 3;
  const tag = 'win' + randomBytes(4).toString('hex');
  const sink = await new SmtpStandin().listen();
  const conf = confFor('window', sink.url);
  stack('mailer-stop');
  const mailers = [];
  try {
    // What vl_notify_coalesced makes of 120 items inside one open window:
    // one key per recipient, the window's end as every row's due time.
    for (let p = 1; p <= PEOPLE; p++)
      sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at,
             created_at, coalesce_key)
           SELECT f.id, 'client_items', '${tag}-${p}@lease.test',
             CONCAT('matter=2026-0001&what=item-', s.seq, '-of-${tag}&link=http%3A%2F%2Fx%2F', s.seq),
             CONCAT('<${tag}-${p}-', s.seq, '@vellum.test>'), 'queued', NOW(6) + INTERVAL 3 SECOND, NOW(6),
             CONCAT('client_items:', f.id, ':${tag}-${p}@lease.test')
           FROM seq_1_to_${ITEMS} s JOIN firms f ON f.slug = 'demo'`);
    mailers.push(startMailer(conf, 'mailer-window.log'), startMailer(conf, 'mailer-window.log'));
    const done = await until(() => sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}-%'
      AND status = 'sent'`) === String(ITEMS * PEOPLE), 60, 250);
    assert.ok(done, 'every item sent within 60 s');
    await Promise.all(mailers.map(stopMailer));
    for (let p = 1; p <= PEOPLE; p++) {
      const mails = sink.messages.filter((m) => m.to.includes(`${tag}-${p}@lease.test`));
      assert.equal(mails.length, 1, `one email for recipient ${p}, not ${mails.length}`);
      assert.match(mails[0].raw, new RegExp(`^Subject: ${ITEMS} new items`, 'm'));
      // The parts are quoted-printable: join its soft line breaks first.
      const body = mails[0].raw.replace(/=\r\n/g, '');
      const listed = new Set(body.match(new RegExp(`item-\\d+-of-${tag}`, 'g')));
      assert.equal(listed.size, ITEMS, 'the email lists every item');
    }
  } finally {
    await Promise.all(mailers.map(stopMailer));
    await sink.close();
    forget(tag);
    stack('start');
  }
});

test('credentials never go in the clear: a server without STARTTLS gets no email', async () => {
  // Loopback would allow the clear, but not with credentials: STARTTLS is
  // required, the stand-in does not offer it, so nothing may be sent.
  const tag = 'tls' + randomBytes(4).toString('hex');
  const sink = await new SmtpStandin().listen();
  const conf = confFor('tls', sink.url, 'smtp_user = portal\nsmtp_password = secret-word\n');
  stack('mailer-stop');
  let mailer = null;
  try {
    queueResets(tag, 1);
    mailer = startMailer(conf, 'mailer-tls.log');
    const state = await until(() => {
      const s = sql(`SELECT CONCAT(status, ':', COALESCE(last_error, '')) FROM notifications
        WHERE message_id LIKE '<${tag}-%'`);
      return /^retry:/.test(s) && s;
    }, 30, 200);
    assert.match(state || '', /^retry:not sent: the SMTP server offers no STARTTLS/);
    await stopMailer(mailer);
    assert.equal(sink.messages.length, 0, 'nothing reached the server');
    assert.match(fs.readFileSync(path.join(OUT, 'mailer-tls.log'), 'utf8'), /offers no STARTTLS; refusing to send in the clear/);
  } finally {
    if (mailer) await stopMailer(mailer);
    await sink.close();
    forget(tag);
    stack('start');
  }
});

// The mailer's log for one test, for the lines that say what it did.
const logOf = (name) => fs.readFileSync(path.join(OUT, name), 'utf8');

test('one SMTP connection carries many emails, at most 100, and a connection the server drops loses nothing', async () => {
  const N = 250;
  const tag = 'conn' + randomBytes(4).toString('hex');
  const sink = await new SmtpStandin().listen();
  const drops = await new SmtpStandin({ closeAfter: 7 }).listen();
  const hangs = await new SmtpStandin({ hangUpAfter: 1 }).listen();
  stack('mailer-stop');
  let mailer = null;
  try {
    // A server that keeps the connection: one every 100 emails.
    queueResets(tag + 'a', N);
    mailer = startMailer(confFor('conn', sink.url), 'mailer-conn.log');
    assert.ok(await until(() => sink.counts(ours(tag + 'a')).size >= N, 60), 'every email arrived');
    await stopMailer(mailer);
    assert.equal(sink.messages.length, N, 'each once');
    const per = new Map();
    for (const m of sink.messages) per.set(m.conn, (per.get(m.conn) || 0) + 1);
    assert.ok(sink.connections <= Math.ceil(N / 100) + 1, `${sink.connections} connections for ${N} emails`);
    assert.ok(Math.max(...per.values()) <= 100, `a connection carried ${Math.max(...per.values())} emails`);

    // A server that drops every connection after 7 emails: the mailer opens
    // a new one; nothing waits for a retry, nothing is sent twice.
    queueResets(tag + 'b', 60);
    mailer = startMailer(confFor('drops', drops.url), 'mailer-drops.log');
    assert.ok(await until(() => drops.counts(ours(tag + 'b')).size >= 60, 60), 'every email arrived');
    await stopMailer(mailer);
    assert.equal(drops.messages.length, 60, 'each once');
    assert.ok(drops.connections >= 60 / 7, `${drops.connections} connections`);

    // A server that hangs up only when the next email starts: the mailer
    // sees it as it sends, and sends that email at once on a new connection.
    queueResets(tag + 'c', 20);
    mailer = startMailer(confFor('hangs', hangs.url), 'mailer-hangs.log');
    assert.ok(await until(() => hangs.counts(ours(tag + 'c')).size >= 20, 60), 'every email arrived');
    await stopMailer(mailer);
    assert.equal(hangs.messages.length, 20, 'each once');
    assert.ok(hangs.hangUps >= 10, `${hangs.hangUps} hang-ups`);
    assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}%'
      AND (status <> 'sent' OR attempts <> 1)`), '0', 'every row sent at its first attempt');
    assert.match(logOf('mailer-hangs.log'), /closed by the server; sending on a new one/);
  } finally {
    if (mailer) await stopMailer(mailer);
    await Promise.all([sink.close(), drops.close(), hangs.close()]);
    forget(tag);
    stack('start');
  }
});

test('two mailers claiming batches at once on 3,000 windows and single rows: each email once', async () => {
  const WINDOWS = 1000, SINGLES = 1000;
  const tag = 'race' + randomBytes(4).toString('hex');
  const sink = await new SmtpStandin().listen();
  const conf = confFor('race', sink.url);
  stack('mailer-stop');
  const mailers = [];
  try {
    // Three items in each window, all due at once, and single rows among them.
    sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at,
           created_at, coalesce_key)
         SELECT f.id, 'client_items', CONCAT('${tag}-w', s.seq % ${WINDOWS}, '@lease.test'),
           CONCAT('matter=2026-0001&what=item-', s.seq, '&link=http%3A%2F%2Fx%2F', s.seq),
           CONCAT('<${tag}-i', s.seq, '@vellum.test>'), 'queued', NOW(6) + INTERVAL 2 SECOND, NOW(6),
           CONCAT('client_items:', f.id, ':${tag}-w', s.seq % ${WINDOWS}, '@lease.test')
         FROM seq_0_to_${WINDOWS * 3 - 1} s JOIN firms f ON f.slug = 'demo'`);
    sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at, created_at)
         SELECT f.id, 'password_reset', CONCAT('${tag}-s', s.seq, '@lease.test'),
           CONCAT('link=http%3A%2F%2Fx%2F', s.seq, '&minutes=30'), CONCAT('<${tag}-s', s.seq, '@vellum.test>'),
           'queued', NOW(6) + INTERVAL 2 SECOND, NOW(6)
         FROM seq_1_to_${SINGLES} s JOIN firms f ON f.slug = 'demo'`);
    mailers.push(startMailer(conf, 'mailer-race.log'), startMailer(conf, 'mailer-race.log'));
    const done = await until(() => sql(`SELECT COUNT(*) FROM notifications WHERE message_id LIKE '<${tag}-%'
      AND status = 'sent'`) === String(WINDOWS * 3 + SINGLES), 240, 250);
    assert.ok(done, 'every row sent within 240 s');
    await Promise.all(mailers.map(stopMailer));
    const counts = sink.counts(ours(tag));
    assert.equal(counts.size, WINDOWS + SINGLES, 'one email per window and per single row');
    const twice = [...counts].filter(([, c]) => c > 1).map(([id]) => id);
    assert.deepEqual(twice, [], 'no email twice');
    // One email per recipient listing its three items.
    const perRecipient = new Map();
    for (const m of sink.messages.filter(ours(tag))) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) || 0) + 1);
    assert.equal(perRecipient.size, WINDOWS + SINGLES);
    assert.ok([...perRecipient.values()].every((c) => c === 1), 'one email per recipient');
    assert.equal(sql(`SELECT COUNT(DISTINCT SUBSTRING_INDEX(lease_owner, '/', 1)) FROM notifications
      WHERE message_id LIKE '<${tag}-%'`), '2', 'both mailers sent');
  } finally {
    await Promise.all(mailers.map(stopMailer));
    await sink.close();
    forget(tag);
    stack('start');
  }
});
