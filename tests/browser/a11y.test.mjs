// Accessibility of every page, in headless Chromium: axe-core on each GET
// page of cgi-bin/routes.list (a11y-pages.mjs) as the demo admin, a member,
// a client of the demo firm and someone signed out see it, signed in
// through the forms, plus the pages that answer a form; zero serious or
// critical violations.  On each page the keyboard alone reaches every
// visible control, and each shows a focus style.  The client's pages and
// the client's sign-in pages again at 390 px wide: no sideways scroll,
// tables that fit or scroll in their own box, tap targets of a fair size;
// the firm's pages at 390 px too (no sideways scroll, tables in a box).
// The counts go to test-output/a11y-report.txt (and the TAP output).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, ROOT, OUT, VAR, Client, until } from '../integration/helpers.mjs';
import { pagesOf, PAGES, FORM_RESULTS } from './a11y-pages.mjs';
import { launch, fixture, signIn, axe, describeViolations, keyboardWalk, mobileCheck, SHOTS } from './a11y-lib.mjs';

const REPORT = path.join(OUT, 'a11y-report.txt');
const say = (line) => { fs.appendFileSync(REPORT, line + '\n'); console.log(line); };
let fx;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(REPORT, '');
  fx = await fixture();
});

function fill(url) {
  return url.replace(/\{([A-Za-z0-9]+)\}/g, (_, k) => encodeURIComponent(String(fx[k])));
}

// A field's value with its {slots} filled as typed (not URL-encoded).
function typed(text) {
  return text.replace(/\{([A-Za-z0-9]+)\}/g, (_, k) => String(fx[k]));
}

// Writes the report (the counts, then every failure) and fails with the list.
function settle(failures) {
  for (const f of failures) fs.appendFileSync(REPORT, `FAIL ${f}\n`);
  assert.equal(failures.length, 0, `${failures.length} accessibility failures:\n${failures.join('\n')}`);
}

const counts = (c) => `critical ${c.critical} serious ${c.serious} moderate ${c.moderate} minor ${c.minor}`;

test('the page list has a sample for every GET route and says which one it lacks', () => {
  const any = new Proxy({}, { get: () => '12' });
  const pages = pagesOf(ROOT, any);
  assert.ok(pages.length > 30, `${pages.length} sample pages`);
  const list = fs.readFileSync(path.join(ROOT, 'cgi-bin/routes.list'), 'utf8');
  // A route added without a sample page fails by name.
  const more = `${list}widgets_list\tfirm\tform\t-\tany\t~ ^/matters/[0-9]+/widgets$\n`;
  assert.throws(() => pagesOf(ROOT, any, PAGES, more), /"~ \^\/matters\/\[0-9\]\+\/widgets\$" \(widgets_list\) has no sample/);
  // A sample that reaches another route than its own, or lacks a value.
  assert.throws(() => pagesOf(ROOT, any, { ...PAGES, '= /matters': [{ as: 'firm', url: '/contacts' }] }),
    /sample \/contacts reaches "= \/contacts", not "= \/matters"/);
  assert.throws(() => pagesOf(ROOT, {}, PAGES), /no value for \{mid\}/);
});

