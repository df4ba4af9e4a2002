// The firm's own matter fields, a contact's date of birth and its email
// addresses, through nginx: the admin page that defines the fields (add,
// rename, reorder, archive, restore; refusals named; members refused),
// their inputs on a matter's form and values on its page, the date of
// birth on a contact's form (validated, what was typed kept) and page, and
// a form's answers filling each of them on submission, old and new kept
// and audited.  An email answer is added to the client's addresses, never
// as the primary one; one on file for another contact of the firm is
// refused next to its field and nothing is saved, also when two clients
// send the same new address at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, demoAdmin, clientOnMatter, BASE } from './helpers.mjs';

const R = Date.now().toString(36);
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
  .replace(/&amp;/g, '&').replace(/&#8220;|&#8221;|“|”/g, '"').replace(/\s+/g, ' ');

async function act(c, page, url, fields) {
  return c.post(url, { csrf: csrfOf((await c.get(page)).text), ...fields });
}

// The client's form posted as its page sends it (multipart).
async function fill(c, url, op, answers) {
  const form = new FormData();
  form.append('csrf', csrfOf((await c.get(url)).text));
  form.append('op', op);
  for (const [k, v] of answers) form.append(k, v);
  const res = await fetch(BASE + url, { method: 'POST', body: form, headers: { cookie: c.cookieHeader() },
    redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

const S = '/settings/fields';
const fieldOf = (label) => sql(`SELECT id FROM matter_fields WHERE label = '${label}'`);
const order = () => sql(`SELECT GROUP_CONCAT(label ORDER BY position SEPARATOR '|') FROM matter_fields
  WHERE label LIKE '%${R}' AND archived_at IS NULL`);

test('matter fields: an admin defines them, a matter fills them in, members and other firms are refused', async () => {
  const admin = await demoAdmin();
  const court = `Court case ${R}`, policy = `Policy ${R}`;
  for (const label of [court, policy]) {
    const res = await act(admin, S, S, { op: 'add', label });
    assert.equal(res.status, 303);
    assert.equal(res.location, `${S}?notice=added`);
  }
  assert.match(text((await admin.get(`${S}?notice=added`)).text), /Field added\. It now shows on every matter's form\./);
  // Refused, by field, what was typed kept.
  const empty = await act(admin, S, S, { op: 'add', label: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Enter the field's label\./);
  assert.match(empty.text, /id="new-field" name="label" value=""[^>]*aria-invalid="true"/);
  const twice = await act(admin, S, S, { op: 'add', label: court });
  assert.equal(twice.status, 400);
  assert.match(twice.text, /There is already a field with that label/);
  const long = await act(admin, S, S, { op: 'add', label: 'x'.repeat(101) });
  assert.equal(long.status, 400);
  assert.match(long.text, /at most 100 characters/);
  assert.match(long.text, new RegExp(`value="${'x'.repeat(101)}"`));
  // Reorder, rename.
  assert.equal(order(), `${court}|${policy}`);
  const up = await act(admin, S, S, { op: 'up', id: fieldOf(policy) });
  assert.equal(up.location, `${S}?notice=moved`);
  assert.equal(order(), `${policy}|${court}`);
  await act(admin, S, S, { op: 'down', id: fieldOf(policy) });
  assert.equal(order(), `${court}|${policy}`);
  const renamed = `Court case number ${R}`;
  const rn = await act(admin, S, S, { op: 'rename', id: fieldOf(court), label: renamed });
  assert.equal(rn.location, `${S}?notice=renamed`);
  // A member: refused the page and every change, nothing changed.
  const member = new Client();
  await member.signIn('member@demo.test', 'demo-member-pass');
  assert.equal((await member.get(S)).status, 403);
  const before = sql(`SELECT COUNT(*) FROM matter_fields WHERE label LIKE '%${R}'`);
  const csrf = csrfOf((await member.get('/matters')).text);
  assert.equal((await member.post(S, { csrf, op: 'add', label: `Member field ${R}` })).status, 403);
  assert.equal((await member.post(S, { csrf, op: 'archive', id: fieldOf(policy) })).status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM matter_fields WHERE label LIKE '%${R}'`), before);
  assert.equal(sql(`SELECT COUNT(*) FROM matter_fields WHERE id = ${fieldOf(policy)} AND archived_at IS NULL`), '1');
  // Another firm's field id, a malformed one: not found or refused, nothing changed.
  assert.equal((await act(admin, S, S, { op: 'rename', id: '999999999', label: 'Stolen' })).status, 404);
  assert.equal((await act(admin, S, S, { op: 'archive', id: '999999999' })).status, 404);
  assert.equal((await act(admin, S, S, { op: 'archive', id: 'abc' })).status, 400);
  assert.equal((await act(admin, S, S, { op: 'melt', id: fieldOf(policy) })).status, 400);
  // Audited: two added, moved twice, renamed.
  assert.equal(sql(`SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE item = 'matter_field'
    AND item_id IN (${fieldOf(renamed)}, ${fieldOf(policy)})`),
  'matter_field_add,matter_field_add,matter_field_move,matter_field_move,matter_field_rename');

  // A matter's form offers them; its page shows them.
  const { mid } = await clientOnMatter({ name: `Mark ${R}`, email: `mark.${R}@fields.test`, number: `MF-${R}`,
    password: `mark portal password ${R}` });
  const E = `/matters/${mid}/edit`;
  const form = (await admin.get(E)).text;
  assert.match(form, new RegExp(`<label for="cf${fieldOf(renamed)}">${renamed}</label>`));
  const base = { op: 'save', number: `MF-${R}`, description: `Matter MF-${R}`, client: sql(`SELECT client_id FROM matters WHERE id = ${mid}`),
    responsible: sql("SELECT id FROM users WHERE email = 'admin@demo.test'"), opened: '2026-01-02' };
  const saved = await act(admin, E, E, { ...base, [`cf${fieldOf(renamed)}`]: 'CV-2026-0042', [`cf${fieldOf(policy)}`]: '' });
  assert.equal(saved.location, `/matters/${mid}?notice=saved`);
  const page = text((await admin.get(saved.location)).text);
  assert.match(page, /Matter saved\./);
  assert.match(page, new RegExp(`${renamed} CV-2026-0042`));
  assert.match(page, new RegExp(`${policy} Not filled in`));
  // Too long, two lines: refused naming the field, all typed kept, nothing saved.
  const bad = await act(admin, E, E, { ...base, description: `Changed ${R}`, [`cf${fieldOf(policy)}`]: 'p'.repeat(501) });
  assert.equal(bad.status, 400);
  assert.match(text(bad.text), new RegExp(`"${policy}" is too long: at most 500 characters\\.`));
  assert.match(bad.text, new RegExp(`id="cf${fieldOf(policy)}" name="cf${fieldOf(policy)}" value="p{501}"[^>]*aria-invalid="true"`));
  assert.match(bad.text, new RegExp(`value="Changed ${R}"`));
  const lines = await act(admin, E, E, { ...base, [`cf${fieldOf(policy)}`]: 'one\ntwo' });
  assert.equal(lines.status, 400);
  assert.match(text(lines.text), new RegExp(`Keep "${policy}" on one line\\.`));
  assert.equal(sql(`SELECT description FROM matters WHERE id = ${mid}`), `Matter MF-${R}`);
  assert.equal(sql(`SELECT COUNT(*) FROM matter_field_values WHERE matter_id = ${mid}`), '1');
  // Archived: gone from the form and the page, the value kept; restored: back.
  const ar = await act(admin, S, S, { op: 'archive', id: fieldOf(renamed) });
  assert.equal(ar.location, `${S}?notice=archived`);
  const listed = text((await admin.get(ar.location)).text);
  assert.match(listed, /Field archived\. Matters keep their values/);
  assert.match(listed, new RegExp(`Archived fields ${renamed} \\(1 matters filled in\\) Restore`));
  assert.doesNotMatch((await admin.get(E)).text, new RegExp(`cf${fieldOf(renamed)}`));
  assert.doesNotMatch(text((await admin.get(`/matters/${mid}`)).text), /CV-2026-0042/);
  await act(admin, E, E, base);
  assert.equal(sql(`SELECT value FROM matter_field_values WHERE matter_id = ${mid} AND field_id = ${fieldOf(renamed)}`), 'CV-2026-0042');
  const rs = await act(admin, S, S, { op: 'restore', id: fieldOf(renamed) });
  assert.equal(rs.location, `${S}?notice=restored`);
  assert.match(text((await admin.get(`/matters/${mid}`)).text), /CV-2026-0042/);
  // A client never reaches the admin page.
  const { client } = await clientOnMatter({ name: `Mark ${R}`, email: `mark.${R}@fields.test`, number: `MF-${R}`,
    password: `mark portal password ${R}` });
  assert.equal((await client.get(S)).status, 303);
});

test('a contact\'s date of birth: kept, shown, validated with what was typed kept', async () => {
  const admin = await demoAdmin();
  const made = await act(admin, '/contacts/new', '/contacts/new', { kind: 'person', name: `Dora Birth ${R}`,
    emails: `dora.${R}@fields.test`, phones: '', address: '', dob: '1980-04-30' });
  assert.equal(made.status, 303);
  const id = made.location.match(/\/contacts\/(\d+)/)[1];
  assert.equal(sql(`SELECT date_of_birth FROM contacts WHERE id = ${id}`), '1980-04-30');
  assert.match(text((await admin.get(`/contacts/${id}`)).text), /Date of birth 1980-04-30/);
  const E = `/contacts/${id}/edit`;
  assert.match((await admin.get(E)).text, /id="dob" name="dob" value="1980-04-30"/);
  const edit = (dob) => act(admin, E, E, { kind: 'person', name: `Dora Changed ${R}`, phones: '', address: '', dob });
  for (const [dob, words] of [['2023-02-29', /The date of birth is not a date/], ['1980-13-01', /The date of birth is not a date/],
    ['30/04/1980', /The date of birth is not a date/], ['2999-01-01', /The date of birth is after today\./]]) {
    const res = await edit(dob);
    assert.equal(res.status, 400, dob);
    assert.match(res.text, words);
    assert.match(res.text, new RegExp(`id="dob" name="dob" value="${dob}"[^>]*aria-invalid="true"`));
    assert.match(res.text, new RegExp(`value="Dora Changed ${R}"`));
  }
  assert.equal(sql(`SELECT CONCAT(name, ' ', date_of_birth) FROM contacts WHERE id = ${id}`), `Dora Birth ${R} 1980-04-30`);
  assert.equal((await edit('1979-12-31')).location, `/contacts/${id}?notice=saved`);
  assert.equal(sql(`SELECT date_of_birth FROM contacts WHERE id = ${id}`), '1979-12-31');
  // Blank clears it.
  await edit('');
  assert.equal(sql(`SELECT COALESCE(date_of_birth, 'none') FROM contacts WHERE id = ${id}`), 'none');
  assert.doesNotMatch(text((await admin.get(`/contacts/${id}`)).text), /1979-12-31/);
});

// A form whose answers fill the date of birth, a matter field and an
// address, shared with the matter of a new client.
async function mappingForm(admin, name, field) {
  const made = await act(admin, '/forms/new', '/forms/new', { op: 'create', name });
  const fid = made.location.match(/\/forms\/(\d+)/)[1];
  const add = (f) => act(admin, `/forms/${fid}`, `/forms/${fid}`, { op: 'field', help: '', options: '', ...f });
  for (const f of [{ kind: 'date', label: 'Born', maps_to: 'contact_birth' },
    { kind: 'text', label: 'Case number', maps_to: `matter_field:${field}` },
    { kind: 'email', label: 'Another email', maps_to: 'contact_email' }])
    assert.equal((await add(f)).status, 303, f.label);
  return { fid, add };
}

async function shared(admin, fid, who) {
  const c = await clientOnMatter({ name: `${who} ${R}`, email: `${who.toLowerCase()}.${R}@fields.test`,
    number: `MAP-${who}-${R}`, password: `${who} portal password ${R}` });
  const tab = `/matters/${c.mid}/forms`;
  assert.equal((await act(admin, tab, tab, { op: 'share', form: fid })).status, 303);
  const req = sql(`SELECT MAX(id) FROM form_requests WHERE matter_id = ${c.mid}`);
  return { ...c, req, url: `/portal/matters/${c.mid}/forms/${req}` };
}

test('form answers fill the date of birth, a matter field and an address; another contact\'s address is refused', async () => {
  const admin = await demoAdmin();
  const label = `Claim number ${R}`;
  await act(admin, S, S, { op: 'add', label });
  const mf = fieldOf(label);
  const { fid, add } = await mappingForm(admin, `Mapping ${R}`, mf);
  // The builder offers the targets, and refuses what does not fit.
  const builder = (await admin.get(`/forms/${fid}?field=${sql(`SELECT id FROM form_fields WHERE form_id = ${fid} AND label = 'Born'`)}`)).text;
  assert.match(builder, /<option value="contact_birth" selected>Contact: date of birth<\/option>/);
  assert.match(builder, new RegExp(`<option value="matter_field:${mf}">Matter: ${label}</option>`));
  assert.match(builder, /never as the primary one/);
  assert.match(text(builder), new RegExp(`Case number · Text · optional · fills the matter's "${label}"`));
  for (const f of [{ kind: 'text', label: 'x', maps_to: 'contact_birth' }, { kind: 'text', label: 'x', maps_to: 'contact_email' },
    { kind: 'longtext', label: 'x', maps_to: `matter_field:${mf}` }, { kind: 'text', label: 'x', maps_to: 'matter_field:999999999' },
    { kind: 'text', label: 'x', maps_to: 'matter_field:' }, { kind: 'text', label: 'x', maps_to: 'matter_field:1x' }]) {
    const res = await add(f);
    assert.equal(res.status, 400, f.maps_to);
    assert.match(res.text, /This type of field cannot fill that contact or matter field/);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM form_fields WHERE form_id = ${fid}`), '3');

  const fio = await shared(admin, fid, 'Fio');
  const other = await shared(admin, fid, 'Olga');
  const f = (l) => `f${sql(`SELECT id FROM form_fields WHERE form_id = ${fid} AND label = '${l}'`)}`;
  const primary = `fio.${R}@fields.test`;
  const login = sql(`SELECT login_email FROM contacts WHERE id = ${fio.contact}`);
  // Olga's address, in other case and with blanks: refused next to the
  // field, the rest kept as typed, nothing saved.
  const theirs = await fill(fio.client, fio.url, 'submit', [[f('Born'), '1985-07-14'], [f('Case number'), 'CL-1'],
    [f('Another email'), `  OLGA.${R}@Fields.Test `]]);
  assert.equal(theirs.status, 400);
  assert.match(theirs.text, /This address is already on file for someone else at the firm; please contact the firm\./);
  assert.match(theirs.text, new RegExp(`id="${f('Another email')}" name="${f('Another email')}" value="  OLGA\\.${R}@Fields\\.Test "[^>]*aria-invalid="true"`));
  assert.match(theirs.text, /value="CL-1"/);
  assert.equal(sql(`SELECT COUNT(*) FROM form_requests WHERE id = ${fio.req} AND submitted_at IS NULL`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM form_answers WHERE request_id = ${fio.req}`), '0');
  assert.equal(sql(`SELECT COALESCE(date_of_birth, 'none') FROM contacts WHERE id = ${fio.contact}`), 'none');
  assert.equal(sql(`SELECT COUNT(*) FROM matter_field_values WHERE matter_id = ${fio.mid}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM contact_emails WHERE contact_id = ${fio.contact}`), '1');
  // Their own primary address in capitals: no change, no second copy.
  // A new address: added, not primary; the primary and the login stay.
  const sent = await fill(fio.client, fio.url, 'submit', [[f('Born'), '1985-07-14'], [f('Case number'), 'CL-1'],
    [f('Another email'), ` Fio.Work.${R}@Fields.Test`]]);
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  assert.equal(sql(`SELECT date_of_birth FROM contacts WHERE id = ${fio.contact}`), '1985-07-14');
  assert.equal(sql(`SELECT value FROM matter_field_values WHERE matter_id = ${fio.mid} AND field_id = ${mf}`), 'CL-1');
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(email, ':', is_primary) ORDER BY position SEPARATOR '|') FROM contact_emails
    WHERE contact_id = ${fio.contact}`), `${primary}:1|fio.work.${R}@fields.test:0`);
  assert.equal(sql(`SELECT login_email FROM contacts WHERE id = ${fio.contact}`), login);
  // Old and new kept on the answers, one audit row each.
  const oldNew = (l) => sql(`SELECT CONCAT('[', COALESCE(old_value, '-'), '] > ', REPLACE(new_value, '\\n', '|')) FROM form_answers
    WHERE request_id = ${fio.req} AND field_id = ${f(l).slice(1)}`);
  assert.equal(oldNew('Born'), '[] > 1985-07-14');
  assert.equal(oldNew('Case number'), '[] > CL-1');
  assert.equal(oldNew('Another email'), `[${primary}] > ${primary}|fio.work.${R}@fields.test`);
  assert.equal(sql(`SELECT GROUP_CONCAT(action ORDER BY action) FROM audit_log WHERE item = 'form_request' AND item_id = ${fio.req}
    AND action LIKE 'form_mapped%' AND matter_id = ${fio.mid}`),
  'form_mapped_contact_birth,form_mapped_contact_email,form_mapped_matter_field');
  // The firm reads it: what changed, the address said to be added.
  const page = text((await admin.get(`/matters/${fio.mid}/forms/submissions/${fio.req}`)).text);
  assert.match(page, /Born The client's contact card 1985-07-14/);
  assert.match(page, new RegExp(`Case number The matter CL-1`));
  assert.match(page, new RegExp(`fio\\.work\\.${R}@fields\\.test: added to the contact's addresses`));
  assert.match(text((await admin.get(`/matters/${fio.mid}`)).text), new RegExp(`${label} CL-1`));
  assert.match(text((await admin.get(`/contacts/${fio.contact}`)).text), /Date of birth 1985-07-14/);

  // Olga sends her own address in capitals: already hers, nothing added.
  const own = await fill(other.client, other.url, 'submit', [[f('Another email'), `OLGA.${R}@FIELDS.TEST`]]);
  assert.equal(own.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM contact_emails WHERE contact_id = ${other.contact}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE item_id = ${other.req} AND action = 'form_mapped_contact_email'`), '0');
});

test('two clients sending the same new address at once: one has it, the other is refused', async () => {
  const admin = await demoAdmin();
  const label = `Race field ${R}`;
  await act(admin, S, S, { op: 'add', label });
  const { fid } = await mappingForm(admin, `Race map ${R}`, fieldOf(label));
  const a = await shared(admin, fid, 'Ada');
  const b = await shared(admin, fid, 'Bob');
  // More requests of the same form to each matter: one a round.
  const rounds = 6;
  const reqs = async (c) => {
    const tab = `/matters/${c.mid}/forms`;
    for (let i = 1; i < rounds; i++) assert.equal((await act(admin, tab, tab, { op: 'share', form: fid })).status, 303);
    return sql(`SELECT id FROM form_requests WHERE matter_id = ${c.mid} ORDER BY id`).split('\n');
  };
  const [ra, rb] = [await reqs(a), await reqs(b)];
  const field = `f${sql(`SELECT id FROM form_fields WHERE form_id = ${fid} AND label = 'Another email'`)}`;
  const addr = (i) => `shared.${i}.${R}@fields.test`;
  // Every round's two submissions at once, all rounds at once too.
  const jobs = [];
  for (let i = 0; i < rounds; i++)
    for (const [c, r] of [[a, ra[i]], [b, rb[i]]])
      jobs.push(fill(c.client, `/portal/matters/${c.mid}/forms/${r}`, 'submit', [[field, addr(i)]]).then((res) => ({ i, res })));
  const done = await Promise.all(jobs);
  for (let i = 0; i < rounds; i++) {
    const mine = done.filter((d) => d.i === i).map((d) => d.res);
    assert.deepEqual(mine.map((r) => r.status).sort(), [303, 400], `round ${i}`);
    assert.match(mine.find((r) => r.status === 400).text, /This address is already on file for someone else at the firm/);
    assert.equal(sql(`SELECT COUNT(*) FROM contact_emails WHERE email = '${addr(i)}'`), '1', `round ${i}`);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM form_requests WHERE id IN (${[...ra, ...rb].join(',')}) AND submitted_at IS NOT NULL`),
    String(rounds));
});
