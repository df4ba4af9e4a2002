// The journey of a firm's user on a shared host, in headless Chromium:
// sign in, open a matter's portal, send a message with an attachment,
// upload in Documents (the page's script sends the file), download both.
// Used by tests/browser/apache.test.mjs (Apache with mod_cgid, then
// mod_fcgid) and tests/integration/dist-cgi.test.mjs (the tarball's
// programs).  Every wait is bounded; a console or page error (a CSP block
// included) fails the journey.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { sql } from './helpers.mjs';

// A matter of the demo firm of its own, with a client to write to.
export function ownMatter(number) {
  const firm = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm}, 'person', 'Hosted Client ${number}')`);
  const contact = sql(`SELECT MAX(id) FROM contacts WHERE firm_id = ${firm} AND name = 'Hosted Client ${number}'`);
  sql(`INSERT INTO contact_emails (firm_id, contact_id, email, is_primary, position) VALUES (${firm}, ${contact}, 'hosted-${number.toLowerCase()}@client.test', 1, 0)`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) VALUES (${firm}, '${number}', 'Hosted ${number}', ${contact})`);
  return sql(`SELECT id FROM matters WHERE firm_id = ${firm} AND number = '${number}'`);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });
}

// What a download brought, whole.
async function downloaded(page, link) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), link.click()]);
  return fs.readFileSync(await dl.path());
}

// The journey against base (the Apache's address) on a matter of its own
// named number; returns the matter's id.
export async function browserJourney(browser, base, number) {
  const mid = ownMatter(number);
  const context = await browser.newContext();
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  const errors = [];
  // The browser's own favicon request is not the page's (nginx answers it
  // 204, Apache its 404 page).
  page.on('console', (m) => {
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url || '')) errors.push(`${m.text()} ${m.location()?.url || ''}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(base + '/login');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('demo-admin-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(base + '/matters');
    const main = page.locator('main');

    // The portal opened, a message sent with a new file attached.
    await page.goto(`${base}/matters/${mid}/portal`);
    await page.getByRole('button', { name: 'Go to client portal', exact: true }).click();
    await page.getByLabel('Message', { exact: true }).fill(`Sent through Apache, ${number}.`);
    const lease = Buffer.from('%PDF-1.4\nhosted lease\n%%EOF\n');
    await page.getByLabel('Or upload a new one').setInputFiles({ name: 'Hosted lease.pdf', mimeType: 'application/pdf', buffer: lease });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await main.getByText(`Sent through Apache, ${number}.`).first().waitFor();
    assert.deepEqual(await downloaded(page, main.getByRole('link', { name: 'Hosted lease.pdf' }).first()), lease,
      'the attachment downloads as sent');

    // A file uploaded in Documents, listed, downloaded.
    await page.goto(`${base}/matters/${mid}/documents`);
    const brief = Buffer.from(`a brief uploaded through Apache, ${number}\n`);
    await page.getByLabel('Files (up to 100 MB each)').setInputFiles({ name: 'hosted-brief.txt', mimeType: 'text/plain', buffer: brief });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/notice=uploaded/);
    assert.deepEqual(await downloaded(page, main.getByRole('link', { name: 'hosted-brief.txt', exact: true })), brief,
      'the upload downloads as sent');
    assert.deepEqual(errors, [], 'no console or page errors');
  } finally {
    await context.close();
  }
  return mid;
}
