// Attack: mail queued for an address that is then taken off the account.
// A firm invites a client at a mistyped address (or the wrong person), sees
// the mistake and corrects the login email, or removes the participant.
// The links are voided at once, but the mails already in the outbox used to
// go out anyway: the old address got the client's name, the matter and the
// firm (and a dead link) after it was no longer on file.
import test from 'node:test';
import assert from 'node:assert/strict';
import { sql, stack, until, mailsTo, clearInbox } from './helpers.mjs';
import { boss, clientMatter, portalAction, clientWithAccount, waitFor, inviteLinkOf, accept } from './accounts-helpers.mjs';

// Waits until the mailer has dealt with every row to address (none queued,
// retrying or being sent), then gives the sink a moment.
async function settled(address) {
  await until(() => sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${address}'
    AND status IN ('queued','retry','sending')`) === '0', `the outbox rows to ${address} are done`, 30);
}

test('an invitation queued for a corrected login email is not sent to the old address', async () => {
  await clearInbox();
  const wrong = 'ivy.typo@acct.test', right = 'ivy.right@acct.test';
  const { contact, mid } = clientMatter('Ivy Typo', [wrong, right], 'ATK-M1');
  const firm = await boss();
  assert.equal((await portalAction(firm, mid, { op: 'open' })).status, 303);
  stack('mailer-stop');
  try {
    assert.equal((await portalAction(firm, mid, { op: 'send', body: 'Hello Ivy.' })).status, 303);
    assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'invitation' AND recipient = '${wrong}'`), '1');
    // The firm sees the typo and corrects the login email.
    assert.equal((await portalAction(firm, mid, { op: 'set_email', contact, email: right })).status, 303);
  } finally {
    stack('start');
  }
  // The next message invites the address on file, which can accept.
  assert.equal((await portalAction(firm, mid, { op: 'send', body: 'Hello again.' })).status, 303);
  const [mail] = await waitFor(right, /invites you/);
  await settled(wrong);
  assert.deepEqual((await mailsTo(wrong)).map((m) => m.subject), [], 'nothing reaches the old address');
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${wrong}' AND (status = 'sent' OR payload IS NOT NULL)`), '0',
    'the old address\'s row is parked, its link gone from the outbox');
  assert.equal((await accept(inviteLinkOf(mail), 'ivy right password')).res.status, 303);
});

test('news queued for a client\'s old login email is not sent there', async () => {
  await clearInbox();
  const old = 'jon.old@acct.test', fresh = 'jon.new@acct.test';
  const { contact, mid } = await clientWithAccount('Jon Moves', [old, fresh], 'ATK-M2', 'jon old password');
  await settled(old);
  await clearInbox();
  const firm = await boss();
  stack('mailer-stop');
  try {
    assert.equal((await portalAction(firm, mid, { op: 'send', body: 'News for Jon.' })).status, 303);
    assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'client_items' AND recipient = '${old}' AND status = 'queued'`), '1');
    assert.equal((await portalAction(firm, mid, { op: 'set_email', contact, email: fresh })).status, 303);
  } finally {
    stack('start');
  }
  await settled(old);
  assert.deepEqual((await mailsTo(old)).map((m) => m.subject), [], 'nothing reaches the old address');
});

test('an invitation queued for a participant who is then removed is not sent', async () => {
  await clearInbox();
  const email = 'kim.removed@acct.test';
  const { contact, mid } = clientMatter('Kim Removed', [email], 'ATK-M3');
  const firm = await boss();
  assert.equal((await portalAction(firm, mid, { op: 'open' })).status, 303);
  stack('mailer-stop');
  try {
    assert.equal((await portalAction(firm, mid, { op: 'send', body: 'Hello Kim.' })).status, 303);
    assert.equal((await portalAction(firm, mid, { op: 'remove_participant', contact })).status, 303);
  } finally {
    stack('start');
  }
  await settled(email);
  assert.deepEqual((await mailsTo(email)).map((m) => m.subject), [], 'no invitation with a dead link');
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${email}' AND payload IS NOT NULL`), '0');
});
