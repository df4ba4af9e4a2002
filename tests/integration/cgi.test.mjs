// CGI-level tests: each program run as a web server runs it, as plain CGI
// (environment + stdin, one process per request) and as FastCGI (through
// cgi-fcgi to the program's socket).  Both must answer alike, signed out
// and signed in (a firm user, a client), and every program built by the
// Makefile must be covered here: a new program without cases fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, clientOnMatter, csrfOf, demoAdmin, sql } from './helpers.mjs';

function run(mode, prog, opts = {}) {
  const { body = '' } = opts;
  // Browsers send Sec-Fetch-Site; these requests come from the site itself.
  const e = cgiEnv({ ...opts, env: { HTTP_SEC_FETCH_SITE: 'same-origin', ...(opts.env || {}) } });
  const cmd = mode === 'cgi'
    ? [path.join(ROOT, 'build/cgi-bin', prog), []]
    : ['cgi-fcgi', ['-bind', '-connect', path.join(VAR, 'run', `${prog}.sock`)]];
  const r = spawnSync(cmd[0], cmd[1], { env: e, input: body, timeout: 20000 });
  const out = r.stdout.toString('latin1');
  const split = out.indexOf('\r\n\r\n');
  assert.ok(split > 0, `${mode} ${prog} ${opts.uri}: no header block in ${JSON.stringify(out.slice(0, 200))}`);
  const head = out.slice(0, split), text = out.slice(split + 4);
  const headers = {};
  const cookies = [];
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).toLowerCase(), v = line.slice(i + 1).trim();
    if (k === 'set-cookie') cookies.push(v); else headers[k] = v;
  }
  // A CGI response without a Status header is a 200 (RFC 3875 6.3.3).
  return { exit: r.status, status: Number((headers.status || '200').split(' ')[0]), headers, cookies, text, raw: out };
}

// Random parts (CSRF tokens, cookie values, request ids) differ per request;
// the rest must not.
const normal = (raw) => raw.replace(/[0-9a-f]{64}/g, 'HEX').replace(/=[A-Za-z0-9_-]{43}(;|\r)/g, '=TOKEN$1');

// The programs the Makefile builds: those of cgi-bin/routes.list.
function programs() {
  return execFileSync(path.join(ROOT, 'bin', 'routes'), ['programs'], { encoding: 'utf8' }).trim().split('\n');
}

const form = 'application/x-www-form-urlencoded';

// Signs a firm user and a client in (through nginx), for their cookies; the
// client's matter is the test's own, so the demo matters stay untouched.
async function sessions() {
  const firm = await demoAdmin();
  const { mid, contact, client } = await clientOnMatter({ name: 'Cora CGI', email: 'cora@cgi.test',
    number: 'CGI-1', password: 'cgi client password' });
  const doc = sql(`SELECT COALESCE(MAX(id), 0) FROM documents WHERE matter_id = ${mid}`);
  const firmCsrf = csrfOf((await firm.get('/matters')).text);
  const clientCsrf = csrfOf((await client.get(`/portal/matters/${mid}`)).text);
  return { firm: firm.cookieHeader(), client: client.cookieHeader(), mid, contact, doc, firmCsrf, clientCsrf };
}

const s = await sessions();

