// Documents (F-A5) through nginx: upload (streamed, 100 MB a file), folders,
// rename, move, delete, download; type sniffed from content; storage under
// opaque names; another firm can neither see nor touch them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, pids, until, VAR, ROOT, BASE, demoAdmin, matterId } from './helpers.mjs';

const MB = 1024 * 1024;

const admin = demoAdmin;

// Uploads files ([name, Buffer]) the way the browser's uploader does.
async function upload(c, mid, files, { folder = 0, json = false } = {}) {
  const page = await c.get(`/matters/${mid}/documents?folder=${folder}`);
  const form = new FormData();
  form.append('csrf', csrfOf(page.text));
  form.append('folder', String(folder));
  for (const [name, data] of files) form.append('file', new Blob([data]), name);
  const headers = { cookie: c.cookieHeader() };
  if (json) headers['x-requested-with'] = 'vellum-upload';
  const res = await fetch(`${BASE}/matters/${mid}/documents/upload`, { method: 'POST', body: form, headers, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function action(c, mid, fields) {
  const page = await c.get(`/matters/${mid}/documents`);
  return c.post(`/matters/${mid}/documents/action`, { csrf: csrfOf(page.text), folder: '0', ...fields });
}

const docRow = (name) => sql(`SELECT CONCAT_WS('|', id, COALESCE(folder_id, 0), size, mime, storage_key) FROM documents WHERE name = '${name}' ORDER BY id DESC LIMIT 1`).split('|');

test('several files upload at once; listed, typed from content, downloaded byte for byte', async () => {
  const c = await admin();
  const mid = matterId('2026-0001');
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const res = await upload(c, mid, [['scan.txt', png], ['Brief (final).pdf', pdf], ['notes é.txt', Buffer.from('plain words\n')]]);
  assert.equal(res.status, 303);
  assert.match(res.location, /notice=uploaded/);
  const list = await c.get(res.location);
  for (const n of ['scan.txt', 'Brief (final).pdf', 'notes é.txt']) assert.ok(list.text.includes(n), n);
  assert.match(list.text, /Upload complete\./);

  const [id, , size, mime, key] = docRow('scan.txt');
  assert.equal(mime, 'image/png', 'the content decides the type, not the name');
  assert.equal(Number(size), png.length);
  assert.equal(docRow('Brief (final).pdf')[3], 'application/pdf');
  // Stored outside the web root, under a random name that is not the client's.
  assert.match(key, /^[0-9a-f]{64}$/);
  const stored = path.join(VAR, 'store', key.slice(0, 2), key.slice(2, 4), key);
  assert.deepEqual(fs.readFileSync(stored), png);
  assert.equal((await c.get(`/static/../store/${key}`)).status, 404);

  const dl = await fetch(`${BASE}/documents/${id}/download`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(dl.status, 200);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), png);
  assert.equal(dl.headers.get('content-type'), 'image/png');
  assert.equal(dl.headers.get('content-disposition'), 'attachment; filename="scan.txt"; filename*=UTF-8\'\'scan.txt');
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
  assert.match(dl.headers.get('content-security-policy'), /sandbox/);
  const [uid] = docRow('notes é.txt');
  const dl2 = await fetch(`${BASE}/documents/${uid}/download`, { headers: { cookie: c.cookieHeader() } });
  assert.match(dl2.headers.get('content-disposition'), /filename="notes _+\.txt"; filename\*=UTF-8''notes%20%C3%A9\.txt/);
});

test('the uploader asks for JSON; names from the client are cleaned', async () => {
  const c = await admin();
  const mid = matterId('2026-0001');
  const before = Number(sql("SELECT COUNT(*) FROM documents WHERE name = 'upload'"));
  const res = await upload(c, mid, [['C:\\Users\\x\\..\\evil\u0007name.txt', Buffer.from('x')]], { json: true });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.text), { ok: true, files: 1 });
  assert.equal(sql("SELECT COUNT(*) FROM documents WHERE name LIKE '%Users%' OR name LIKE '%\\\\%'"), '0');
  assert.equal(Number(sql("SELECT COUNT(*) FROM documents WHERE name = 'upload'")), before + 1, 'a name with control characters becomes "upload"');
});

