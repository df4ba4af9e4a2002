// A database restored from a dump under running programs: the restored
// rows come back with the stamps they were read under, and the next change
// must take a stamp no process can hold a copy under.  A counter (or a
// sequence, which a dump also restores) would hand out again the value of
// the change the restore undid, and every process that kept that change
// would go on showing it.  The stamps are UUID_SHORT() values (migrations
// 028-030).  The restore is played by SQL: the rows put back, then the
// stamps set back to their values at the "dump".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, pids } from './helpers.mjs';
import { ownFirm, R } from './workspace-helpers.mjs';

const everyProcess = () => 4 * pids('matters_list').length;

async function everyView(c, re, what) {
  for (let i = 0; i < everyProcess(); i++) {
    const res = await c.get('/matters');
    assert.equal(res.status, 200, `${what}: request ${i}`);
    assert.match(res.text, re, `${what}: request ${i}`);
  }
}

test('after a restore, the next change shows on every process (matters and users stamps)', async () => {
  const firm = await ownFirm('restore');
  sql(`INSERT INTO contacts (firm_id, kind, name) VALUES (${firm.id}, 'person', 'restore client ${R}')`);
  sql(`INSERT INTO matters (firm_id, number, description, client_id) SELECT ${firm.id}, 'RS-1', 'as dumped', MAX(id) FROM contacts WHERE firm_id = ${firm.id}`);
  const id = sql(`SELECT id FROM matters WHERE firm_id = ${firm.id} AND number = 'RS-1'`);
  const row = (d) => new RegExp(`<a href="/matters/${id}">RS-1</a></td><td>${d}</td>`);
  const option = (n) => new RegExp(`<option value="\\d+">${n}</option>`);
  sql(`INSERT INTO users (firm_id, email, name, role, pw_hash) VALUES (${firm.id}, 'colleague.${R}@restore.test', 'Dumped Name', 'member', '!')`);
  await everyView(firm.admin, row('as dumped'), 'as dumped');
  await everyView(firm.admin, option('Dumped Name'), 'as dumped (users)');
  // The "dump": the stamps as they are now.
  const mStamp = sql(`SELECT matters_stamp FROM firm_stamps WHERE firm_id = ${firm.id}`);
  const uStamp = sql(`SELECT users_stamp FROM firms WHERE id = ${firm.id}`);

  // Changes after the dump, kept by every process.
  sql(`UPDATE matters SET description = 'undone by the restore' WHERE id = ${id}`);
  sql(`UPDATE users SET name = 'Undone Name' WHERE email = 'colleague.${R}@restore.test'`);
  await everyView(firm.admin, row('undone by the restore'), 'after the dump');
  await everyView(firm.admin, option('Undone Name'), 'after the dump (users)');

  // The "restore": rows, then stamps, as dumped.
  sql(`UPDATE matters SET description = 'as dumped' WHERE id = ${id}`);
  sql(`UPDATE users SET name = 'Dumped Name' WHERE email = 'colleague.${R}@restore.test'`);
  sql(`UPDATE firm_stamps SET matters_stamp = ${mStamp} WHERE firm_id = ${firm.id}`);
  sql(`UPDATE firms SET users_stamp = ${uStamp} WHERE id = ${firm.id}`);

  // The next changes, before any process served a page again: never the
  // stamps of the undone ones, which every process still holds copies under.
  sql(`UPDATE matters SET description = 'after the restore' WHERE id = ${id}`);
  sql(`UPDATE users SET name = 'Later Name' WHERE email = 'colleague.${R}@restore.test'`);
  await everyView(firm.admin, row('after the restore'), 'after the restore');
  await everyView(firm.admin, option('Later Name'), 'after the restore (users)');
});
