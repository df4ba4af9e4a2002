// Attack: an upload whose body ends before its CONTENT_LENGTH (the client
// went away mid-upload, or a server passed on what it had).  The raw-body
// upload (the browser's uploader: POST .../documents/put) must not store
// what arrived as if it were the whole file, as plain CGI (stdin ends) or
// as FastCGI (the empty FCGI_STDIN record comes early).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, csrfOf, demoAdmin, matterId, sql } from './helpers.mjs';

function run(mode, prog, opts) {
  const e = cgiEnv({ ...opts, env: { HTTP_SEC_FETCH_SITE: 'same-origin', ...(opts.env || {}) } });
  const cmd = mode === 'cgi'
    ? [path.join(ROOT, 'build/cgi-bin', prog), []]
    : ['cgi-fcgi', ['-bind', '-connect', path.join(VAR, 'run', `${prog}.sock`)]];
  const r = spawnSync(cmd[0], cmd[1], { env: e, input: opts.body, timeout: 20000 });
  const out = r.stdout.toString('latin1');
  const split = out.indexOf('\r\n\r\n');
  assert.ok(split > 0, `${mode}: no header block in ${JSON.stringify(out.slice(0, 200))}`);
  const status = Number(((out.slice(0, split).match(/^Status: (\d+)/m) || [])[1]) || 200);
  return { status, text: out.slice(split + 4) };
}

const firm = await demoAdmin();
const csrf = csrfOf((await firm.get('/matters')).text);
const mid = matterId('2026-0001');
const count = () => Number(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${mid}`));

for (const mode of ['cgi', 'fcgi']) {
  test(`${mode}: a raw upload cut short of its CONTENT_LENGTH is not stored`, () => {
    const body = 'the first part of a longer file\n'.repeat(8);
    const put = (name, len) => run(mode, 'docs_upload', {
      method: 'POST', uri: `/matters/${mid}/documents/put?name=${name}`, body,
      type: 'application/octet-stream', cookie: firm.cookieHeader(),
      env: { HTTP_X_CSRF_TOKEN: csrf, HTTP_X_REQUESTED_WITH: 'vellum-upload', CONTENT_LENGTH: String(len) },
    });
    const before = count();
    const cut = put(`cut-${mode}.txt`, Buffer.byteLength(body) + 5000);
    assert.ok(cut.status >= 400, `a cut upload answered ${cut.status}: ${cut.text.slice(0, 200)}`);
    assert.equal(count(), before, 'no document recorded from a cut body');
    assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE name = 'cut-${mode}.txt'`), '0');
    // Nor left on disk: the temp file goes with the request.
    assert.deepEqual(fs.readdirSync(path.join(VAR, 'tmp')).filter((f) => f.startsWith('upload-')), []);
    assert.match(cut.text, /ended before all of it arrived/);
    // The same body with its true length is stored (the request is right).
    const whole = put(`whole-${mode}.txt`, Buffer.byteLength(body));
    assert.equal(whole.status, 200, whole.text.slice(0, 200));
    assert.equal(count(), before + 1);
  });
}
