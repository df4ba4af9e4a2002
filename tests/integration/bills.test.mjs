// Bills and funds requests through nginx with the mailer and the SMTP sink
// (SPEC F-A7, F-C1 to F-C3, F-C5): a bill made from a matter's unbilled
// activities (which it locks), sent through the portal only, by email
// only, and both; a draft confirmed and made final; the client's Bills tab
// showing the live state; bulk sending with a multi-matter bill and a
// client-level funds request (email only, reported); an envelope of 12
// items split 10 + 2; pay links revoked on unshare and void; the PDF read
// back with pdftotext; forms that keep what was typed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mailSettled, mailsTo } from './helpers.mjs';
import {
  R, expense, newBill, submitIds, pdfText, getBytes, payments, sql, demoAdmin, clientOnMatter, csrfOf,
} from './bills-helpers.mjs';

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const stateOf = (id) => sql(`SELECT state FROM bills WHERE id = ${id}`);
const shared = (id) => sql(`SELECT COUNT(*) FROM shares WHERE record_kind = 'bill' AND record_id = ${id} AND revoked_at IS NULL`);
const billMails = (to) => sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'bill' AND recipient = '${to}'`);

async function send(firm, id, fields) {
  const page = await firm.get(`/bills/${id}/send`);
  assert.equal(page.status, 200);
  return firm.post(`/bills/${id}/send`, { csrf: csrfOf(page.text), op: 'send', ...fields });
}

let n = 0;
async function person(tag) {
  n++;
  const email = `${tag}.${R}@bills.test`;
  const who = await clientOnMatter({ name: `${tag} ${R}`, email, number: `BL-${R}-${n}`, password: `${tag} portal pass ${R}` });
  return { ...who, email };
}

after(() => payments(false));

test('a draft sent to the portal asks first, then is final and shared; the client sees its live state', async () => {
  const firm = await demoAdmin();
  const { mid, client, email } = await person('ada');
  const a1 = expense(mid, 12345, `Filing fee ${R}`), a2 = expense(mid, 2500, `Courier ${R}`);
  const form = await firm.get(`/matters/${mid}/bills/new`);
  assert.match(form.text, new RegExp(`Filing fee ${R}`));
  const id = await newBill(firm, mid, [a1, a2], { due: '2026-12-31', memo: `Thank you ${R}` });
  assert.equal(stateOf(id), 'draft');
  assert.equal(sql(`SELECT CONCAT(total, ' ', balance) FROM bills WHERE id = ${id}`), '14845 14845');
  // The activities are locked: their edit form says so (409).
  assert.equal((await firm.get(`/matters/${mid}/activities/edit?id=${a1}`)).status, 409);
  // Portal only, a draft: the question first, nothing changed.
  const ask = await send(firm, id, { portal: '1' });
  assert.equal(ask.status, 200);
  assert.match(ask.text, /This is an Unfinal invoice\. Invoice will be marked as Final once shared\. Continue\?/);
  assert.equal(stateOf(id), 'draft');
  assert.equal(shared(id), '0');
  assert.equal((await client.get(`/portal/bills/${id}`)).status, 404);
  const done = await firm.post(`/bills/${id}/send`, { csrf: csrfOf(ask.text), op: 'send', portal: '1', confirm: '1', message: '' });
  assert.equal(done.location, `/bills/${id}?notice=sent_portal`);
  assert.equal(stateOf(id), 'final');
  assert.equal(shared(id), '1');
  assert.equal(billMails(email), '0', 'portal only: no bill email');
  const page = await firm.get(done.location);
  assert.match(page.text, /Sent to the client portal\./);
  assert.match(text(page.text), /Created .*Marked as final .*Shared with the client portal .*Sent \(portal\)/);
  // The client's Bills tab and the bill, in its live state.
  const tab = await client.get(`/portal/matters/${mid}/bills`);
  assert.equal(tab.status, 200);
  assert.match(text(tab.text), /Unpaid/);
  assert.match(tab.text, /\$148\.45/);
  assert.doesNotMatch(tab.text, /Pay bill/, 'payments are off: no pay button');
  const view = await client.get(`/portal/bills/${id}`);
  assert.equal(view.status, 200);
  assert.match(view.text, new RegExp(`Courier ${R}`));
  assert.equal(sql(`SELECT COUNT(*) FROM bill_events WHERE bill_id = ${id} AND kind = 'viewed'`), '1');
  // The payment module changes the row: the client sees it at once.
  sql(`UPDATE bills SET balance = 4845, state = 'partial' WHERE id = ${id}`);
  assert.match(text((await client.get(`/portal/bills/${id}`)).text), /Partially paid .*\$48\.45/);
  // With payments on, the pay button links to the bill's pay page.
  payments(true);
  assert.match((await client.get(`/portal/matters/${mid}/bills`)).text, new RegExp(`href="/portal/bills/${id}/pay"`));
  payments(false);
  // The feed names it, with its link.
  const feed = await client.get(`/portal/matters/${mid}`);
  assert.match(feed.text, new RegExp(`href="/portal/bills/${id}"`));
});

test('email only: the notification to the address on file, with the message, the portal link and a pay link', async () => {
  const firm = await demoAdmin();
  const { mid, client, email } = await person('bob');
  payments(true);
  const id = await newBill(firm, mid, [expense(mid, 9900, `Advice ${R}`)]);
  const res = await send(firm, id, { email: '1', message: `Please pay soon ${R}` });
  assert.equal(res.location, `/bills/${id}?notice=sent_email`);
  assert.equal(stateOf(id), 'final', 'what the client gets is final');
  assert.equal(shared(id), '0', 'email only: not in the portal');
  assert.equal((await client.get(`/portal/bills/${id}`)).status, 404);
  // The invitation and the password notice came first: wait for all of it.
  await mailSettled(email);
  const mails = await mailsTo(email);
  const mail = mails.find((m) => m.text.includes(`Please pay soon ${R}`));
  assert.ok(mail, 'the bill email with the message');
  assert.match(mail.text, /View all bills in secure portal/);
  const pay = mail.text.match(/\/pay\/([A-Za-z0-9_-]{43})/);
  assert.ok(pay, 'a pay link');
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE bill_id = ${id} AND token_hash = UNHEX(SHA2('${pay[1]}', 256))` +
    ' AND revoked_at IS NULL AND expires_at > NOW() + INTERVAL 89 DAY'), '1');
  // Only to the contact's address on file.
  assert.deepEqual(mails.map((m) => m.to[0].address), mails.map(() => email));
  payments(false);
});

