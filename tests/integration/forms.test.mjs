// Intake forms through nginx (SPEC F-A8, F-B12): a form built (every field
// type, options, mapping, order by up and down, refusals named by field),
// shared to a matter's portal ("Share via client portal"), refused while
// the portal's Forms permission is off, filled by the client (a draft
// kept and shown again, errors next to each field with what was typed
// kept, a file upload into the matter's documents), submitted once (a
// second submit refused; two at once: one wins), the mapped contact and
// matter fields changed in the same transaction with old and new kept and
// audited, the firm told by mail, the submission read by the firm (page
// and CSV), the form then frozen, and unsharing closing the client's page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter, mailsTo, until, BASE, OUT } from './helpers.mjs';

const R = Date.now().toString(36);
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&amp;/g, '&').replace(/\s+/g, ' ');

async function act(c, page, url, fields) {
  return c.post(url, { csrf: csrfOf((await c.get(page)).text), ...fields });
}

// The client's form posted as the page's form sends it: multipart, the
// CSRF token first; answers [[name, value]] (a name twice for several
// choices), files [[name, filename, bytes]].
async function fill(c, url, op, answers, files = [], page = url) {
  const form = new FormData();
  form.append('csrf', csrfOf((await c.get(page)).text));
  form.append('op', op);
  for (const [k, v] of answers) form.append(k, v);
  for (const [k, name, bytes] of files) form.append(k, new Blob([bytes]), name);
  const res = await fetch(BASE + url, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() },
    redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

// The builder's field form.
const field = (admin, fid, f) => act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'field', help: '', options: '',
  maps_to: '', ...f });

async function buildForm(admin, name) {
  const made = await act(admin, '/forms/new', '/forms/new', { op: 'create', name });
  assert.equal(made.status, 303);
  const fid = sql(`SELECT id FROM forms WHERE name = '${name}'`);
  assert.equal(made.location, `/forms/${fid}?notice=created`);
  const spec = [
    { kind: 'text', label: 'Full name', required: '1', maps_to: 'contact_name' },
    { kind: 'phone', label: 'Phone', maps_to: 'contact_phone', help: 'With the country code' },
    { kind: 'longtext', label: 'Postal address', maps_to: 'contact_address' },
    { kind: 'text', label: 'What happened', maps_to: 'matter_description' },
    { kind: 'email', label: 'Other email' },
    { kind: 'date', label: 'Date of the accident' },
    { kind: 'number', label: 'Damages claimed' },
    { kind: 'choice', label: 'Preferred contact', options: 'Phone\n  Email  \n\nPhone\nPost' },
    { kind: 'multi', label: 'Documents you hold', options: 'Contract\nInvoices\nPhotos' },
    { kind: 'yesno', label: 'Have you spoken to the other side', required: '1' },
    { kind: 'file', label: 'Police report', required: '1' },
  ];
  for (const f of spec) assert.equal((await field(admin, fid, f)).status, 303, f.label);
  return fid;
}

const fieldId = (fid, label) => sql(`SELECT id FROM form_fields WHERE form_id = ${fid} AND label = '${label}'`);

