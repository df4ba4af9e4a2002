// The portal's journey in headless Chromium against a real Apache 2.4 on
// a shared host's layout (bin/stack apache-start: loopback, its own
// config, stopped by pid): once with the programs as plain CGI (mod_cgid),
// once under mod_fcgid.  tests/integration/apache.test.mjs drives the same
// server with node's http client and tests what a browser cannot show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { stack, APACHE, APACHE_APP, sql } from '../integration/helpers.mjs';
import { browserJourney, launchBrowser } from '../integration/apache-journey.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  if (browser) await browser.close();
  stack('apache-stop');
});

test('in a browser through Apache CGI: sign in, open the portal, send with an attachment, upload, download', async () => {
  stack('apache-start', 'cgid');
  const t0 = Date.now();
  const mid = await browserJourney(browser, APACHE, `APB-${process.pid}`);
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${mid}`), '2');
  assert.ok(Date.now() - t0 < 60000, `the journey took ${Date.now() - t0} ms`);
});

test('in a browser through Apache with mod_fcgid: the same journey, served by persistent programs', async () => {
  stack('apache-start', 'fcgid');
  const mid = await browserJourney(browser, APACHE, `APBF-${process.pid}`);
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${mid}`), '2');
  const procs = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n')
    .filter((l) => l.startsWith(path.join(APACHE_APP, 'cgi-bin/')));
  assert.ok(procs.some((l) => l.includes('/docs_upload')), 'docs_upload ran under mod_fcgid');
});
