// Attack: a client reads the name of a folder that is no longer shared.
// A folder sent with a message shows in the client's feed by name.  After
// "Stop sharing" the folder's documents no longer open, but the feed kept
// showing the folder, under its current name: a firm that renames the
// folder afterwards ("Settlement strategy - do not share") tells the client.
// A document attached to a message already disappears once unshared.
import test from 'node:test';
import assert from 'node:assert/strict';
import { clearInbox, sql } from './helpers.mjs';
import { demoAdmin } from './helpers.mjs';
import { newMatter, newFolder, portalAction, docsAction, acceptInvitation } from './docs-helpers.mjs';

test('a folder sent with a message leaves the client\'s feed once its sharing stops', async () => {
  await clearInbox();
  const t = newMatter('atk-feed-folder');
  const firm = await demoAdmin();
  assert.equal((await portalAction(firm, t.mid, { op: 'open' })).status, 303);
  const folder = await newFolder(firm, t.mid, 'Evidence bundle');
  assert.equal((await portalAction(firm, t.mid, { op: 'send', body: 'The bundle.', folder })).status, 303);
  const client = await acceptInvitation(t.email, 'feed folder password');
  let feed = await client.get(`/portal/matters/${t.mid}`);
  assert.equal(feed.status, 200);
  assert.match(feed.text, /Evidence bundle/, 'the shared folder shows in the feed');

  assert.equal((await docsAction(firm, t.mid, { op: 'unshare', kind: 'folder', id: folder })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM shares WHERE folder_id = ${folder} AND revoked_at IS NULL`), '0');
  assert.equal((await docsAction(firm, t.mid, { op: 'rename', kind: 'folder', id: folder, name: 'Settlement strategy internal' })).status, 303);
  feed = await client.get(`/portal/matters/${t.mid}`);
  assert.equal(feed.status, 200);
  assert.match(feed.text, /The bundle\./, 'the message stays');
  assert.doesNotMatch(feed.text, /Settlement strategy internal/, 'the unshared folder\'s new name is not shown');
  assert.doesNotMatch(feed.text, /Shared folder:/, 'nor the folder at all');
});
