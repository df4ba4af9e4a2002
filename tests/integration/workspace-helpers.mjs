// Helpers of the workspace tests: a firm of the test's own (so the demo
// firm's settings stay as other files expect them), its admin signed in,
// a client of it with an account, and image bytes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client, ROOT, csrfOf, sql, waitForMail } from './helpers.mjs';

export const R = Date.now().toString(36);

export function vellumctl(args, env = {}) {
  return execFileSync(path.join(ROOT, 'build/bin/vellumctl'), args,
    { env: { ...process.env, ...env }, encoding: 'utf8' });
}

// A new firm (slug `${name}-${R}`) and its admin, signed in.
export async function ownFirm(name, password = `${name} admin password`) {
  const slug = `${name}-${R}`, email = `boss@${slug}.test`;
  vellumctl(['create-firm', `${name} ${R} LLP`, slug, email, `Boss ${name}`], { VELLUM_ADMIN_PASSWORD: password });
  const id = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
  const admin = new Client();
  const res = await admin.signIn(email, password);
  if (res.status !== 303) throw new Error(`${email} could not sign in (${res.status})`);
  return { id, slug, email, password, admin };
}

// A colleague of firm with role, invited by its admin and joined through
// the invitation mail's link: { email, password, client (signed in), id }.
export async function colleague(firm, who, role) {
  const email = `${who}@${firm.slug}.test`, password = `${who} password ${R}`;
  const page = await firm.admin.get('/users/invite');
  const res = await firm.admin.post('/users/invite', { csrf: csrfOf(page.text), email, role });
  if (res.status !== 303) throw new Error(`invite ${email}: ${res.status}`);
  const [mail] = await waitForMail(email);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/join\?token=[A-Za-z0-9_-]{43})/)[1]);
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  const joined = await c.post('/join', { csrf: csrfOf(form.text), token: link.searchParams.get('token'),
    name: `${who} ${R}`, password, confirm: password });
  if (joined.status !== 303) throw new Error(`${email} could not join (${joined.status})`);
  return { email, password, client: c, id: sql(`SELECT id FROM users WHERE email = '${email}'`) };
}

// A contact of firm with a matter (number) whose portal is open, and the
// contact's invitation accepted: { mid, contact, client, email }.
export async function portalClient(firm, who, number) {
  const email = `${who}@client-${firm.slug}.test`, password = `${who} portal password`;
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', '${who} ${R}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm.id}, ${contact}, '${email}', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm.id}, '${number}', 'Matter ${number}', ${contact})`);
  const mid = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = '${number}'`);
  const act = async (fields) => firm.admin.post(`/matters/${mid}/portal/action`,
    { csrf: csrfOf((await firm.admin.get(`/matters/${mid}/portal`)).text), ...fields });
  if ((await act({ op: 'open' })).status !== 303) throw new Error('the portal did not open');
  if ((await act({ op: 'send', body: 'Welcome.' })).status !== 303) throw new Error('no welcome message');
  const [mail] = await waitForMail(email);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
  const client = new Client();
  const form = await client.get(link.pathname + link.search);
  const res = await client.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'),
    password, confirm: password });
  if (res.status !== 303) throw new Error(`${email} could not accept the invitation (${res.status})`);
  return { mid, contact, client, email, act };
}

// A 1x1 PNG; with width/height set, the same bytes claiming that size.
export function png(width = 1, height = 1) {
  const b = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

// The smallest JPEG header that names its size: SOI, APP0 (JFIF), SOF0, EOI.
export function jpeg(width = 2, height = 3) {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3,
    1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}
