// Attacks on pages kept whole (lib/pagememo.c): what a kept page is keyed
// by against what makes the page.  Each test names the rule it checks and
// how it was seen failing with that rule broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR, cgiEnv, sleep } from './helpers.mjs';
import { ownFirm } from './workspace-helpers.mjs';

const SITE = process.env.VL_SITE_TEMPLATES || path.join(VAR, 'site-templates');
const DEFAULTS = process.env.VL_TEMPLATES || path.join(ROOT, 'templates');

// The page, asked for (bounded) until it matches re or not.
async function until(client, url, re, present, tries = 50) {
  let text = '';
  for (let i = 0; i < tries; i++) {
    text = (await client.get(url)).text;
    if (re.test(text) === present) return text;
    await sleep(100);
  }
  throw new Error(`${url}: ${re} ${present ? 'never appeared' : 'never went away'}`);
}

// A file's modification time set to a given second and fraction.
const touch = (file, sec) => fs.utimesSync(file, sec, sec);

// ctemplate reloads a template only when its mtime's second changed; the
// key follows nanoseconds and the change time.  An edit in the second of
// the one before was kept under the new key with the old text, for good
// (seen failing before the fix: "Same second B" never appeared).
test('an edit in the same second as the last one shows (FastCGI)', async () => {
  const firm = await ownFirm('memosec');
  const own = path.join(SITE, 'matters.tpl');
  const def = fs.readFileSync(path.join(DEFAULTS, 'matters.tpl'), 'utf8');
  const second = Math.floor(Date.now() / 1000) - 30;
  try {
    fs.writeFileSync(own, def.replace(/<h1>Matters<\/h1>/, '<h1>Same second A</h1>'));
    touch(own, second + 0.1);
    await until(firm.admin, '/matters', /<h1>Same second A<\/h1>/, true);
    // Both processes have A (each looks within a second).
    await sleep(1100);
    for (let i = 0; i < 4; i++) assert.match((await firm.admin.get('/matters')).text, /Same second A/);
    fs.writeFileSync(own, def.replace(/<h1>Matters<\/h1>/, '<h1>Same second B</h1>'));
    touch(own, second + 0.6);
    await until(firm.admin, '/matters', /<h1>Same second B<\/h1>/, true);
    await sleep(1100);
    for (let i = 0; i < 4; i++) assert.match((await firm.admin.get('/matters')).text, /Same second B/);
  } finally {
    fs.rmSync(own, { force: true });
  }
  await until(firm.admin, '/matters', /<h1>Matters<\/h1>/, true);
});

const TMP = path.join(VAR, 'tmp');
const memoFiles = () => fs.readdirSync(TMP).filter((f) => f.startsWith('page-memo-') && !f.includes('.'));

// The matters page as plain CGI runs it, one process a request.
function cgiMatters(cookie, uri = '/matters') {
  const r = spawnSync(path.join(ROOT, 'build/cgi-bin/matters_list'),
    { env: cgiEnv({ uri, cookie }), timeout: 20000 });
  const out = r.stdout.toString('utf8');
  assert.match(out, /^Status: 200/, out.slice(0, 300));
  return out;
}

// Any firm user makes a page of their own with each search (?q=, ?page=):
// one file each, as fast as they ask, until the sweep hours later.  The
// files are bounded whatever is asked (seen failing before the fix: a
// file for each of the 80 searches).
test('plain CGI keeps a bounded number of page files, however many pages are asked for', async () => {
  const firm = await ownFirm('memofill');
  const cookie = firm.admin.cookieHeader();
  // Only caches: counted from none.
  for (const f of memoFiles()) fs.rmSync(path.join(TMP, f));
  for (let i = 0; i < 80; i++) cgiMatters(cookie, `/matters?q=fill${i}`);
  const n = memoFiles().length;
  assert.ok(n <= 64, `${n} page files`);
  // Still kept, and each search its own page.
  const a = cgiMatters(cookie, '/matters?q=again');
  assert.equal(cgiMatters(cookie, '/matters?q=again'), a);
  assert.match(a, /value="again"/);
  assert.match(cgiMatters(cookie, '/matters?q=other'), /value="other"/);
});
