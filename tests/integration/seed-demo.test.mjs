// vellumctl seed-demo: the demo firm's users have published passwords, so
// it runs only on a development stack (development = 1, as bin/stack
// writes) or when forced, and otherwise says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR } from './helpers.mjs';

function seed(confText, args = []) {
  const dir = fs.mkdtempSync(path.join(VAR, 'seed-'));
  const conf = path.join(dir, 'vellum.conf');
  fs.writeFileSync(conf, confText, { mode: 0o600 });
  return spawnSync(path.join(ROOT, 'build/bin/vellumctl'), ['seed-demo', ...args],
    { env: { ...process.env, VELLUM_CONF: conf }, encoding: 'utf8', timeout: 30000 });
}

const stackConf = fs.readFileSync(process.env.VELLUM_CONF, 'utf8');
const production = stackConf.split('\n').filter((l) => !/^development =/.test(l)).join('\n');

test('outside a development stack seed-demo refuses, says why, and seeds nothing', () => {
  const r = seed(production);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /refused: this is not a development stack/);
  assert.match(r.stderr, /published passwords/);
  assert.match(r.stderr, /--force/);
  assert.equal(r.stdout, '');
  const off = seed(`${production}\ndevelopment = 0\n`);
  assert.equal(off.status, 1);
  const odd = seed(production, ['--forse']);
  assert.equal(odd.status, 1);
});

test('forced, or on a development stack, it runs (the demo firm is there already: nothing to do)', () => {
  const forced = seed(production, ['--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /demo firm present/);
  const dev = seed(stackConf);
  assert.equal(dev.status, 0, dev.stderr);
  assert.match(dev.stdout, /demo firm present/);
});
