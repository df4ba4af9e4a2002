// Helpers for the sign-in tests: a client that speaks from a chosen loopback
// address (nginx's REMOTE_ADDR, not a header anyone can forge), raw header
// bytes, users and clients of our own, and the programs run as plain CGI.
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client, BASE, ROOT, cgiEnv, sql } from './helpers.mjs';

const base = new URL(BASE);

// A Client whose requests leave from localAddress; header values are sent
// as raw bytes (latin1), so a test can send what no browser would.
export class AddrClient extends Client {
  constructor(localAddress = '127.0.0.1') {
    super();
    this.localAddress = localAddress;
  }

  request(method, url, { body, headers = {}, type } = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = this.cookieHeader();
    if (type) h['content-type'] = type;
    const data = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(String(body));
    if (data) h['content-length'] = String(data.length);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: base.hostname, port: base.port, path: url, method, headers: h,
        localAddress: this.localAddress, agent: false,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie'] || [];
          this.keep({ headers: { getSetCookie: () => set } });
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, headers: res.headers, text, location: res.headers.location });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
  }
}

let serial = 0;
const tag = `${process.pid}${Date.now() % 100000}`;
export function unique(name) {
  return `${name}-${tag}-${++serial}`;
}

// A firm user of the demo firm (password demo-member-pass); returns its id.
export function newUser(email) {
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${email}', 'Sign-in Test', 'member', pw_hash FROM users WHERE email = 'member@demo.test'`);
  return sql(`SELECT id FROM users WHERE email = '${email}'`);
}

// A client of the demo firm with an account (password demo-member-pass)
// taking part in a portal of a matter of their own; returns the contact id.
export function newClient(email) {
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  const admin = sql("SELECT id FROM users WHERE email = 'admin@demo.test'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Sign-in Client ${email}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm}`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${contact}, '${email}', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, 'SI-${contact}', 'Sign-in test', ${contact})`);
  const matter = sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND client_id = ${contact}`);
  sql(`INSERT INTO portals (firm_id, matter_id, opened_at, opened_by) VALUES (${firm}, ${matter}, NOW(6), ${admin})`);
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${matter}`);
  sql(`INSERT INTO participants (firm_id, portal_id, contact_id, added_at) VALUES (${firm}, ${portal}, ${contact}, NOW(6))`);
  sql(`INSERT INTO client_accounts (firm_id, contact_id, pw_hash, created_at)
       SELECT ${firm}, ${contact}, pw_hash, NOW(6) FROM users WHERE email = 'member@demo.test'`);
  return contact;
}

export const FIRM_LOGIN = { page: '/login', action: '/login' };
export const CLIENT_LOGIN = { page: '/portal/login?firm=demo', action: '/portal/login?firm=demo' };

// Runs a program as plain CGI (one process per request), as shared hosting
// would; resolves with the status and the raw response.
export function cgi(prog, opts = {}) {
  const e = cgiEnv(opts);
  const body = opts.body || '';
  return new Promise((resolve, reject) => {
    const p = spawn(path.join(ROOT, 'build/cgi-bin', prog), [], { env: e });
    const out = [];
    p.stdout.on('data', (c) => out.push(c));
    p.on('error', reject);
    p.on('close', (code) => {
      const raw = Buffer.concat(out).toString('latin1');
      const m = raw.match(/^Status: (\d+)/);
      resolve({ exit: code, status: m ? Number(m[1]) : 200, raw });
    });
    p.stdin.end(body);
  });
}
