// Attack: a stranger asks for a client's password reset; the client ignores
// the mail and signs in as usual.  On the firm's side a sign-in voids open
// reset links; a client's sign-in used to leave the link working for its
// hour, in a mailbox the client may share or forward.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, clearInbox } from './helpers.mjs';
import { FIRM, clientWithAccount, clientSignIn, waitFor, inviteLinkOf, accept } from './accounts-helpers.mjs';

test('a client\'s sign-in voids the reset links open for the account', async () => {
  await clearInbox();
  const email = 'lea.signin@acct.test';
  const { contact } = await clientWithAccount('Lea Signin', [email], 'ATK-S1', 'lea original password');
  const stranger = new Client();
  const page = await stranger.get(`/portal/forgot?firm=${FIRM.slug}`);
  assert.equal((await stranger.post('/portal/forgot', { csrf: csrfOf(page.text), firm: FIRM.slug, email })).status, 200);
  const [mail] = await waitFor(email, /^Reset your .* client portal password/);
  const link = inviteLinkOf(mail);
  // The client signs in with the password they know.
  const { res } = await clientSignIn(email, 'lea original password');
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM invitations WHERE contact_id = ${contact} AND used_at IS NULL`), '0');
  const taken = await accept(link, 'stranger chosen password');
  assert.equal(taken.res.status, 400, 'the link no longer sets a password');
  assert.equal((await clientSignIn(email, 'lea original password')).res.status, 303, 'the password is unchanged');
});
