// Attack: the pages that check their session inside their own statement
// (the matters list's first page, the firm's and the client's Messages
// pages) answer bad input (a malformed cursor, an overlong search, text
// that is not text) with a 400 for a signed-in user; the same input with a
// revoked session, or a stranger's made-up cookie, must still be sent to
// sign in, on every process, before anything about the page is answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Client, sql, demoAdmin, clientOnMatter, pids } from './helpers.mjs';

const R = crypto.randomBytes(4).toString('hex');
const everyProcess = (prog) => 4 * pids(prog).length;
const revoke = (c, cookie) => sql(`DELETE FROM sessions WHERE token_hash = UNHEX(SHA2('${c.jar.get(cookie)}', 256))`);
const stranger = (cookie) => {
  const c = new Client();
  c.jar.set(cookie, crypto.randomBytes(32).toString('base64url'));
  return c;
};

test('bad input on a page with its session joined: 400 signed in, sign-in for a refused session', async () => {
  const { mid, client } = await clientOnMatter({ name: `Joined Err ${R}`, email: `joined.err.${R}@attack.test`,
    number: `JE-${R}`, password: 'joined error pass' });
  const firm = await demoAdmin();
  const long = 'x'.repeat(401);
  const firmPaths = [
    ['matters_list', '/matters?q=%ff%fe'],
    ['matters_list', `/matters?page=1&q=${'y'.repeat(201)}`],
    ['portal_show', `/matters/${mid}/portal?before=not-a-cursor`],
    ['portal_show', `/matters/${mid}/portal?events=1&before=99999999999999999999-1`],
    ['portal_show', `/matters/${mid}/portal?find=${long}`],
  ];
  const clientPaths = [
    ['client_home', `/portal/matters/${mid}?before=not-a-cursor`],
    ['client_home', `/portal/matters/${mid}?before=%00`],
  ];
  for (const [, p] of firmPaths) assert.equal((await firm.get(p)).status, 400, `signed in: ${p}`);
  for (const [, p] of clientPaths) assert.equal((await client.get(p)).status, 400, `signed in: ${p}`);
  revoke(firm, '__Host-sid');
  revoke(client, '__Host-cid');
  const refused = [[firm, firmPaths, /\/login/], [stranger('__Host-sid'), firmPaths, /\/login/],
    [client, clientPaths, /\/portal\/login/], [stranger('__Host-cid'), clientPaths, /\/portal\/login/]];
  for (const [who, paths, login] of refused)
    for (const [prog, p] of paths)
      for (let i = 0; i < everyProcess(prog); i++) {
        const jar = new Map(who.jar);	// the refused cookie each time, even if cleared
        const res = await who.get(p);
        who.jar = jar;
        assert.equal(res.status, 303, `refused session: ${p}`);
        assert.match(res.location, login, p);
        assert.doesNotMatch(res.text, /JE-|Joined Err/, p);
      }
});
