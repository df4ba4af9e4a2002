// Browser test in headless Chromium (Debian's chromium, driven by
// playwright-core): sign in as the demo admin and see the matters list.
// Screenshots go to test-output/browser/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, OUT } from '../integration/helpers.mjs';

const shots = path.join(OUT, 'browser');

async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

test('sign in as the demo admin and see the matters list', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const b = await browser();
  try {
    const page = await b.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(BASE + '/');
    await page.screenshot({ path: path.join(shots, '01-sign-in.png'), fullPage: true });
    assert.equal(await page.title(), 'Sign in · Vellum');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('demo-admin-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(BASE + '/matters');
    await page.screenshot({ path: path.join(shots, '02-matters.png'), fullPage: true });
    const rows = page.locator('table.list tbody tr');
    const listed = await rows.allInnerTexts();
    for (const n of ['2025-0147', '2026-0001', '2026-0002', '2026-0003'])
      assert.ok(listed.some((t) => t.includes(n)), `matter ${n} listed`);
    assert.match(listed[0], /2025-0147/, 'in number order');
    assert.match(await page.locator('header').innerText(), /Demo Law LLP/);
    // The stylesheet loaded under the CSP: the header has its dark background.
    const bg = await page.locator('header.top').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(29, 42, 58)');

    await page.getByRole('link', { name: '2026-0002' }).click();
    await page.waitForURL(/\/matters\/\d+$/);
    assert.match(await page.locator('h1').innerText(), /Brightside Bakery/);
    // The matter's tabs (the top bar has a Calendar link of its own).
    const tabs = page.getByRole('navigation', { name: 'Matter' });
    for (const tab of ['Communications', 'Documents', 'Bills', 'Calendar', 'Tasks', 'Notes', 'Activities'])
      assert.equal(await tabs.getByRole('link', { name: tab, exact: true }).count(), 1, tab);
    await page.screenshot({ path: path.join(shots, '03-matter.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(BASE + '/login?signed_out=1');
    assert.match(await page.locator('.notice').innerText(), /You have signed out/);
    await page.goto(BASE + '/matters');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.deepEqual(errors, [], 'no console errors (CSP violations show here)');
  } finally {
    await b.close();
  }
});

test('a wrong password shows the message in the page', async () => {
  const b = await browser();
  try {
    const page = await b.newPage();
    await page.goto(BASE + '/login');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.error');
    assert.match(await page.locator('.error').innerText(), /not correct/);
    assert.equal(await page.getByLabel('Email').inputValue(), 'admin@demo.test');
    await page.screenshot({ path: path.join(shots, '04-wrong-password.png'), fullPage: true });
  } finally {
    await b.close();
  }
});