test('folders nest; documents and folders rename, move and delete', async () => {
  const c = await admin();
  const mid = matterId('2026-0002');
  assert.equal((await action(c, mid, { op: 'new_folder', name: 'Lease' })).status, 303);
  const lease = sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = 'Lease'`);
  const sub = await c.post(`/matters/${mid}/documents/action`, { csrf: csrfOf((await c.get(`/matters/${mid}/documents`)).text), op: 'new_folder', name: 'Drafts', folder: lease });
  assert.equal(sub.status, 303);
  assert.equal(sub.location, `/matters/${mid}/documents?folder=${lease}&notice=folder`);
  const drafts = sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = 'Drafts'`);
  const inner = await c.get(`/matters/${mid}/documents?folder=${drafts}`);
  assert.match(inner.text, new RegExp(`<a href="/matters/${mid}/documents">Documents</a>`));
  assert.match(inner.text, new RegExp(`› <a href="/matters/${mid}/documents\\?folder=${lease}">Lease</a>`));
  assert.match(inner.text, /› <strong>Drafts<\/strong>/);

  assert.equal((await upload(c, mid, [['draft-1.txt', Buffer.from('one')]], { folder: drafts })).status, 303);
  const [doc, inFolder] = docRow('draft-1.txt');
  assert.equal(inFolder, drafts);
  // Rename and move the document.
  assert.equal((await action(c, mid, { op: 'rename', kind: 'document', id: doc, name: 'Draft lease v1.txt' })).status, 303);
  assert.equal(sql(`SELECT name FROM documents WHERE id = ${doc}`), 'Draft lease v1.txt');
  assert.equal((await action(c, mid, { op: 'move', kind: 'document', id: doc, target: lease })).status, 303);
  assert.equal(sql(`SELECT folder_id FROM documents WHERE id = ${doc}`), lease);
  // A folder cannot move into itself or below itself.
  const loop = await action(c, mid, { op: 'move', kind: 'folder', id: lease, target: drafts });
  assert.equal(loop.status, 409);
  assert.match(loop.text, /cannot move into itself/);
  assert.equal((await action(c, mid, { op: 'move', kind: 'folder', id: drafts, target: '0' })).status, 303);
  assert.equal(sql(`SELECT COALESCE(parent_id, 0) FROM folders WHERE id = ${drafts}`), '0');
  assert.equal((await action(c, mid, { op: 'rename', kind: 'folder', id: drafts, name: 'Old drafts' })).status, 303);
  // Deleting a folder deletes what it holds, rows and files.
  const key = docRow('Draft lease v1.txt')[4];
  const file = path.join(VAR, 'store', key.slice(0, 2), key.slice(2, 4), key);
  assert.ok(fs.existsSync(file));
  assert.equal((await action(c, mid, { op: 'delete', kind: 'folder', id: lease })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE id = ${doc}`), '0');
  assert.ok(!fs.existsSync(file), 'the file left the disk');
  assert.equal((await c.get(`/documents/${doc}/download`)).status, 404);
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('folder_deleted','document_moved','document_renamed')")) >= 3);
});

test('another firm cannot see, download, change or upload into these documents', async () => {
  if (sql("SELECT COUNT(*) FROM firms WHERE slug = 'rival'") === '0')
    execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', 'Rival LLP', 'rival', 'boss@rival.test', 'Rita Rival'],
      { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'rival-admin-pass' } });
  const own = await admin();
  const mid = matterId('2026-0003');
  await upload(own, mid, [['estate.txt', Buffer.from('secret estate')]]);
  const [doc] = docRow('estate.txt');
  await action(own, mid, { op: 'new_folder', name: 'Wills' });
  const folder = sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = 'Wills'`);
  const before = sql('SELECT CONCAT(COUNT(*), SUM(size)) FROM documents') + sql("SELECT GROUP_CONCAT(name ORDER BY id) FROM folders");

  const rival = new Client();
  assert.equal((await rival.signIn('boss@rival.test', 'rival-admin-pass')).status, 303);
  const page = await rival.get('/matters');
  const csrf = csrfOf(page.text);
  assert.equal((await rival.get(`/matters/${mid}/documents`)).status, 404);
  assert.equal((await rival.get(`/matters/${mid}/documents?folder=${folder}`)).status, 404);
  const dl = await rival.get(`/documents/${doc}/download`);
  assert.equal(dl.status, 404);
  assert.doesNotMatch(dl.text, /secret estate/);
  for (const f of [
    { op: 'rename', kind: 'document', id: doc, name: 'pwned' },
    { op: 'move', kind: 'document', id: doc, target: folder },
    { op: 'delete', kind: 'document', id: doc },
    { op: 'delete', kind: 'folder', id: folder },
    { op: 'new_folder', name: 'intruder' },
  ]) {
    const res = await rival.post(`/matters/${mid}/documents/action`, { csrf, folder: '0', ...f });
    assert.equal(res.status, 404, JSON.stringify(f));
  }
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('file', new Blob([Buffer.from('planted')]), 'planted.txt');
  const up = await fetch(`${BASE}/matters/${mid}/documents/upload`, { method: 'POST', body: form, headers: { cookie: rival.cookieHeader() }, redirect: 'manual' });
  assert.equal(up.status, 404);
  const after = sql('SELECT CONCAT(COUNT(*), SUM(size)) FROM documents') + sql("SELECT GROUP_CONCAT(name ORDER BY id) FROM folders");
  assert.equal(after, before, 'nothing changed');
  // Signed out: nothing at all.
  const anon = new Client();
  assert.equal((await anon.get(`/documents/${doc}/download`)).status, 303);
});

