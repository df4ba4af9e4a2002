// Helpers for the documents-and-shares tests: a matter of its own for each
// test (so the tests do not lean on the demo matters other files change),
// uploads, portal and documents actions, a client who accepted the
// invitation, and a look at the store and temp directories.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, waitForMail, postForm, portalAction, BASE, VAR } from './helpers.mjs';

// A contact with one address and a matter of the demo firm for it.
export function newMatter(tag) {
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Client ${tag}')`);
  const contact = sql(`SELECT id FROM contacts WHERE firm_id = ${firm} AND name = 'Client ${tag}'`);
  const email = `${tag}@docs.test`;
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${contact}, '${email}', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, 'D-${tag}', 'Documents test ${tag}', ${contact})`);
  return { mid: sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND number = 'D-${tag}'`), contact, email, number: `D-${tag}` };
}

// postForm and portalAction live in helpers.mjs; re-exported for these tests.
export { postForm, portalAction };

export const docsAction = (c, mid, fields, folder = 0) =>
  postForm(c, `/matters/${mid}/documents?folder=${folder}`, `/matters/${mid}/documents/action`, { folder, ...fields });

export const upload = (c, mid, files, folder = 0) =>
  postForm(c, `/matters/${mid}/documents?folder=${folder}`, `/matters/${mid}/documents/upload`, { folder }, files);

export const clientReply = (c, mid, body, files = []) =>
  postForm(c, `/portal/matters/${mid}`, `/portal/matters/${mid}/reply`, { body }, files);

export async function newFolder(c, mid, name, parent = 0) {
  const res = await docsAction(c, mid, { op: 'new_folder', name }, parent);
  assert.equal(res.status, 303, `new folder ${name}: ${res.status} ${res.text.slice(0, 200)}`);
  return sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = '${name}' ORDER BY id DESC LIMIT 1`);
}

export const docId = (mid, name) => sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = '${name}' ORDER BY id DESC LIMIT 1`);

// Accepts the invitation mailed to email; returns the signed-in client.
export async function acceptInvitation(email, password) {
  const [mail] = await waitForMail(email);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  const res = await c.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'), password, confirm: password });
  assert.equal(res.status, 303);
  return c;
}

export async function clientSignIn(email, password) {
  const c = new Client();
  const page = await c.get('/portal/login?firm=demo');
  const res = await c.post('/portal/login?firm=demo', { csrf: csrfOf(page.text), email, password });
  assert.equal(res.status, 303, `client sign-in for ${email}`);
  return c;
}

// Every file under a directory (relative names), for before/after comparisons.
export function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export const STORE = path.join(VAR, 'store');
export const TMP = path.join(VAR, 'tmp');
// The uploads' temp files there (plain CGI's kept pages, "page-...", live
// there too: lib/pagefile.c).
export const uploadTemps = () => fs.readdirSync(TMP).filter((f) => f.startsWith('upload-'));
export const storePath = (key) => path.join(STORE, key.slice(0, 2), key.slice(2, 4), key);

// The form around the button labelled `label` (the first one whose HTML
// passes `pick`): its method, action and hidden fields, as a browser
// without JavaScript would submit it.
export function formWith(html, label, pick = () => true) {
  const forms = (html.match(/<form[\s\S]*?<\/form>/g) || [])
    .filter((f) => (f.includes(`>${label}</button>`) || f.includes(`aria-label="${label}"`)) && pick(f));
  if (!forms.length) throw new Error(`no form with a "${label}" button`);
  const f = forms[0];
  const unent = (s) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  const method = ((f.match(/<form[^>]*method="(\w+)"/) || [])[1] || 'get').toLowerCase();
  const action = unent(f.match(/<form[^>]*action="([^"]+)"/)[1]);
  const fields = {};
  for (const m of f.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = unent(m[2]);
  // A list's one form: the button pressed sends its own name and value.
  const button = [...f.matchAll(/<button[^>]*name="([^"]+)" value="([^"]*)"[^>]*>/g)]
    .find((b) => (b[0].includes(`aria-label="${label}"`) || f.includes(`${b[0]}${label}</button>`)) && pick(b[0]));
  if (button) fields[button[1]] = unent(button[2]);
  return { method, action, fields, html: f };
}

// Submits that form without JavaScript: a GET form leads to a confirmation
// page, whose own form (button `confirm`) is then posted.  Returns both answers.
export async function submitNoScript(c, html, label, confirm, pick) {
  const f = formWith(html, label, pick);
  assert.equal(f.method, 'get', `"${label}" asks first (a GET to a confirmation page)`);
  const page = await c.get(`${f.action}?${new URLSearchParams(f.fields)}`);
  assert.equal(page.status, 200, `confirmation page for "${label}": ${page.status}`);
  const g = formWith(page.text, confirm);
  assert.equal(g.method, 'post');
  assert.ok(g.fields.csrf, 'the confirmation posts with its CSRF token');
  const res = await c.post(g.action, g.fields);
  return { page, res };
}

// A test trigger (its body may hold semicolons): name, then the CREATE text.
export function trigger(name, create) {
  execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u',
    execFileSync('id', ['-un']).toString().trim(), '--delimiter=//', 'vellum', '-e',
    `DROP TRIGGER IF EXISTS ${name}//${create}//`]);
}
