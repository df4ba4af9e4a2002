// Links in emails lead, after sign-in, to the item they name; the way back
// (`next`) is only ever a path of this site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql } from './helpers.mjs';
import { FIRM, boss, clientWithAccount, portalAction, clientSignIn, waitFor } from './accounts-helpers.mjs';

const WINDOW = Number(process.env.VL_NOTIFY_WINDOW || 3);

test('a signed-out client following the mail\'s link ends on the matter after sign-in', async () => {
  const email = 'olga.link@acct.test', password = 'olga portal password';
  const { mid } = await clientWithAccount('Olga Link', [email], 'ACCT-N1', password);
  // A second message: the client is told by a coalesced item mail.
  assert.equal((await portalAction(await boss(), mid, { op: 'send', body: 'News for you.' })).status, 303);
  const [mail] = await waitFor(email, /New in your Accounts Test LLP client portal/, 1, WINDOW + 20);
  const m = mail.text.match(/(http:\/\/\S+\/portal\/matters\/\d+)/);
  assert.ok(m, 'a link to the matter in the mail');
  const link = new URL(m[1]);
  assert.equal(link.pathname, `/portal/matters/${mid}`);

  const c = new Client();
  const first = await c.get(link.pathname);
  assert.equal(first.status, 303);
  const login = new URL(first.location, 'http://x');
  assert.equal(login.pathname, '/portal/login');
  assert.equal(login.searchParams.get('firm'), FIRM.slug, 'the firm is known from the matter');
  assert.equal(login.searchParams.get('next'), `/portal/matters/${mid}`);
  const page = await c.get(first.location);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`name="next" value="/portal/matters/${mid}"`));
  const res = await c.post(`/portal/login?firm=${FIRM.slug}`, {
    csrf: csrfOf(page.text), email, password, next: `/portal/matters/${mid}` });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/portal/matters/${mid}`);
  const matter = await c.get(res.location);
  assert.equal(matter.status, 200);
  assert.match(matter.text, /News for you\./);
});

test('a client\'s next never leaves the portal', async () => {
  const email = 'pia.redirect@acct.test', password = 'pia portal password';
  await clientWithAccount('Pia Redirect', [email], 'ACCT-N2', password);
  for (const next of ['//evil.test', 'https://evil.test', '/\\evil.test', '/portal/../matters', '/matters/1/portal',
    'javascript:alert(1)', '/portal/\r\nSet-Cookie: a=b', '/portal/%2e%2e/matters', '']) {
    const { res } = await clientSignIn(email, password, next);
    assert.equal(res.status, 303, `next=${JSON.stringify(next)}`);
    assert.equal(res.location, '/portal', `next=${JSON.stringify(next)} is ignored`);
  }
  // The form does not echo a foreign next either.
  const page = await new Client().get(`/portal/login?firm=${FIRM.slug}&next=${encodeURIComponent('//evil.test')}`);
  assert.doesNotMatch(page.text, /evil\.test/);
});

test('a signed-out firm user is sent to sign in and then to the page asked for', async () => {
  await boss();
  const mid = sql(`SELECT m.id FROM matters m JOIN firms f ON f.id = m.firm_id WHERE f.slug = '${FIRM.slug}' LIMIT 1`);
  const c = new Client();
  const first = await c.get(`/matters/${mid}/portal?view=shared`);
  assert.equal(first.status, 303);
  const login = new URL(first.location, 'http://x');
  assert.equal(login.pathname, '/login');
  assert.equal(login.searchParams.get('next'), `/matters/${mid}/portal?view=shared`);
  const page = await c.get(first.location);
  assert.match(page.text, /name="next" value="\/matters\/\d+\/portal\?view=shared"/);
  const res = await c.post('/login', { csrf: csrfOf(page.text), email: FIRM.admin, password: FIRM.password, next: login.searchParams.get('next') });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/matters/${mid}/portal?view=shared`);
  assert.equal((await c.get(res.location)).status, 200);

  for (const next of ['//evil.test', 'https://evil.test', '/\\evil.test', 'evil.test', '/portal/matters/1']) {
    const d = new Client();
    const p = await d.get('/login');
    const r = await d.post('/login', { csrf: csrfOf(p.text), email: FIRM.admin, password: FIRM.password, next });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/matters', `next=${JSON.stringify(next)} is ignored`);
  }
});