test('every program gives the same response as CGI and as FastCGI, signed out and signed in', () => {
  const F = { cookie: s.firm }, C = { cookie: s.client };
  const fpost = (uri, body, extra = {}) => ({ method: 'POST', uri, type: form, body: `csrf=${s.firmCsrf}&${body}`, ...F, ...extra });
  const cpost = (uri, body) => ({ method: 'POST', uri, type: form, body: `csrf=${s.clientCsrf}&${body}`, ...C });
  // [program, request, expected status]; signed-in requests change nothing.
  const cases = [
    ['auth_login', { uri: '/login' }, 200],
    ['auth_login', { uri: '/login?signed_out=1' }, 200],
    ['auth_login', { method: 'POST', uri: '/login', body: 'email=a%40b.co&password=x', type: form }, 403],
    ['auth_login', { method: 'POST', uri: '/login', body: 'email=%zz', type: form }, 400],
    ['auth_login', { method: 'DELETE', uri: '/login' }, 400],
    ['auth_forgot', { uri: '/forgot' }, 200],
    ['auth_reset', { uri: '/reset?token=' + 'A'.repeat(43) }, 400],
    ['auth_logout', { uri: '/logout' }, 303],
    ['matters_list', { uri: '/matters' }, 303],
    ['matters_list', { uri: '/matters', ...F }, 200],
    ['matter_show', { uri: '/matters/1' }, 303],
    ['matter_show', { uri: `/matters/${s.mid}`, ...F }, 200],
    ['matter_show', { uri: '/matters/999999999', ...F }, 404],
    ['contacts_list', { uri: '/contacts' }, 303],
    ['contacts_list', { uri: '/contacts', ...F }, 200],
    ['contact_show', { uri: '/contacts/1' }, 303],
    ['contact_show', { uri: `/contacts/${s.contact}`, ...F }, 200],
    ['docs_list', { uri: '/matters/1/documents' }, 303],
    ['docs_list', { uri: `/matters/${s.mid}/documents`, ...F }, 200],
    ['docs_download', { uri: '/documents/1/download' }, 303],
    ['docs_download', { uri: '/documents/999999999/download', ...F }, 404],
    ['docs_upload', { method: 'POST', uri: '/matters/1/documents/upload', body: '--b\r\n', type: 'multipart/form-data; boundary=b' }, 403],
    ['docs_upload', { method: 'POST', uri: '/matters/999999999/documents/upload', type: form, body: `csrf=${s.firmCsrf}&folder=0`, ...F }, 404],
    ['docs_action', { method: 'POST', uri: '/matters/1/documents/action', body: 'op=delete', type: form }, 403],
    ['docs_action', fpost(`/matters/${s.mid}/documents/action`, 'op=no_such_op'), 400],
    ['portal_show', { uri: `/matters/${s.mid}/portal` }, 303],
    ['portal_show', { uri: `/matters/${s.mid}/portal`, ...F }, 200],
    ['portal_show', { uri: `/matters/${s.mid}/portal?view=shared`, ...F }, 200],
    ['portal_action', { method: 'POST', uri: `/matters/${s.mid}/portal/action`, body: 'op=send&body=x', type: form }, 403],
    ['portal_action', fpost(`/matters/${s.mid}/portal/action`, 'op=no_such_op'), 400],
    ['client_login', { uri: '/portal/login?firm=demo' }, 200],
    ['client_login', { method: 'POST', uri: '/portal/login?firm=demo', body: 'email=a%40b.co&password=x', type: form }, 403],
    ['client_invite', { uri: '/portal/invite?token=' + 'A'.repeat(43) }, 400],
    ['client_invite', { uri: '/portal/forgot?firm=demo' }, 200],
    ['client_home', { uri: '/portal' }, 303],
    ['client_home', { uri: '/portal', ...C }, 303],
    ['client_home', { uri: `/portal/matters/${s.mid}`, ...C }, 200],
    ['client_home', { uri: '/portal/matters/999999999', ...C }, 404],
    ['client_home', { uri: `/portal/matters/${s.mid}`, ...F }, 303],
    ['client_reply', { method: 'POST', uri: `/portal/matters/${s.mid}/reply`, body: 'body=x', type: form }, 403],
    ['client_reply', cpost('/portal/matters/999999999/reply', 'body=x'), 404],
    ['client_download', { uri: '/portal/documents/1' }, 303],
    ['client_download', { uri: '/portal/documents/999999999', ...C }, 404],
    ['client_logout', { uri: '/portal/logout' }, 303],
    // The workspace: the first run is gone once a firm exists; admin pages.
    ['setup', { uri: '/setup' }, 404],
    ['setup', { method: 'POST', uri: '/setup', body: 'code=x', type: form }, 403],
    ['staff_join', { uri: '/join?token=' + 'A'.repeat(43) }, 400],
    ['firm_logo', { uri: '/logos/999999999' }, 404],
    ['settings', { uri: '/settings' }, 303],
    ['settings', { uri: '/settings', ...F }, 200],
    ['settings', fpost('/settings', 'name='), 400],
    ['settings_logo', { method: 'POST', uri: '/settings/logo', body: 'op=remove', type: form }, 403],
    ['settings_logo', fpost('/settings/logo', 'op=no_such_op'), 400],
    ['users_list', { uri: '/users' }, 303],
    ['users_list', { uri: '/users?q=demo&status=active&page=1', ...F }, 200],
    ['users_invite', { uri: '/users/invite', ...F }, 200],
    ['users_invite', fpost('/users/invite', 'email=not-an-email&role=member'), 400],
    ['users_action', { uri: '/users/action?op=deactivate&user=999999999', ...F }, 404],
    ['users_action', fpost('/users/action', 'op=no_such_op&user=1'), 400],
    ['audit_list', { uri: '/audit' }, 303],
    ['audit_list', { uri: '/audit', ...F }, 200],
    ['audit_list', { uri: '/audit?from=2026-02-30', ...F }, 400],
    ['audit_list', { uri: '/audit?matter=NO-SUCH-NUMBER', ...F }, 404],
    ['audit_list', { uri: '/audit.csv?to=2000-01-01', ...F }, 200],
    ['audit_list', { uri: '/audit', ...C }, 303],

    ['contact_edit', { uri: '/contacts/new' }, 303],
    ['contact_edit', { uri: '/contacts/new', ...F }, 200],
    ['contact_edit', { uri: `/contacts/${s.contact}/edit`, ...F }, 200],
    ['contact_edit', fpost('/contacts/999999999/edit', 'kind=person&name=x'), 404],
    ['matter_edit', { uri: '/matters/new' }, 303],
    ['matter_edit', { uri: '/matters/new', ...F }, 200],
    ['matter_edit', { uri: `/matters/${s.mid}/edit`, ...F }, 200],
    ['matter_edit', fpost(`/matters/${s.mid}/edit`, 'op=no_such_op'), 400],
    ['settings_matters', { uri: '/settings/matters' }, 303],
    ['settings_matters', { uri: '/settings/matters', ...F }, 200],
    ['settings_categories', { uri: '/settings/categories', ...F }, 200],
    ['settings_categories', fpost('/settings/categories', 'op=no_such_op'), 400],
    ['settings_fields', { uri: '/settings/fields', ...F }, 200],
    ['settings_fields', fpost('/settings/fields', 'op=no_such_op&id=1'), 400],
    ['settings_fields', fpost('/settings/fields', 'op=archive&id=999999999'), 404],
    ['activities_list', { uri: `/matters/${s.mid}/activities` }, 303],
    ['activities_list', { uri: `/matters/${s.mid}/activities`, ...F }, 200],
    ['activities_list', { uri: `/matters/${s.mid}/activities?kind=bills`, ...F }, 400],
    ['activity_edit', { uri: `/matters/${s.mid}/activities/edit?kind=time`, ...F }, 200],
    ['activity_edit', fpost(`/matters/${s.mid}/activities/edit`, 'op=delete&id=999999999'), 404],
    ['auth_code', { uri: '/login/code' }, 400],
    ['auth_code', { method: 'POST', uri: '/login/code', body: 'code=123456', type: form }, 403],
    ['client_code', { uri: '/portal/login/code?firm=demo' }, 400],
    ['account_show', { uri: '/account' }, 303],
    ['account_show', { uri: '/account?view=enrol', ...F }, 200],
    ['account_show', fpost('/account', 'op=no_such_op'), 400],
    ['client_account', { uri: '/portal/account' }, 303],
    ['client_account', { uri: '/portal/account', ...C }, 200],
    ['client_account', { uri: '/portal/account', ...F }, 303],
    ['settings_security', { uri: '/settings/security' }, 303],
    ['settings_security', { uri: '/settings/security?page=0', ...F }, 200],
    ['my_tasks', { uri: '/tasks' }, 303],
    ['my_tasks', { uri: '/tasks?due=week', ...F }, 200],
    ['my_tasks', { uri: '/tasks?due=someday', ...F }, 400],
    ['tasks_list', { uri: `/matters/${s.mid}/tasks` }, 303],
    ['tasks_list', { uri: `/matters/${s.mid}/tasks?show=all&due=later`, ...F }, 200],
    ['tasks_list', { uri: `/matters/${s.mid}/tasks?show=some`, ...F }, 400],
    ['task_edit', { uri: `/matters/${s.mid}/tasks/edit`, ...F }, 200],
    ['task_edit', fpost(`/matters/${s.mid}/tasks/edit`, 'op=delete&id=999999999'), 404],
    ['notes_list', { uri: `/matters/${s.mid}/notes` }, 303],
    ['notes_list', { uri: `/matters/${s.mid}/notes`, ...F }, 200],
    ['note_edit', { uri: `/matters/${s.mid}/notes/edit`, ...F }, 200],
    ['note_edit', fpost(`/matters/${s.mid}/notes/edit`, 'op=delete&id=999999999'), 404],
    ['client_tasks', { uri: `/portal/matters/${s.mid}/tasks` }, 303],
    ['client_tasks', { uri: `/portal/matters/${s.mid}/tasks`, ...C }, 200],
    ['client_tasks', cpost(`/portal/matters/${s.mid}/tasks`, 'op=done&id=999999999'), 404],
    ['client_notes', { uri: `/portal/matters/${s.mid}/notes`, ...C }, 200],
    ['client_notes', { uri: `/portal/matters/${s.mid}/notes/999999999`, ...C }, 404],
    ['cal_view', { uri: '/calendar' }, 303],
    ['cal_view', { uri: '/calendar?view=month&date=2026-03-01', ...F }, 200],
    ['cal_view', { uri: `/matters/${s.mid}/calendar?view=agenda&date=2026-03-01`, ...F }, 200],
    ['cal_view', { uri: '/calendar?view=week', ...F }, 400],
    ['cal_edit', { uri: '/calendar/edit', ...F }, 200],
    ['cal_edit', { uri: '/calendar/edit?id=999999999', ...F }, 404],
    ['cal_edit', fpost('/calendar/edit', 'op=delete&id=999999999'), 404],
    ['cal_settings', { uri: '/calendar/settings' }, 303],
    ['cal_settings', { uri: '/calendar/settings', ...F }, 200],
    ['cal_settings', fpost('/calendar/settings', 'op=no_such_op'), 400],
    ['cal_feed', { uri: `/calendar/feed/${'A'.repeat(43)}.ics` }, 404],
    ['client_calendar', { uri: `/portal/matters/${s.mid}/calendar` }, 303],
    ['client_calendar', { uri: `/portal/matters/${s.mid}/calendar`, ...C }, 200],
    ['client_calendar', { uri: '/portal/matters/999999999/calendar', ...C }, 404],
    ['client_event', { uri: '/portal/events/1.ics' }, 303],
    ['client_event', { uri: '/portal/events/999999999.ics', ...C }, 404],
    ['forms_list', { uri: '/forms' }, 303],
    ['forms_list', { uri: '/forms?q=x&page=2', ...F }, 200],
    ['form_edit', { uri: '/forms/new', ...F }, 200],
    ['form_edit', { uri: '/forms/999999999', ...F }, 404],
    ['form_edit', fpost('/forms/new', 'op=create&name='), 400],
    ['form_edit', fpost('/forms/999999999', 'op=no_such_op'), 400],
    ['matter_forms', { uri: `/matters/${s.mid}/forms` }, 303],
    ['matter_forms', { uri: `/matters/${s.mid}/forms`, ...F }, 200],
    ['matter_forms', fpost(`/matters/${s.mid}/forms`, 'op=share&form=999999999'), 404],
    ['form_submission', { uri: `/matters/${s.mid}/forms/submissions/999999999.csv`, ...F }, 404],
    ['form_submission', { uri: `/matters/${s.mid}/forms/submissions/1` }, 303],
    ['client_forms', { uri: `/portal/matters/${s.mid}/forms`, ...C }, 200],
    ['client_forms', { uri: '/portal/matters/999999999/forms', ...C }, 404],
    ['client_form', { uri: `/portal/matters/${s.mid}/forms/999999999`, ...C }, 404],
    ['client_form', cpost(`/portal/matters/${s.mid}/forms/999999999`, 'op=save'), 404],
    // Payments: the provider's settings, money in and refunds, the pay
    // pages, the webhook (not signed: refused).
    ['settings_payments', { uri: '/settings/payments' }, 303],
    ['settings_payments', { uri: '/settings/payments', ...F }, 200],
    ['settings_payments', fpost('/settings/payments', 'secret_key=pk_test_publishable'), 400],
    ['payment_record', { uri: '/bills/999999999/payments/new', ...F }, 404],
    ['payment_record', fpost('/bills/999999999/payments/new', 'amount=1'), 404],
    ['payment_show', { uri: '/payments/999999999', ...F }, 404],
    ['payment_show', fpost('/payments/999999999', 'amount=1'), 404],
    ['pay_link', { uri: '/pay/' + 'A'.repeat(43) }, 404],
    ['client_pay', { uri: '/portal/bills/1/pay' }, 303],
    ['client_pay', { uri: '/portal/bills/999999999/pay', ...C }, 404],
    ['webhook_stripe', { method: 'POST', uri: '/webhooks/stripe', body: '{}', type: 'application/json' }, 400],
    // Bills: pages, refused forms and ids of no bill (nothing changes).
    ['billing_list', { uri: '/billing' }, 303],
    ['billing_list', { uri: '/billing?tab=unpaid', ...F }, 200],
    ['billing_list', { uri: '/billing?tab=nope', ...F }, 400],
    ['billing_send', fpost('/billing/send', 'portal=1'), 400],
    ['bills_matter', { uri: `/matters/${s.mid}/bills` }, 303],
    ['bills_matter', { uri: `/matters/${s.mid}/bills`, ...F }, 200],
    ['bill_new', { uri: `/matters/${s.mid}/bills/new`, ...F }, 200],
    ['bill_new', fpost('/matters/999999999/bills/new', 'id=1'), 404],
    ['funds_new', { uri: `/contacts/${s.contact}/funds/new`, ...F }, 200],
    ['funds_new', fpost(`/matters/${s.mid}/funds/new`, 'amount=x'), 400],
    ['bill_show', { uri: '/bills/999999999', ...F }, 404],
    ['bill_show', { uri: '/bills/999999999.pdf', ...F }, 404],
    ['bill_show', fpost('/bills/999999999', 'op=void'), 404],
    ['bill_send', { uri: '/bills/999999999/send', ...F }, 404],
    ['envelopes', fpost('/envelopes', 'op=no_such_op'), 400],
    ['envelope_edit', { uri: '/envelopes/999999999', ...F }, 404],
    ['settings_billing', { method: 'POST', uri: '/settings/billing', body: 'combine=1', type: form }, 403],
    ['client_bills', { uri: `/portal/matters/${s.mid}/bills`, ...C }, 200],
    ['client_bills', { uri: '/portal/matters/999999999/bills', ...C }, 404],
    ['client_bill', { uri: '/portal/bills/999999999' }, 303],
    ['client_bill', { uri: '/portal/bills/999999999', ...C }, 404],
  ];
  const covered = new Set(cases.map(([p]) => p));
  for (const p of programs())
    assert.ok(covered.has(p), `program ${p} has no CGI case`);
  const wrong = [];
  for (const [prog, opts, want] of cases) {
    const what = `${prog} ${opts.method || 'GET'} ${opts.uri}${opts.cookie ? ' (signed in)' : ''}`;
    const cgi = run('cgi', prog, opts);
    const fcgi = run('fcgi', prog, opts);
    assert.equal(cgi.exit, 0, `${what}: CGI exit`);
    if (cgi.status !== want) wrong.push(`${what}: ${cgi.status}, expected ${want}`);
    assert.equal(normal(cgi.raw), normal(fcgi.raw), what);
  }
  assert.deepEqual(wrong, [], 'statuses');
});

