// The portal journey's main steps in headless Chromium: the firm uploads
// with the progress-bar uploader, opens the portal, sends a message with an
// attachment; the client accepts the invitation, reads, downloads, replies;
// the firm sees the reply and the read receipt.  Screenshots go to
// test-output/browser/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, OUT, waitForMail } from '../integration/helpers.mjs';

const shots = path.join(OUT, 'browser');
const shot = (page, name) => page.screenshot({ path: path.join(shots, name), fullPage: true });

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

test('firm and client through the portal, in a browser', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const files = path.join(OUT, 'browser-files');
  fs.mkdirSync(files, { recursive: true });
  fs.writeFileSync(path.join(files, 'engagement-letter.txt'), 'Engagement letter, for review.\n');
  fs.writeFileSync(path.join(files, 'evidence-1.txt'), 'Evidence one.\n');
  fs.writeFileSync(path.join(files, 'evidence-2.txt'), 'Evidence two.\n');
  const browser = await launch();
  try {
    const firm = await (await browser.newContext()).newPage();
    const errors = [];
    firm.on('pageerror', (e) => errors.push(e.message));
    firm.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    firm.on('dialog', (d) => d.accept());
    await firm.goto(BASE + '/login');
    await firm.getByLabel('Email').fill('admin@demo.test');
    await firm.getByLabel('Password').fill('demo-admin-pass');
    await firm.getByRole('button', { name: 'Sign in' }).click();
    await firm.waitForURL(BASE + '/matters');
    await firm.getByRole('link', { name: '2026-0001' }).click();

    // Documents: two files at once through the uploader with its progress bars.
    await firm.getByRole('link', { name: 'Documents', exact: true }).click();
    await firm.getByLabel('Files (up to 100 MB each)').setInputFiles([
      path.join(files, 'evidence-1.txt'), path.join(files, 'evidence-2.txt')]);
    await firm.getByRole('button', { name: 'Upload' }).click();
    await firm.waitForURL(/notice=uploaded/);
    assert.match(await firm.locator('.notice').innerText(), /Upload complete/);
    assert.equal(await firm.getByRole('link', { name: 'evidence-2.txt' }).count(), 1);
    await shot(firm, '10-documents.png');

    // Communications: open the portal and send a message with a new upload.
    await firm.getByRole('link', { name: 'Communications' }).click();
    await firm.getByRole('button', { name: 'Go to client portal' }).click();
    await firm.waitForURL(/notice=opened/);
    await firm.getByLabel('Message', { exact: true }).fill('Hello Alice, the engagement letter is attached.');
    await firm.getByLabel('Or upload a new one').setInputFiles(path.join(files, 'engagement-letter.txt'));
    await firm.getByRole('button', { name: 'Send' }).click();
    await firm.waitForURL(/notice=sent/);
    assert.match(await firm.locator('ol.feed').innerText(), /engagement letter is attached[\s\S]*Not read yet/);
    await shot(firm, '11-portal-sent.png');

    // The client: invitation, password, the portal.
    const [mail] = await waitForMail('alice.johnson@work.test');
    const link = mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1];
    const client = await (await browser.newContext({ acceptDownloads: true })).newPage();
    client.on('pageerror', (e) => errors.push(e.message));
    client.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await client.goto(link);
    await shot(client, '12-invitation.png');
    await client.getByLabel('Password', { exact: true }).fill('alice browser pass');
    await client.getByLabel('Repeat the password').fill('alice browser pass');
    await client.getByRole('button', { name: 'Set password and sign in' }).click();
    await client.waitForURL(/\/portal\/matters\/\d+$/);
    assert.match(await client.locator('ol.feed').innerText(), /engagement letter is attached/);
    await shot(client, '13-client-messages.png');
    const [download] = await Promise.all([
      client.waitForEvent('download'),
      client.getByRole('link', { name: 'engagement-letter.txt' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'engagement-letter.txt');
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), 'Engagement letter, for review.\n');
    await client.getByLabel('Message', { exact: true }).fill('Thank you, I will sign it today.');
    await client.getByRole('button', { name: 'Send' }).click();
    await client.waitForURL(/notice=sent/);
    assert.match(await client.locator('ol.feed').innerText(), /I will sign it today/);
    await shot(client, '14-client-replied.png');

    // The firm sees the reply, the receipt and the events.
    await firm.goto(firm.url().replace(/\?.*$/, '') + '?events=1');
    const feed = await firm.locator('ol.feed').innerText();
    assert.match(feed, /I will sign it today/);
    assert.match(feed, /Read by Alice Johnson/);
    assert.match(feed, /Alice Johnson opened a document: engagement-letter\.txt/);
    await shot(firm, '15-firm-receipts.png');

    // Deleting a message: the dialog, then the post with the feed's one
    // CSRF token (the rows carry none of their own).
    await firm.getByLabel('Message', { exact: true }).fill('A message sent by mistake.');
    await firm.getByRole('button', { name: 'Send' }).click();
    await firm.waitForURL(/notice=sent/);
    await firm.locator('li.message', { hasText: 'A message sent by mistake.' })
      .getByRole('button', { name: 'Delete message' }).click();
    await firm.waitForURL(/notice=deleted/);
    assert.doesNotMatch(await firm.locator('ol.feed').innerText(), /sent by mistake/);
    assert.match(await firm.locator('ol.feed').innerText(), /I will sign it today/);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await browser.close();
  }
});