test('portal and email: both, one event; a void bill is refused and a forged id is no such bill', async () => {
  const firm = await demoAdmin();
  const { mid, email } = await person('cy');
  const id = await newBill(firm, mid, [expense(mid, 100, `Stamp ${R}`)]);
  const res = await send(firm, id, { portal: '1', email: '1', confirm: '1' });
  assert.equal(res.location, `/bills/${id}?notice=sent_both`);
  assert.equal(shared(id), '1');
  assert.equal(billMails(email), '1');
  assert.equal(sql(`SELECT detail FROM bill_events WHERE bill_id = ${id} AND kind = 'sent'`), `both ${email}`);
  assert.equal((await firm.get('/bills/999999999')).status, 404);
  assert.equal((await firm.get('/bills/999999999.pdf')).status, 404);
});

test('bulk: a multi-matter bill and a client-level funds request go by email only, reported per bill', async () => {
  const firm = await demoAdmin();
  const { mid, contact, email } = await person('dee');
  const firmId = sql(`SELECT firm_id FROM matters WHERE id = ${mid}`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firmId}, 'BL-${R}-second', 'Second', ${contact})`);
  const mid2 = sql(`SELECT id FROM matters WHERE number = 'BL-${R}-second'`);
  // A multi-matter bill from the contact's page.
  const ids = [expense(mid, 1000, `Dee one ${R}`), expense(mid2, 2000, `Dee two ${R}`)];
  const multiForm = await firm.get(`/contacts/${contact}/bills/new`);
  assert.equal(multiForm.status, 200);
  assert.match(multiForm.text, new RegExp(`Dee two ${R}`));
  const made = await submitIds(firm, `/contacts/${contact}/bills/new`, `/contacts/${contact}/bills/new`, {}, ids);
  assert.equal(made.status, 303);
  const multi = made.location.match(/\/bills\/(\d+)/)[1];
  assert.equal(sql(`SELECT matter_id IS NULL FROM bills WHERE id = ${multi}`), '1');
  // A client-level funds request.
  const fpage = await firm.get(`/contacts/${contact}/funds/new`);
  const f = await firm.post(`/contacts/${contact}/funds/new`, { csrf: csrfOf(fpage.text), amount: '1,500.00', memo: `Retainer ${R}` });
  assert.equal(f.status, 303);
  const funds = f.location.match(/\/bills\/(\d+)/)[1];
  assert.equal(sql(`SELECT CONCAT(kind, ' ', total, ' ', matter_id IS NULL) FROM bills WHERE id = ${funds}`), 'trust 150000 1');
  // And a bill of the matter, which can go through the portal.
  const plain = await newBill(firm, mid, [expense(mid, 300, `Dee three ${R}`)]);
  // A forged id refuses the whole request: nothing is sent.
  const forged = await submitIds(firm, '/billing?tab=unpaid', '/billing/send', { portal: '1', message: `Bulk ${R}` },
    [multi, funds, plain, 999999999]);
  assert.equal(forged.status, 404);
  assert.equal(stateOf(plain), 'draft');
  assert.equal(billMails(email), '0');
  const res = await submitIds(firm, '/billing?tab=unpaid', '/billing/send', { portal: '1', message: `Bulk ${R}` },
    [multi, funds, plain]);
  assert.equal(res.status, 200);
  const rows = text(res.text);
  const rowOf = (id) => rows.match(new RegExp(`${sql(`SELECT number FROM bills WHERE id = ${id}`)} dee ${R} ([^]*?)(?= \\d+ dee|$)`, 'i'));
  assert.match(rowOf(multi)[1], /^Email only/);
  assert.match(rowOf(funds)[1], /^Email only/);
  assert.match(rowOf(plain)[1], /^Client portal/);
  assert.equal(shared(multi), '0');
  assert.equal(shared(funds), '0');
  assert.equal(shared(plain), '1');
  for (const id of [multi, funds, plain]) assert.equal(stateOf(id), 'final');
  // Two emails (the ones that could not go through the portal).
  assert.equal(billMails(email), '2');
  await mailSettled(email);
  // The Billing list's totals keep trust money apart.
  const unpaid = text((await firm.get(`/billing?tab=unpaid&contact=${contact}`)).text);
  assert.match(unpaid, /Still owed on bills \$33\.00/);
  assert.match(unpaid, /Still owed on funds requests \(trust\) \$1,500\.00/);
});

test('envelopes: 12 items of one client, combined, are 10 + 2; each is reviewed or all are sent', async () => {
  const firm = await demoAdmin();
  const { mid, email } = await person('eve');
  const settings = await firm.get('/settings');
  assert.equal((await firm.post('/settings/billing', { csrf: csrfOf(settings.text), combine: '1' })).location,
    '/settings?notice=billing');
  payments(true);
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await newBill(firm, mid, [expense(mid, 100 + i, `Eve item ${i} ${R}`)]));
  for (let i = 0; i < 6; i++) {
    const page = await firm.get(`/matters/${mid}/funds/new`);
    const res = await firm.post(`/matters/${mid}/funds/new`, { csrf: csrfOf(page.text), amount: `${10 + i}`, memo: `Eve trust ${i} ${R}` });
    ids.push(res.location.match(/\/bills\/(\d+)/)[1]);
  }
  for (const id of ids) {
    const page = await firm.get(`/bills/${id}`);
    assert.equal((await firm.post(`/bills/${id}`, { csrf: csrfOf(page.text), op: 'finalise' })).status, 303);
  }
  const prep = await submitIds(firm, '/billing?tab=unpaid', '/envelopes', { op: 'prepare' }, ids);
  assert.equal(prep.location, '/envelopes?notice=prepared');
  const sizes = sql(`SELECT COUNT(*) FROM envelope_items i JOIN envelopes e ON e.id = i.envelope_id
    WHERE e.sent_at IS NULL AND i.bill_id IN (${ids.join(',')}) GROUP BY e.id ORDER BY COUNT(*) DESC`);
  assert.equal(sizes, '10\n2');
  const list = await firm.get('/envelopes');
  const envs = [...list.text.matchAll(/href="\/envelopes\/(\d+)"/g)].map((m) => m[1]);
  assert.equal(envs.length, 2);
  // One reviewed: To is a choice of the addresses on file, never free text.
  const page = await firm.get(`/envelopes/${envs[0]}`);
  assert.match(page.text, /<select id="to" name="to"/);
  assert.match(page.text, /View Invoice/);
  const bad = await firm.post(`/envelopes/${envs[0]}`, { csrf: csrfOf(page.text), op: 'continue', to: 'attacker@evil.test',
    subject: 'Hi', body: 'x' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Choose one of the client's addresses on file/);
  const cont = await firm.post(`/envelopes/${envs[0]}`, { csrf: csrfOf(page.text), op: 'continue', to: email,
    subject: `One envelope ${R}`, body: `Dear Eve ${R}` });
  assert.equal(cont.status, 200);
  assert.match(cont.text, /Send Envelope Now/);
  assert.match(cont.text, /Go Back/);
  // The rest with "Send All Envelopes": one shared subject and message.
  const all = await firm.post('/envelopes', { csrf: csrfOf(list.text), op: 'send_all', subject: `All envelopes ${R}`,
    body: `Shared message ${R}` });
  assert.equal(all.location, '/billing?tab=unpaid&notice=envelopes_sent');
  await mailSettled(email);
  const mails = (await mailsTo(email)).filter((m) => m.subject === `All envelopes ${R}`);
  assert.equal(mails.length, 2);
  const big = mails.find((m) => (m.text.match(/ View: /g) || []).length === 10);
  const small = mails.find((m) => (m.text.match(/ View: /g) || []).length === 2);
  assert.ok(big && small, 'one email of 10 items and one of 2');
  assert.match(big.text, new RegExp(`Shared message ${R}`));
  assert.equal((big.text.match(/ Pay: http\S+\/pay\/[A-Za-z0-9_-]{43}/g) || []).length, 10);
  assert.match(big.text, /Pay All[^]*\/pay\/[A-Za-z0-9_-]{43}/);
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE envelope_id IN (${envs.join(',')})`), '2');
  assert.equal(sql(`SELECT COUNT(*) FROM envelopes WHERE id IN (${envs.join(',')}) AND sent_at IS NOT NULL`), '2');
  payments(false);
  assert.equal((await firm.post('/settings/billing', { csrf: csrfOf(settings.text) })).status, 303);
  assert.equal(sql("SELECT combine_envelopes FROM firms WHERE slug = 'demo'"), '0');
});

