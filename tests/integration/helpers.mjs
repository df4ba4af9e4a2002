// Shared helpers for the integration tests: an HTTP client with a cookie jar
// (talking to nginx on loopback), the mail sink's inbox, the database, and the
// stack's control script.  Settings come from tests/run-all's environment.
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import fs from 'node:fs';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const BASE = process.env.VL_BASE || 'http://127.0.0.1:18080';
export const MAILWEB = process.env.VL_MAILWEB || 'http://127.0.0.1:11080';
export const VAR = process.env.VL_VAR || path.join(ROOT, 'build/test-var');
export const OUT = process.env.VL_TEST_OUT || path.join(ROOT, 'test-output');
export { sleep };

// A browser-like client: keeps cookies, does not follow redirects.  base
// is the server it talks to (nginx unless told: the Apache tests pass theirs).
export class Client {
  constructor(base = BASE) { this.jar = new Map(); this.base = base; }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async request(method, url, { body, headers = {}, type } = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = this.cookieHeader();
    if (type) h['content-type'] = type;
    const res = await fetch(this.base + url, { method, body, headers: h, redirect: 'manual' });
    this.keep(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(url, opts) { return this.request('GET', url, opts); }

  post(url, fields, opts = {}) {
    const body = new URLSearchParams(fields).toString();
    return this.request('POST', url, { ...opts, body, type: 'application/x-www-form-urlencoded' });
  }

  // GETs a page holding a form, then POSTs fields with the page's CSRF token.
  async submit(pageUrl, actionUrl, fields) {
    const page = await this.get(pageUrl);
    return this.post(actionUrl, { csrf: csrfOf(page.text), ...fields });
  }

  async signIn(email, password) {
    const res = await this.submit('/login', '/login', { email, password });
    return res;
  }
}

// A multipart POST with the CSRF token of pageUrl, as the page's form would
// send it; files are [name, Buffer].
export async function postForm(c, pageUrl, url, fields, files = []) {
  const page = await c.get(pageUrl);
  const form = new FormData();
  form.append('csrf', csrfOf(page.text));
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  for (const [name, data] of files) form.append('file', new Blob([data]), name);
  const res = await fetch(c.base + url, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

// An op of a matter's portal (portal_action), from the portal page's form.
export const portalAction = (c, mid, fields, files) =>
  postForm(c, `/matters/${mid}/portal`, `/matters/${mid}/portal/action`, fields, files);

export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

// ---- the mail sink (maildev's REST API) ----
export async function inbox() {
  const res = await fetch(`${MAILWEB}/email`);
  return res.json();
}

export async function mailsTo(address) {
  return (await inbox()).filter((m) => m.to.some((t) => t.address === address));
}

// Waits until `count` mails to address have arrived (bounded), then returns them.
export async function waitForMail(address, count = 1, seconds = 20) {
  for (let i = 0; i < seconds * 5; i++) {
    const got = await mailsTo(address);
    if (got.length >= count) return got;
    await sleep(200);
  }
  throw new Error(`no mail #${count} for ${address} within ${seconds}s`);
}

// Waits (bounded) until nothing to address is left in the outbox to send:
// every email of it went out, so the sink holds all it will get.
export async function mailSettled(address, seconds = 40) {
  for (let i = 0; i < seconds * 10; i++) {
    if (sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${address}'
      AND status IN ('queued', 'sending', 'retry')`) === '0') return;
    await sleep(100);
  }
  throw new Error(`mail to ${address} still queued after ${seconds}s`);
}

// Polls fn (bounded) until it returns a truthy value, which it returns.
export async function until(fn, what, seconds = 20) {
  for (let i = 0; i < seconds * 10; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${seconds}s`);
}

export async function clearInbox() {
  await fetch(`${MAILWEB}/email/all`, { method: 'DELETE' });
}

export function resetLinkOf(mail) {
  const m = mail.text.match(/(http:\/\/\S+\/reset\?token=[A-Za-z0-9_-]{43})/);
  if (!m) throw new Error('no reset link in the mail');
  return new URL(m[1]);
}

// ---- the database (the private test instance, over its socket) ----
export function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`,
    '-u', process.env.USER === undefined ? 'root' : execFileSync('id', ['-un']).toString().trim(),
    '-N', '-B', 'vellum', '-e', query]);
  return out.toString().trim();
}

// ---- programs run as a web server runs them ----
// The CGI environment of one request (RFC 3875), as nginx or Apache set it.
export function cgiEnv({ method = 'GET', uri = '/', body = '', type, cookie, remote = '127.0.0.1', env = {} } = {}) {
  const q = uri.indexOf('?');
  return {
    PATH: process.env.PATH,
    VELLUM_CONF: process.env.VELLUM_CONF,
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: method,
    REQUEST_URI: uri,
    SCRIPT_NAME: q < 0 ? uri : uri.slice(0, q),
    QUERY_STRING: q < 0 ? '' : uri.slice(q + 1),
    REMOTE_ADDR: remote,
    CONTENT_LENGTH: String(Buffer.byteLength(body)),
    ...(type ? { CONTENT_TYPE: type } : {}),
    ...(cookie ? { HTTP_COOKIE: cookie } : {}),
    ...env,
  };
}

// The matters page as plain CGI runs it, one process a request: its whole
// output (CGI headers and page); it must end, and with a 200.
export function cgiMatters(cookie, uri = '/matters', timeout = 20000) {
  const r = spawnSync(path.join(ROOT, 'build/cgi-bin/matters_list'), { env: cgiEnv({ uri, cookie }), timeout });
  if (r.error) throw new Error(`${uri}: the request did not end (${r.error})`);
  const out = r.stdout.toString('utf8');
  if (!/^Status: 200/.test(out)) throw new Error(`${uri}: not a 200: ${out.slice(0, 300)}`);
  return out;
}

// ---- the stack ----
export function stack(cmd, ...args) {
  const r = spawnSync(path.join(ROOT, 'bin/stack'), [cmd, ...args], { env: process.env, encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`bin/stack ${cmd}: ${r.error || r.stderr}`);
}

// ---- Apache (shared hosting): bin/stack's apache-start, on its own port ----
export const APACHE = `http://127.0.0.1:${process.env.VL_APACHE_PORT || 18090}`;
// The shared host's layout that docs/install.md describes: the app directory
// (programs, config, store, tmp) and the web root.
export const APACHE_APP = path.join(VAR, 'apache/home/vellum');
export const APACHE_WEB = path.join(VAR, 'apache/home/public_html');

export function log(name) {
  const f = path.join(VAR, 'log', name);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
}

export function pids(prog) {
  return fs.readFileSync(path.join(VAR, 'run', `${prog}.pid`), 'utf8').trim().split(/\s+/);
}

// ---- the demo firm ----
export async function demoAdmin() {
  const c = new Client();
  const res = await c.signIn('admin@demo.test', 'demo-admin-pass');
  if (res.status !== 303) throw new Error(`the demo admin could not sign in (${res.status})`);
  return c;
}

export function matterId(number) {
  return sql(`SELECT m.id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = 'demo' AND m.number = '${number}'`);
}

// A new contact of the demo firm (email its primary address), a matter of
// theirs numbered `number` with its portal open, and the contact's accepted
// invitation.  Idempotent: a second call signs the client in again.
// Returns { mid, contact, client } where client is signed in to the portal.
export async function clientOnMatter({ name, email, number, password }) {
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  let client = new Client();
  if (sql(`SELECT COUNT(*) FROM matters WHERE firm_id = ${firmId} AND number = '${number}'`) === '0') {
    sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firmId}, 'person', '${name}')`);
    const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firmId} AND name = '${name}'`);
    sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firmId}, ${contact}, '${email}', 1, 0)`);
    sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firmId}, '${number}', 'Matter ${number}', ${contact})`);
    const mid = sql(`SELECT id FROM matters WHERE firm_id = ${firmId} AND number = '${number}'`);
    const firm = await demoAdmin();
    const act = async (fields) => firm.post(`/matters/${mid}/portal/action`,
      { csrf: csrfOf((await firm.get(`/matters/${mid}/portal`)).text), ...fields });
    if ((await act({ op: 'open' })).status !== 303) throw new Error(`portal of ${number} did not open`);
    if ((await act({ op: 'send', body: `Welcome, ${name}.` })).status !== 303) throw new Error('no welcome message');
    const [mail] = await waitForMail(email);
    const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
    const form = await client.get(link.pathname + link.search);
    const res = await client.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password, confirm: password });
    if (res.status !== 303) throw new Error(`${email} could not accept the invitation (${res.status})`);
  } else {
    const lp = await client.get('/portal/login?firm=demo');
    const res = await client.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email, password });
    if (res.status !== 303) throw new Error(`${email} could not sign in (${res.status})`);
  }
  const mid = sql(`SELECT id FROM matters WHERE firm_id = ${firmId} AND number = '${number}'`);
  return { mid, contact: sql(`SELECT client_id FROM matters WHERE id = ${mid}`), client };
}