test('statuses as a web server sees them', () => {
  assert.equal(run('cgi', 'auth_login', { uri: '/login' }).status, 200);
  const m = run('cgi', 'matters_list', { uri: '/matters' });
  assert.equal(m.status, 303);
  assert.equal(m.headers.location, '/login?next=%2Fmatters');
  const noCsrf = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'email=a%40b.co', type: form });
  assert.equal(noCsrf.status, 403);
  const head = run('cgi', 'auth_login', { method: 'HEAD', uri: '/login' });
  assert.equal(head.status, 200);
  assert.equal(head.text, '', 'HEAD has no body');
  assert.ok(Number(head.headers['content-length']) > 500);
});

test('a sign-in done as CGI is a session the FastCGI programs honour', () => {
  const page = run('cgi', 'auth_login', { uri: '/login' });
  const pre = page.cookies.find((c) => c.startsWith('__Host-pre=')).split(';')[0];
  const csrf = page.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const body = `csrf=${csrf}&email=admin%40demo.test&password=demo-admin-pass`;
  const signin = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body, type: form, cookie: pre });
  assert.equal(signin.status, 303);
  const sid = signin.cookies.find((c) => c.startsWith('__Host-sid=')).split(';')[0];
  const list = run('fcgi', 'matters_list', { uri: '/matters', cookie: sid });
  assert.equal(list.status, 200);
  assert.match(list.text, /2026-0001/);
});

