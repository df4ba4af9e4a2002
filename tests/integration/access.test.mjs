// The access matrix: every route the programs serve (access-routes.mjs) ×
// method × actor, generated from one table.
//
// Actors, each signed in for the whole run with its own session and the
// CSRF token of its own pages, so that what refuses is the handler's own
// authorization, not the front door's token check:
//   - another firm's admin;
//   - a member of the same firm, for routes marked admin-only (the firm's
//     settings, logo, users and invitations, matter numbering, activity
//     categories, the sign-in security page, the audit log and its CSV): 403
//     for every one, and
//     nothing changes;
//   - a client of another matter of the same firm;
//   - a client removed from this portal but still signed in (a second
//     matter's portal lets them sign in again after the removal ended their
//     sessions), so the per-request participation check is what refuses;
//   - a client whose portal has Messages off, one with Documents off and one
//     with Bills off: on
//     their OWN matter their requests for that kind are refused;
//   - signed out.
// The rightful firm admin and client (and the rival firm's admin in its own
// firm) also forge ids, in paths and in POST bodies: another firm's or
// another matter's document, folder, message, share or contact sent to
// their own matter.  Expected: the handler's 404 or 403 (never 2xx, never
// 303); a GET without a session of the route's side is a 303 to that
// side's sign-in page (and only that); a POST without one is a 403.  No
// response carries a byte of the victim's: every name, message and file of
// a matter's context holds its tag, which is looked for in every body and
// header.  Between routes each actor touches its own page (the test stack's
// sessions idle out after 10 s); after the run every session is still live
// and the CHECKSUM of every table (but sessions, the audit log with its
// chain heads and the sign-in throttle) and the files of the store are unchanged.  Before the
// run the rightful actors get every page of the victim's matter and make
// every change of the table on a matter of their own: the requests are well
// formed, so a refusal is a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, sql, waitForMail, sleep, ROOT, VAR, OUT } from './helpers.mjs';
import { routes, requestOf, checkCompleteness, nginxLocations } from './access-routes.mjs';

// A suffix of this run's names, so the file can run again on one stack.
const R = Date.now().toString(36);
const tagOf = (x) => `acx${R}${x}`;
const CSRF_FAILED = /did not come from this site/;

// ---- the table against the code ----

function sources() {
  const dir = path.join(ROOT, 'cgi-bin');
  return {
    // The locations as the stack's nginx gets them (bin/routes fills the
    // routes block from cgi-bin/routes.list), and the programs the Makefile
    // builds (from the same list).
    nginx: execFileSync(path.join(ROOT, 'bin/routes'), ['fill', 'local'],
      { input: fs.readFileSync(path.join(ROOT, 'nginx/vellum.conf.in')), encoding: 'utf8' }),
    makefile: `CGI = ${execFileSync(path.join(ROOT, 'bin/routes'), ['programs'], { encoding: 'utf8' }).trim().split(/\s+/).join(' ')}\n`,
    sources: Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.c'))
      .map((f) => [f.slice(0, -2), fs.readFileSync(path.join(dir, f), 'utf8')])),
    sample: sampleCtx(),
  };
}

// Ids of the right shape, for the path checks.
function sampleCtx() {
  const c = { slug: 'demo', nobody: 'nobody@nowhere.test', badtoken: 'A'.repeat(43), email: 'x@y.test',
    invitee: 'i@y.test', tag: 'acx', number: 'X-1', YYYY: '{YYYY}', NNNN: '{NNNN}' };
  for (const k of ['logofirm', 'staff', 'mid', 'contact', 'other', 'doc', 'priv', 'attach', 'inFolder', 'inMfolder',
    'sentup', 'cupload', 'revoked', 'gone', 'folder', 'mfolder', 'pfolder', 'share', 'message', 'eid', 'second',
    'user', 'category', 'spare', 'mfield', 'act', 'exp', 'fsess', 'csess', 'task', 'ltask', 'ptask', 'note', 'pnote', 'rnote',
    'event', 'evpriv', 'evrec', 'evdel', 'form', 'fopen', 'ofield', 'ofieldb', 'fdel', 'freq', 'creq',
    'pbill', 'payment', 'bill', 'ubill', 'dbill', 'vbill', 'sbill', 'bact', 'bactb', 'envelope'])
    c[k] = '12';
  c.evday = '2026-06-02';
  return c;
}

test('the route table covers every nginx location, program, handler, op, kind and field', () => {
  const s = sources();
  assert.deepEqual(checkCompleteness(s), []);
  // And the check would notice: a location, a program, an op or a field
  // that no route covers.
  const more = s.nginx.replace('\t\tlocation = /contacts {',
    '\t\tlocation ~ ^/matters/[0-9]+/bills$ {\n\t\t\tfastcgi_pass unix:@VAR@/run/bills_list.sock;\n\t\t}\n' +
    '\t\tlocation = /contacts {');
  assert.notEqual(more, s.nginx);
  assert.ok(checkCompleteness({ ...s, nginx: more }).some((g) => g.includes('bills_list')));
  const make = s.makefile.replace('client_logout', 'client_logout bills_list');
  assert.ok(checkCompleteness({ ...s, makefile: make }).some((g) => /program bills_list/.test(g)));
  const op = s.sources.portal_action.replace('{ "mute", mute,', '{ "archive", mute,');
  assert.ok(checkCompleteness({ ...s, sources: { ...s.sources, portal_action: op } }).some((g) => g.includes('"archive"')));
  const field = s.sources.client_reply.replace('{ "body", VL_V_STRING, 20000 },',
    '{ "body", VL_V_STRING, 20000 },\n\t{ "folder", VL_V_INT, 20 },');
  assert.ok(checkCompleteness({ ...s, sources: { ...s.sources, client_reply: field } }).some((g) => g.includes('"folder"')));
  // Every fastcgi location is a route's; the table is not a subset.
  assert.ok(nginxLocations(s.nginx).filter((l) => l.prog).length >= 22);
});

// ---- actors ----

