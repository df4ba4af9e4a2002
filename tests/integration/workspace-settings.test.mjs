// Firm settings (F-A1): the form keeps what was typed and says which field
// is wrong; a save is audited and confirmed; the slug changes the login
// link only when the admin confirms that the old one breaks; the time zone
// is the one every time is shown in; the notification window and the mail
// preview are the firm's own; the logo is checked by its bytes, served with
// safe headers and shown on the firm's pages, the client's and in mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, postForm, sql, until, mailsTo, BASE } from './helpers.mjs';
import { R, ownFirm, portalClient, png, jpeg, vellumctl } from './workspace-helpers.mjs';

const firm = await ownFirm('sets');

const save = async (c, fields) => c.submit('/settings', '/settings', {
  name: `sets ${R} LLP`, slug: firm.slug, zone: 'UTC', currency: 'USD', window: '', ...fields });

test('the settings page shows the firm, the login link to copy, and the logo form', async () => {
  const page = await firm.admin.get('/settings');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`value="${BASE.replace(/[.]/g, '\\.')}/portal/login\\?firm=${firm.slug}"`));
  assert.match(page.text, /readonly/, 'the link is selectable text without the script');
  assert.match(page.text, /data-copy="login-link"/);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  // The header leads admins here and to Users.
  assert.match(page.text, /href="\/settings"/);
  assert.match(page.text, /href="\/users"/);
});

