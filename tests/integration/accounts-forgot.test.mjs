// "Forgot password?" for clients and firm users: whatever is typed, a link
// goes only to the address on file (read from the database), or nowhere.
// Typed look-alikes (case, spaces, accents, Cyrillic letters, full-width
// letters) must never receive mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, sql, inbox, waitForMail, mailSettled, sleep, MAILWEB } from './helpers.mjs';
import { FIRM, firmId, clientWithAccount, recipients, lastNotification } from './accounts-helpers.mjs';

async function clientForgot(email) {
  const c = new Client();
  const page = await c.get(`/portal/forgot?firm=${FIRM.slug}`);
  assert.equal(page.status, 200);
  return c.post('/portal/forgot', { csrf: csrfOf(page.text), firm: FIRM.slug, email });
}

async function firmForgot(email) {
  const c = new Client();
  return c.submit('/forgot', '/forgot', { email });
}

// Every mail in the sink whose subject matches re, with its recipients.
async function mailsLike(re) {
  return (await inbox()).filter((m) => re.test(m.subject)).map((m) => m.to.map((t) => t.address));
}

test('client reset: a link only to the stored login email, never to the typed text', async (t) => {
  // The demo firm's Alice has this address too (in another firm): leave the
  // sink without this test's mails to it, for the tests that follow.
  const stored = 'alice.johnson@work.test';
  t.after(async () => {
    // Everything queued to it has arrived first (bounded wait).
    const ours = (box) => box.filter((m) => m.to.some((x) => x.address === stored) && /Accounts Test LLP/.test(m.subject));
    const queued = Number(sql(`SELECT COUNT(*) FROM notifications WHERE recipient = '${stored}' AND firm_id = ${firmId()}`));
    for (let i = 0; i < 100 && ours(await inbox()).length < queued; i++) await sleep(200);
    for (const m of ours(await inbox())) await fetch(`${MAILWEB}/email/${m.id}`, { method: 'DELETE' });
  });
  const { contact } = await clientWithAccount('Alice Lookalike', [stored], 'ACCT-F1', 'alice original pass');
  const attempts = [
    ['ALICE.JOHNSON@WORK.TEST', true],
    ['  alice.johnson@work.test  ', true],
    ['Alice.Johnson@Work.Test', true],
    ['alice.johnson@wörk.test', false],		// an accent in the domain
    ['alice.johnson@work.tеst', false],		// Cyrillic 'е' in the domain
    ['аlice.johnson@work.test', false],		// Cyrillic 'а' in the local part
    ['alice.johnson@ｗork.test', false],		// full-width 'ｗ'
    ['alice.johnson@work.test\u00a0', false],	// a no-break space is not trimmed
    ['alice.johnson@work.test.', false],
  ];
  let expected = 1;
  for (const [typed, found] of attempts) {
    // One open link at a time: clear the way so each attempt counts.
    sql(`UPDATE invitations SET used_at = NOW(6) WHERE contact_id = ${contact} AND used_at IS NULL`);
    const after = lastNotification();
    const res = await clientForgot(typed);
    assert.ok(res.status === 200 || res.status === 400, `typed ${JSON.stringify(typed)}: ${res.status}`);
    assert.deepEqual(recipients('client_reset', after), found ? [stored] : [], `typed ${JSON.stringify(typed)}`);
    if (found) expected++;
  }
  // The mail sink holds the invitation and one reset mail per found
  // attempt, every one of them to the stored address exactly.
  await waitForMail(stored, expected);
  await mailSettled(stored);
  const resets = await mailsLike(/Reset your Accounts Test LLP client portal password/);
  assert.equal(resets.length, expected - 1);
  for (const to of resets) assert.deepEqual(to, [stored]);
  for (const [typed] of attempts) {
    const hits = (await inbox()).filter((m) => m.to.some((t) => t.address === typed && typed !== stored));
    assert.equal(hits.length, 0, `no mail to ${JSON.stringify(typed)}`);
  }
});

test('client reset: unknown and malformed addresses get no link and no outbox row', async () => {
  firmId();
  const after = lastNotification();
  const unknown = await clientForgot('nobody-at-all@acct.test');
  assert.equal(unknown.status, 200);
  assert.match(unknown.text, /Check your email/);
  const bad = await clientForgot('not an email');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter a valid email address/);
  assert.equal(lastNotification(), after);
});

test('firm reset: a link only to the stored address, never to the typed text', async () => {
  const firm = firmId();
  const stored = 'forgot-case@acct.test';
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash)
       SELECT firm_id, '${stored}', 'Case Test', 'member', pw_hash FROM users WHERE email = '${FIRM.admin}'`);
  const uid = sql(`SELECT id FROM users WHERE email = '${stored}' AND firm_id = ${firm}`);
  const attempts = [
    ['FORGOT-CASE@ACCT.TEST', true],
    [' forgot-case@acct.test ', true],
    ['Forgot-Case@Acct.Test', true],
    ['forgot-cаse@acct.test', false],		// Cyrillic 'а'
    ['forgot-case@аcct.test', false],
    ['forgöt-case@acct.test', false],
  ];
  let expected = 0;
  for (const [typed, found] of attempts) {
    // At most three links an hour: move earlier ones out of the hour.
    sql(`UPDATE password_resets SET created_at = created_at - INTERVAL 2 HOUR WHERE user_id = ${uid}`);
    const after = lastNotification();
    const res = await firmForgot(typed);
    assert.ok(res.status === 200 || res.status === 400, `typed ${JSON.stringify(typed)}: ${res.status}`);
    assert.deepEqual(recipients('password_reset', after), found ? [stored] : [], `typed ${JSON.stringify(typed)}`);
    if (found) expected++;
  }
  await waitForMail(stored, expected);
  for (const [typed] of attempts) {
    const hits = (await inbox()).filter((m) => m.to.some((t) => t.address === typed && typed !== stored));
    assert.equal(hits.length, 0, `no mail to ${JSON.stringify(typed)}`);
  }
});