class Actor extends Client {
  constructor(name, side, own) {
    super();
    this.name = name;
    this.side = side;	// 'firm', 'client' or null (signed out)
    this.own = own;	// its own page
    this.last = 0;
  }

  // Its own page (a link from elsewhere: no read is recorded).
  async touch() {
    const res = await this.get(this.own, { headers: { 'sec-fetch-site': 'cross-site' } });
    this.last = Date.now();
    return res;
  }
}

async function firmActor(name, email, password) {
  const a = new Actor(name, 'firm', '/matters');
  const res = await a.signIn(email, password);
  assert.equal(res.status, 303, `${name} signs in`);
  const page = await a.touch();
  assert.equal(page.status, 200, `${name}'s own page`);
  a.csrf = csrfOf(page.text);
  return a;
}

async function clientActor(name, email, password, ownMid) {
  const a = new Actor(name, 'client', `/portal/matters/${ownMid}?view=shared`);
  const lp = await a.get('/portal/login?firm=demo');
  const res = await a.post('/portal/login?firm=demo', { csrf: csrfOf(lp.text), email, password });
  assert.equal(res.status, 303, `${name} signs in`);
  const page = await a.touch();
  assert.equal(page.status, 200, `${name}'s own page`);
  a.csrf = csrfOf(page.text);
  return a;
}

async function signedOut() {
  const a = new Actor('signed out', null, null);
  a.csrf = csrfOf((await a.get('/login')).text);	// its pre-session form token
  return a;
}

// Touches the own page of each actor not seen for `idle` ms (the test
// stack's sessions idle out after 10 s); a session that ended is reported,
// never renewed.
async function keepAlive(actors, failures, idle = 2000, after = '') {
  await Promise.all(actors.filter((a) => a.side && Date.now() - a.last >= idle).map(async (a) => {
    const res = await a.touch();
    if (res.status !== 200) failures.push(`${a.name}: the session ended${after} (own page ${res.status})`);
  }));
}

// Sends one request as actor: the form (urlencoded, or multipart with
// files; the token first), or a raw upload with the token in a header.
async function send(actor, req) {
  if (req.method === 'GET') return actor.get(req.path);
  let token = actor.csrf;
  if (req.form) {
    const page = await actor.get(req.form);
    try { token = csrfOf(page.text); } catch { /* no form for this actor here: its own token */ }
  }
  if (req.raw !== undefined)
    return actor.request('POST', req.path, { body: Buffer.from(req.raw), type: 'application/octet-stream',
      headers: { 'x-csrf-token': token } });
  if (req.files) {
    const fd = new FormData();
    fd.append('csrf', token);
    for (const [k, v] of Object.entries(req.body)) fd.append(k, String(v));
    for (const [name, text] of req.files) fd.append('file', new Blob([Buffer.from(text)]), name);
    return actor.request('POST', req.path, { body: fd });
  }
  return actor.post(req.path, { csrf: token, ...req.body });
}

async function must(actor, url, fields, files, want = [303]) {
  const res = await send(actor, { method: 'POST', path: url, body: fields, files });
  assert.ok(want.includes(res.status), `${actor.name}: POST ${url} ${JSON.stringify(fields)} gave ${res.status}: ` +
    res.text.slice(0, 300));
  return res;
}

// ---- a matter's context: the ids the routes name, and its tag ----

