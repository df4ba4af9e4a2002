// Paying a bill in a browser (SPEC F-C3, F-C4): the firm sends a bill by
// email; the client opens the email's pay link without signing in, pays
// part of it on the payment provider's page (the stand-in's: Vellum shows
// no card field), comes back to "processing", and sees the new balance
// once the provider's webhook is recorded.  Screenshots go to
// test-output/browser/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, OUT, csrfOf, until, mailsTo } from '../integration/helpers.mjs';
import { R, paymentsOn, payer, bill, share, balance, STANDIN, sql, firmId } from '../integration/pay-helpers.mjs';

// The demo firm takes no payments online after this file, as before it
// (other files' pages show no pay button).
after(() => sql(`UPDATE payment_providers SET enabled = 0 WHERE firm_id = ${firmId()}`));

const shots = path.join(OUT, 'browser');
const shot = (page, name) => page.screenshot({ path: path.join(shots, name), fullPage: true });

test('the client pays part of a bill from the email\'s pay link and sees the new balance', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const admin = await paymentsOn();
  const who = await payer('browser');
  const email = `payer-browser-${R}@client.test`;
  const b = bill({ contact: who.contact, matter: who.mid, total: 80000 });
  share(b.id, who.mid);
  const form = await admin.get(`/bills/${b.id}/send`);
  assert.equal(form.status, 200);
  const sent = await admin.post(`/bills/${b.id}/send`, { csrf: csrfOf(form.text), email: '1' });
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  const mail = await until(async () => (await mailsTo(email)).find((m) => m.text.includes(b.number)), 'the bill email');
  const link = mail.text.match(/(http:\/\/\S+\/pay\/[A-Za-z0-9_-]{43})/)[1];

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link);
    assert.match(await page.locator('main').innerText(), /\$800\.00/);
    assert.equal(await page.locator('input[name=card], input[autocomplete^=cc-]').count(), 0, 'no card field here');
    await page.getByLabel(/Amount to pay/).fill('300.00');
    await shot(page, 'pay-10-amount.png');
    await page.getByRole('button', { name: 'Pay bill' }).click();
    // The provider's hosted page: the test card.
    await page.waitForURL(new RegExp(`^${STANDIN}/c/pay/`));
    assert.match(await page.locator('h1').innerText(), /300\.00/);
    await shot(page, 'pay-20-provider.png');
    await page.getByRole('button', { name: 'Pay with card' }).click();
    await page.waitForURL(`${link}?done=1`);
    assert.match(await page.locator('.notice').innerText(), /being processed/);
    // The balance changes once the webhook is in: the page's Refresh link.
    await until(async () => {
      await page.getByRole('link', { name: 'Refresh' }).click();
      await page.waitForLoadState();
      return /\$500\.00/.test(await page.locator('main').innerText());
    }, 'the new balance on the page');
    await shot(page, 'pay-30-balance.png');
    assert.equal(balance(b.id), 50000);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
