// The per-account count of failed sign-ins (over all addresses) counts
// within a window of an hour, so one stranger, held to a few guesses an
// hour by the per-address pause, can never add up to the account's limit
// and lock the owner out; a crowd inside the hour still can.  Firm users
// and clients alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddrClient, unique, newUser, newClient } from './signin-lib.mjs';
import { csrfOf, sql } from './helpers.mjs';

const LIMIT = 50;
const sides = {
  user: { make: (e) => newUser(e), table: 'users', key: 'id', page: '/login', action: '/login' },
  client: { make: (e) => newClient(e), table: 'client_accounts', key: 'contact_id',
    page: '/portal/login?firm=demo', action: '/portal/login?firm=demo' },
};

async function attempt(side, email, password, from) {
  const c = new AddrClient(from);
  const page = await c.get(side.page);
  return c.post(side.action, { csrf: csrfOf(page.text), email, password });
}

for (const [name, side] of Object.entries(sides)) {
  test(`${name}: failures older than the window no longer count towards the account's pause`, async () => {
    const email = `${unique(`window-${name}`)}@signin.test`;
    const id = side.make(email);
    const count = () => sql(`SELECT CONCAT(failed_logins, ':', locked_until IS NOT NULL) FROM ${side.table} WHERE ${side.key} = ${id}`);
    // A slow stranger's failures, spread over the last hours: one short of the limit.
    sql(`UPDATE ${side.table} SET failed_logins = ${LIMIT - 1}, failed_since = NOW(6) - INTERVAL 2 HOUR
         WHERE ${side.key} = ${id}`);
    await attempt(side, email, 'a wrong password', '127.0.0.3');
    assert.equal(count(), '1:0', 'the old failures are forgotten: a new window starts');
    const ok = await attempt(side, email, 'demo-member-pass', '127.0.0.4');
    assert.equal(ok.status, 303, 'the owner signs in');
  });

  test(`${name}: a crowd of failures inside the window still pauses the account`, async () => {
    const email = `${unique(`crowd-${name}`)}@signin.test`;
    const id = side.make(email);
    sql(`UPDATE ${side.table} SET failed_logins = ${LIMIT - 1}, failed_since = NOW(6) - INTERVAL 10 MINUTE
         WHERE ${side.key} = ${id}`);
    await attempt(side, email, 'a wrong password', '127.0.0.5');
    assert.equal(sql(`SELECT locked_until IS NOT NULL FROM ${side.table} WHERE ${side.key} = ${id}`), '1', 'paused');
    const owner = await attempt(side, email, 'demo-member-pass', '127.0.0.6');
    assert.equal(owner.status, 200, 'paused for everyone, the owner too, for a while');
  });
}