// The browser's uploader: one file as the raw body.
async function put(c, mid, name, data) {
  const page = await c.get(`/matters/${mid}/documents`);
  const res = await fetch(`${BASE}/matters/${mid}/documents/put?folder=0&name=${encodeURIComponent(name)}`, {
    method: 'POST', body: data, redirect: 'manual',
    headers: { cookie: c.cookieHeader(), 'x-csrf-token': csrfOf(page.text), 'x-requested-with': 'vellum-upload', 'content-type': 'application/octet-stream' },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('exactly 100 MB is accepted with flat memory; one byte more is refused', async () => {
  const c = await admin();
  const mid = matterId('2026-0001');
  const big = Buffer.alloc(100 * MB, 0x61);
  const ok = await put(c, mid, 'hundred.bin', big);
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.text), { ok: true, files: 1 });
  assert.equal(docRow('hundred.bin')[2], String(100 * MB));
  // Exactly 100 MB through the multipart form (the no-script path) too.
  const viaForm = await upload(c, mid, [['hundred-form.bin', Buffer.alloc(100 * MB, 0x64)]]);
  assert.equal(viaForm.status, 303, 'the form is accepted');
  assert.equal(docRow('hundred-form.bin')[2], String(100 * MB));
  // Every upload process stayed small: the files were streamed, not held.
  // (About 20 MB is the process itself with libmagic's rules mapped; a
  // 100 MB file held in memory would be five times that.)
  for (const pid of pids('docs_upload')) {
    const hwm = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)[1]);
    assert.ok(hwm < 48 * 1024, `docs_upload ${pid} peaked at ${hwm} kB`);
  }
  // One byte more: nginx refuses it before the program reads anything.
  const over = await put(c, mid, 'over.bin', Buffer.alloc(100 * MB + 1, 0x62));
  assert.equal(over.status, 413);
  // nginx's own page (nginx/html/413.html): the program never saw it.
  assert.match(over.text, /<title>Too large · Vellum<\/title>/);
  assert.match(over.text, /A document may be at most 100 MB\./);
  assert.equal(over.headers.get('x-frame-options'), 'DENY', 'with the security headers');
  // Without the script (a multipart form), nginx lets the envelope through
  // and the program refuses the file with its own page.
  const form = await upload(c, mid, [['over-form.bin', Buffer.alloc(100 * MB + 1, 0x62)]], { json: true });
  assert.equal(form.status, 413, 'refused by the program');
  assert.match(form.text, /The upload is too large/);
  const huge = await upload(c, mid, [['huge.bin', Buffer.alloc(102 * MB, 0x63)]], { json: true });
  assert.equal(huge.status, 413, 'refused by nginx');
  assert.equal(sql("SELECT COUNT(*) FROM documents WHERE name IN ('over.bin', 'over-form.bin', 'huge.bin')"), '0');
  assert.equal(fs.readdirSync(path.join(VAR, 'tmp')).filter((f) => f.startsWith('upload-')).length, 0, 'no temp file left behind');
  // A raw upload needs its CSRF token like any POST.
  const forged = await fetch(`${BASE}/matters/${mid}/documents/put?folder=0&name=x.txt`, {
    method: 'POST', body: 'x', headers: { cookie: c.cookieHeader(), 'content-type': 'application/octet-stream' },
  });
  assert.equal(forged.status, 403);
});

