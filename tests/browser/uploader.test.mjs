// The documents uploader in two browsers: with JavaScript, each file goes in
// its own raw request to /documents/put with a progress bar; without it, the
// same form posts multipart to /documents/upload.  Both land the files.  Any
// console error (a CSP block included) or page error fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, OUT, sql } from '../integration/helpers.mjs';

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page that records console errors, page errors and every POST it makes.
async function watchedPage(browser, options) {
  const page = await (await browser.newContext(options)).newPage();
  const seen = { errors: [], posts: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => {
    if (r.method() === 'POST') seen.posts.push({ url: new URL(r.url()).pathname, type: r.headers()['content-type'] || '' });
  });
  return { page, seen };
}

async function signInToDocuments(page) {
  await page.goto(BASE + '/login');
  await page.getByLabel('Email').fill('admin@demo.test');
  await page.getByLabel('Password').fill('demo-admin-pass');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(BASE + '/matters');
  await page.getByRole('link', { name: '2026-0002' }).click();
  await page.getByRole('link', { name: 'Documents', exact: true }).click();
}

test('with JavaScript the uploader sends raw bodies; without it the form posts multipart', async () => {
  const files = path.join(OUT, 'uploader-files');
  fs.mkdirSync(files, { recursive: true });
  for (const n of ['scripted-a.txt', 'scripted-b.txt', 'plain-form.txt'])
    fs.writeFileSync(path.join(files, n), `${n} content\n`);
  const browser = await launch();
  try {
    const js = await watchedPage(browser, { javaScriptEnabled: true });
    await signInToDocuments(js.page);
    await js.page.getByLabel('Files (up to 100 MB each)').setInputFiles(
      [path.join(files, 'scripted-a.txt'), path.join(files, 'scripted-b.txt')]);
    await js.page.getByRole('button', { name: 'Upload' }).click();
    await js.page.waitForURL(/notice=uploaded/);
    const puts = js.seen.posts.filter((p) => p.url.endsWith('/documents/put'));
    assert.equal(puts.length, 2, 'one raw request per file');
    assert.ok(puts.every((p) => p.type === 'application/octet-stream'));
    assert.equal(js.seen.posts.filter((p) => p.url.endsWith('/documents/upload')).length, 0, 'no multipart post');
    assert.deepEqual(js.seen.errors, [], 'no console or page errors with JavaScript');

    const plain = await watchedPage(browser, { javaScriptEnabled: false });
    await signInToDocuments(plain.page);
    await plain.page.getByLabel('Files (up to 100 MB each)').setInputFiles(path.join(files, 'plain-form.txt'));
    await plain.page.getByRole('button', { name: 'Upload' }).click();
    await plain.page.waitForURL(/notice=uploaded/);
    const ups = plain.seen.posts.filter((p) => p.url.endsWith('/documents/upload'));
    assert.equal(ups.length, 1, 'the form itself posts');
    assert.match(ups[0].type, /^multipart\/form-data; boundary=/);
    assert.equal(plain.seen.posts.filter((p) => p.url.endsWith('/documents/put')).length, 0);
    assert.deepEqual(plain.seen.errors, [], 'no console or page errors without JavaScript');

    for (const n of ['scripted-a.txt', 'scripted-b.txt', 'plain-form.txt'])
      assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE name = '${n}'`), '1', `${n} stored once`);
  } finally {
    await browser.close();
  }
});