// Folders, documents (shared, never shared, attached, in a shared folder, in
// a folder sent with a message, sent as a new upload), shares and messages,
// every name and byte holding the context's tag.
async function buildContent(admin, ctx) {
  const { mid, tag } = ctx;
  const P = `/matters/${mid}/portal/action`, D = `/matters/${mid}/documents`;
  await must(admin, P, { op: 'open' });
  // The admin takes part in every portal here: muted, it gets no mail when
  // a client writes (other files count the demo admin's mail).
  await must(admin, P, { op: 'mute' });
  const folders = { folder: `${tag} shared folder`, mfolder: `${tag} sent folder`, pfolder: `${tag} private folder` };
  for (const [slot, name] of Object.entries(folders)) {
    await must(admin, `${D}/action`, { op: 'new_folder', folder: '0', name });
    ctx[slot] = sql(`SELECT id FROM folders WHERE matter_id = ${mid} AND name = '${name}'`);
  }
  const names = { doc: `${tag}-shared.txt`, priv: `${tag}-private.txt`, attach: `${tag}-attached.txt`,
    inFolder: `${tag}-in-shared-folder.txt`, inMfolder: `${tag}-in-sent-folder.txt`, sentup: `${tag}-sent-upload.txt`,
    revoked: `${tag}-no-longer-shared.txt`, gone: `${tag}-attached-to-a-deleted-message.txt` };
  const bytes = (slot) => `${tag} ${slot} file bytes`;
  await must(admin, `${D}/upload`, { folder: '0' },
    ['doc', 'priv', 'attach', 'revoked', 'gone'].map((s) => [names[s], bytes(s)]));
  await must(admin, `${D}/upload`, { folder: ctx.folder }, [[names.inFolder, bytes('inFolder')]]);
  await must(admin, `${D}/upload`, { folder: ctx.mfolder }, [[names.inMfolder, bytes('inMfolder')]]);
  const docId = (slot) => sql(`SELECT id FROM documents WHERE matter_id = ${mid} AND name = '${names[slot]}'`);
  for (const s of ['doc', 'priv', 'attach', 'inFolder', 'inMfolder', 'revoked', 'gone']) ctx[s] = docId(s);
  await must(admin, P, { op: 'share', document: ctx.doc });
  await must(admin, P, { op: 'share', folder: ctx.folder });
  const bodies = { attach: `${tag} a message with an attachment`, folder: `${tag} a message with a folder`,
    plain: `${tag} a confidential message`, upload: `${tag} a message with an upload` };
  await must(admin, P, { op: 'send', body: bodies.attach, document: ctx.attach });
  await must(admin, P, { op: 'send', body: bodies.folder, folder: ctx.mfolder });
  await must(admin, P, { op: 'send', body: bodies.plain });
  await must(admin, P, { op: 'send', body: bodies.upload }, [[names.sentup, bytes('sentup')]]);
  ctx.sentup = docId('sentup');
  ctx.portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  // Shared once, then no more: a share stopped, a message deleted.
  await must(admin, P, { op: 'share', document: ctx.revoked });
  await must(admin, P, { op: 'unshare', share: sql(`SELECT id FROM shares WHERE document_id = ${ctx.revoked}`) });
  await must(admin, P, { op: 'send', body: `${tag} a message deleted later`, document: ctx.gone });
  await must(admin, P, { op: 'delete_message', message: sql(`SELECT message_id FROM shares WHERE document_id = ${ctx.gone}`) });
  ctx.share = sql(`SELECT id FROM shares WHERE portal_id = ${ctx.portal} AND document_id = ${ctx.doc}` +
    ' AND message_id IS NULL AND revoked_at IS NULL');
  ctx.message = sql(`SELECT id FROM messages WHERE portal_id = ${ctx.portal} AND body = '${bodies.plain}'`);
  ctx.email = sql(`SELECT login_email FROM contacts WHERE id = ${ctx.contact}`);
  // Contacts, matters and activities: a second address, the firm's admin,
  // the matter's number, two categories (one unused) and two activities.
  const firmId = sql(`SELECT firm_id FROM matters WHERE id = ${mid}`);
  ctx.eid = sql(`SELECT id FROM contact_emails WHERE contact_id = ${ctx.contact} AND email = '${ctx.email}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firmId}, ${ctx.contact},` +
    ` '${tag}-second@access.test', 0, 1)`);
  ctx.second = sql(`SELECT id FROM contact_emails WHERE contact_id = ${ctx.contact} AND email = '${tag}-second@access.test'`);
  ctx.user = sql(`SELECT MIN(id) FROM users WHERE firm_id = ${firmId} AND role = 'admin'`);
  ctx.number = sql(`SELECT number FROM matters WHERE id = ${mid}`);
  for (const [slot, name] of [['category', `${tag} category`], ['spare', `${tag} spare category`]]) {
    sql(`INSERT INTO activity_categories (firm_id, name, created_at) VALUES (${firmId}, '${name}', NOW(6))`);
    ctx[slot] = sql(`SELECT id FROM activity_categories WHERE firm_id = ${firmId} AND name = '${name}'`);
  }
  // A matter field of the firm's (labelled with the tag).
  sql('INSERT INTO matter_fields (firm_id, label, position, created_at) SELECT ' +
    `${firmId}, '${tag} field', COALESCE(MAX(position) + 1, 0), NOW(6) FROM matter_fields WHERE firm_id = ${firmId}`);
  ctx.mfield = sql(`SELECT id FROM matter_fields WHERE firm_id = ${firmId} AND label = '${tag} field'`);
  sql(`INSERT INTO matter_field_values (firm_id, matter_id, field_id, value) VALUES (${firmId}, ${mid}, ${ctx.mfield},` +
    ` '${tag} field value')`);
  for (const [slot, kind, extra] of [['act', 'time', '60, 20000, 20000, NULL'], ['exp', 'expense', `NULL, NULL, 1234, ${ctx.priv}`]]) {
    sql('INSERT INTO activities (firm_id, matter_id, kind, on_date, user_id, minutes, rate, amount, document_id,' +
      ` description, category_id, created_at, updated_at) VALUES (${firmId}, ${mid}, '${kind}', '2026-06-01',` +
      ` ${kind === 'time' ? ctx.user : 'NULL'}, ${extra}, '${tag} ${kind} activity', ${ctx.category}, NOW(6), NOW(6))`);
    ctx[slot] = sql(`SELECT id FROM activities WHERE matter_id = ${mid} AND description = '${tag} ${kind} activity'`);
  }
  // Tasks and notes: shared (the client may mark it done), shared (it may
  // not), never shared; a note shared, one never shared, one shared and
  // then unticked.
  const T = `/matters/${mid}/tasks/edit`, N = `/matters/${mid}/notes/edit`;
  const tasks = { task: [`${tag} shared task`, '1', '1'], ltask: [`${tag} locked task`, '1', ''],
    ptask: [`${tag} private task`, '', ''] };
  for (const [slot, [title, share, done]] of Object.entries(tasks)) {
    await must(admin, T, { op: 'save', title, description: `${tag} ${slot} description`, due: '2026-06-10',
      assignee: ctx.user, priority: 'normal', share, client_done: done });
    ctx[slot] = sql(`SELECT id FROM tasks WHERE matter_id = ${mid} AND title = '${title}'`);
  }
  const notes = { note: [`${tag} shared note`, '1'], pnote: [`${tag} private note`, ''], rnote: [`${tag} unshared note`, '1'] };
  for (const [slot, [subject, share]] of Object.entries(notes)) {
    await must(admin, N, { op: 'save', subject, body: `${tag} ${slot} body\nits second line`, date: '2026-06-01', share });
    ctx[slot] = sql(`SELECT id FROM notes WHERE matter_id = ${mid} AND subject = '${subject}'`);
  }
  await must(admin, N, { op: 'save', id: ctx.rnote, subject: notes.rnote[0], body: `${tag} rnote body`, date: '2026-06-01' });
  // Calendar events on the matter: shared (the client attends), never
  // shared, weekly (shared) and one to delete, each titled with the tag.
  const events = { event: ['shared event', '1', 'none'], evpriv: ['private event', '', 'none'],
    evrec: ['weekly event', '1', 'weekly'], evdel: ['event to delete', '', 'none'] };
  for (const [slot, [what, share, freq]] of Object.entries(events)) {
    await must(admin, '/calendar/edit', { op: 'save', matter: mid, title: `${tag} ${what}`, start_date: ctx.evday,
      start_time: '09:00', end_date: ctx.evday, end_time: '10:00', freq, interval: '1', ends: 'count', count: '5',
      contact: ctx.contact, share });
    ctx[slot] = sql(`SELECT MAX(id) FROM cal_events WHERE matter_id = ${mid} AND title = '${tag} ${what}'`);
  }
  // Intake forms: one given to the matter and submitted (frozen), given
  // again and left open for the client, one never given with two fields,
  // one to delete; every name and answer with the tag.
  const FT = `/matters/${mid}/forms`;
  const mkForm = async (name) => (await must(admin, '/forms/new', { op: 'create', name })).location.match(/\/forms\/(\d+)/)[1];
  const addField = (form, label) => must(admin, `/forms/${form}`, { op: 'field', kind: 'text', label, help: '', options: '',
    maps_to: '' });
  ctx.form = await mkForm(`${tag} intake form`);
  await addField(ctx.form, `${tag} question`);
  ctx.fopen = await mkForm(`${tag} open form`);
  await addField(ctx.fopen, `${tag} first`);
  await addField(ctx.fopen, `${tag} second`);
  [ctx.ofield, ctx.ofieldb] = sql(`SELECT id FROM form_fields WHERE form_id = ${ctx.fopen} ORDER BY position`).split('\n');
  ctx.fdel = await mkForm(`${tag} form to delete`);
  await must(admin, FT, { op: 'share', form: ctx.form });
  await must(admin, FT, { op: 'share', form: ctx.form });
  [ctx.freq, ctx.creq] = sql(`SELECT id FROM form_requests WHERE matter_id = ${mid} ORDER BY id`).split('\n');
  sql(`UPDATE form_requests SET submitted_at = NOW(6), saved_at = NOW(6), submitted_by = ${ctx.contact} WHERE id = ${ctx.freq}`);
  sql(`INSERT INTO form_answers (firm_id, request_id, field_id, value) SELECT firm_id, ${ctx.freq}, id, '${tag} answer'` +
    ` FROM form_fields WHERE form_id = ${ctx.form}`);
  // Bills: activities to bill (bact, bactb) and bills made through the
  // firm's pages, one of them shared with the portal ({bill}), the others
  // never; an envelope holding the shared one, of no one's review.
  const activity = (what) => {
    sql('INSERT INTO activities (firm_id, matter_id, kind, on_date, amount, description, created_at, updated_at)' +
      ` VALUES (${firmId}, ${mid}, 'expense', '2026-06-01', 4321, '${tag} ${what}', NOW(6), NOW(6))`);
    return sql(`SELECT id FROM activities WHERE matter_id = ${mid} AND description = '${tag} ${what}'`);
  };
  ctx.bact = activity('unbilled work');
  ctx.bactb = activity('more unbilled work');
  for (const slot of ['bill', 'ubill', 'dbill', 'vbill', 'sbill']) {
    const res = await must(admin, `/matters/${mid}/bills/new`, { id: activity(`${slot} bill line`), memo: `${tag} ${slot}` });
    ctx[slot] = res.location.match(/^\/bills\/(\d+)\?/)[1];
  }
  await must(admin, `/bills/${ctx.bill}/send`, { op: 'send', portal: '1', confirm: '1', message: '' });
  sql('INSERT INTO envelopes (firm_id, contact_id, to_email, subject, body, created_at)' +
    ` VALUES (${firmId}, ${ctx.contact}, '${ctx.email}', '', '', NOW(6))`);
  ctx.envelope = sql(`SELECT MAX(id) FROM envelopes WHERE firm_id = ${firmId} AND contact_id = ${ctx.contact}`);
  sql(`INSERT INTO envelope_items (envelope_id, firm_id, bill_id, position) VALUES (${ctx.envelope}, ${firmId}, ${ctx.bill}, 0)`);
  // Payments: a bill shared into the portal and a payment recorded on it
  // (offline, by the firm's page).
  const pnum = `${tag}-PB`;
  sql('INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state, currency, total, balance, issued_on,' +
    ` created_at, updated_at) VALUES (${firmId}, 'bill', '${pnum}', ${ctx.contact}, ${mid}, 'final', 'USD', 100000,` +
    ' 100000, \'2026-06-01\', NOW(6), NOW(6))');
  ctx.pbill = sql(`SELECT id FROM bills WHERE firm_id = ${firmId} AND number = '${pnum}'`);
  sql(`INSERT INTO bill_matters (bill_id, firm_id, matter_id) VALUES (${ctx.pbill}, ${firmId}, ${mid})`);
  sql('INSERT INTO shares (firm_id, portal_id, record_kind, record_id, created_at) VALUES' +
    ` (${firmId}, ${ctx.portal}, 'bill', ${ctx.pbill}, NOW(6))`);
  await must(admin, `/bills/${ctx.pbill}/payments/new`, { amount: '10.00', date: '2026-06-01', method: 'check',
    reference: `${tag} check` });
  ctx.payment = sql(`SELECT MAX(payment_id) FROM payment_allocations WHERE bill_id = ${ctx.pbill}`);
  // What a client with one permission off must not get of the other kind.
  ctx.hidden = {
    bills: [`${tag} bill bill line`],
    messages: Object.values(bodies),
    documents: [names.doc, names.inFolder, names.inMfolder, folders.folder,
      bytes('doc'), bytes('inFolder'), bytes('inMfolder')],
    tasks: [tasks.task[0], tasks.ltask[0], `${tag} task description`, `${tag} ltask description`],
    notes: [notes.note[0], `${tag} note body`],
    calendar: [`${tag} shared event`, `${tag} weekly event`],
  };
  for (const s of ['doc', 'priv', 'attach', 'inFolder', 'inMfolder', 'sentup', 'revoked', 'gone', 'folder', 'mfolder',
    'pfolder', 'share', 'message', 'portal', 'contact', 'other', 'email', 'eid', 'second', 'user', 'category', 'spare', 'mfield',
    'act', 'exp', 'task', 'ltask', 'ptask', 'note', 'pnote', 'rnote', 'event', 'evpriv', 'evrec', 'evdel',
    'form', 'fopen', 'ofield', 'ofieldb', 'fdel', 'freq', 'creq',
    'pbill', 'payment', 'bill', 'ubill', 'dbill', 'vbill', 'sbill', 'bact', 'bactb', 'envelope'])
    assert.match(String(ctx[s]), s === 'email' ? /@/ : /^\d+$/, `${tag}: ${s}`);
  return ctx;
}