test('the builder: fields of every type, refusals by field, order, copy; members build too', async () => {
  const admin = await demoAdmin();
  const empty = await act(admin, '/forms/new', '/forms/new', { op: 'create', name: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Give the form a name\./);
  assert.match(empty.text, /id="name" name="name" value=""[^>]*aria-invalid="true"/);
  const fid = await buildForm(admin, `Intake ${R}`);
  assert.equal(sql(`SELECT REPLACE(options, '\\n', '|') FROM form_fields WHERE id = ${fieldId(fid, 'Preferred contact')}`), 'Phone|Email|Post');
  // A choice without options, a date filling a name: refused, what was typed kept.
  const noOpt = await field(admin, fid, { kind: 'choice', label: `Colour ${R}`, options: ' \n ' });
  assert.equal(noOpt.status, 400);
  assert.match(noOpt.text, /A choice needs its options, one a line\./);
  assert.match(noOpt.text, /id="options" name="options" rows="4" aria-invalid="true"/);
  assert.match(noOpt.text, new RegExp(`id="label" name="label" value="Colour ${R}"`));
  const badMap = await field(admin, fid, { kind: 'date', label: 'Born', maps_to: 'contact_name' });
  assert.equal(badMap.status, 400);
  assert.match(badMap.text, /This type of field cannot fill that contact or matter field/);
  assert.match(badMap.text, /id="maps_to" name="maps_to"[^>]*aria-invalid="true"/);
  const noLabel = await field(admin, fid, { kind: 'text', label: '' });
  assert.equal(noLabel.status, 400);
  assert.match(noLabel.text, /Give the field a label/);
  assert.equal(sql(`SELECT COUNT(*) FROM form_fields WHERE form_id = ${fid}`), '11');
  // Up and down: the phone goes above the name and back.
  const order = () => sql(`SELECT GROUP_CONCAT(label ORDER BY position SEPARATOR '|') FROM form_fields WHERE form_id = ${fid}`);
  const before = order();
  const up = await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'up', field: fieldId(fid, 'Phone') });
  assert.equal(up.location, `/forms/${fid}?notice=moved`);
  assert.match(order(), /^Phone\|Full name\|/);
  await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'down', field: fieldId(fid, 'Phone') });
  assert.equal(order(), before);
  // The script's order: every field once, else refused.
  const ids = sql(`SELECT GROUP_CONCAT(id ORDER BY position DESC) FROM form_fields WHERE form_id = ${fid}`);
  assert.equal((await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'order', order: ids })).status, 303);
  assert.equal(order(), before.split('|').reverse().join('|'));
  const half = ids.split(',').slice(1).join(',');
  assert.equal((await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'order', order: half })).status, 400);
  await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'order', order: ids.split(',').reverse().join(',') });
  assert.equal(order(), before);
  // The builder page shows it all; the list finds it by name.
  const page = text((await admin.get(`/forms/${fid}?notice=moved`)).text);
  assert.match(page, /Order saved\./);
  assert.match(page, /1\. Full name · Text · required · fills the client's name/);
  assert.match(page, /Options: Phone Email Post/);
  assert.match(text((await admin.get(`/forms?q=${R}`)).text), new RegExp(`Intake ${R} 11 0`));
  // A member builds forms as well.
  const member = new Client();
  await member.signIn('member@demo.test', 'demo-member-pass');
  const mf = await act(member, '/forms/new', '/forms/new', { op: 'create', name: `Member form ${R}` });
  assert.equal(mf.status, 303);
  // Copy, then delete the copy (after "Are you sure...?").
  const cp = await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'copy' });
  const copy = sql(`SELECT id FROM forms WHERE name = 'Intake ${R} (copy)'`);
  assert.equal(cp.location, `/forms/${copy}?notice=copied`);
  assert.equal(sql(`SELECT COUNT(*) FROM form_fields WHERE form_id = ${copy}`), '11');
  assert.match((await admin.get(`/forms/${copy}?op=delete`)).text, /Delete this form\? It cannot be brought back\./);
  const del = await act(admin, `/forms/${copy}?op=delete`, `/forms/${copy}`, { op: 'delete' });
  assert.equal(del.location, '/forms?notice=deleted');
  assert.equal(sql(`SELECT COUNT(*) FROM forms WHERE id = ${copy}`), '0');
  // Another firm's form id is no form at all.
  assert.equal((await admin.get('/forms/999999999')).status, 404);
});

