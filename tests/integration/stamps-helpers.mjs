// Helpers of the tests of the kept pages (attack-stamps-*.test.mjs): SQL
// run in the background while pages are read, and a client signed in to
// a firm's portal.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { Client, csrfOf, VAR } from './helpers.mjs';

// Runs text in one mariadb session, in the background: { done, running }.
export function sqlInBackground(text) {
  const user = process.env.USER === undefined ? 'root' : execFileSync('id', ['-un']).toString().trim();
  const p = spawn('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', user, '-N', '-B', 'vellum'],
    { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  p.stderr.on('data', (d) => { err += d; });
  const done = new Promise((resolve, reject) => p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mariadb: ${code} ${err}`)))));
  p.stdin.end(text);
  return { done, running: () => p.exitCode === null };
}

// A client of firm signed in to its portal with email and password.
export async function clientIn(firm, email, password) {
  const c = new Client();
  const page = await c.get(`/portal/login?firm=${firm.slug}`);
  const res = await c.post(`/portal/login?firm=${firm.slug}`, { csrf: csrfOf(page.text), email, password });
  assert.equal(res.status, 303, `${email} signs in`);
  return c;
}
