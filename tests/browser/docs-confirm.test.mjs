// With JavaScript, Share and "Stop sharing" in the Documents subtab ask in a
// dialog: dismissed, nothing changes; accepted, the form posts at once (no
// confirmation page) and the share is made or ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE, sql, demoAdmin } from '../integration/helpers.mjs';
import { newMatter, upload, portalAction, docId } from '../integration/docs-helpers.mjs';

test('share and stop sharing ask in a dialog first', async () => {
  const t = newMatter('dialog');
  const http = await demoAdmin();
  assert.equal((await upload(http, t.mid, [['dialog.txt', Buffer.from('d')]])).status, 303);
  assert.equal((await portalAction(http, t.mid, { op: 'open' })).status, 303);
  const doc = docId(t.mid, 'dialog.txt');
  const live = () => sql(`SELECT COUNT(*) FROM shares WHERE document_id = ${doc} AND revoked_at IS NULL`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(BASE + '/login');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('demo-admin-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(BASE + '/matters');
    await page.goto(`${BASE}/matters/${t.mid}/documents`);

    const questions = [];
    page.once('dialog', (d) => { questions.push(d.message()); d.dismiss(); });
    await page.locator('tr.doc summary').click();
    await page.getByRole('button', { name: 'Share via client portal' }).click();
    assert.match(questions[0], /^Share dialog\.txt with the client portal\?/);
    assert.equal(live(), '0', 'dismissed: nothing shared');
    assert.equal(new URL(page.url()).pathname, `/matters/${t.mid}/documents`);

    page.once('dialog', (d) => { questions.push(d.message()); d.accept(); });
    await page.getByRole('button', { name: 'Share via client portal' }).click();
    await page.waitForURL(/notice=shared/);
    assert.equal(live(), '1');

    page.once('dialog', (d) => { questions.push(d.message()); d.accept(); });
    await page.locator('tr.doc summary').click();
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.waitForURL(/notice=unshared/);
    assert.match(questions[2], /^Stop sharing dialog\.txt\?/);
    assert.equal(live(), '0');
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await browser.close();
  }
});