test('shared, drafted, refused by field, submitted once; mapped fields changed and audited; the firm reads it', async () => {
  const admin = await demoAdmin();
  const fid = await buildForm(admin, `Claim ${R}`);
  const { mid, contact, client } = await clientOnMatter({ name: `Fiona ${R}`, email: `fiona.${R}@forms.test`,
    number: `FRM-${R}`, password: `fiona portal password ${R}` });
  sql(`UPDATE contacts SET phones = '+44 20 7946 0000', address = 'Old Street 1' WHERE id = ${contact}`);
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  const tab = `/matters/${mid}/forms`;
  assert.match((await admin.get(tab)).text, /Share via client portal/);
  // Forms permission off: refused, saying why, nothing given.
  sql(`UPDATE portals SET perm_forms = 0 WHERE id = ${portal}`);
  const off = await act(admin, tab, tab, { op: 'share', form: fid });
  assert.equal(off.status, 409);
  assert.match(off.text, /does not show forms: turn on the Forms permission/);
  assert.equal(sql(`SELECT COUNT(*) FROM form_requests WHERE matter_id = ${mid}`), '0');
  sql(`UPDATE portals SET perm_forms = 1 WHERE id = ${portal}`);
  const shared = await act(admin, tab, tab, { op: 'share', form: fid });
  assert.equal(shared.location, `${tab}?notice=shared`);
  assert.match((await admin.get(shared.location)).text, /Form shared with the client through the portal/);
  const req = sql(`SELECT id FROM form_requests WHERE matter_id = ${mid} AND form_id = ${fid}`);
  assert.equal(sql(`SELECT COUNT(*) FROM shares WHERE record_kind = 'form' AND record_id = ${req} AND revoked_at IS NULL`), '1');
  // The client's Forms tab and the form.
  const list = text((await client.get(`/portal/matters/${mid}/forms`)).text);
  assert.match(list, new RegExp(`Claim ${R} To fill in`));
  const url = `/portal/matters/${mid}/forms/${req}`;
  const f = (label) => `f${fieldId(fid, label)}`;
  // A draft with a wrong email and a wrong date: both named, nothing kept.
  const bad = await fill(client, url, 'save', [[f('Full name'), `Fiona Fixed ${R}`], [f('Other email'), 'not-an-address'],
    [f('Date of the accident'), '2026-02-30']]);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Some answers need your attention/);
  assert.match(bad.text, new RegExp(`id="${f('Other email')}" name="${f('Other email')}" value="not-an-address"[^>]*aria-invalid="true"`));
  assert.match(bad.text, /Enter an email address, such as name@example\.com\./);
  assert.match(bad.text, /Enter a date, such as 2026-03-31\./);
  assert.match(bad.text, new RegExp(`value="Fiona Fixed ${R}"`));
  assert.doesNotMatch(bad.text, /This question needs an answer\./, 'a draft may leave required fields empty');
  assert.equal(sql(`SELECT COUNT(*) FROM form_answers WHERE request_id = ${req}`), '0');
  // A good draft: kept, shown again, the firm does not see it as submitted.
  const draft = await fill(client, url, 'save', [[f('Full name'), `Fiona Fixed ${R}`], [f('Preferred contact'), 'Email'],
    [f('Documents you hold'), 'Contract'], [f('Documents you hold'), 'Photos']]);
  assert.equal(draft.location, `${url}?notice=saved`);
  const again = (await client.get(draft.location)).text;
  assert.match(again, /Draft saved\./);
  assert.match(again, new RegExp(`value="Fiona Fixed ${R}"`));
  assert.match(again, /value="Email" checked/);
  assert.match(again, /value="Contract" checked/);
  assert.match(again, /value="Photos" checked/);
  assert.doesNotMatch(again, /value="Invoices" checked/);
  assert.equal((await admin.get(`${tab}/submissions/${req}`)).status, 404, 'a draft is not a submission');
  // Submit without the required answers: each named.
  const missing = await fill(client, url, 'submit', [[f('Full name'), '']]);
  assert.equal(missing.status, 400);
  assert.equal((missing.text.match(/This question needs an answer\./g) || []).length, 3);
  // An option that is not one, a number that is not one.
  const odd = await fill(client, url, 'save', [[f('Preferred contact'), 'Carrier pigeon'], [f('Damages claimed'), '1,000']]);
  assert.equal(odd.status, 400);
  assert.match(odd.text, /Choose among the options shown\./);
  assert.match(odd.text, /Enter a number, such as 42 or 3\.5/);
  // The full submission, with the file.
  const answers = [[f('Full name'), `Fiona Fixed ${R}`], [f('Phone'), '+44 7700 900123'],
    [f('Postal address'), 'New Road 2\r\nLondon'], [f('What happened'), `Slipped on ice ${R}`],
    [f('Other email'), 'fiona@example.com'], [f('Date of the accident'), '2026-01-15'], [f('Damages claimed'), '1250.50'],
    [f('Preferred contact'), 'Phone'], [f('Documents you hold'), 'Invoices'],
    [f('Have you spoken to the other side'), 'no']];
  const files = [[f('Police report'), `police-${R}.txt`, `report bytes ${R}`]];
  const sent = await fill(client, url, 'submit', answers, files);
  assert.equal(sent.status, 303, sent.text.slice(0, 400));
  assert.equal(sent.location, `/portal/matters/${mid}/forms?notice=submitted`);
  assert.match(text((await client.get(sent.location)).text), /your answers have been sent to your law firm/);
  // Once: a second submit is refused and changes nothing.
  const twice = await fill(client, url, 'submit', answers);
  assert.equal(twice.status, 409);
  assert.match(twice.text, /already been sent to your law firm/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'form_submit' AND item_id = ${req}`), '1');
  // The mapped fields, old and new on the answers, one audit row each.
  assert.equal(sql(`SELECT name FROM contacts WHERE id = ${contact}`), `Fiona Fixed ${R}`);
  assert.equal(sql(`SELECT REPLACE(phones, '\\n', '|') FROM contacts WHERE id = ${contact}`), '+44 20 7946 0000|+44 7700 900123');
  assert.equal(sql(`SELECT REPLACE(address, '\\n', '|') FROM contacts WHERE id = ${contact}`), 'New Road 2|London');
  assert.equal(sql(`SELECT description FROM matters WHERE id = ${mid}`), `Slipped on ice ${R}`);
  assert.equal(sql(`SELECT CONCAT(old_value, ' -> ', new_value) FROM form_answers WHERE request_id = ${req} AND field_id = ${fieldId(fid, 'Full name')}`),
    `Fiona ${R} -> Fiona Fixed ${R}`);
  assert.equal(sql(`SELECT CONCAT(old_value, ' -> ', new_value) FROM form_answers WHERE request_id = ${req} AND field_id = ${fieldId(fid, 'What happened')}`),
    `Matter FRM-${R} -> Slipped on ice ${R}`);
  assert.equal(sql(`SELECT GROUP_CONCAT(action ORDER BY action) FROM audit_log WHERE item = 'form_request' AND item_id = ${req} AND action LIKE 'form_mapped%'`),
    'form_mapped_contact_address,form_mapped_contact_name,form_mapped_contact_phone,form_mapped_matter_description');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE item_id = ${req} AND action LIKE 'form_mapped%' AND contact_id = ${contact} AND matter_id = ${mid}`), '4');
  // The file became a document of the matter, in Client uploads.
  const doc = sql(`SELECT d.id FROM documents d JOIN folders f ON f.id = d.folder_id WHERE d.matter_id = ${mid} AND d.name = 'police-${R}.txt' AND f.name = 'Client uploads'`);
  assert.match(doc, /^\d+$/);
  // The firm is told (coalesced mail to those of the portal).
  await until(async () => (await mailsTo('admin@demo.test')).some((m) => m.text.includes(`a filled-in form (Claim ${R})`)),
    'the firm\'s mail about the submission', 40);
  // The firm's page: each answer, the file's link, old and new.
  const page = await admin.get(`${tab}/submissions/${req}`);
  assert.equal(page.status, 200);
  const t = text(page.text);
  assert.match(t, new RegExp(`Submitted .* by Fiona Fixed ${R}`));
  assert.match(t, /Damages claimed 1250\.50/);
  assert.match(t, /Documents you hold Invoices/);
  assert.match(page.text, new RegExp(`<a href="/documents/${doc}/download">police-${R}.txt</a>`));
  assert.match(t, new RegExp(`What happened The matter Matter FRM-${R} Slipped on ice ${R}`));
  assert.match(t, /Phone The client's contact card \+44 20 7946 0000 \+44 20 7946 0000\s?\+44 7700 900123/);
  // CSV: attachment, one row a field, old and new.
  const csv = await admin.get(`${tab}/submissions/${req}.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), new RegExp(`attachment; filename="form-${req}.csv"`));
  const rows = csv.text.trim().split('\r\n');
  assert.equal(rows[0], 'field,type,answer,before,after');
  assert.ok(rows.includes(`Full name,text,Fiona Fixed ${R},Fiona ${R},Fiona Fixed ${R}`), rows.join('\n'));
  assert.ok(rows.includes("Damages claimed,number,1250.50,,"));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'form_submission_csv' AND item_id = ${req}`), '1');
  // PDF: read back with pdftotext, the answers and what they changed.
  const pdf = await fetch(`${BASE}${tab}/submissions/${req}.pdf`, { headers: { cookie: admin.cookieHeader() } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition'), new RegExp(`attachment; filename="form-${req}.pdf"`));
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `form-${R}.pdf`);
  fs.writeFileSync(file, bytes);
  const read = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(read, new RegExp(`Claim ${R}`));
  assert.match(read, new RegExp(`Matter FRM-${R}: Slipped on ice ${R}`));
  assert.match(read, new RegExp(`Submitted .* by Fiona Fixed ${R}`));
  assert.match(read, /Damages claimed 1250\.50/);
  assert.match(read, /Preferred contact Phone/);
  assert.match(read, /What the answers changed/);
  assert.match(read, new RegExp(`Full name Fiona ${R} Fiona Fixed ${R}`));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'form_submission_pdf' AND item_id = ${req}`), '1');
  // The Forms tab: submitted, with the link.
  assert.match(text((await admin.get(tab)).text), new RegExp(`Claim ${R} .* Submitted .* by Fiona Fixed ${R}`));
  // The form is frozen now: no field changes (409), a copy can.
  const frozen = await field(admin, fid, { kind: 'text', label: 'Late question' });
  assert.equal(frozen.status, 409);
  assert.match(frozen.text, /can no longer change/);
  assert.equal((await act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'delete' })).status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM form_fields WHERE form_id = ${fid}`), '11');
  // The client sees the answers read only.
  assert.match(text((await client.get(url)).text), new RegExp(`You sent this form .* Full name Fiona Fixed ${R}`));
  // Unsharing closes the client's page at once; sharing again opens it.
  assert.match((await admin.get(`${tab}?op=unshare&request=${req}`)).text, /Stop sharing/);
  const un = await act(admin, tab, tab, { op: 'unshare', request: req });
  assert.equal(un.location, `${tab}?notice=unshared`);
  assert.equal((await client.get(url)).status, 404);
  assert.doesNotMatch((await client.get(`/portal/matters/${mid}/forms`)).text, new RegExp(`Claim ${R}`));
  assert.equal((await admin.get(`${tab}/submissions/${req}`)).status, 200, 'the firm keeps the submission');
  await act(admin, tab, tab, { op: 'reshare', request: req });
  assert.equal((await client.get(url)).status, 200);
  // Forms permission off: the client's pages are refused.
  sql(`UPDATE portals SET perm_forms = 0 WHERE id = ${portal}`);
  assert.equal((await client.get(url)).status, 404);
  assert.equal((await client.get(`/portal/matters/${mid}/forms`)).status, 404);
  sql(`UPDATE portals SET perm_forms = 1 WHERE id = ${portal}`);
});

