// Site templates: an admin's copy of a page in the site directory wins over
// the default of the same name, shows on the next request without a
// restart, and removing it brings the default back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, VAR, ROOT, sleep } from './helpers.mjs';

const SITE = process.env.VL_SITE_TEMPLATES || path.join(VAR, 'site-templates');
const DEFAULTS = process.env.VL_TEMPLATES || path.join(ROOT, 'templates');

// Waits (bounded) until the page at url matches re or stops matching it.
async function until(url, re, present) {
  let text = '';
  for (let i = 0; i < 50; i++) {
    text = (await new Client().get(url)).text;
    if (re.test(text) === present) return text;
    await sleep(100);
  }
  throw new Error(`${url}: ${re} ${present ? 'never appeared' : 'never went away'}`);
}

test('a site template overrides the default of the same name, live, and its removal restores it', async () => {
  const def = fs.readFileSync(path.join(DEFAULTS, 'forgot.tpl'), 'utf8');
  assert.doesNotMatch((await new Client().get('/forgot')).text, /Site copy of the firm/);
  const site = path.join(SITE, 'forgot.tpl');
  fs.writeFileSync(site, def.replace(/<h1>[^<]*<\/h1>/, '<h1>Site copy of the firm</h1>'));
  try {
    assert.notEqual(fs.readFileSync(site, 'utf8'), def, 'the copy differs');
    await until('/forgot', /Site copy of the firm/, true);
    // The defaults directory was not touched.
    assert.equal(fs.readFileSync(path.join(DEFAULTS, 'forgot.tpl'), 'utf8'), def);
  } finally {
    fs.rmSync(site, { force: true });
  }
  await until('/forgot', /Site copy of the firm/, false);
});
