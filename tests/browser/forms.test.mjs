// Intake forms in headless Chromium: the firm builds a form (a required
// line that fills the client's name, a choice, a file upload), orders it by
// dragging and with the Up button, shares it from the matter's Forms tab;
// the client finds it in the portal's Forms tab, saves a draft, is told
// which answer is missing, fills it in with a file and sends it; the firm
// reads the submission and opens the uploaded file.  Screenshots go to
// test-output/browser/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, OUT, sql, clientOnMatter, until } from '../integration/helpers.mjs';
import { launch } from './a11y-lib.mjs';

const shots = path.join(OUT, 'browser');
const shot = (page, name) => page.screenshot({ path: path.join(shots, name), fullPage: true });
const R = Date.now().toString(36);

test('the firm builds and shares a form; the client fills it with a file and sends it; the firm reads it', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const files = path.join(OUT, 'browser-files');
  fs.mkdirSync(files, { recursive: true });
  fs.writeFileSync(path.join(files, `receipt-${R}.txt`), `The receipt ${R}.\n`);
  const password = `form client password ${R}`;
  const email = `forms-${R}@client.test`;
  const { mid, contact } = await clientOnMatter({ name: `Gil ${R}`, email, number: `FB-${R}`, password });
  const browser = await launch();
  try {
    const firm = await (await browser.newContext()).newPage();
    const errors = [];
    firm.on('pageerror', (e) => errors.push(e.message));
    await firm.goto(BASE + '/login');
    await firm.getByLabel('Email').fill('admin@demo.test');
    await firm.getByLabel('Password').fill('demo-admin-pass');
    await firm.getByRole('button', { name: 'Sign in' }).click();
    await firm.waitForURL(BASE + '/matters');

    // The builder.
    await firm.getByRole('link', { name: 'Forms', exact: true }).click();
    await firm.getByRole('link', { name: 'New form', exact: true }).click();
    await firm.getByLabel('Name').fill(`Claim ${R}`);
    await firm.getByRole('button', { name: 'Create form' }).click();
    await firm.waitForURL(/notice=created/);
    const add = async (kind, label, { required = false, options = '', maps = '' } = {}) => {
      await firm.getByLabel('Type').selectOption(kind);
      await firm.getByLabel('Label').fill(label);
      await firm.getByLabel('Options, one a line (choices only)').fill(options);
      await firm.getByLabel('Required').setChecked(required);
      await firm.getByLabel('On submission, fill').selectOption(maps);
      await firm.getByRole('button', { name: 'Add field' }).click();
      await firm.locator('li.form-field', { hasText: label }).waitFor();
    };
    await add('choice', 'How did you hear of us', { options: 'A friend\nThe web' });
    await add('text', 'Your full name', { required: true, maps: 'contact_name' });
    await add('file', 'The receipt', { required: true });
    // The name first: up once with the button (no script needed) ...
    const fid = sql(`SELECT id FROM forms WHERE name = 'Claim ${R}'`);
    const labels = () => sql(`SELECT GROUP_CONCAT(label ORDER BY position SEPARATOR '|') FROM form_fields WHERE form_id = ${fid}`);
    await firm.getByRole('button', { name: 'Move Your full name up' }).click();
    await until(() => labels() === 'Your full name|How did you hear of us|The receipt', 'moved up');
    await firm.locator('li.form-field').first().filter({ hasText: 'Your full name' }).waitFor();
    // ... and the receipt above the question by dragging.
    await firm.locator('li.form-field', { hasText: 'The receipt' })
      .dragTo(firm.locator('li.form-field', { hasText: 'How did you hear of us' }), { targetPosition: { x: 20, y: 5 } });
    await until(() => labels() === 'Your full name|The receipt|How did you hear of us', 'dragged');
    await firm.locator('li.form-field').nth(1).filter({ hasText: 'The receipt' }).waitFor();
    await shot(firm, '60-form-builder.png');

    // Shared from the matter's Forms tab.
    await firm.goto(`${BASE}/matters/${mid}/forms`);
    await firm.getByLabel('Form', { exact: true }).selectOption({ label: `Claim ${R}` });
    await firm.getByRole('button', { name: 'Share via client portal' }).click();
    await firm.waitForURL(/notice=shared/);
    assert.match(await firm.locator('.notice').innerText(), /shared with the client/);

    // The client.
    const client = await (await browser.newContext()).newPage();
    client.on('pageerror', (e) => errors.push(e.message));
    await client.goto(BASE + '/portal/login?firm=demo');
    await client.getByLabel('Email').fill(email);
    await client.getByLabel('Password').fill(password);
    await client.getByRole('button', { name: 'Sign in' }).click();
    await client.goto(`${BASE}/portal/matters/${mid}`);
    await client.getByRole('link', { name: 'Forms', exact: true }).click();
    await client.getByRole('link', { name: `Claim ${R}` }).click();
    await client.getByLabel('The web').check();
    await client.getByRole('button', { name: 'Save draft' }).click();
    await client.waitForURL(/notice=saved/);
    assert.ok(await client.getByLabel('The web').isChecked(), 'the draft keeps the choice');
    // Sent without the name: said next to it, what was chosen kept.
    await client.getByRole('button', { name: 'Send to my law firm' }).click();
    assert.match(await client.locator('#form-error').innerText(), /Some answers need your attention/);
    const name = client.getByLabel('Your full name');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match(await client.locator('.form-answer.bad').first().innerText(), /This question needs an answer\./);
    assert.ok(await client.getByLabel('The web').isChecked());
    await shot(client, '61-client-form-refused.png');
    await name.fill(`Gil Gardner ${R}`);
    await client.getByLabel('The receipt').setInputFiles(path.join(files, `receipt-${R}.txt`));
    await client.getByRole('button', { name: 'Send to my law firm' }).click();
    await client.waitForURL(/notice=submitted/);
    assert.match(await client.locator('.notice').innerText(), /sent to your law firm/);
    await shot(client, '62-client-forms-sent.png');

    // The firm reads it, and the mapped name changed.
    await firm.goto(`${BASE}/matters/${mid}/forms`);
    await firm.getByRole('link', { name: `Read the answers to Claim ${R}` }).click();
    const answers = await firm.locator('dl.answers').innerText();
    assert.match(answers, new RegExp(`Your full name\\s+Gil Gardner ${R}`));
    assert.match(answers, /How did you hear of us\s+The web/);
    assert.match(await firm.locator('main').innerText(), new RegExp(`Gil ${R}\\s+Gil Gardner ${R}`));
    await shot(firm, '63-form-submission.png');
    const [download] = await Promise.all([firm.waitForEvent('download'),
      firm.getByRole('link', { name: `receipt-${R}.txt` }).click()]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), `The receipt ${R}.\n`);
    assert.equal(sql(`SELECT name FROM contacts WHERE id = ${contact}`), `Gil Gardner ${R}`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
