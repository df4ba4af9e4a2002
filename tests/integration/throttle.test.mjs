// nginx's rate limit on sign-in and reset (runs last: it fills the zone).
// The test stack allows 6000 requests a minute with a burst of 1000, so
// other tests are never throttled; production uses 10 a minute, burst 5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sleep, until } from './helpers.mjs';

test('a flood of reset requests from one address is cut off with 429', async () => {
  const c = new Client();
  const burst = Number(process.env.VL_AUTH_BURST || 1000);
  // Many at once, so the flood outruns the allowed rate however slow the machine.
  let sent = 0, ok = 0, limited = 0;
  while (!limited && sent < burst * 2) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => c.get('/forgot')));
    sent += batch.length;
    for (const res of batch) {
      if (res.status === 429) limited++;
      else { assert.equal(res.status, 200); ok++; }
    }
  }
  assert.ok(limited > 0, `the limit was reached (${sent} sent)`);
  assert.ok(ok >= burst / 2, `not before the burst (${ok} served)`);
  // Pages that are not sign-in or reset are not limited.
  assert.equal((await c.get('/static/vellum.css')).status, 200);
  assert.equal((await c.get('/matters')).status, 303);
  // nginx's bucket drains with time: the page comes back within seconds.
  await until(async () => (await c.get('/forgot')).status === 200, 'the limit lets up again', 10);
});