test('as CGI, an oversized body is refused before it is read', () => {
  const r = run('cgi', 'auth_login', {
    method: 'POST', uri: '/login', body: 'x=1', type: form,
    env: { CONTENT_LENGTH: String(200 * 1024 * 1024) },
  });
  assert.equal(r.status, 413);
  assert.match(r.text, /too large/);
  const bogus = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'x', type: form, env: { CONTENT_LENGTH: '12abc' } });
  assert.equal(bogus.status, 400);
  const short = run('cgi', 'auth_login', { method: 'POST', uri: '/login', body: 'x=1', type: form, env: { CONTENT_LENGTH: '100' } });
  assert.equal(short.status, 400, 'a body shorter than announced');
  // The upload program's cap, signed in: 100 MB a file plus the multipart
  // envelope; a raw upload's limit is exact (100 MB plus one byte).
  const up = run('cgi', 'docs_upload', {
    method: 'POST', uri: `/matters/${s.mid}/documents/upload`, body: '--b\r\n', type: 'multipart/form-data; boundary=b',
    cookie: s.firm, env: { CONTENT_LENGTH: String(100 * 1024 * 1024 + 65537) },
  });
  assert.equal(up.status, 413);
  assert.match(up.text, /too large/);
  const raw = run('cgi', 'docs_upload', {
    method: 'POST', uri: `/matters/${s.mid}/documents/put?name=x`, body: 'x', type: 'application/octet-stream',
    cookie: s.firm, env: { CONTENT_LENGTH: String(100 * 1024 * 1024 + 1) },
  });
  assert.equal(raw.status, 413);
  assert.match(raw.text, /too large/);
});

test('as CGI without a configuration: a clear 500, not a blank page', () => {
  const r = run('cgi', 'auth_login', { env: { VELLUM_CONF: '/nonexistent/vellum.conf' } });
  assert.equal(r.status, 500);
  assert.match(r.text, /not configured/);
  assert.notEqual(r.exit, null, 'no crash');
});
