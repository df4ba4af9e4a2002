// Pages kept whole (lib/pagememo.c): a page is sent as kept only when the
// calls that built its dictionary, values and all, and its templates'
// files are the same.  Each user gets their own page however the views
// alternate; an edited template (the page's own or an include) shows
// within the second ctemplate takes to see it; under plain CGI the page
// kept in a file is used only under its own key, and swept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, VAR, cgiMatters, csrfOf, sleep } from './helpers.mjs';
import { ownFirm, colleague, R, vellumctl } from './workspace-helpers.mjs';

const SITE = process.env.VL_SITE_TEMPLATES || path.join(VAR, 'site-templates');
const DEFAULTS = process.env.VL_TEMPLATES || path.join(ROOT, 'templates');
const TMP = path.join(VAR, 'tmp');
const memoFiles = () => fs.readdirSync(TMP).filter((f) => /^page-memo-[0-9a-f]{2}$/.test(f));
// Each kept page's file and its inode (a page kept is a new file renamed
// into place, maybe into a slot an earlier page had).
const memoInodes = () => new Map(memoFiles().map((f) => [f, fs.statSync(path.join(TMP, f)).ino]));

// The page a signed-in client gets, waited for (bounded) until it matches re.
async function until(client, url, re, present) {
  let text = '';
  for (let i = 0; i < 50; i++) {
    text = (await client.get(url)).text;
    if (re.test(text) === present) return text;
    await sleep(100);
  }
  throw new Error(`${url}: ${re} ${present ? 'never appeared' : 'never went away'}`);
}

test('each user gets their own kept page, however the views alternate', async () => {
  const firm = await ownFirm('memo');
  const mate = await colleague(firm, 'mate', 'member');
  let adminCsrf = null, mateCsrf = null;
  const check = (who, page) => {
    assert.equal(page.status, 200);
    if (who === 'a') {
      assert.match(page.text, /<span class="who">Boss memo<\/span>/);
      assert.match(page.text, /href="\/users"/, 'the admin has the admin pages');
      adminCsrf ??= csrfOf(page.text);
      assert.equal(csrfOf(page.text), adminCsrf);
    } else {
      assert.match(page.text, new RegExp(`<span class="who">mate ${R}</span>`));
      assert.doesNotMatch(page.text, /href="\/users"/, 'a member has not');
      mateCsrf ??= csrfOf(page.text);
      assert.equal(csrfOf(page.text), mateCsrf);
    }
  };
  // Whichever of the two FastCGI processes answers, in runs of one user
  // and turn by turn, then both at once.
  for (const who of 'aabbabaabababbbaab') check(who, await (who === 'a' ? firm.admin : mate.client).get('/matters'));
  for (let i = 0; i < 8; i++) {
    const [a, b] = await Promise.all([firm.admin.get('/matters'), mate.client.get('/matters')]);
    check('a', a);
    check('b', b);
  }
  assert.notEqual(adminCsrf, mateCsrf);
});

test('an edited template shows on a kept page: the page\'s own, an include, an edit of the same size, its removal', async () => {
  const firm = await ownFirm('memotpl');
  const own = path.join(SITE, 'matters.tpl'), header = path.join(SITE, '_header.tpl');
  const ownDef = fs.readFileSync(path.join(DEFAULTS, 'matters.tpl'), 'utf8');
  const headerDef = fs.readFileSync(path.join(DEFAULTS, '_header.tpl'), 'utf8');
  // Kept first, on both processes.
  for (let i = 0; i < 4; i++) assert.doesNotMatch((await firm.admin.get('/matters')).text, /Kept copy [AB]/);
  try {
    fs.writeFileSync(own, ownDef.replace(/<h1>Matters<\/h1>/, '<h1>Kept copy A</h1>'));
    await until(firm.admin, '/matters', /<h1>Kept copy A<\/h1>/, true);
    // The same size, written again at once: another page.
    fs.writeFileSync(own, ownDef.replace(/<h1>Matters<\/h1>/, '<h1>Kept copy B</h1>'));
    await until(firm.admin, '/matters', /<h1>Kept copy B<\/h1>/, true);
    // An include the page names in its dictionary.
    fs.writeFileSync(header, headerDef.replace('<a class="skip"', '<p>Kept header</p><a class="skip"'));
    await until(firm.admin, '/matters', /<p>Kept header<\/p>/, true);
  } finally {
    fs.rmSync(own, { force: true });
    fs.rmSync(header, { force: true });
  }
  await until(firm.admin, '/matters', /Kept copy B|Kept header/, false);
  const back = await until(firm.admin, '/matters', /<h1>Matters<\/h1>/, true);
  // Both processes are back on the defaults, each within a second.
  await sleep(1100);
  for (let i = 0; i < 4; i++) assert.equal((await firm.admin.get('/matters')).text, back);
});

test('plain CGI keeps a page in a file of its own key: used under it alone, private, swept', async () => {
  const firm = await ownFirm('cgimemo');
  const mate = await colleague(firm, 'cgimate', 'member');
  const before = memoInodes();
  const first = cgiMatters(firm.admin.cookieHeader());
  const made = [...memoInodes()].filter(([f, ino]) => before.get(f) !== ino).map(([f]) => f);
  assert.equal(made.length, 1, 'the first view keeps its page');
  const file = path.join(TMP, made[0]);
  assert.equal(fs.statSync(file).mode & 0o077, 0, 'only the programs read a kept page');
  assert.equal(cgiMatters(firm.admin.cookieHeader()), first, 'the next view is the same page');
  // The kept page is what is sent (so this test reaches it) ...
  const data = fs.readFileSync(file);
  const head = data.indexOf('\n') + 1 + 32;
  fs.writeFileSync(file, Buffer.concat([data.subarray(0, head), Buffer.from('<p>planted under its key</p>')]));
  assert.match(cgiMatters(firm.admin.cookieHeader()), /planted under its key/);
  // ... but under another key, or another user's view, it is not.
  const other = Buffer.from(data.subarray(0, head));
  other[head - 1] ^= 1;
  fs.writeFileSync(file, Buffer.concat([other, Buffer.from('<p>planted under another key</p>')]));
  const real = cgiMatters(firm.admin.cookieHeader());
  assert.doesNotMatch(real, /planted/);
  assert.match(real, /<span class="who">Boss cgimemo<\/span>/);
  fs.writeFileSync(file, Buffer.concat([data.subarray(0, head), Buffer.from('<p>planted under its key</p>')]));
  const theirs = cgiMatters(mate.client.cookieHeader());
  assert.doesNotMatch(theirs, /planted|<span class="who">Boss cgimemo/);
  assert.match(theirs, new RegExp(`<span class="who">cgimate ${R}</span>`));
  // A symlink in a kept page's place is no page.
  fs.rmSync(file);
  fs.symlinkSync('/etc/hostname', file);
  assert.doesNotMatch(cgiMatters(firm.admin.cookieHeader()), /planted/);
  assert.ok(fs.lstatSync(file).isFile(), 'the page kept again replaced the link');
  // The sweep removes kept pages past its grace, and no others.
  const fresh = memoFiles();
  const old = new Date(Date.now() - 3 * 3600 * 1000);
  fs.utimesSync(file, old, old);
  const swept = vellumctl(['sweep', '--grace', '3600']);
  assert.ok(!fs.existsSync(file), 'an old kept page is swept');
  // Counted as a kept page, not as an upload's temp file.
  assert.match(swept, /, 1 kept page\(s\) removed/);
  for (const f of fresh) if (path.join(TMP, f) !== file) assert.ok(fs.existsSync(path.join(TMP, f)), `${f} stays`);
});