test('unshare and void revoke the pay links; void frees the activities and is refused while money stays', async () => {
  const firm = await demoAdmin();
  const { mid, contact, client, email } = await person('fay');
  payments(true);
  const act = expense(mid, 5000, `Fay work ${R}`);
  const id = await newBill(firm, mid, [act]);
  assert.equal((await send(firm, id, { portal: '1', email: '1', confirm: '1' })).location, `/bills/${id}?notice=sent_both`);
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE bill_id = ${id} AND revoked_at IS NULL`), '1');
  const ask = await firm.get(`/bills/${id}?op=unshare`);
  assert.match(ask.text, /Unshare via Client Portal/);
  assert.equal((await firm.post(`/bills/${id}`, { csrf: csrfOf(ask.text), op: 'unshare' })).location, `/bills/${id}?notice=unshared`);
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE bill_id = ${id} AND revoked_at IS NULL`), '0');
  assert.equal((await client.get(`/portal/bills/${id}`)).status, 404);
  assert.doesNotMatch((await client.get(`/portal/matters/${mid}/bills`)).text, new RegExp(`/portal/bills/${id}`));
  // Emailed again: a new link; then money on it: void refused.
  await send(firm, id, { email: '1' });
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE bill_id = ${id} AND revoked_at IS NULL`), '1');
  const firmId = sql(`SELECT firm_id FROM matters WHERE id = ${mid}`);
  sql(`INSERT INTO payments (firm_id, contact_id, account, method, amount, currency, received_on, created_at)
    VALUES (${firmId}, ${contact}, 'operating', 'check', 1000, 'USD', CURDATE(), NOW(6))`);
  const pay = sql(`SELECT MAX(id) FROM payments WHERE contact_id = ${contact}`);
  sql(`INSERT INTO payment_allocations (payment_id, firm_id, bill_id, amount) VALUES (${pay}, ${firmId}, ${id}, 1000)`);
  const page = await firm.get(`/bills/${id}`);
  assert.match(page.text, new RegExp(`href="/payments/${pay}"`));
  assert.match(page.text, new RegExp(`href="/bills/${id}/payments/new"`));
  const refused = await firm.post(`/bills/${id}`, { csrf: csrfOf(page.text), op: 'void' });
  assert.equal(refused.location, `/bills/${id}?notice=void_refused`);
  assert.match((await firm.get(refused.location)).text, /Not voided: payments on it are not fully refunded/);
  assert.equal(stateOf(id), 'final');
  sql(`UPDATE payment_allocations SET refunded = amount WHERE payment_id = ${pay}`);
  sql(`UPDATE payments SET refunded = amount WHERE id = ${pay}`);
  const voided = await firm.post(`/bills/${id}`, { csrf: csrfOf(page.text), op: 'void' });
  assert.equal(voided.location, `/bills/${id}?notice=voided`);
  assert.equal(stateOf(id), 'void');
  assert.equal(sql(`SELECT COUNT(*) FROM pay_links WHERE bill_id = ${id} AND revoked_at IS NULL`), '0');
  assert.equal(sql(`SELECT bill_id IS NULL FROM activities WHERE id = ${act}`), '1');
  assert.equal((await firm.get(`/matters/${mid}/activities/edit?id=${act}`)).status, 200, 'editable again');
  assert.match((await firm.get(`/matters/${mid}/bills/new`)).text, new RegExp(`Fay work ${R}`));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'bill_void' AND item_id = ${id}`), '1');
  await mailSettled(email);
  payments(false);
});