// A contact of firm (a person with one address) that is in no portal.
function contact(firm, name, email) {
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', '${name}')`);
  const id = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm} AND name = '${name}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${id}, '${email}', 1, 0)`);
  return id;
}

// A contact with a matter of firm, its portal open (by admin, one session:
// several sign-ins of one account at once can be refused as throttled) and
// the invitation accepted.
async function clientMatter(admin, firm, { name, email, number, password }) {
  const id = contact(firm, name, email);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, '${number}', 'Matter ${number}', ${id})`);
  const mid = sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND number = '${number}'`);
  await must(admin, `/matters/${mid}/portal/action`, { op: 'open' });
  await must(admin, `/matters/${mid}/portal/action`, { op: 'send', body: `Welcome, ${name}.` });
  const [mail] = await waitForMail(email);
  const link = new URL(mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1]);
  const c = new Client();
  const form = await c.get(link.pathname + link.search);
  const res = await c.post('/portal/invite', { csrf: csrfOf(form.text), token: link.searchParams.get('token'),
    password, confirm: password });
  assert.equal(res.status, 303, `${email} accepts the invitation`);
  return { mid, contact: id };
}

// ---- expectations ----

// What actor a must get for route r against the victim's context: a kind
// of answer, or null where the pair says nothing (a sign-out of one's own
// side, a member on a route that is not admin-only).
function expectOf(a, r) {
  if (r.side === 'public') return { kind: 'public' };
  const mySide = a.side === r.side;
  if (r.self) {
    if (mySide) return r.method === 'GET' ? { kind: 'local-redirect' } : null;
    return r.method === 'GET' ? { kind: `signin-${r.side}` } : { kind: 'frontdoor' };
  }
  if (!mySide) return r.method === 'GET' ? { kind: `signin-${r.side}` } : { kind: 'frontdoor' };
  if (a.sameFirm) return r.admin ? { kind: 'admin-only' } : null;
  // Another firm's admin acting on its own firm (workspace-*, records-*).
  if (r.mine) return null;
  // One's own account: a GET shows the sender's own; a POST would change it.
  if (r.myacct) return r.method === 'GET' ? { kind: 'own' } : null;
  if (r.own) return { kind: 'own' };
  return { kind: 'refuse' };
}

