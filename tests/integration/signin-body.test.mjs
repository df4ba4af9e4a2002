// Request bodies are read only after the session (and, where it travels in
// a header, the CSRF token) is checked; urlencoded bodies are capped at
// 64 KiB whatever a program's upload limit; multipart bodies are capped in
// field count and in total non-file size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { csrfOf, BASE, VAR, sql, sleep, demoAdmin, pids } from './helpers.mjs';
import { newClient, unique } from './signin-lib.mjs';

const MB = 1024 * 1024;

// A matter of our own (with an open portal), so the demo data stays as it was.
function ownMatter() {
  const contact = newClient(`${unique('body')}@signin.test`);
  return sql(`SELECT id FROM matters WHERE client_id = ${contact}`);
}

// Peak resident memory (VmHWM, kB) of each process of a program.
function peaks(prog) {
  return Object.fromEntries(pids(prog).map((p) => {
    const s = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    return [p, Number(s.match(/^VmHWM:\s+(\d+) kB/m)[1])];
  }));
}

function grewBy(before, after) {
  return Math.max(...Object.keys(after).map((p) => after[p] - (before[p] || 0)));
}

// Records the names of files created in the upload temp directory.
function watchTmp() {
  const names = [];
  const w = fs.watch(path.join(VAR, 'tmp'), (ev, name) => { if (name) names.push(name); });
  return { names, close: () => w.close() };
}

async function raw(url, { body, type, cookie, headers = {} }) {
  const h = { ...headers, 'content-type': type };
  if (cookie) h.cookie = cookie;
  const res = await fetch(BASE + url, { method: 'POST', body, headers: h, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

function multipart(parts) {
  const b = 'vellumtestboundary';
  const chunks = [];
  for (const p of parts) {
    const disp = p.filename !== undefined
      ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${b}\r\nContent-Disposition: ${disp}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${b}` };
}

test('signed out: an 80 MB form to a portal action is refused before it is read', async () => {
  const mid = ownMatter();
  const before = peaks('portal_action');
  const body = Buffer.alloc(80 * MB, 'a');
  body.write('op=send&body=');
  const res = await raw(`/matters/${mid}/portal/action`, { body, type: 'application/x-www-form-urlencoded' });
  assert.equal(res.status, 403);
  const grew = grewBy(before, peaks('portal_action'));
  assert.ok(grew < 16 * 1024, `peak memory grew by ${grew} kB`);
});

test('no temp file for an upload without a session or without a CSRF token first', async () => {
  const mid = ownMatter();
  const firm = await demoAdmin();
  const csrf = csrfOf((await firm.get(`/matters/${mid}/documents`)).text);
  const w = watchTmp();
  try {
    const before = peaks('docs_upload');
    const big = multipart([{ name: 'folder', data: '0' }, { name: 'file', filename: 'big.bin', data: Buffer.alloc(80 * MB, 'b') }]);
    const anon = await raw(`/matters/${mid}/documents/upload`, big);
    assert.equal(anon.status, 403, 'signed out');
    const grew = grewBy(before, peaks('docs_upload'));
    assert.ok(grew < 16 * 1024, `peak memory grew by ${grew} kB`);

    const none = multipart([{ name: 'file', filename: 'x.txt', data: 'no token' }]);
    assert.equal((await raw(`/matters/${mid}/documents/upload`, { ...none, cookie: firm.cookieHeader() })).status, 403, 'no token');
    const late = multipart([{ name: 'file', filename: 'x.txt', data: 'token after the file' }, { name: 'csrf', data: csrf }]);
    assert.equal((await raw(`/matters/${mid}/documents/upload`, { ...late, cookie: firm.cookieHeader() })).status, 403, 'token after the file');
    const wrong = multipart([{ name: 'csrf', data: 'f'.repeat(64) }, { name: 'file', filename: 'x.txt', data: 'wrong token' }]);
    assert.equal((await raw(`/matters/${mid}/documents/upload`, { ...wrong, cookie: firm.cookieHeader() })).status, 403, 'wrong token');
    const hdr = await raw(`/matters/${mid}/documents/put?folder=0&name=x.txt`, { body: 'wrong header token',
      type: 'application/octet-stream', cookie: firm.cookieHeader(), headers: { 'x-csrf-token': 'e'.repeat(64) } });
    assert.equal(hdr.status, 403, 'wrong header token');

    // A proper upload makes exactly one temp file: the watcher sees it, and nothing before it.
    const good = multipart([{ name: 'csrf', data: csrf }, { name: 'folder', data: '0' }, { name: 'file', filename: 'control.txt', data: 'control' }]);
    assert.equal((await raw(`/matters/${mid}/documents/upload`, { ...good, cookie: firm.cookieHeader() })).status, 303);
    for (let i = 0; i < 100 && w.names.length === 0; i++) await sleep(50);
    assert.ok(w.names.length > 0, 'the watcher works');
    assert.deepEqual([...new Set(w.names)].length, 1, `one temp file only: ${[...new Set(w.names)]}`);
  } finally {
    w.close();
  }
});

test('a urlencoded body over 64 KiB is refused even where uploads may be 100 MB', async () => {
  const mid = ownMatter();
  const firm = await demoAdmin();
  const csrf = csrfOf((await firm.get(`/matters/${mid}/portal`)).text);
  const form = (n) => {
    const head = `csrf=${csrf}&op=none&pad=`;
    return head + 'p'.repeat(n - head.length);
  };
  const over = await raw(`/matters/${mid}/portal/action`, { body: form(64 * 1024 + 1), type: 'application/x-www-form-urlencoded', cookie: firm.cookieHeader() });
  assert.equal(over.status, 413);
  const at = await raw(`/matters/${mid}/portal/action`, { body: form(64 * 1024), type: 'application/x-www-form-urlencoded', cookie: firm.cookieHeader() });
  assert.notEqual(at.status, 413, '64 KiB is still read');
  assert.notEqual(at.status, 403);
});

test('multipart: too many fields, or too much text outside files, is refused', async () => {
  const mid = ownMatter();
  const firm = await demoAdmin();
  const csrf = csrfOf((await firm.get(`/matters/${mid}/portal`)).text);
  const many = multipart([{ name: 'csrf', data: csrf }, ...Array.from({ length: 2000 }, (_, i) => ({ name: `f${i}`, data: 'x' }))]);
  const r1 = await raw(`/matters/${mid}/portal/action`, { ...many, cookie: firm.cookieHeader() });
  assert.equal(r1.status, 413, 'too many fields');
  const fat = multipart([{ name: 'csrf', data: csrf }, ...Array.from({ length: 4 }, (_, i) => ({ name: `t${i}`, data: 't'.repeat(60000) }))]);
  const r2 = await raw(`/matters/${mid}/portal/action`, { ...fat, cookie: firm.cookieHeader() });
  assert.equal(r2.status, 413, 'too much text');
  // An ordinary composer post still goes through.
  const ok = multipart([{ name: 'csrf', data: csrf }, { name: 'op', data: 'open' }]);
  assert.equal((await raw(`/matters/${mid}/portal/action`, { ...ok, cookie: firm.cookieHeader() })).status, 303);
});
