// Attack: the users picker each process keeps (lib/picks.c) is trusted
// while the firm's users_stamp is unchanged, and the triggers of migration
// 023 move the stamp when a user's name changes.  A name changed only in
// case, accents or trailing blanks compares equal under the column's
// collation: the stamp must move all the same, or the old spelling shows
// on every process until some other change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql, demoAdmin, pids } from './helpers.mjs';

const R = crypto.randomBytes(4).toString('hex');
const everyProcess = (prog) => 4 * pids(prog).length;

test('a colleague renamed in case or accents only shows at once on every process', async () => {
  const firmId = sql("SELECT id FROM firms WHERE slug = 'demo'");
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firmId}, 'rename.${R}@attack.test', 'jose renamed ${R}', 'member', '!')`);
  const a = await demoAdmin();
  const n = everyProcess('matters_list');
  const option = (name) => new RegExp(`<option value="\\d+">${name}</option>`);
  for (let i = 0; i < n; i++) assert.match((await a.get('/matters')).text, option(`jose renamed ${R}`));
  for (const name of [`Jose Renamed ${R}`, `José Renamed ${R}`]) {
    sql(`UPDATE users SET name = '${name}' WHERE email = 'rename.${R}@attack.test'`);
    for (let i = 0; i < n; i++) {
      const text = (await a.get('/matters')).text;
      assert.match(text, option(name), `request ${i}: ${name}`);
    }
  }
  sql(`DELETE FROM users WHERE email = 'rename.${R}@attack.test'`);
});