// Every way res falls short of exp, as a sentence (null: as expected).
function judge(res, exp, marks, ownMid) {
  const loc = res.location || '';
  const status = res.status;
  let bad = null;
  switch (exp.kind) {
  case 'refuse':
    if (status !== 403 && status !== 404) bad = 'expected the handler\'s 403 or 404';
    else if (CSRF_FAILED.test(res.text)) bad = 'refused by the CSRF check, not by the handler';
    break;
  case 'admin-only':
    if (status !== 403) bad = 'expected 403 (admin-only)';
    break;
  case 'frontdoor':
    if (status !== 403) bad = 'expected 403 (no session of this side)';
    break;
  case 'signin-firm':
    if (status !== 303 || !/^\/login(\?next=[^&]+)?$/.test(loc)) bad = 'expected a 303 to the firm sign-in page';
    break;
  case 'signin-client':
    if (status !== 303 || !/^\/portal\/login(\?(firm=[a-z0-9-]+&)?next=[^&]+|\?firm=[a-z0-9-]+)?$/.test(loc))
      bad = 'expected a 303 to the client sign-in page';
    break;
  case 'own':
    if (!(status === 200 || (status === 303 && loc === `/portal/matters/${ownMid}`)))
      bad = 'expected its own page';
    break;
  case 'local-redirect':
    if (status !== 303 || !/^\/[^/\\]/.test(loc)) bad = 'expected a 303 to a page of this site';
    break;
  case 'public':
    if (!exp.statuses.includes(status)) bad = `expected one of ${exp.statuses}`;
    else if (status === 303 && !/^\/[^/\\]/.test(loc)) bad = 'redirected off the site';
    break;
  case 'page':
    if (status !== 200) bad = 'expected its own page, without the other kind';
    break;
  default:
    bad = `unknown expectation ${exp.kind}`;
  }
  const all = res.text + '\n' + [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  const leak = marks.find((m) => all.includes(m));
  if (leak) bad = `${bad ? bad + '; ' : ''}the response carries "${leak}"`;
  return bad && `${bad}: got ${status}${loc ? ' → ' + loc : ''}`;
}

// ---- the database and the store, before and after ----

function tablesChecked() {
  const all = sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'vellum'" +
    " AND table_type = 'BASE TABLE' ORDER BY table_name").split('\n');
  // Sessions are touched by every request, the audit log records refusals
  // (and its chain's heads move with it), and the sign-in throttle and the
  // per-address rate limit count attempts: the only tables that may move.
  // The cache stamps too: their triggers move them on any write to a row,
  // even one that leaves it as it was (the rightful rename to the same
  // name below), and a moved stamp only costs a process a fresh read.
  const skip = ['sessions', 'audit_log', 'audit_heads', 'login_throttle', 'rate_limit',
    'firm_stamps', 'portal_stamps'];
  for (const s of skip) assert.ok(all.includes(s), `table ${s} exists`);
  return all.filter((t) => !skip.includes(t));
}

const checksum = (tables) => sql(`CHECKSUM TABLE ${tables.join(', ')}`).split('\n')
  .map((l) => l.replace(/\s+/g, ' ')).sort();

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(path.relative(VAR, p));
    }
  };
  walk(dir);
  return out.sort();
}
const storeFiles = () => [...filesUnder(path.join(VAR, 'store')), ...filesUnder(path.join(VAR, 'tmp'))];