test('two submits at once: one wins, the other is refused, the answers are one set', async () => {
  const admin = await demoAdmin();
  const made = await act(admin, '/forms/new', '/forms/new', { op: 'create', name: `Race ${R}` });
  const fid = made.location.match(/\/forms\/(\d+)/)[1];
  await field(admin, fid, { kind: 'text', label: 'Answer', required: '1', maps_to: 'matter_description' });
  const { mid, client } = await clientOnMatter({ name: `Rae ${R}`, email: `rae.${R}@forms.test`,
    number: `RACE-${R}`, password: `rae portal password ${R}` });
  const tab = `/matters/${mid}/forms`;
  await act(admin, tab, tab, { op: 'share', form: fid });
  const req = sql(`SELECT id FROM form_requests WHERE matter_id = ${mid}`);
  const url = `/portal/matters/${mid}/forms/${req}`;
  const name = `f${sql(`SELECT id FROM form_fields WHERE form_id = ${fid}`)}`;
  const results = await Promise.all(['first', 'second', 'third'].map((w) => fill(client, url, 'submit', [[name, `${w} ${R}`]])));
  const codes = results.map((r) => r.status).sort();
  assert.deepEqual(codes, [303, 409, 409]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'form_submit' AND item_id = ${req}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'form_mapped_matter_description' AND item_id = ${req}`), '1');
  assert.equal(sql(`SELECT value FROM form_answers WHERE request_id = ${req}`), sql(`SELECT description FROM matters WHERE id = ${mid}`));
});

test('refused: another matter\'s client, a removed participant, another firm\'s form, a client at a firm URL', async () => {
  const admin = await demoAdmin();
  const made = await act(admin, '/forms/new', '/forms/new', { op: 'create', name: `Guard ${R}` });
  const fid = made.location.match(/\/forms\/(\d+)/)[1];
  await field(admin, fid, { kind: 'text', label: 'Secret question' });
  const a = await clientOnMatter({ name: `Ann ${R}`, email: `ann.${R}@forms.test`, number: `GA-${R}`, password: `ann portal password ${R}` });
  const b = await clientOnMatter({ name: `Ben ${R}`, email: `ben.${R}@forms.test`, number: `GB-${R}`, password: `ben portal password ${R}` });
  const tab = `/matters/${a.mid}/forms`;
  await act(admin, tab, tab, { op: 'share', form: fid });
  const req = sql(`SELECT id FROM form_requests WHERE matter_id = ${a.mid}`);
  const url = `/portal/matters/${a.mid}/forms/${req}`;
  assert.equal((await a.client.get(url)).status, 200);
  // Ben: not his matter, nor with his matter's id in the path.
  assert.equal((await b.client.get(url)).status, 404);
  assert.equal((await b.client.get(`/portal/matters/${b.mid}/forms/${req}`)).status, 404);
  assert.equal((await b.client.get(`/portal/matters/${a.mid}/forms`)).status, 404);
  const forged = await fill(b.client, url, 'submit', [], [], `/portal/matters/${b.mid}`);
  assert.equal(forged.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM form_answers WHERE request_id = ${req}`), '0');
  // The Forms permission off: the list and the form are refused at once.
  const ap = sql(`SELECT id FROM portals WHERE matter_id = ${a.mid}`);
  sql(`UPDATE portals SET perm_forms = 0 WHERE id = ${ap}`);
  assert.equal((await a.client.get(`/portal/matters/${a.mid}/forms`)).status, 404, 'the list, Forms off');
  assert.equal((await a.client.get(url)).status, 404, 'the form, Forms off');
  sql(`UPDATE portals SET perm_forms = 1 WHERE id = ${ap}`);
  assert.equal((await a.client.get(url)).status, 200);
  // A client at the firm's pages: sent to sign in, as a firm stranger.
  assert.equal((await a.client.get(`/forms/${fid}`)).status, 303);
  assert.equal((await a.client.get(`${tab}/submissions/${req}`)).status, 303);
  // A removed participant: refused at once.
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${a.mid}`);
  await act(admin, `/matters/${a.mid}/portal`, `/matters/${a.mid}/portal/action`, { op: 'add_participant', contact: b.contact });
  const again = await clientOnMatter({ name: `Ben ${R}`, email: `ben.${R}@forms.test`, number: `GB-${R}`, password: `ben portal password ${R}` });
  assert.equal((await again.client.get(url)).status, 200, 'Ben sees it while he takes part');
  await act(admin, `/matters/${a.mid}/portal`, `/matters/${a.mid}/portal/action`, { op: 'remove_participant', contact: b.contact });
  const after = await clientOnMatter({ name: `Ben ${R}`, email: `ben.${R}@forms.test`, number: `GB-${R}`, password: `ben portal password ${R}` });
  assert.equal((await after.client.get(url)).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM participants WHERE portal_id = ${portal} AND contact_id = ${b.contact} AND removed_at IS NOT NULL`), '1');
  // The firm's share of another firm's form id, or into a matter without a portal.
  assert.equal((await act(admin, tab, tab, { op: 'share', form: '999999999' })).status, 404);
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, 'NOP-${R}', 'No portal', ${a.contact})`);
  const nop = sql(`SELECT id FROM matters WHERE number = 'NOP-${R}'`);
  const np = await act(admin, `/matters/${nop}/forms`, `/matters/${nop}/forms`, { op: 'share', form: fid });
  assert.equal(np.status, 409);
  assert.match(np.text, /client portal is not open yet/);
  assert.equal(sql(`SELECT COUNT(*) FROM form_requests WHERE matter_id = ${nop}`), '0');
  // Huge and malformed answers: refused by field, nothing stored.
  const f = `f${sql(`SELECT id FROM form_fields WHERE form_id = ${fid}`)}`;
  const huge = await fill(a.client, url, 'submit', [[f, 'x'.repeat(600)]]);
  assert.equal(huge.status, 400);
  assert.match(huge.text, /This answer is too long\./);
  const lines = await fill(a.client, url, 'submit', [[f, 'one\ntwo']]);
  assert.match(lines.text, /Keep this answer on one line\./);
  assert.equal(sql(`SELECT COUNT(*) FROM form_answers WHERE request_id = ${req}`), '0');
});
