// A firm's first day, in headless Chromium, from an empty install: a stack
// of its own (bin/stack with VL_NO_DEMO=1 under the test stack's var
// directory, on free ports, stopped by pid at the end) whose database holds
// no firm.  The admin sets up the firm with the setup code, uploads a logo,
// invites a colleague (the mail arrives in that stack's sink; the colleague
// joins), creates a contact with two addresses and a matter for it, opens
// the portal and sends a message; the client accepts the invitation, turns
// on two-factor sign-in (the code computed here from the secret the page
// shows), signs out and signs in again with a code.  On the way, the setup
// page (shown only before a firm exists) passes axe and the keyboard walk,
// blank and after a refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, VAR, sleep } from '../integration/helpers.mjs';
import { png } from '../integration/workspace-helpers.mjs';
import { launch, axe, describeViolations, keyboardWalk, mobileCheck, totp, SHOTS } from './a11y-lib.mjs';

const R = Date.now().toString(36);
const HERE = path.join(VAR, 'first-day');
let ports, env, base, mailweb, browser;

// A port nobody listens on now (the kernel's pick), on 127.0.0.1.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const stack = (cmd) => execFileSync(path.join(ROOT, 'bin/stack'), [cmd], { env, encoding: 'utf8', timeout: 180000,
  stdio: ['ignore', 'pipe', 'pipe'] });

before(async () => {
  ports = [];
  for (let i = 0; ports.length < 3 && i < 20; i++) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  assert.equal(ports.length, 3, 'three free ports');
  fs.rmSync(HERE, { recursive: true, force: true });
  env = { ...process.env, VL_VAR: HERE, VL_HTTP_PORT: String(ports[0]), VL_SMTP_PORT: String(ports[1]),
    VL_MAILWEB_PORT: String(ports[2]), VL_NO_DEMO: '1', VL_PROCS: '1', VELLUM_CONF: path.join(HERE, 'vellum.conf') };
  delete env.VL_SITE_TEMPLATES;
  base = `http://127.0.0.1:${ports[0]}`;
  mailweb = `http://127.0.0.1:${ports[2]}`;
  stack('start');
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (env) stack('stop');
  fs.rmSync(HERE, { recursive: true, force: true });
});

// The first mail to address in this stack's sink (bounded wait).
async function mailTo(address, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    const all = await (await fetch(`${mailweb}/email`)).json();
    const m = all.find((x) => x.to.some((t) => t.address === address));
    if (m) return m;
    await sleep(200);
  }
  throw new Error(`no mail for ${address} within ${seconds}s`);
}

