// The bills shared into a client's Messages page are kept with the feed's
// latest page by each process (lib/feedcopy.c, sql/032_bills_portal_stamp.sql).
// Every change the page shows of them is on the very next request of every
// process, made in SQL as any writer could: a bill shared, renumbered, made
// a funds request, its share revoked or removed, the bill itself removed;
// and the Bills permission turned off hides them at once.  Another client's
// bills never show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pids, sql } from './helpers.mjs';
import { ownFirm, portalClient, R } from './workspace-helpers.mjs';

const everyProcess = () => 4 * pids('client_home').length;

async function each(client, url, check) {
  for (let i = 0, n = everyProcess(); i < n; i++) {
    const res = await client.get(url);
    assert.equal(res.status, 200);
    check(res.text);
  }
}

function newBill(firm, contact, mid, number) {
  sql(`INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, state, currency, total, balance,
    issued_on, created_at, updated_at) VALUES (${firm.id}, 'bill', '${number}', ${contact}, ${mid}, 'final',
    'USD', 1000, 1000, CURDATE(), NOW(6), NOW(6))`);
  return sql(`SELECT id FROM bills WHERE firm_id = ${firm.id} AND number = '${number}'`);
}

function share(firm, mid, bill) {
  const portal = sql(`SELECT id FROM portals WHERE matter_id = ${mid}`);
  sql(`INSERT INTO shares (firm_id, portal_id, record_kind, record_id, created_at)
    VALUES (${firm.id}, ${portal}, 'bill', ${bill}, NOW(6))`);
}

test('every change of a bill shared into the client\'s feed shows on the next request of every process', async () => {
  const firm = await ownFirm('feedbills');
  const alice = await portalClient(firm, 'billalice', `FB-${R}`);
  const bob = await portalClient(firm, 'billbob', `FB2-${R}`);
  const page = `/portal/matters/${alice.mid}`;
  await each(alice.client, page, (t) => assert.doesNotMatch(t, /shared with you/));
  const bill = newBill(firm, alice.contact, alice.mid, `KB-${R}`);
  share(firm, alice.mid, bill);
  await each(alice.client, page, (t) => assert.match(t, new RegExp(`>Bill KB-${R}</a>`)));
  sql(`UPDATE bills SET number = 'KB-${R}-2' WHERE id = ${bill}`);
  await each(alice.client, page, (t) => assert.match(t, new RegExp(`>Bill KB-${R}-2</a>`)));
  sql(`UPDATE bills SET number = 'kb-${R}-2' WHERE id = ${bill}`);
  await each(alice.client, page, (t) => assert.match(t, new RegExp(`>Bill kb-${R}-2</a>`), 'a change of case only'));
  sql(`UPDATE bills SET kind = 'trust' WHERE id = ${bill}`);
  await each(alice.client, page, (t) => assert.match(t, new RegExp(`>Funds request kb-${R}-2</a>`)));
  // The Bills permission off: none shown at once; on again: back.
  sql(`UPDATE portals SET perm_bills = 0 WHERE matter_id = ${alice.mid}`);
  await each(alice.client, page, (t) => assert.doesNotMatch(t, /shared with you/));
  sql(`UPDATE portals SET perm_bills = 1 WHERE matter_id = ${alice.mid}`);
  await each(alice.client, page, (t) => assert.match(t, /Funds request/));
  // Bob's feed never shows Alice's bill.
  await each(bob.client, `/portal/matters/${bob.mid}`, (t) => assert.doesNotMatch(t, /shared with you/));
  sql(`UPDATE shares SET revoked_at = NOW(6) WHERE record_kind = 'bill' AND record_id = ${bill}`);
  await each(alice.client, page, (t) => assert.doesNotMatch(t, /shared with you/));
  share(firm, alice.mid, bill);
  await each(alice.client, page, (t) => assert.match(t, /Funds request/));
  sql(`DELETE FROM shares WHERE record_kind = 'bill' AND record_id = ${bill} AND revoked_at IS NULL`);
  await each(alice.client, page, (t) => assert.doesNotMatch(t, /shared with you/));
  share(firm, alice.mid, bill);
  await each(alice.client, page, (t) => assert.match(t, /Funds request/));
  // The bill removed, its shares left behind: not shown.
  sql(`DELETE FROM bills WHERE id = ${bill}`);
  await each(alice.client, page, (t) => assert.doesNotMatch(t, /shared with you/));
});
