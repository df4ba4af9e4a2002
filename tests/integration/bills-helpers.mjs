// Shared by the bills tests: a client with a matter and open portal, its
// unbilled activities, and bills made through the firm's pages.
import { Client, csrfOf, sql, demoAdmin, clientOnMatter } from './helpers.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const R = Date.now().toString(36);
export const firmId = () => sql("SELECT id FROM firms WHERE slug = 'demo'");

// An unbilled expense of matter mid for amount (minor units); its id.
export function expense(mid, amount, description, date = '2026-11-02') {
  const firm = sql(`SELECT firm_id FROM matters WHERE id = ${mid}`);
  sql(`INSERT INTO activities (firm_id, matter_id, kind, on_date, amount, description, created_at, updated_at)
    VALUES (${firm}, ${mid}, 'expense', '${date}', ${amount}, '${description}', NOW(6), NOW(6))`);
  return sql(`SELECT MAX(id) FROM activities WHERE matter_id = ${mid} AND description = '${description}'`);
}

// POSTs a form of the firm's pages with the token of pageUrl; ids are
// repeated "id" fields.
export async function submitIds(c, pageUrl, url, fields = {}, ids = []) {
  const page = await c.get(pageUrl);
  const body = new URLSearchParams({ csrf: csrfOf(page.text), ...fields });
  for (const id of ids) body.append('id', String(id));
  return c.request('POST', url, { body: body.toString(), type: 'application/x-www-form-urlencoded' });
}

// A new bill of matter mid from activity ids, through "New bill"; its id.
export async function newBill(firm, mid, ids, fields = {}) {
  const res = await submitIds(firm, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, fields, ids);
  if (res.status !== 303) throw new Error(`New bill gave ${res.status}: ${res.text.slice(0, 300)}`);
  return res.location.match(/^\/bills\/(\d+)\?notice=created$/)[1];
}

// The text of a PDF (pdftotext -layout).
export function pdfText(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vl-pdf-'));
  const f = path.join(dir, 'x.pdf');
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-']).toString();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// GETs url as c, the body as bytes.
export async function getBytes(c, url) {
  const res = await fetch(c.base + url, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

// Turns the firm's online payments on (an enabled provider row, as the
// payments module stores it) or off.
export function payments(on) {
  const f = firmId();
  if (on) sql(`INSERT INTO payment_providers (firm_id, secret_sealed, webhook_sealed, enabled, updated_at)
    VALUES (${f}, 'x', 'x', 1, NOW(6)) ON DUPLICATE KEY UPDATE enabled = 1`);
  else sql(`UPDATE payment_providers SET enabled = 0 WHERE firm_id = ${f}`);
}

export { Client, csrfOf, sql, demoAdmin, clientOnMatter };
