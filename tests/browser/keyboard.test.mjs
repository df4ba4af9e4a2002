// The main flows with the keyboard alone, in headless Chromium: after the
// first page is opened (as a link from an email or a bookmark would) every
// step is Tab, typing, Enter or Space; no clicks.  The firm user signs in
// (through the skip link), opens a matter's portal, sends a message with a
// new upload, uploads to Documents, opens a document and shares it; the
// client accepts the invitation, opens the attachment, replies with an
// upload, downloads from Shared resources, signs out and in again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, OUT, waitForMail } from '../integration/helpers.mjs';
import { newMatter } from '../integration/docs-helpers.mjs';
import { launch } from './a11y-lib.mjs';

// Presses Tab until the focused element matches sel (and, if given, its
// trimmed text or value is exactly text); bounded, and says what it missed.
// With row, only in the table row whose first cell's text includes row.
async function tabTo(page, sel, text, row, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(([s, t, r]) => {
      const e = document.activeElement;
      const tr = e && e.closest('tr');
      return !!e && e.matches(s) && (t === null || (e.textContent || e.value || '').trim() === t) &&
        (r === null || (!!tr && tr.cells[0].textContent.includes(r)));
    }, [sel, text ?? null, row ?? null]);
    if (hit) return;
  }
  throw new Error(`${max} presses of Tab never reached ${sel}${text ? ` "${text}"` : ''}${row ? ` in the row of ${row}` : ''} on ${page.url()}`);
}

// Space on the focused file input opens the chooser; the test picks the file.
// On a loaded machine Chromium now and then drops the first key press's
// chooser event: up to three presses, each given 3 s, so that the wait
// stays inside the test stack's 10 s session idle limit.
async function chooseFile(page, file) {
  for (let i = 0; i < 3; i++) {
    const opened = page.waitForEvent('filechooser', { timeout: 3000 }).catch(() => null);
    await page.keyboard.press('Space');
    const chooser = await opened;
    if (chooser) return chooser.setFiles(file);
  }
  throw new Error(`Space on the focused file input never opened the file chooser on ${page.url()}`);
}

// Enter on the focused link downloads; returns the file's text.
async function enterDownloads(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return fs.readFileSync(await download.path(), 'utf8');
}

test('sign in, portal, message, upload, open and share a document, by keyboard alone', async () => {
  const t0 = Date.now();
  const tag = `kb${Date.now().toString(36)}`;
  const m = newMatter(tag);
  const dir = path.join(OUT, 'browser-files');
  fs.mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [name, text] of [['kb-letter.txt', 'Letter sent by keyboard.\n'], ['kb-evidence.txt', 'Evidence uploaded by keyboard.\n'],
    ['kb-reply.txt', 'Reply uploaded by keyboard.\n']]) {
    files[name] = path.join(dir, name);
    fs.writeFileSync(files[name], text);
  }
  const browser = await launch();
  try {
    const errors = [];
    const firm = await (await browser.newContext()).newPage();
    firm.on('pageerror', (e) => errors.push(e.message));
    firm.on('dialog', (d) => d.accept());
    await firm.goto(BASE + '/login');

    // The skip link comes first, shows when focused and lands in the main content.
    await firm.keyboard.press('Tab');
    assert.equal(await firm.evaluate(() => document.activeElement.className), 'skip');
    assert.ok(await firm.evaluate(() => document.activeElement.getBoundingClientRect().left >= 0), 'skip link on screen when focused');
    await firm.keyboard.press('Enter');
    assert.equal(await firm.evaluate(() => document.activeElement.id), 'main');
    await firm.keyboard.press('Tab');
    assert.equal(await firm.evaluate(() => document.activeElement.id), 'email', 'after the skip link, the first field');
    await firm.keyboard.type('admin@demo.test');
    await firm.keyboard.press('Tab');
    await firm.keyboard.type('demo-admin-pass');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(BASE + '/matters');

    await tabTo(firm, 'a', m.number);
    await firm.keyboard.press('Enter');
    await firm.waitForURL(`${BASE}/matters/${m.mid}`);
    await tabTo(firm, 'a', 'Communications');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/\/portal$/);
    await tabTo(firm, 'button', 'Go to client portal');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/notice=opened/);

    await tabTo(firm, 'textarea#message');
    await firm.keyboard.type('Hello, the letter is attached (sent by keyboard).');
    await tabTo(firm, 'input#attach-file');
    await chooseFile(firm, files['kb-letter.txt']);
    await tabTo(firm, 'button', 'Send');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/notice=sent/);
    assert.match(await firm.locator('ol.feed').innerText(), /sent by keyboard[\s\S]*kb-letter\.txt/);

    // Documents: upload through the uploader, open the file, share it.
    await tabTo(firm, 'a', 'Documents');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/\/documents$/);
    await tabTo(firm, 'input#upload-files');
    await chooseFile(firm, files['kb-evidence.txt']);
    await tabTo(firm, 'button', 'Upload');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/notice=uploaded/);
    await tabTo(firm, 'a', 'kb-evidence.txt');
    assert.equal(await enterDownloads(firm), 'Evidence uploaded by keyboard.\n');
    await tabTo(firm, 'summary', 'Actions', 'kb-evidence.txt');
    await firm.keyboard.press('Enter');
    await tabTo(firm, 'button', 'Share via client portal');
    await firm.keyboard.press('Enter');
    await firm.waitForURL(/notice=shared/);

    // The client, from the invitation email.
    const [mail] = await waitForMail(m.email);
    const link = mail.text.match(/(http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43})/)[1];
    const client = await (await browser.newContext()).newPage();
    client.on('pageerror', (e) => errors.push(e.message));
    await client.goto(link);
    await tabTo(client, 'input#password');
    await client.keyboard.type('keyboard client password');
    await client.keyboard.press('Tab');
    await client.keyboard.type('keyboard client password');
    await client.keyboard.press('Enter');
    await client.waitForURL(`${BASE}/portal/matters/${m.mid}`);

    await tabTo(client, 'a', 'kb-letter.txt');
    assert.equal(await enterDownloads(client), 'Letter sent by keyboard.\n');
    await tabTo(client, 'textarea#reply');
    await client.keyboard.type('Thank you, my reply (by keyboard).');
    await tabTo(client, 'input#reply-file');
    await chooseFile(client, files['kb-reply.txt']);
    await tabTo(client, 'button', 'Send');
    await client.keyboard.press('Enter');
    await client.waitForURL(/notice=sent/);
    assert.match(await client.locator('ol.feed').innerText(), /my reply \(by keyboard\)[\s\S]*kb-reply\.txt/);

    await tabTo(client, 'a', 'Shared resources');
    await client.keyboard.press('Enter');
    await client.waitForURL(/view=shared/);
    await tabTo(client, 'a', 'Download', 'kb-evidence.txt');
    assert.equal(await enterDownloads(client), 'Evidence uploaded by keyboard.\n');

    await tabTo(client, 'button', 'Sign out');
    await client.keyboard.press('Enter');
    await client.waitForURL(/\/portal\/login\?signed_out=1/);
    await tabTo(client, 'input#email');
    await client.keyboard.type(m.email);
    await client.keyboard.press('Tab');
    await client.keyboard.type('keyboard client password');
    await client.keyboard.press('Enter');
    await client.waitForURL(`${BASE}/portal/matters/${m.mid}`);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await browser.close();
  }
  console.log(`keyboard flows: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