async function outboxDrained(actors, failures, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    if (sql("SELECT COUNT(*) FROM notifications WHERE status IN ('queued', 'sending', 'retry')") === '0') return;
    await keepAlive(actors, failures);
    await sleep(250);
  }
  throw new Error('the outbox did not drain');
}

// ---- the run ----

test('the access matrix: every route × method × actor is refused by its handler, and nothing changes',
  { timeout: 280_000 }, async (t) => {
    const started = Date.now();
    const failures = [];
    const actors = [];
    let keeper = setInterval(() => keepAlive(actors, failures).catch(() => {}), 1500);
    try {
      const firmA = sql("SELECT id FROM firms WHERE slug = 'demo'");
      const demoLogo = sql(`SELECT logo_url FROM firms WHERE id = ${firmA}`);
      const admin = await firmActor('the rightful firm admin', 'admin@demo.test', 'demo-admin-pass');
      const member = await firmActor('a member of the same firm', 'member@demo.test', 'demo-member-pass');
      member.sameFirm = true;
      actors.push(admin, member);

      // The matters: the victim's (V), another of the firm (O), the
      // rightful actors' own for the changes (W), Messages off (PM),
      // Documents off (PD), and the removed client's second matter (R2).
      const people = {
        V: ['Vera', 'vera'], O: ['Otto', 'otto'], W: ['Walt', 'walt'], PM: ['Mona', 'mona'], PD: ['Dora', 'dora'],
        R2: ['Rex', 'rex'], PB: ['Bea', 'bea'],
      };
      const ctx = {};
      const common = { slug: 'demo', nobody: `nobody.${R}@nowhere.test`, badtoken: 'A'.repeat(43), logofirm: firmA,
        evday: '2026-06-02',
        YYYY: '{YYYY}', NNNN: '{NNNN}' };
      // A firm user of the context's firm named with its tag (users_action),
      // and an address to invite.
      const staff = (firm, tag) => {
        sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firm}, 'stan.${tag}@access.test',` +
          ` 'Stan ${tag}', 'member', '!')`);
        return sql(`SELECT id FROM users WHERE email = 'stan.${tag}@access.test'`);
      };
      const other = contact(firmA, `Nora ${tagOf('n')}`, `nora.${R}@access.test`);
      await Promise.all(Object.entries(people).map(async ([k, [first, login]]) => {
        const tag = tagOf(k.toLowerCase());
        const email = `${login}.${R}@access.test`, password = `${login} portal password ${R}`;
        const c = await clientMatter(admin, firmA, { name: `${first} ${tag}`, email, number: `${tag}-M`, password });
        ctx[k] = { ...common, tag, mid: c.mid, contact: c.contact, other, login: email, password,
          staff: staff(firmA, tag), invitee: `invitee.${tag}@access.test` };
      }));

      // Another firm, with a matter and portal of its own (B).
      const slug = `matrix-${R}`;
      execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['create-firm', `Rival ${R} LLP`, slug,
        `boss.${R}@rival.test`, 'Rita Rival'], { env: { ...process.env, VELLUM_ADMIN_PASSWORD: 'rival-admin-pass' } });
      const rival = await firmActor('another firm\'s admin', `boss.${R}@rival.test`, 'rival-admin-pass');
      actors.push(rival);
      const firmB = sql(`SELECT id FROM firms WHERE slug = '${slug}'`);
      const tagB = tagOf('b');
      const bClient = contact(firmB, `Bianca ${tagB}`, `bianca.${R}@rival.test`);
      sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firmB}, '${tagB}-M', 'Matter ${tagB}', ${bClient})`);
      ctx.B = { ...common, tag: tagB, mid: sql(`SELECT id FROM matters WHERE firm_id = ${firmB}`), contact: bClient,
        other: contact(firmB, `Bert ${tagB}`, `bert.${R}@rival.test`), staff: staff(firmB, tagB),
        invitee: `invitee.${tagB}@access.test` };

      await Promise.all([...['V', 'O', 'W', 'PM', 'PD', 'PB'].map((k) => buildContent(admin, ctx[k])),
        buildContent(rival, ctx.B)]);

      // The victim writes, with a document (the client's upload).
      const vera = await clientActor('the rightful client', ctx.V.login, ctx.V.password, ctx.V.mid);
      actors.push(vera);
      await must(vera, `/portal/matters/${ctx.V.mid}/reply`, { body: `${ctx.V.tag} the client's own words` },
        [[`${ctx.V.tag}-client-upload.txt`, `${ctx.V.tag} cupload file bytes`]]);
      ctx.V.cupload = sql(`SELECT id FROM documents WHERE matter_id = ${ctx.V.mid} AND name = '${ctx.V.tag}-client-upload.txt'`);

      // Rex takes part in V, then is removed: his sessions end, and he
      // signs in again through his other matter's portal.
      const P = (k) => `/matters/${ctx[k].mid}/portal/action`;
      await must(admin, P('V'), { op: 'add_participant', contact: ctx.R2.contact });
      let rex = await clientActor('a client removed from this portal', ctx.R2.login, ctx.R2.password, ctx.R2.mid);
      assert.equal((await rex.get(`/portal/matters/${ctx.V.mid}?view=shared`)).status, 200, 'Rex sees V while he takes part');
      await must(admin, P('V'), { op: 'remove_participant', contact: ctx.R2.contact });
      assert.equal((await rex.touch()).status, 303, 'the removal ended Rex\'s session');
      rex = await clientActor('a client removed from this portal', ctx.R2.login, ctx.R2.password, ctx.R2.mid);
      actors.push(rex);

      // Permissions: PM without Messages, PD without Documents.
      await must(admin, P('PM'), { op: 'permissions', perm_documents: '1' });
      await must(admin, P('PD'), { op: 'permissions', perm_messages: '1' });
      assert.equal(sql(`SELECT CONCAT(perm_messages, perm_documents, perm_tasks, perm_notes) FROM portals WHERE id = ${ctx.PM.portal}`), '0100');
      assert.equal(sql(`SELECT CONCAT(perm_messages, perm_documents, perm_tasks, perm_notes) FROM portals WHERE id = ${ctx.PD.portal}`), '1000');
      // PB without Bills (Messages and Documents on).
      await must(admin, P('PB'), { op: 'permissions', perm_messages: '1', perm_documents: '1' });
      assert.equal(sql(`SELECT CONCAT(perm_messages, perm_documents, perm_bills) FROM portals WHERE id = ${ctx.PB.portal}`), '110');
      // None of the three has Calendar: each is refused its calendar and .ics.
      for (const k of ['PM', 'PD', 'PB'])
        assert.equal(sql(`SELECT perm_calendar FROM portals WHERE id = ${ctx[k].portal}`), '0', `${k}: Calendar off`);

      const otto = await clientActor('a client of another matter', ctx.O.login, ctx.O.password, ctx.O.mid);
      // Sessions to end with another person's id (My account's end_session):
      // the member's and the rival's (firm), Vera's and Otto's (clients).
      const sessOf = (where) => sql(`SELECT MAX(s.id) FROM sessions s WHERE ${where}`);
      ctx.V.fsess = sessOf("s.user_id = (SELECT id FROM users WHERE email = 'member@demo.test')");
      ctx.B.fsess = sessOf(`s.user_id = (SELECT id FROM users WHERE email = 'boss.${R}@rival.test')`);
      ctx.V.csess = sessOf(`s.contact_id = ${ctx.V.contact}`);
      ctx.O.csess = sessOf(`s.contact_id = ${ctx.O.contact}`);
      const mona = await clientActor('a client with Messages off', ctx.PM.login, ctx.PM.password, ctx.PM.mid);
      const dora = await clientActor('a client with Documents off', ctx.PD.login, ctx.PD.password, ctx.PD.mid);
      const walt = await clientActor('the rightful client of W', ctx.W.login, ctx.W.password, ctx.W.mid);
      const bea = await clientActor('a client with Bills off', ctx.PB.login, ctx.PB.password, ctx.PB.mid);
      // (Setting one permission turned the kinds not named off in each portal.)
      mona.off = ['messages', 'tasks', 'calendar']; mona.home = ctx.PM;
      dora.off = ['documents', 'notes', 'calendar']; dora.home = ctx.PD;
      bea.off = ['bills', 'tasks', 'notes', 'calendar']; bea.home = ctx.PB;
      const out = await signedOut();
      actors.push(otto, mona, dora, bea, walt);

      // ---- positive control: the rightful can ----
      // Every page of V, as the firm and as the client: 200 and the
      // victim's tag in it (the markers looked for below are real).
      for (const r of routes.filter((x) => x.method === 'GET' && x.side !== 'public' && !x.self)) {
        const who = r.side === 'firm' ? admin : vera;
        const res = await send(who, requestOf(r, ctx.V));
        if (r.never) {
          assert.equal(res.status, 404, `${r.name}: even the rightful client is refused`);
          continue;
        }
        assert.ok((r.ok || [200]).includes(res.status), `rightful ${who.name}: ${r.name} gave ${res.status}`);
        if (res.status === 200 && !r.notag && !r.myacct)
          assert.ok(res.text.includes(ctx.V.tag), `rightful ${r.name}: the victim's content is on it`);
      }
      // Every change of the table, as the rightful client and firm of W;
      // the client signs out before the firm removes it from the portal.
      const changes = routes.filter((x) => x.method === 'POST' && x.side !== 'public' && !x.self && !x.myacct);
      const signOut = (side) => routes.find((x) => x.side === side && x.self && x.method === 'POST');
      for (const r of [...changes.filter((x) => x.side === 'client'), signOut('client'),
        ...changes.filter((x) => x.side === 'firm')]) {
        const who = r.side === 'firm' ? admin : walt;
        if (r.self) actors.splice(actors.indexOf(walt), 1);
        const res = await send(who, requestOf(r, ctx.W));
        assert.ok((r.ok || [303]).includes(res.status), `rightful ${who.name}: ${r.name} on W gave ${res.status}: ` +
          res.text.slice(0, 300));
        if (r.self) assert.equal((await walt.touch()).status, 303, 'Walt signed out');
      }
      // The logo removed by the rightful admin's change comes back (the
      // files after this one show the demo firm's logo).
      sql(`UPDATE firms SET logo_url = '${demoLogo}' WHERE id = ${firmA}`);
      // The firm's sign-out works too (a second session of the admin's).
      const spare = await firmActor('a spare session', 'admin@demo.test', 'demo-admin-pass');
      assert.equal((await send(spare, requestOf(signOut('firm'), ctx.W))).status, 303);
      assert.equal((await spare.touch()).status, 303, 'the spare session ended');
      // With one permission off, an attachment still opens (as a message's
      // with Messages, as a shared resource with Documents).
      for (const c of [mona, dora])
        assert.equal((await c.get(`/portal/documents/${c.home.attach}`)).status, 200, `${c.name}: an attachment`);
      // Each client has opened its own feed (reads recorded before the
      // snapshot; the matrix's own-page visits then record nothing).
      for (const c of [vera, otto, rex, mona, dora, bea]) assert.equal((await c.get(c.own.replace('?view=shared', ''))).status, 200);

      clearInterval(keeper);
      keeper = null;
      await outboxDrained(actors, failures);
      const tables = tablesChecked();
      const before = checksum(tables);
      const filesBefore = storeFiles();
      t.diagnostic(`setup and positive control took ${Math.round((Date.now() - started) / 1000)} s`);

      // ---- the matrix ----
      const intruders = [rival, member, otto, rex, mona, dora, out];
      // The rightful, forging ids: their own matter (home), with one id at
      // a time from another firm's or another matter's context.
      const forgers = [
        { actor: admin, home: ctx.V, foreign: [[ctx.B, 'firm'], [ctx.O, 'matter']] },
        { actor: rival, home: ctx.B, foreign: [[ctx.V, 'firm']] },
        { actor: vera, home: ctx.V, foreign: [[ctx.O, 'matter'], [ctx.B, 'firm']] },
        { actor: otto, home: ctx.O, foreign: [[ctx.V, 'matter']] },
      ];
      const matrixStart = Date.now();
      let sent = 0, touches = 0;
      const log = [];
      const counts = { intruder: 0, member: 0, permission: 0, forged: 0 };
      const adminOnly = routes.filter((r) => r.admin);
      for (const r of routes) {
        const jobs = [];
        // Everyone, against the victim's matter.
        for (const a of intruders) {
          const exp = expectOf(a, r);
          if (!exp) continue;
          if (exp.kind === 'public') exp.statuses = r.pub;
          const req = requestOf(r, ctx.V);
          if (!req) continue;
          jobs.push({ a, req, exp, marks: [ctx.V.tag], ownMid: a.own && a.own.match(/\/(\d+)\?/)?.[1],
            group: a.sameFirm && r.admin ? 'member' : 'intruder' });
        }
        // A client with a permission off, on its own matter, for that kind.
        // What the code does: with Messages off the matter's page (any view)
        // shows Shared resources instead of the feed (200, no message text)
        // and a reply is 403; with Documents off ?view=shared shows the feed
        // (200, no shared document or folder named) and a shared document,
        // one in a shared folder or in a folder sent with a message, is 404.
        // An attachment (needs 'any') opens with either: as a message's with
        // Messages, as a shared resource with Documents.
        for (const a of [mona, dora, bea]) {
          if (r.side !== 'client' || !a.off.includes(r.needs)) continue;
          const req = requestOf(r, a.home);
          if (!req) continue;
          const page = r.method === 'GET' && r.prog === 'client_home';
          jobs.push({ a, req, exp: { kind: page ? 'page' : 'refuse' }, marks: a.home.hidden[r.needs], group: 'permission' });
        }
        // The rightful, with forged ids; and what is never theirs.
        for (const { actor, home, foreign } of forgers) {
          if (actor.side !== r.side) continue;
          if (r.never) {
            jobs.push({ a: actor, req: requestOf(r, home), exp: { kind: 'refuse' }, marks: [home.tag], group: 'forged' });
            continue;
          }
          for (const [slots, sources] of Object.entries(r.forge || {})) {
            for (const [f, rel] of foreign) {
              if (!sources.includes(rel)) continue;
              const forged = { ...home };
              for (const s of slots.split('+')) forged[s] = f[s];
              const req = requestOf(r, forged);
              if (!req) continue;
              jobs.push({ a: actor, req, exp: { kind: 'refuse' }, marks: [f.tag], group: 'forged', note: `${slots} of ${rel}` });
            }
          }
        }
        const results = await Promise.all(jobs.map((j) => send(j.a, j.req)));
        results.forEach((res, i) => {
          const j = jobs[i];
          counts[j.group]++;
          log.push([j.a.name, r.name, j.note || '', j.req.method, j.req.path, j.exp.kind, res.status, res.location || ''].join('\t'));
          const bad = judge(res, j.exp, j.marks, j.ownMid);
          if (bad) failures.push(`${j.a.name}: ${r.name}${j.note ? ` (${j.note})` : ''}: ` +
            `${j.req.method} ${j.req.path}: ${bad}`);
        });
        sent += jobs.length;
        // Between routes every actor touches its own page: its session is
        // live, and a route that ended one is named.
        await keepAlive(actors, failures, 0, ` after "${r.name}"`);
        touches += actors.length;
      }
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(path.join(OUT, 'access-matrix.tsv'), log.join('\n') + '\n');
      // A member is refused every admin-only route.
      assert.deepEqual(expectOf(member, { ...routes.find((x) => x.name === 'portal page'), admin: true }),
        { kind: 'admin-only' });
      assert.equal(counts.member, adminOnly.length);
      assert.ok(adminOnly.length >= 6, 'the settings pages and their changes are admin-only');
      t.diagnostic(`matrix: ${routes.length} routes (${routes.filter((r) => r.method === 'GET').length} GET, ` +
        `${routes.filter((r) => r.method === 'POST').length} POST; ${adminOnly.length} admin-only), ` +
        `${intruders.length} actors + ${forgers.length} forging, ${sent} requests and ${touches} own-page touches ` +
        `(${JSON.stringify(counts)}) in ${Math.round((Date.now() - matrixStart) / 1000)} s`);

      // The tokens were good to the end: harmless posts reach the handler.
      const priv = sql(`SELECT name FROM documents WHERE id = ${ctx.V.priv}`);
      for (const a of [admin, member])
        await must(a, `/matters/${ctx.V.mid}/documents/action`, { op: 'rename', kind: 'document', id: ctx.V.priv, folder: '0', name: priv });
      const empty = await send(vera, { method: 'POST', path: `/portal/matters/${ctx.V.mid}/reply`, body: { body: '' } });
      assert.equal(empty.status, 400, 'the rightful client\'s empty reply reaches the handler');
      assert.match(empty.text, /Write a message/);

      // Every session is still live: each actor's own page.
      for (const a of actors) {
        const res = await a.touch();
        if (res.status !== 200) failures.push(`${a.name}: the session is not live after the run (own page ${res.status})`);
      }
      const after = checksum(tables);
      for (const line of after.filter((l) => !before.includes(l))) failures.push(`changed in the database: ${line}`);
      const filesAfter = storeFiles();
      for (const f of filesAfter.filter((x) => !filesBefore.includes(x))) failures.push(`a new file: ${f}`);
      for (const f of filesBefore.filter((x) => !filesAfter.includes(x))) failures.push(`a file gone: ${f}`);
      assert.ok(tables.length >= 21, `${tables.length} tables compared`);
      assert.deepEqual(failures, [], `${failures.length} failure(s):\n` + failures.slice(0, 60).join('\n'));
    } finally {
      if (keeper) clearInterval(keeper);
    }
  });
