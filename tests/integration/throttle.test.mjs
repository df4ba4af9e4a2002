// nginx's rate limit on sign-in and reset (runs last: it fills the zone).
// The test stack allows 6000 requests a minute with a burst of 1000, so
// other tests are never throttled; production uses 10 a minute, burst 5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sleep } from './helpers.mjs';

test('a flood of reset requests from one address is cut off with 429', async () => {
  const c = new Client();
  const burst = Number(process.env.VL_AUTH_BURST || 1000);
  let first429 = 0, res;
  for (let i = 1; i <= burst + 200 && !first429; i++) {
    res = await c.get('/forgot');
    if (res.status === 429) first429 = i;
    else assert.equal(res.status, 200);
  }
  assert.ok(first429 > 0, 'the limit was reached');
  assert.ok(first429 >= burst / 2, `not before the burst (${first429})`);
  // Pages that are not sign-in or reset are not limited.
  assert.equal((await c.get('/static/vellum.css')).status, 200);
  assert.equal((await c.get('/matters')).status, 303);
  await sleep(1500);
  assert.equal((await c.get('/forgot')).status, 200, 'the limit lets up again');
});