// axe and the keyboard walk on the page as it stands.
async function accessible(page, what) {
  const walk = await keyboardWalk(page);
  const { violations } = await axe(page);
  assert.deepEqual(describeViolations(violations), [], `${what}: axe`);
  assert.deepEqual(walk.missing, [], `${what}: reached by Tab`);
  assert.deepEqual(walk.unstyled, [], `${what}: focus shows`);
}

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`), fullPage: true });
const main = (page) => page.locator('main');
const click = (page, name) => page.getByRole('button', { name, exact: true }).click();

test('from an empty install to a client signed in with a code', async () => {
  const t0 = Date.now();
  fs.mkdirSync(SHOTS, { recursive: true });
  const code = execFileSync(path.join(ROOT, 'build/bin/vellumctl'), ['setup-code'], { env, encoding: 'utf8' })
    .match(/[A-Z0-9]{5}(-[A-Z0-9]{5}){3}/)[0];
  const slug = `first-${R}`, adminEmail = `fiona@${slug}.test`, adminPw = 'first admin password';
  const admin = await (await browser.newContext()).newPage();

  // The start page leads to the setup form; a wrong code is refused with
  // what was typed kept and the field marked.
  await admin.goto(base + '/');
  assert.equal(new URL(admin.url()).pathname, '/setup');
  await accessible(admin, 'setup form');
  assert.deepEqual((await mobileCheck(admin, 1280)).filter((m) => /sideways/.test(m)), []);
  const fill = async (page, fields) => {
    for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  };
  const firmFields = { 'Firm name': `First Day ${R} LLP`, 'Short name for links': slug, 'Time zone': 'Europe/London',
    'Your name': 'Fiona First', Email: adminEmail, Password: adminPw, 'Repeat the password': adminPw };
  await fill(admin, { 'Setup code': 'AAAAA-AAAAA-AAAAA-AAAAA', ...firmFields });
  await click(admin, 'Create the firm');
  await main(admin).getByText('This setup code is wrong').waitFor();
  assert.equal(await admin.getByLabel('Setup code').getAttribute('aria-invalid'), 'true');
  assert.equal(await admin.getByLabel('Firm name').inputValue(), `First Day ${R} LLP`);
  await accessible(admin, 'setup form refused');
  await shot(admin, '01-setup-refused');
  await fill(admin, { 'Setup code': code, Password: adminPw, 'Repeat the password': adminPw });
  await click(admin, 'Create the firm');
  await admin.waitForURL(/\/settings\?notice=setup$/);

  // The logo, shown on the settings page and in the header.
  await admin.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(2, 2) });
  await click(admin, 'Upload logo');
  await admin.waitForURL(/\/settings\?notice=logo$/);
  const logo = await admin.locator('header img.logo').getAttribute('src');
  assert.match(logo, /^\/logos\/[0-9]+/);
  assert.equal((await fetch(base + logo)).headers.get('content-type'), 'image/png');
  await shot(admin, '02-logo');

  // A colleague, invited by email, joins.
  const colleague = `colin@${slug}.test`;
  await admin.goto(base + '/users/invite');
  await fill(admin, { 'Their email': colleague });
  await click(admin, 'Send invitation');
  await admin.waitForURL(/\/users\?notice=invited$/);
  const join = (await mailTo(colleague)).text.match(/http:\/\/\S+\/join\?token=[A-Za-z0-9_-]{43}/)[0];
  const colin = await (await browser.newContext()).newPage();
  await colin.goto(join);
  await fill(colin, { 'Your name': 'Colin Colleague', Password: 'colleague password 1', 'Repeat the password': 'colleague password 1' });
  await click(colin, 'Join and sign in');
  await colin.waitForURL((u) => !u.pathname.startsWith('/join'));
  await admin.goto(base + '/users');
  assert.match(await main(admin).innerText(), /Colin Colleague/);

  // A contact with two addresses, and a matter for it.
  const carla = `carla@client-${slug}.test`, carlaWork = `carla.work@client-${slug}.test`;
  await admin.goto(base + '/contacts/new');
  await fill(admin, { Name: `Carla Client ${R}`, 'Email addresses, one a line (the first is primary)': `${carla}\n${carlaWork}` });
  await click(admin, 'Create contact');
  await admin.waitForURL(/\/contacts\/[0-9]+\?notice=/);
  const contactText = await main(admin).innerText();
  assert.ok(contactText.includes(carla) && contactText.includes(carlaWork), 'both addresses shown');
  await admin.goto(base + '/matters/new');
  await fill(admin, { Description: 'Purchase of the mill' });
  await admin.getByLabel('Client', { exact: true }).selectOption({ label: `Carla Client ${R}` });
  await admin.getByLabel('Responsible', { exact: true }).selectOption({ label: 'Fiona First' });
  await click(admin, 'Create matter');
  await admin.waitForURL(/\/matters\/[0-9]+\?notice=created$/);
  const mid = new URL(admin.url()).pathname.split('/')[2];

  // The portal opened, a message sent.
  await admin.goto(`${base}/matters/${mid}/portal`);
  await click(admin, 'Go to client portal');
  await admin.getByLabel('Message', { exact: true }).waitFor();
  await admin.getByLabel('Message', { exact: true }).fill('Welcome, Carla. The draft contract follows.');
  await click(admin, 'Send');
  await main(admin).getByText('Welcome, Carla.').first().waitFor();
  await shot(admin, '03-portal');

  // The client accepts the invitation sent to the primary address.
  const invite = (await mailTo(carla)).text.match(/http:\/\/\S+\/portal\/invite\?token=[A-Za-z0-9_-]{43}/)[0];
  const client = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  const clientPw = 'carla portal password';
  await client.goto(invite);
  await fill(client, { Password: clientPw, 'Repeat the password': clientPw });
  await click(client, 'Set password and sign in');
  await client.waitForURL((u) => u.pathname.startsWith('/portal') && !u.pathname.startsWith('/portal/invite'));
  await main(client).getByText('Welcome, Carla.').first().waitFor();

  // Two-factor sign-in turned on with a code from the page's secret.
  await client.goto(base + '/portal/account');
  await click(client, 'Set up two-factor sign-in');
  const secret = (await client.locator('#secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]+$/);
  const enrolled = Date.now() / 1000;
  await client.getByLabel('6-digit code', { exact: true }).fill(totp(secret, enrolled));
  await click(client, 'Turn on two-factor sign-in');
  await main(client).getByText('Your recovery codes').waitFor();
  await shot(client, '04-recovery-codes');

  // Signed out, then in again: the password, then a code (the next
  // window's: the one just used is refused within its window).
  await click(client, 'Sign out');
  await client.waitForURL(/\/portal\/login/);
  await client.goto(`${base}/portal/login?firm=${slug}`);
  await fill(client, { Email: carla, Password: clientPw });
  await click(client, 'Sign in');
  await client.waitForURL(/\/portal\/login\/code/);
  await accessible(client, 'the code step');
  await client.getByLabel('6-digit code', { exact: true }).fill(totp(secret, enrolled + 30));
  await click(client, 'Sign in');
  await client.waitForURL((u) => u.pathname.startsWith('/portal') && !u.pathname.startsWith('/portal/login'));
  await main(client).getByText('Welcome, Carla.').first().waitFor();
  assert.deepEqual(await mobileCheck(client, 390), []);
  await shot(client, '05-signed-in-with-code');
  console.log(`journey: ${((Date.now() - t0) / 1000).toFixed(1)} s after the stack started`);
});
