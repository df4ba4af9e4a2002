// CGI-level tests: each program run as a web server runs it, as plain CGI
// (environment + stdin, one process per request) and as FastCGI (through
// cgi-fcgi to the program's socket).  Both must answer alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR } from './helpers.mjs';

function run(mode, prog, { method = 'GET', uri = '/', body = '', type, cookie, env = {} } = {}) {
  const q = uri.indexOf('?');
  const e = {
    PATH: process.env.PATH,
    VELLUM_CONF: process.env.VELLUM_CONF,
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: method,
    REQUEST_URI: uri,
    SCRIPT_NAME: q < 0 ? uri : uri.slice(0, q),
    QUERY_STRING: q < 0 ? '' : uri.slice(q + 1),
    REMOTE_ADDR: '127.0.0.1',
    CONTENT_LENGTH: String(Buffer.byteLength(body)),
    ...(type ? { CONTENT_TYPE: type } : {}),
    ...(cookie ? { HTTP_COOKIE: cookie } : {}),
    ...env,
  };
  const cmd = mode === 'cgi'
    ? [path.join(ROOT, 'build/cgi-bin', prog), []]
    : ['cgi-fcgi', ['-bind', '-connect', path.join(VAR, 'run', `${prog}.sock`)]];
  const r = spawnSync(cmd[0], cmd[1], { env: e, input: body, timeout: 20000 });
  const out = r.stdout.toString('latin1');
  const split = out.indexOf('\r\n\r\n');
  const head = out.slice(0, split), text = out.slice(split + 4);
  const headers = {};
  const cookies = [];
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).toLowerCase(), v = line.slice(i + 1).trim();
    if (k === 'set-cookie') cookies.push(v); else headers[k] = v;
  }
  return { exit: r.status, status: Number((headers.status || '200').split(' ')[0]), headers, cookies, text, raw: out };
}

// Random parts (CSRF tokens, cookie values) differ per request; the rest must not.
const normal = (raw) => raw.replace(/[0-9a-f]{64}/g, 'HEX').replace(/=[A-Za-z0-9_-]{43};/g, '=TOKEN;');

const both = (prog, opts) => [run('cgi', prog, opts), run('fcgi', prog, opts)];

test('every program gives the same response as CGI and as FastCGI', () => {
  const cases = [
    ['auth_login', { uri: '/' }],
    ['auth_login', { uri: '/login?signed_out=1' }],
    ['auth_forgot', { uri: '/forgot' }],
    ['auth_reset', { uri: '/reset?token=' + 'A'.repeat(43) }],
    ['matters_list', { uri: '/matters' }],
    ['matter_show', { uri: '/matters/1' }],
    ['contacts_list', { uri: '/contacts' }],
    ['auth_logout', { uri: '/logout' }],
    ['docs_list', { uri: '/matters/1/documents' }],
    ['contact_show', { uri: '/contacts/1' }],
    ['docs_download', { uri: '/documents/1/download' }],
    ['docs_upload', { method: 'POST', uri: '/matters/1/documents/upload', body: '--b\r\n', type: 'multipart/form-data; boundary=b' }],
    ['docs_action', { method: 'POST', uri: '/matters/1/documents/action', body: 'op=delete', type: 'application/x-www-form-urlencoded' }],
    ['auth_login', { method: 'POST', uri: '/login', body: 'email=a%40b.co&password=x', type: 'application/x-www-form-urlencoded' }],
    ['auth_login', { method: 'POST', uri: '/login', body: 'email=%zz', type: 'application/x-www-form-urlencoded' }],
    ['auth_login', { method: 'DELETE', uri: '/login' }],
  ];
  for (const [prog, opts] of cases) {
    const [cgi, fcgi] = both(prog, opts);
    assert.equal(cgi.exit, 0, `${prog} CGI exit`);
    assert.ok(cgi.status >= 200, `${prog} answered`);
    assert.equal(normal(cgi.raw), normal(fcgi.raw), `${prog} ${opts.method || 'GET'} ${opts.uri}`);
  }
});

test('statuses as a web server sees them', () => {
  assert.equal(run('cgi', 'auth_login').status, 200);
  const m = run('cgi', 'matters_list', { uri: '/matters' });
  assert.equal(m.status, 303);
  assert.equal(m.headers.location, '/login?next=%2Fmatters');
  const noCsrf = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'email=a%40b.co', type: 'application/x-www-form-urlencoded' });
  assert.equal(noCsrf.status, 403);
  const head = run('cgi', 'auth_login', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.text, '', 'HEAD has no body');
  assert.ok(Number(head.headers['content-length']) > 500);
});

test('a sign-in done as CGI is a session the FastCGI programs honour', () => {
  const form = run('cgi', 'auth_login', { uri: '/login' });
  const pre = form.cookies.find((c) => c.startsWith('__Host-pre=')).split(';')[0];
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const body = `csrf=${csrf}&email=admin%40demo.test&password=demo-admin-pass`;
  const signin = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body, type: 'application/x-www-form-urlencoded', cookie: pre });
  assert.equal(signin.status, 303);
  const sid = signin.cookies.find((c) => c.startsWith('__Host-sid=')).split(';')[0];
  const list = run('fcgi', 'matters_list', { uri: '/matters', cookie: sid });
  assert.equal(list.status, 200);
  assert.match(list.text, /2026-0001/);
});

test('as CGI, an oversized body is refused before it is read', () => {
  const r = run('cgi', 'auth_login', {
    method: 'POST', uri: '/login', body: 'x=1', type: 'application/x-www-form-urlencoded',
    env: { CONTENT_LENGTH: String(200 * 1024 * 1024) },
  });
  assert.equal(r.status, 413);
  assert.match(r.text, /too large/);
  const bogus = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'x', type: 'application/x-www-form-urlencoded', env: { CONTENT_LENGTH: '12abc' } });
  assert.equal(bogus.status, 400);
  // The upload program's cap: 100 MB a file plus the multipart envelope.
  const up = run('cgi', 'docs_upload', {
    method: 'POST', uri: '/matters/1/documents/upload', body: '--b\r\n', type: 'multipart/form-data; boundary=b',
    env: { CONTENT_LENGTH: String(100 * 1024 * 1024 + 65537) },
  });
  assert.equal(up.status, 413);
  assert.match(up.text, /too large/);
  // A raw upload's limit is exact: 100 MB plus one byte is refused unread.
  const raw = run('cgi', 'docs_upload', {
    method: 'POST', uri: '/matters/1/documents/put?name=x', body: 'x', type: 'application/octet-stream',
    env: { CONTENT_LENGTH: String(100 * 1024 * 1024 + 1) },
  });
  assert.equal(raw.status, 413);
  assert.match(raw.text, /too large/);
  const short = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'x=1', type: 'application/x-www-form-urlencoded', env: { CONTENT_LENGTH: '100' } });
  assert.equal(short.status, 400, 'a body shorter than announced');
});

test('as CGI without a configuration: a clear 500, not a blank page', () => {
  const r = run('cgi', 'auth_login', { env: { VELLUM_CONF: '/nonexistent/vellum.conf' } });
  assert.equal(r.status, 500);
  assert.match(r.text, /not configured/);
  assert.notEqual(r.exit, null, 'no crash');
});
