// Invitations follow the login email: a correction or a removal voids open
// links, a link works only while its address is the contact's login email,
// the corrected address gets a fresh invitation, and the hour starts when
// the mailer sends the mail, not when it is queued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, stack, waitForMail, mailsTo } from './helpers.mjs';
import { boss, clientMatter, portalAction, inviteLinkOf, accept, clientSignIn } from './accounts-helpers.mjs';

async function invited(firm, mid, email, count = 1, body = 'Papers are ready.') {
  assert.equal((await portalAction(firm, mid, { op: 'send', body })).status, 303);
  const mails = await waitForMail(email, count);
  return inviteLinkOf(mails[count - 1]);
}

test('correcting the login email voids the open invitation; the new address gets a fresh one', async () => {
  const wrong = 'dora.typo@acct.test', right = 'dora@acct.test';
  const { contact, mid } = clientMatter('Dora Corrected', [wrong, right], 'ACCT-I1');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  const old = await invited(firm, mid, wrong);

  // The firm corrects the address on the contact card.
  const card = await firm.get(`/contacts/${contact}`);
  const changed = await firm.post(`/contacts/${contact}`, { csrf: csrfOf(card.text), email: right });
  assert.equal(changed.status, 303);
  const stale = await new Client().get(old.pathname + old.search);
  assert.equal(stale.status, 400, 'the link sent to the old address no longer works');
  assert.equal((await accept(old, 'dora would take over')).res.status, 400);

  // The next message invites the corrected address (no stale "pending").
  const fresh = await invited(await boss(), mid, right, 1, 'Second message.');
  const { res } = await accept(fresh, 'dora correct password');
  assert.equal(res.status, 303);
  assert.equal((await clientSignIn(right, 'dora correct password')).res.status, 303);
  assert.equal((await clientSignIn(wrong, 'dora correct password')).res.status, 200);
});

test('a correction from the participants panel voids the open invitation too', async () => {
  const wrong = 'ed.typo@acct.test', right = 'ed@acct.test';
  const { contact, mid } = clientMatter('Ed Panel', [wrong, right], 'ACCT-I2');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  const old = await invited(firm, mid, wrong);
  assert.equal((await portalAction(firm, mid, { op: 'set_email', contact, email: right })).status, 303);
  assert.equal((await new Client().get(old.pathname + old.search)).status, 400);
  const fresh = await invited(await boss(), mid, right, 1, 'Second message.');
  assert.equal((await accept(fresh, 'ed correct password')).res.status, 303);
});

test('removing the participant voids the open invitation', async () => {
  const email = 'fay.removed@acct.test';
  const { contact, mid } = clientMatter('Fay Removed', [email], 'ACCT-I3');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  const link = await invited(firm, mid, email);
  assert.equal((await portalAction(firm, mid, { op: 'remove_participant', contact })).status, 303);
  assert.equal((await new Client().get(link.pathname + link.search)).status, 400);
  assert.equal((await accept(link, 'fay should not get in')).res.status, 400);
  assert.equal(sql(`SELECT COUNT(*) FROM client_accounts WHERE contact_id = ${contact} AND pw_hash IS NOT NULL`), '0');
});

test('a link whose address is no longer the login email is refused when used', async () => {
  const first = 'gus.first@acct.test', second = 'gus.second@acct.test';
  const { contact, mid } = clientMatter('Gus Moved', [first, second], 'ACCT-I4');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  const link = await invited(firm, mid, first);
  // The login email changes behind the program's back (e.g. another tool):
  // the check at use still holds.
  sql(`UPDATE contacts SET portal_email = '${second}' WHERE id = ${contact}`);
  assert.equal((await new Client().get(link.pathname + link.search)).status, 400);
  assert.equal((await accept(link, 'gus old address pass')).res.status, 400);
});

test('the hour starts when the mailer sends the invitation, not when it is queued', async () => {
  const email = 'hana.queued@acct.test';
  const { contact, mid } = clientMatter('Hana Queued', [email], 'ACCT-I5');
  const firm = await boss();
  await portalAction(firm, mid, { op: 'open' });
  stack('mailer-stop');
  try {
    assert.equal((await portalAction(firm, mid, { op: 'send', body: 'Queued while the mailer is down.' })).status, 303);
    // As if the mail had waited two hours in the queue.
    sql(`UPDATE invitations SET created_at = created_at - INTERVAL 2 HOUR,
         expires_at = expires_at - INTERVAL 2 HOUR WHERE contact_id = ${contact}`);
  } finally {
    stack('start');
  }
  const [mail] = await waitForMail(email);
  const left = Number(sql(`SELECT TIMESTAMPDIFF(SECOND, NOW(6), expires_at) FROM invitations WHERE contact_id = ${contact}`));
  assert.ok(left > 3500 && left <= 3600, `an hour from the send (${left} s left)`);
  const { res } = await accept(inviteLinkOf(mail), 'hana queued password');
  assert.equal(res.status, 303);
  assert.equal((await mailsTo(email)).length >= 1, true);
});