test('the checks notice what they look for', async () => {
  // A page with each fault once: a control the keyboard cannot reach, one
  // without a focus style, a control too small to tap, a table wider than
  // the screen outside a box of its own, and text poor in contrast.
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Faults</title>
      <style>#bare:focus { outline: none; } .pale { color: #bbb; }</style></head><body><main><h1>Faults</h1>
      <button id="ok">Fine</button> <button id="skipped" tabindex="-1">Skipped</button>
      <button id="bare">Bare</button> <p class="pale">Pale text</p>
      <table><tr><td>${'wide '.repeat(20).replace(/ /g, '&nbsp;')}</td></tr></table></main></body></html>`);
    const walk = await keyboardWalk(page);
    assert.deepEqual(walk.missing, ['button#skipped "Skipped"']);
    // Without the stylesheet's ring only the browser's own thin one is
    // left, which the check does not take for a visible focus style.
    assert.deepEqual(walk.unstyled.map((u) => u.split(' ')[0]), ['button#ok', 'button#bare']);
    const problems = await mobileCheck(page, 390);
    assert.ok(problems.some((p) => /scrolls sideways/.test(p)), problems.join('; '));
    assert.ok(problems.some((p) => /table wider than the screen/.test(p)), problems.join('; '));
    assert.ok(problems.some((p) => /control too small: button "Fine"/.test(p)), problems.join('; '));
    const { violations } = await axe(page);
    assert.ok(describeViolations(violations).some((v) => v.startsWith('serious color-contrast')));
  } finally {
    await browser.close();
  }
});

test('every page: no serious or critical axe violation; keyboard reaches every control, focus shows', async () => {
  const t0 = Date.now();
  const pages = pagesOf(ROOT, fx);
  const browser = await launch();
  const failures = [];
  const total = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const check = async (page, as, label, status) => {
    // The walk first: it opens the disclosures, so axe sees their contents.
    const walk = await keyboardWalk(page);
    const { violations, counts: c } = await axe(page);
    for (const k of Object.keys(total)) total[k] += c[k];
    const rest = violations.map((v) => `${v.id}×${v.nodes.length}`).join(' ');
    say(`${as.padEnd(6)} ${String(status).padEnd(3)} ${label}: ${counts(c)}${rest ? ` (${rest})` : ''}; ${walk.reached} tab stops`);
    for (const v of describeViolations(violations)) failures.push(`${as} ${label}: ${v}`);
    // Moderate in axe's scale, but a page without its <h1> has no title to
    // land on: every page has one.
    for (const v of violations.filter((x) => x.id === 'page-has-heading-one')) failures.push(`${as} ${label}: ${v.help}`);
    for (const m of walk.missing) failures.push(`${as} ${label}: not reached by Tab: ${m}`);
    for (const u of walk.unstyled) failures.push(`${as} ${label}: no visible focus style: ${u}`);
  };
  try {
    for (const as of ['public', 'admin', 'member', 'client']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page, as, fx);
      for (const p of pages.filter((x) => x.as === as)) {
        const res = await page.goto(BASE + p.url);
        const label = `${p.url}${p.note ? ` (${p.note})` : ''}`;
        if (res.status() !== p.status) failures.push(`${as} ${p.url}: status ${res.status()}, not ${p.status}`);
        const landed = new URL(page.url()).pathname;
        if (landed !== (p.lands || p.url.split('?')[0])) failures.push(`${as} ${p.url}: landed on ${landed}`);
        await check(page, as, label, res.status());
      }
      for (const f of FORM_RESULTS.filter((x) => x.as === as)) {
        {
          await page.goto(BASE + fill(f.url));
          for (const [field, value] of Object.entries(f.fill)) await (field.startsWith('#') ? page.locator(field) : page.getByLabel(field, { exact: true })).fill(typed(value));
          for (const box of f.check || []) await page.getByLabel(box, { exact: true }).check();
          await page.getByRole('button', { name: f.button, exact: true }).click();
          // The answer is a new page: wait for what it shows, not for the
          // old page's load state, which holds already.
          await page.locator('main', { hasText: f.expect }).waitFor({ timeout: 15000 })
            .catch(() => {});
          await page.waitForLoadState('load');
          assert.match(await page.locator('main').innerText(), f.expect, f.note);
          await check(page, as, `${f.url} answered (${f.note})`, '-');
        }
      }
      assert.deepEqual(errors, [], `${as}: no script errors`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  say(`axe over ${pages.length + FORM_RESULTS.length} pages: ${counts(total)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  settle(failures);
});

test('client pages at 390 px wide: no sideways scroll, tables in their own box, fair tap targets', async () => {
  const t0 = Date.now();
  const pages = pagesOf(ROOT, fx).filter((p) => p.as === 'client' || (p.as === 'public' && p.url.startsWith('/portal')));
  const browser = await launch();
  const failures = [];
  try {
    for (const as of ['public', 'client']) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signIn(page, as, fx);
      for (const p of pages.filter((x) => x.as === as)) {
        await page.goto(BASE + p.url);
        const problems = await mobileCheck(page, 390);
        const { violations } = await axe(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        say(`390px  ${as.padEnd(6)} ${p.url}: scroll width ${width}, ${problems.length} layout problems`);
        for (const m of problems) failures.push(`${as} ${p.url}: ${m}`);
        for (const v of describeViolations(violations)) failures.push(`${as} ${p.url} (390 px): ${v}`);
      }
      if (as === 'client') {
        await page.goto(`${BASE}/portal/matters/${fx.mid}`);
        await page.screenshot({ path: path.join(SHOTS, 'a11y-390-messages.png'), fullPage: true });
        await page.goto(`${BASE}/portal/matters/${fx.mid}?view=shared`);
        await page.screenshot({ path: path.join(SHOTS, 'a11y-390-shared.png'), fullPage: true });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  say(`390 px over ${pages.length} client pages (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  settle(failures);
});

test("the firm's pages at 390 px wide: no sideways scroll, tables scroll in their own box", async () => {
  // A lawyer reads these on a phone too.  Tap-target sizes are the client
  // pages' rule (above); here the layout must hold.
  const t0 = Date.now();
  const pages = pagesOf(ROOT, fx).filter((p) => p.as === 'admin' || p.as === 'member');
  const browser = await launch();
  const failures = [];
  try {
    for (const as of ['admin', 'member']) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signIn(page, as, fx);
      for (const p of pages.filter((x) => x.as === as)) {
        await page.goto(BASE + p.url);
        const problems = (await mobileCheck(page, 390)).filter((m) => /scrolls sideways|table wider/.test(m));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        say(`390px  ${as.padEnd(6)} ${p.url}: scroll width ${width}, ${problems.length} layout problems`);
        for (const m of problems) failures.push(`${as} ${p.url}: ${m}`);
      }
      if (as === 'admin') {
        for (const [url, shot] of [['/users', 'users'], [`/matters/${fx.mid}/activities`, 'activities'], ['/audit', 'audit']]) {
          await page.goto(BASE + url);
          await page.screenshot({ path: path.join(SHOTS, `a11y-390-firm-${shot}.png`), fullPage: true });
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  say(`390 px over ${pages.length} firm pages (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  settle(failures);
});

test("nginx's own error pages (nginx/html/) pass axe and the keyboard walk", async () => {
  const dir = path.join(ROOT, 'nginx/html');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  assert.ok(files.length >= 5, files.join(' '));
  const browser = await launch();
  const failures = [];
  try {
    const page = await browser.newPage();
    // nginx's 404 through nginx itself; each page's text then drawn at this
    // site's address, so that its stylesheet loads as it does when served.
    for (const f of files) {
      const res = await page.goto(BASE + '/no/such/page');
      assert.equal(res.status(), 404);
      assert.match(await page.title(), /Not found/);
      if (f !== '404.html') await page.setContent(fs.readFileSync(path.join(dir, f), 'utf8'), { waitUntil: 'load' });
      const walk = await keyboardWalk(page);
      const { violations, counts: c } = await axe(page);
      say(`nginx  ${f}: ${counts(c)}; ${walk.reached} tab stops`);
      for (const v of describeViolations(violations)) failures.push(`nginx ${f}: ${v}`);
      for (const m of walk.missing) failures.push(`nginx ${f}: not reached by Tab: ${m}`);
      for (const u of walk.unstyled) failures.push(`nginx ${f}: no visible focus style: ${u}`);
    }
  } finally {
    await browser.close();
  }
  settle(failures);
});

test('the built-in error page, sent when error.tpl itself is broken, passes axe too', async () => {
  const site = path.join(process.env.VL_SITE_TEMPLATES || path.join(VAR, 'site-templates'), 'error.tpl');
  fs.mkdirSync(path.dirname(site), { recursive: true });
  fs.writeFileSync(site, '{{%AUTOESCAPE context="HTML"}}{{#NEVER_CLOSED}}\n');
  let body;
  try {
    // A POST without a form token is refused with the error page.
    body = await until(async () => {
      const res = await new Client().post('/login', { email: 'x@y.test', password: 'x' });
      return res.status === 403 && !res.text.includes('vellum.css') && res.text;
    }, 'the built-in error page');
  } finally {
    fs.rmSync(site, { force: true });
  }
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setContent(body);
    const { violations, counts: c } = await axe(page);
    say(`built-in error page: ${counts(c)}`);
    assert.deepEqual(violations.map((v) => `${v.impact} ${v.id}`), []);
  } finally {
    await browser.close();
  }
  await until(async () => (await new Client().post('/login', {})).text.includes('vellum.css'), 'error.tpl back');
});