// The upload locations pass the body on as it arrives (nginx does not
// spool it first): the program's temp file exists while the client is
// still sending, and a client that goes away mid-file leaves no document,
// no pending upload and no temp file.
test('an upload streams to the program as it arrives; one cut short leaves nothing behind', async () => {
  const c = await admin();
  const mid = matterId('2026-0001');
  const page = await c.get(`/matters/${mid}/documents`);
  const tmp = path.join(VAR, 'tmp');
  const temps = () => new Set(fs.readdirSync(tmp).filter((f) => f.startsWith('upload-')));
  const before = temps();
  const pending = sql('SELECT COUNT(*) FROM store_pending');
  const boundary = '----vellum-cut-short';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrfOf(page.text)}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\n\r\n0\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut-short.bin"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n');
  const url = new URL(BASE);
  const sock = net.connect(Number(url.port), url.hostname);
  await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
  let answer = '';
  sock.on('data', (d) => { answer += d; });
  sock.on('error', () => {});
  // It announces 50 MB and sends 4 MB of the file, then stops sending.
  sock.write(`POST /matters/${mid}/documents/upload HTTP/1.1\r\nHost: ${url.host}\r\n` +
    `Cookie: ${c.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
    `Content-Length: ${head.length + 50 * MB}\r\n\r\n`);
  sock.write(head);
  sock.write(Buffer.alloc(4 * MB, 0x65));
  // The program is already writing it: nginx did not wait for the body's end.
  const file = await until(() => [...temps()].find((f) => !before.has(f)), 'the temp file of the upload in flight');
  await until(() => fs.statSync(path.join(tmp, file), { throwIfNoEntry: false })?.size >= MB,
    'the first megabyte written by the program');
  assert.equal(answer, '', 'no answer before the body has arrived');
  sock.destroy();
  await until(() => !fs.existsSync(path.join(tmp, file)), 'the temp file removed');
  assert.equal(sql("SELECT COUNT(*) FROM documents WHERE name = 'cut-short.bin'"), '0');
  assert.equal(sql('SELECT COUNT(*) FROM store_pending'), pending, 'no upload left pending');
  // The process that was cut off serves the next upload.
  for (let i = 0; i < 2 * pids('docs_upload').length; i++) {
    const ok = await upload(c, mid, [[`after-cut-${i}.txt`, Buffer.from('still here\n')]], { json: true });
    assert.equal(ok.status, 200);
  }
});