test('wrong values: nothing saved, each field says what is wrong, the typed text stays', async () => {
  const before = sql(`SELECT CONCAT_WS('|', name, slug, time_zone, currency, COALESCE(notify_window, 0), mail_preview) FROM firms WHERE id = ${firm.id}`);
  const res = await save(firm.admin, { name: '', slug: 'Bad Slug!', zone: 'Mars/Olympus_Mons', currency: 'XXX', window: '99999' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Nothing was saved/);
  assert.match(res.text, /id="name-err">Enter the firm's name/);
  assert.match(res.text, /id="slug-err">Use 2 to 64 lower-case letters/);
  assert.match(res.text, /id="zone-err">This is not a time zone name we know/);
  assert.match(res.text, /id="currency-err">Enter a three-letter currency code/);
  assert.match(res.text, /id="window-err">Enter a whole number of seconds from 1 to 3600/);
  assert.match(res.text, /value="Mars\/Olympus_Mons"/, 'the zone as typed');
  assert.match(res.text, /value="Bad Slug!"/, 'the slug as typed');
  assert.match(res.text, /value="99999"/, 'the window as typed');
  assert.equal((res.text.match(/aria-invalid="true"/g) || []).length, 5);
  // Still the saved link, not the typed slug's.
  assert.match(res.text, new RegExp(`/portal/login\\?firm=${firm.slug}"`));
  for (const zone of ['../../etc/passwd', '/etc/localtime', 'EST5EDT,M3.2.0,M11.1.0', 'x'.repeat(65)]) {
    const r = await save(firm.admin, { zone });
    assert.equal(r.status, 400, zone);
  }
  for (const window of ['0', '-5', '3601', '1e3', '5 seconds', '99999999999999999999999']) {
    const r = await save(firm.admin, { window });
    assert.equal(r.status, 400, window);
    assert.match(r.text, /id="window-err"/, window);
  }
  assert.equal(sql(`SELECT CONCAT_WS('|', name, slug, time_zone, currency, COALESCE(notify_window, 0), mail_preview) FROM firms WHERE id = ${firm.id}`), before);
});

test('a good save is confirmed, audited, and every time is shown in the new zone', async () => {
  const res = await save(firm.admin, { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR', window: '7', preview: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/settings?notice=saved');
  const page = await firm.admin.get(res.location);
  assert.match(page.text, /role="status">Settings saved\./);
  assert.match(page.text, /value="Asia\/Tokyo"/);
  assert.match(page.text, /value="EUR"/);
  assert.match(page.text, /value="7"/);
  assert.match(page.text, /name="preview" value="1" checked/);
  assert.match(page.text, new RegExp(`Sets ${R} &amp; Partners`), 'the name, escaped');
  assert.equal(sql(`SELECT CONCAT_WS('|', time_zone, currency, notify_window, mail_preview) FROM firms WHERE id = ${firm.id}`),
    'Asia/Tokyo|EUR|7|1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm.id} AND action = 'settings_changed'`), '1');
  // The users list shows the last sign-in in the firm's zone.
  const users = await firm.admin.get('/users');
  assert.match(users.text, /\d{1,2}:\d\d [AP]M JST/);
  // Back to the server's window: blank.
  assert.equal((await save(firm.admin, { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR', window: '', preview: '1' })).status, 303);
  assert.equal(sql(`SELECT COALESCE(notify_window, 'NULL') FROM firms WHERE id = ${firm.id}`), 'NULL');
});

test('the slug: only with the box ticked, never another firm\'s; the old link then breaks, as the page said', async () => {
  const other = `taken-${R}`;
  vellumctl(['create-firm', `Taken ${R}`, other, `boss@${other}.test`, 'Tara Taken'], { VELLUM_ADMIN_PASSWORD: 'taken-admin-pass' });
  const base = { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR' };
  let res = await save(firm.admin, { ...base, slug: other, slug_ok: '1' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Another firm uses this short name/);
  res = await save(firm.admin, { ...base, slug: `${firm.slug}-new` });
  assert.equal(res.status, 400);
  assert.match(res.text, /Tick the box below to confirm that the old login link may stop working/);
  assert.equal(sql(`SELECT slug FROM firms WHERE id = ${firm.id}`), firm.slug);
  res = await save(firm.admin, { ...base, slug: `${firm.slug}-new`, slug_ok: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/settings?notice=slug');
  const page = await firm.admin.get(res.location);
  assert.match(page.text, /The client login link has changed: the old link no longer works/);
  assert.match(page.text, new RegExp(`/portal/login\\?firm=${firm.slug}-new"`));
  const anon = new Client();
  assert.equal((await anon.get(`/portal/login?firm=${firm.slug}-new`)).status, 200);
  assert.equal((await anon.get(`/portal/login?firm=${firm.slug}`)).status, 404, 'the old link is gone, as said');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm.id} AND action = 'slug_changed'`), '1');
  // And back, for the tests below.
  assert.equal((await save(firm.admin, { ...base, slug: firm.slug, slug_ok: '1' })).status, 303);
});

test('the logo: PNG or JPEG by their bytes, 1 MB, 4000 px; SVG and disguised files refused; served safely', async () => {
  const up = (name, bytes) => postForm(firm.admin, '/settings', '/settings/logo', { op: 'upload' }, [[name, bytes]]);
  const refusals = [
    ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'type', /SVG is not accepted/],
    ['logo.png', Buffer.from('<html><script>alert(1)</script></html>'), 'type', /must be a PNG or JPEG/],
    ['logo.png', png(5000, 10), 'size', /at most 4000 pixels/],
    ['logo.png', png(0, 10), 'size', /at most 4000 pixels/],
    ['logo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'broken', /not a readable PNG or JPEG/],
    ['big.png', Buffer.concat([png(), Buffer.alloc(1024 * 1024)]), 'toobig', /at most 1 MB/],
    ['empty.png', Buffer.alloc(0), 'empty', /Choose a file/],
  ];
  for (const [name, bytes, why, text] of refusals) {
    const res = await up(name, bytes);
    assert.equal(res.status, 303, name);
    assert.equal(res.location, `/settings?logo_error=${why}`, name);
    const page = await firm.admin.get(res.location);
    assert.match(page.text, text, name);
    assert.equal(sql(`SELECT COUNT(*) FROM firm_logos WHERE firm_id = ${firm.id}`), '0', `${name}: nothing stored`);
  }
  // Over 2 MB the body is refused before it is read.
  const huge = await up('huge.png', Buffer.concat([png(), Buffer.alloc(3 * 1024 * 1024)]));
  assert.equal(huge.status, 413);

  // Exactly 1 MB passes.
  const exact = Buffer.concat([png(), Buffer.alloc(1024 * 1024 - png().length)]);
  let res = await up('exact.png', exact);
  assert.equal(res.location, '/settings?notice=logo');
  res = await up('logo.jpg', jpeg(120, 40));
  assert.equal(res.location, '/settings?notice=logo');
  const page = await firm.admin.get(res.location);
  assert.match(page.text, /Logo uploaded/);
  const url = sql(`SELECT logo_url FROM firms WHERE id = ${firm.id}`);
  assert.match(url, new RegExp(`^/logos/${firm.id}\\?v=[0-9a-f]{16}$`));
  assert.ok(page.text.includes(`src="${url}"`), 'the header and the preview show it');
  const got = await fetch(BASE + url);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(got.headers.get('content-security-policy').split(',').some((p) => /default-src 'none'; sandbox/.test(p)));
  assert.doesNotMatch(got.headers.get('content-security-policy'), /script-src 'unsafe/);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), jpeg(120, 40));
  // Another firm's logo URL with this firm's id is this firm's; a firm without one: 404.
  const demo = sql("SELECT id FROM firms WHERE slug = 'demo'");
  assert.equal((await fetch(`${BASE}/logos/${demo}`)).status, 404);
  // Shown on the clients' sign-in page and the firm's own pages.
  const anon = new Client();
  assert.ok((await anon.get(`/portal/login?firm=${firm.slug}`)).text.includes(`src="${url}"`));
  assert.ok((await firm.admin.get('/matters')).text.includes(`src="${url}"`));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE firm_id = ${firm.id} AND action = 'logo_changed'`), '2');
});

test('the logo is in every email of the firm; the preview setting puts a message\'s first 80 characters in item mails', async () => {
  const url = sql(`SELECT logo_url FROM firms WHERE id = ${firm.id}`);
  // The item mails to address (the ones of the portal's news), n at least.
  const items = (address, n, re = /New (for you|in the client portal)/) => until(async () => {
    const got = (await mailsTo(address)).filter((m) => re.test(m.text));
    return got.length >= n && got;
  }, `${n} item mail(s) to ${address}`, 40);
  // Preview off first: the message's words stay out of the mail.
  sql(`UPDATE firms SET mail_preview = 0 WHERE id = ${firm.id}`);
  const c = await portalClient(firm, 'petra', `SET-${R}`);
  const invite = (await mailsTo(c.email)).find((m) => /invites you/.test(m.subject));
  assert.ok(invite.html.includes(`${BASE}${url}`), 'the invitation bears the logo');
  assert.match(invite.text, new RegExp(`Sets ${R} & Partners`), 'the text mail names the firm');
  const secret = 'Privileged: the settlement offer is 40000 and the other side must not know';
  assert.equal((await c.act({ op: 'send', body: secret })).status, 303);
  let [first] = await items(c.email, 1);
  assert.ok(!first.text.includes('settlement offer'), 'no preview while the setting is off');
  assert.ok(first.html.includes(`${BASE}${url}`), 'the item mail bears the logo');
  // On: the first 80 characters, cut on a character boundary.
  assert.equal((await save(firm.admin, { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR', preview: '1' })).status, 303);
  const long = 'Ünïcödé first words — ' + 'é'.repeat(100) + ' SECRET-TAIL';
  assert.equal((await c.act({ op: 'send', body: long })).status, 303);
  const [withPreview] = await items(c.email, 1, /first words/);
  const expect = [...long].slice(0, 79).join('') + '…';
  assert.ok(withPreview.text.includes(`"${expect}"`), `the preview in ${withPreview.text}`);
  assert.ok(!withPreview.text.includes('SECRET-TAIL'));
  // The client writes: the firm's mail carries the preview too.
  const page = await c.client.get(`/portal/matters/${c.mid}`);
  const reply = await c.client.post(`/portal/matters/${c.mid}/reply`, { csrf: csrfOf(page.text), body: 'Short reply from the client' });
  assert.equal(reply.status, 303);
  const [firmMail] = await items(firm.email, 1, /Short reply/);
  assert.match(firmMail.text, /"Short reply from the client"/);
  assert.ok(firmMail.html.includes(`${BASE}${url}`));
});

test('the window is the firm\'s: a coalesced mail waits as long as the firm says', async () => {
  assert.equal((await save(firm.admin, { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR', window: '600' })).status, 303);
  const c = await portalClient(firm, 'wanda', `WIN-${R}`);
  assert.equal((await c.act({ op: 'send', body: 'one' })).status, 303);
  const wait = sql(`SELECT TIMESTAMPDIFF(SECOND, created_at, next_attempt_at) FROM notifications
    WHERE recipient = '${c.email}' AND kind = 'client_items' ORDER BY id DESC LIMIT 1`);
  assert.ok(Number(wait) >= 598 && Number(wait) <= 600, `due after ${wait} s`);
  // Let it go now, so the outbox drains for later files.
  sql(`UPDATE notifications SET next_attempt_at = NOW(6) WHERE recipient = '${c.email}' AND status = 'queued'`);
  assert.equal((await save(firm.admin, { name: `Sets ${R} & Partners`, zone: 'Asia/Tokyo', currency: 'EUR', window: '' })).status, 303);
});

test('removing the logo: confirmed, audited, gone from pages', async () => {
  const res = await postForm(firm.admin, '/settings', '/settings/logo', { op: 'remove' });
  assert.equal(res.location, '/settings?notice=logo_removed');
  const page = await firm.admin.get(res.location);
  assert.match(page.text, /Logo removed\./);
  assert.match(page.text, /No logo yet\./);
  assert.equal(sql(`SELECT COALESCE(logo_url, 'none') FROM firms WHERE id = ${firm.id}`), 'none');
  assert.equal((await fetch(`${BASE}/logos/${firm.id}`)).status, 404);
});
