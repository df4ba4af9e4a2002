// The client's "Forgot password?" end to end (nginx, the program, the
// outbox, the real mailer, the SMTP sink), the "password changed" mail for
// clients and firm users, and two requests racing for one link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, resetLinkOf } from './helpers.mjs';
import { FIRM, boss, firmId, clientMatter, portalAction, inviteLinkOf, accept, clientSignIn, clientWithAccount, waitFor } from './accounts-helpers.mjs';

const RESET = /Reset your Accounts Test LLP client portal password/;
const CHANGED = /Your Accounts Test LLP portal password was changed/;

test('client "Forgot password?" end to end: mail, link once, new password in, old out, "changed" mail', async () => {
  const stored = 'quinn.e2e@acct.test';
  await clientWithAccount('Quinn Endtoend', [stored], 'ACCT-R1', 'quinn first password');
  const c = new Client();
  const page = await c.get(`/portal/login?firm=${FIRM.slug}`);
  assert.match(page.text, /href="\/portal\/forgot\?firm=acct">Forgot password\?</);
  const form = await c.get(`/portal/forgot?firm=${FIRM.slug}`);
  const sent = await c.post('/portal/forgot', { csrf: csrfOf(form.text), firm: FIRM.slug, email: 'Quinn.E2E@acct.test' });
  assert.equal(sent.status, 200);
  assert.match(sent.text, /Check your email/);

  const [mail] = await waitFor(stored, RESET);
  assert.deepEqual(mail.to.map((t) => t.address), [stored]);
  const link = inviteLinkOf(mail);
  const { res } = await accept(link, 'quinn second password');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/portal');
  // The link works once.
  assert.equal((await new Client().get(link.pathname + link.search)).status, 400);
  assert.equal((await accept(link, 'quinn third password')).res.status, 400);
  assert.equal((await clientSignIn(stored, 'quinn second password')).res.status, 303, 'the new password signs in');
  assert.equal((await clientSignIn(stored, 'quinn first password')).res.status, 200, 'the old one does not');

  const [changed] = await waitFor(stored, CHANGED);
  assert.deepEqual(changed.to.map((t) => t.address), [stored]);
  assert.doesNotMatch(changed.text, /quinn second password/);
  assert.match(changed.text, /\/portal\/forgot\?firm=acct/);
});

test('a firm user whose password is reset gets a "password changed" mail at the stored address', async () => {
  const firm = firmId();
  const stored = 'reset-changed@acct.test';
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${stored}', 'Changed Test', 'member', pw_hash FROM users WHERE email = '${FIRM.admin}'`);
  const c = new Client();
  await c.submit('/forgot', '/forgot', { email: 'RESET-CHANGED@acct.test' });
  const [mail] = await waitFor(stored, /Reset your Accounts Test LLP portal password/);
  const link = resetLinkOf(mail);
  const form = await c.get(link.pathname + link.search);
  const done = await c.post('/reset', { csrf: csrfOf(form.text), token: link.searchParams.get('token'),
    password: 'a changed firm password', confirm: 'a changed firm password' });
  assert.equal(done.status, 303);
  const [changed] = await waitFor(stored, CHANGED);
  assert.deepEqual(changed.to.map((t) => t.address), [stored]);
  assert.match(changed.text, /\/forgot/);
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'password_changed' AND firm_id = ${firm} AND recipient = '${stored}'`), '1');
});

test('two requests redeeming one invitation at once: exactly one succeeds', async () => {
  const email = 'rita.race@acct.test';
  const { contact, mid } = clientMatter('Rita Race', [email], 'ACCT-R3');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  await portalAction(firm, mid, { op: 'send', body: 'Race me.' });
  const [mail] = await waitFor(email, /invites you/);
  const link = inviteLinkOf(mail);
  const token = link.searchParams.get('token');
  const clients = [new Client(), new Client(), new Client(), new Client()];
  const forms = await Promise.all(clients.map((c) => c.get(link.pathname + link.search)));
  const answers = await Promise.all(clients.map((c, i) => c.post('/portal/invite',
    { csrf: csrfOf(forms[i].text), token, password: `racer number ${i} pass`, confirm: `racer number ${i} pass` })));
  const won = answers.map((a, i) => [a.status, i]).filter(([s]) => s === 303);
  assert.equal(won.length, 1, `statuses ${answers.map((a) => a.status)}`);
  assert.ok(answers.every((a) => a.status === 303 || a.status === 400));
  const winner = won[0][1];
  assert.equal((await clientSignIn(email, `racer number ${winner} pass`)).res.status, 303);
  for (let i = 0; i < clients.length; i++)
    if (i !== winner) assert.equal((await clientSignIn(email, `racer number ${i} pass`)).res.status, 200);
});

test('two requests redeeming one reset link at once: exactly one succeeds', async () => {
  const stored = 'reset-race@acct.test';
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${stored}', 'Race Test', 'member', pw_hash FROM users WHERE email = '${FIRM.admin}'`);
  await new Client().submit('/forgot', '/forgot', { email: stored });
  const [mail] = await waitFor(stored, /Reset your Accounts Test LLP portal password/);
  const link = resetLinkOf(mail);
  const token = link.searchParams.get('token');
  const clients = [new Client(), new Client(), new Client(), new Client()];
  const forms = await Promise.all(clients.map((c) => c.get(link.pathname + link.search)));
  const answers = await Promise.all(clients.map((c, i) => c.post('/reset',
    { csrf: csrfOf(forms[i].text), token, password: `reset racer ${i} pass`, confirm: `reset racer ${i} pass` })));
  const won = answers.map((a, i) => [a.status, i]).filter(([s]) => s === 303);
  assert.equal(won.length, 1, `statuses ${answers.map((a) => a.status)}`);
  assert.ok(answers.every((a) => a.status === 303 || a.status === 400));
  const winner = won[0][1];
  for (let i = 0; i < clients.length; i++)
    assert.equal((await new Client().signIn(stored, `reset racer ${i} pass`)).status, i === winner ? 303 : 200);
});