test('Download PDF: number, lines and total, for the firm and the client', async () => {
  const firm = await demoAdmin();
  const { mid, client } = await person('gus');
  const id = await newBill(firm, mid, [expense(mid, 123456, `Research memo ${R}`), expense(mid, 44, `Postage ${R}`)],
    { due: '2026-12-31' });
  const number = sql(`SELECT number FROM bills WHERE id = ${id}`);
  const pdf = await getBytes(firm, `/bills/${id}.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  assert.match(pdf.disposition, /^attachment; filename="bill-\d+\.pdf"$/);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const t = pdfText(pdf.bytes);
  assert.match(t, new RegExp(`Invoice ${number}\\b`));
  assert.match(t, new RegExp(`Research memo ${R}\\s+\\$1,234\\.56`));
  assert.match(t, new RegExp(`Postage ${R}\\s+\\$0\\.44`));
  assert.match(t, /Total\s+\$1,235\.00/);
  assert.match(t, /Due\s+Dec 31, 2026/);
  assert.match(t, /Status\s+Draft/);
  // The client only once it is shared.
  assert.equal((await getBytes(client, `/portal/bills/${id}.pdf`)).status, 404);
  await send(firm, id, { portal: '1', confirm: '1' });
  const cp = await getBytes(client, `/portal/bills/${id}.pdf`);
  assert.equal(cp.status, 200);
  assert.match(pdfText(cp.bytes), /Status\s+Unpaid/);
});

test('forms keep what was typed and name the field at fault', async () => {
  const firm = await demoAdmin();
  const { mid, contact } = await person('hal');
  const act = expense(mid, 700, `Hal work ${R}`);
  const none = await submitIds(firm, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, { memo: `Kept memo ${R}` }, []);
  assert.equal(none.status, 400);
  assert.match(none.text, /Choose at least one activity to bill/);
  assert.match(none.text, new RegExp(`Kept memo ${R}`));
  const due = await submitIds(firm, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, { due: '2026-02-30' }, [act]);
  assert.equal(due.status, 400);
  assert.match(due.text, /id="due" name="due" value="2026-02-30" aria-invalid="true"/);
  const fp = await firm.get(`/matters/${mid}/funds/new`);
  const amt = await firm.post(`/matters/${mid}/funds/new`, { csrf: csrfOf(fp.text), amount: '12.345', memo: `Typed ${R}` });
  assert.equal(amt.status, 400);
  assert.match(amt.text, /id="amount" name="amount" value="12.345"[^>]*aria-invalid="true"/);
  assert.match(amt.text, new RegExp(`Typed ${R}`));
  // Taken meanwhile: said, not a crash.
  const id = await newBill(firm, mid, [act]);
  const again = await submitIds(firm, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, {}, [act]);
  assert.equal(again.status, 409);
  assert.match(again.text, /billed or changed meanwhile/);
  assert.equal(sql(`SELECT bill_id FROM activities WHERE id = ${act}`), id);
  // Malformed ids are refused whole.
  const junk = await submitIds(firm, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, {}, ['1x']);
  assert.equal(junk.status, 400);
  assert.equal((await firm.get(`/billing?tab=nope`)).status, 400);
  assert.equal((await firm.get(`/billing?tab=draft&from=2026-13-01`)).status, 400);
  assert.equal((await firm.get(`/contacts/${contact}/funds/new`)).status, 200);
});

test('the Billing list pages at 50 with its filter in the URL', async () => {
  const firm = await demoAdmin();
  const { mid, contact } = await person('ivy');
  const firmId = sql(`SELECT firm_id FROM matters WHERE id = ${mid}`);
  // 55 drafts of this client, straight into the table (the list is what is tested).
  const values = [];
  for (let i = 0; i < 55; i++)
    values.push(`(${firmId}, 'bill', 'IVY-${R}-${i}', ${contact}, ${mid}, 'USD', 100, 100, '2026-03-01', NOW(6), NOW(6))`);
  sql(`INSERT INTO bills (firm_id, kind, number, contact_id, matter_id, currency, total, balance, issued_on,
    created_at, updated_at) VALUES ${values.join(',')}`);
  const p1 = await firm.get(`/billing?tab=draft&contact=${contact}&from=2026-03-01&to=2026-03-01`);
  assert.equal(p1.status, 200);
  assert.equal((p1.text.match(/href="\/bills\/\d+"/g) || []).length, 50);
  assert.match(p1.text, new RegExp(`href="/billing\\?tab=draft&amp;contact=${contact}&amp;from=2026-03-01&amp;to=2026-03-01&amp;page=2"`));
  assert.match(text(p1.text), /Draft \(55\)/);
  const p2 = await firm.get(`/billing?tab=draft&contact=${contact}&from=2026-03-01&to=2026-03-01&page=2`);
  assert.equal((p2.text.match(/href="\/bills\/\d+"/g) || []).length, 5);
  const none = await firm.get(`/billing?tab=draft&contact=${contact}&from=2027-01-01`);
  assert.match(none.text, /No bills match these filters/);
});

test('two requests at once for the same activities make one bill; the other is told', async () => {
  const firm = await demoAdmin();
  const other = await demoAdmin();
  const { mid } = await person('jo');
  const acts = [expense(mid, 1100, `Jo one ${R}`), expense(mid, 2200, `Jo two ${R}`)];
  const [a, b] = await Promise.all([firm, other].map((c) =>
    submitIds(c, `/matters/${mid}/bills/new`, `/matters/${mid}/bills/new`, {}, acts)));
  assert.deepEqual([a.status, b.status].sort(), [303, 409]);
  assert.equal(sql(`SELECT COUNT(DISTINCT bill_id) FROM activities WHERE id IN (${acts.join(',')})`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM bill_lines WHERE activity_id IN (${acts.join(',')})`), '2');
  // Two sends at once of one draft to the portal: one share, final once.
  const id = sql(`SELECT bill_id FROM activities WHERE id = ${acts[0]}`);
  await Promise.all([firm, other].map((c) => send(c, id, { portal: '1', confirm: '1' })));
  assert.equal(shared(id), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM bill_events WHERE bill_id = ${id} AND kind = 'finalised'`), '1');
});
