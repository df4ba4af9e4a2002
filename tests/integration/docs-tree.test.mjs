// A deep folder tree (issue 6, 2.9): 40 levels made through nginx, with a
// document at the bottom; every page still works at the bottom, and deleting
// the top folder deletes the whole tree, rows and files, instead of failing
// on InnoDB's limit of 15 nested cascades.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql, demoAdmin } from './helpers.mjs';
import { newMatter, newFolder, docsAction, upload, docId, portalAction, storePath } from './docs-helpers.mjs';

const DEPTH = 40;

test('a 40-level folder tree can be listed, shared and deleted', async () => {
  const c = await demoAdmin();
  const { mid } = newMatter('tree');
  const ids = [];
  let parent = 0;
  for (let i = 1; i <= DEPTH; i++) {
    parent = await newFolder(c, mid, `Level ${String(i).padStart(2, '0')}`, parent);
    ids.push(parent);
  }
  assert.equal((await upload(c, mid, [['bottom.txt', Buffer.from('at the bottom')]], parent)).status, 303);
  const doc = docId(mid, 'bottom.txt');
  const key = sql(`SELECT storage_key FROM documents WHERE id = ${doc}`);
  assert.ok(fs.existsSync(storePath(key)));

  // The bottom folder's page: breadcrumbs all the way down, and every folder
  // offered as a move target with its whole path.
  const bottom = await c.get(`/matters/${mid}/documents?folder=${parent}`);
  assert.equal(bottom.status, 200);
  assert.match(bottom.text, /› <strong>Level 40<\/strong>/);
  assert.match(bottom.text, /Level 01 \/ Level 02 \/ [^<]*Level 39 \/ Level 40</);
  // Shared from the top, the bottom document reaches the client's list.
  assert.equal((await portalAction(c, mid, { op: 'open' })).status, 303);
  assert.equal((await portalAction(c, mid, { op: 'share', folder: ids[0] })).status, 303);
  assert.match((await c.get(`/matters/${mid}/documents?folder=${parent}`)).text, /bottom\.txt<\/a> <span class="badge">shared<\/span>/);

  const res = await docsAction(c, mid, { op: 'delete', kind: 'folder', id: ids[0] });
  assert.equal(res.status, 303, `delete answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.match(res.location, /notice=deleted/);
  assert.equal(sql(`SELECT COUNT(*) FROM folders WHERE matter_id = ${mid}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE matter_id = ${mid}`), '0');
  assert.ok(!fs.existsSync(storePath(key)), 'the file left the disk');
  assert.equal(sql(`SELECT COUNT(*) FROM shares WHERE folder_id = ${ids[0]} AND revoked_at IS NULL`), '0', 'its share ended');
  assert.match((await c.get(`/matters/${mid}/documents?notice=deleted`)).text, /This folder is empty\./);
});
