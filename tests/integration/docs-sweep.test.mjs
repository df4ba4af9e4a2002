// Uploads that die half way (issue 6, 2.10).  A killed upload program leaves
// a temp file, or a stored file with no document; `vellumctl sweep` clears
// both, never touches a stored file whose document exists, and a document
// whose upload is still in flight never shows in any list.  An upload whose
// transaction fails (documents, the portal composer, a client's reply)
// leaves nothing behind.
//
// The killed program is a docs_upload of our own (spawn-fcgi, one process,
// a private socket) spoken to over FastCGI directly: nginx buffers a whole
// body before it passes it on, so only this way can a test kill the program
// while it is still reading.  The stack's own programs stay untouched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Client, csrfOf, sql, sleep, BASE, ROOT, VAR, demoAdmin } from './helpers.mjs';
import { newMatter, newFolder, portalAction, upload, clientReply, docId, acceptInvitation,
  filesUnder, trigger, STORE, TMP, storePath, uploadTemps } from './docs-helpers.mjs';

const vellumctl = (...args) => execFileSync(path.join(ROOT, 'build/bin/vellumctl'), args, { env: process.env, encoding: 'utf8' });
const pending = () => sql('SELECT COUNT(*) FROM store_pending');

// ---- a FastCGI client: one request, the body sent as far as we choose ----
function record(type, content = Buffer.alloc(0)) {
  const h = Buffer.alloc(8);
  h.writeUInt8(1, 0);
  h.writeUInt8(type, 1);
  h.writeUInt16BE(1, 2);
  h.writeUInt16BE(content.length, 4);
  return Buffer.concat([h, content]);
}

function params(env) {
  const parts = [];
  for (const [k, v] of Object.entries(env)) {
    const kb = Buffer.from(k), vb = Buffer.from(String(v));
    for (const b of [kb, vb]) {
      if (b.length < 128) parts.push(Buffer.from([b.length]));
      else { const l = Buffer.alloc(4); l.writeUInt32BE(b.length | 0x80000000); parts.push(l); }
    }
    parts.push(kb, vb);
  }
  return record(4, Buffer.concat(parts));
}

// Starts a raw upload of `total` bytes and sends `first` of them; returns the socket.
function startUpload(sock, c, csrf, mid, name, total, first, folder = 0) {
  const s = net.connect(sock);
  s.on('error', () => {});
  const begin = Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]);
  s.write(record(1, begin));
  s.write(params({
    REQUEST_METHOD: 'POST', REQUEST_URI: `/matters/${mid}/documents/put?folder=${folder}&name=${name}`,
    QUERY_STRING: `folder=${folder}&name=${name}`, SCRIPT_NAME: `/matters/${mid}/documents/put`,
    CONTENT_TYPE: 'application/octet-stream', CONTENT_LENGTH: String(total), REMOTE_ADDR: '127.0.0.1',
    GATEWAY_INTERFACE: 'CGI/1.1', SERVER_PROTOCOL: 'HTTP/1.1', HTTP_COOKIE: c.cookieHeader(),
    HTTP_X_CSRF_TOKEN: csrf, HTTP_X_REQUESTED_WITH: 'vellum-upload', HTTP_SEC_FETCH_SITE: 'same-origin',
  }));
  s.write(record(4));
  for (let off = 0; off < first; off += 65535) s.write(record(5, Buffer.alloc(Math.min(65535, first - off), 0x6b)));
  return s;
}

let proc = null;
const sock = path.join(VAR, 'run', 'docs-kill.sock');
const pidfile = path.join(VAR, 'run', 'docs-kill.pid');

function spawnOwn() {
  fs.rmSync(sock, { force: true });
  const r = spawnSync('spawn-fcgi', ['-s', sock, '-M', '0600', '-F', '1', '-P', pidfile, '--',
    path.join(ROOT, 'build/cgi-bin/docs_upload')], { env: process.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  proc = Number(fs.readFileSync(pidfile, 'utf8').trim());
}

const gone = (pid) => {
  try { return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
};

async function until(what, cond, tries = 200) {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function kill(pid) {
  process.kill(pid, 'SIGKILL');
  await until('the killed program to end', () => gone(pid));
}

after(() => {
  if (proc && !gone(proc)) process.kill(proc, 'SIGKILL');
  fs.rmSync(sock, { force: true });
  fs.rmSync(pidfile, { force: true });
  sql('DROP TRIGGER IF EXISTS docs_test_slow');
  sql('DROP TRIGGER IF EXISTS docs_test_fail_doc');
  sql('DROP TRIGGER IF EXISTS docs_test_fail_msg');
});

test('an upload killed mid-body leaves nothing once swept', async () => {
  const c = await demoAdmin();
  const { mid } = newMatter('killbody');
  const csrf = csrfOf((await c.get(`/matters/${mid}/documents`)).text);
  const storeBefore = filesUnder(STORE), tmpBefore = uploadTemps();
  spawnOwn();
  const s = startUpload(sock, c, csrf, mid, 'half.bin', 8 << 20, 1 << 20);
  let temp;
  await until('the temp file', () => {
    temp = uploadTemps().find((f) => !tmpBefore.includes(f));
    return temp && fs.statSync(path.join(TMP, temp)).size > 0;
  });
  await kill(proc);
  s.destroy();
  assert.ok(fs.existsSync(path.join(TMP, temp)), 'the killed program could not clean up');
  const out = vellumctl('sweep', '--grace', '0');
  assert.match(out, /1 temp file/);
  assert.deepEqual(uploadTemps(), [], 'no temp file left');
  assert.deepEqual(filesUnder(STORE), storeBefore, 'nothing stored');
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${mid}`), '0');
  assert.equal(pending(), '0');
});

test('an upload killed after its file is stored: never listed, swept with its file', async () => {
  const firm = await demoAdmin();
  const t = newMatter('killstored');
  const folder = await newFolder(firm, t.mid, 'Shared with client');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'share', folder })).status, 303);
  const client = await acceptInvitation(t.email, 'killstored portal pass');
  const csrf = csrfOf((await firm.get(`/matters/${t.mid}/documents`)).text);
  // The document's row waits (a trigger sleeps) after the file is stored.
  trigger('docs_test_slow', "CREATE TRIGGER docs_test_slow BEFORE INSERT ON documents FOR EACH ROW BEGIN IF NEW.name = 'stored-then-killed.txt' THEN DO SLEEP(8); END IF; END");
  const storeBefore = filesUnder(STORE);
  spawnOwn();
  const body = 'stored, then the program died';
  const s = startUpload(sock, firm, csrf, t.mid, 'stored-then-killed.txt', body.length, 0, folder);
  s.write(record(5, Buffer.from(body)));
  s.write(record(5));
  let added = [];
  await until('the stored file', () => (added = filesUnder(STORE).filter((f) => !storeBefore.includes(f))).length === 1);
  assert.equal(pending(), '1', 'the stored file has its pending row');
  // In flight: no list shows it, to the firm or to the client.
  assert.doesNotMatch((await firm.get(`/matters/${t.mid}/documents?folder=${folder}`)).text, /stored-then-killed/);
  assert.doesNotMatch((await client.get(`/portal/matters/${t.mid}?view=shared`)).text, /stored-then-killed/);
  assert.doesNotMatch((await firm.get(`/matters/${t.mid}/portal?view=shared`)).text, /stored-then-killed/);
  await kill(proc);
  s.destroy();
  sql('DROP TRIGGER docs_test_slow');
  // A young pending row is an upload in flight: the default grace keeps it.
  vellumctl('sweep');
  assert.equal(filesUnder(STORE).filter((f) => !storeBefore.includes(f)).length, 1);
  const out = vellumctl('sweep', '--grace', '0');
  assert.match(out, /1 pending upload/);
  assert.deepEqual(filesUnder(STORE), storeBefore, 'the stored file is gone');
  assert.equal(pending(), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${t.mid}`), '0');
});

test('the sweep never removes a stored file whose document exists', async () => {
  const c = await demoAdmin();
  const { mid } = newMatter('keep');
  const data = Buffer.from('a document that stays');
  assert.equal((await upload(c, mid, [['kept.txt', data]])).status, 303);
  const id = docId(mid, 'kept.txt');
  const file = storePath(sql(`SELECT storage_key FROM documents WHERE id = ${id}`));
  const old = new Date(Date.now() - 3 * 86400e3);
  fs.utimesSync(file, old, old);
  // A file with no document at all (say a delete killed before its unlink) goes.
  const stray = storePath('ab'.repeat(32));
  fs.mkdirSync(path.dirname(stray), { recursive: true });
  fs.writeFileSync(stray, 'no row names me');
  const out = vellumctl('sweep', '--grace', '0');
  assert.match(out, /1 orphan file/);
  assert.ok(!fs.existsSync(stray));
  assert.deepEqual(fs.readFileSync(file), data);
  const dl = await fetch(`${BASE}/documents/${id}/download`, { headers: { cookie: (await demoAdmin()).cookieHeader() } });
  assert.equal(dl.status, 200);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), data);
});

test('an upload whose transaction fails leaves no file, row or pending row', async () => {
  const firm = await demoAdmin();
  const t = newMatter('txfail');
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'Welcome.' })).status, 303);
  const client = await acceptInvitation(t.email, 'txfail portal password');
  trigger('docs_test_fail_doc', "CREATE TRIGGER docs_test_fail_doc BEFORE INSERT ON documents FOR EACH ROW BEGIN IF NEW.name = 'fails.txt' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test failure'; END IF; END");
  trigger('docs_test_fail_msg', "CREATE TRIGGER docs_test_fail_msg BEFORE INSERT ON messages FOR EACH ROW BEGIN IF NEW.body = 'This message fails.' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test failure'; END IF; END");
  const storeBefore = filesUnder(STORE);
  const check = async (what) => {
    assert.deepEqual(filesUnder(STORE), storeBefore, `${what}: no stored file left`);
    assert.equal(pending(), '0', `${what}: no pending row left`);
    assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${t.mid}`), '0', `${what}: no document`);
    // (The program unlinks its temp files just after it has answered.)
    await until(`${what}: no temp file`, () => uploadTemps().length === 0);
  };
  // Documents: the second of two files fails, so neither stays.
  const up = await upload(firm, t.mid, [['fine.txt', Buffer.from('fine')], ['fails.txt', Buffer.from('fails')]]);
  assert.equal(up.status, 500);
  await check('documents upload');
  // The composer: the file is stored, then the message fails.
  const sent = await portalAction(await demoAdmin(), t.mid, { op: 'send', body: 'This message fails.' }, [['composer.txt', Buffer.from('c')]]);
  assert.equal(sent.status, 500);
  await check('composer');
  // A client's reply.
  const reply = await clientReply(client, t.mid, 'This message fails.', [['reply.txt', Buffer.from('r')]]);
  assert.equal(reply.status, 500);
  await check('client reply');
  sql('DROP TRIGGER docs_test_fail_doc');
  sql('DROP TRIGGER docs_test_fail_msg');
});
