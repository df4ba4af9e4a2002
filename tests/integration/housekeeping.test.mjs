// The mailer's periodic housekeeping sweeps what dead uploads left (a temp
// file and a stored file no row names, both older than the grace of an
// hour) and leaves alone a stored file whose document exists and a fresh
// temp file that may still be an upload in progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { demoAdmin, sql, ROOT } from './helpers.mjs';
import { newMatter, upload, docId, STORE, TMP, storePath } from './docs-helpers.mjs';

const old = (file) => { const t = new Date(Date.now() - 2 * 3600 * 1000); fs.utimesSync(file, t, t); };

test('the mailer sweeps old upload leftovers and keeps live documents and fresh temp files', async () => {
  const firm = await demoAdmin();
  const { mid } = newMatter('housekeeping');
  await upload(firm, mid, [['kept.txt', Buffer.from('a document that exists')]]);
  const keptKey = sql(`SELECT storage_key FROM documents WHERE id = ${docId(mid, 'kept.txt')}`);
  old(storePath(keptKey));

  const orphanKey = crypto.randomBytes(32).toString('hex');
  fs.mkdirSync(path.dirname(storePath(orphanKey)), { recursive: true });
  fs.writeFileSync(storePath(orphanKey), 'left by an upload killed after its rename');
  old(storePath(orphanKey));
  fs.mkdirSync(TMP, { recursive: true });
  const deadTemp = path.join(TMP, 'upload-dead-housekeeping');
  fs.writeFileSync(deadTemp, 'half an upload');
  old(deadTemp);
  const freshTemp = path.join(TMP, 'upload-fresh-housekeeping');
  fs.writeFileSync(freshTemp, 'an upload still being written');

  execFileSync(path.join(ROOT, 'build/bin/mailer'), ['-1'], { env: process.env, timeout: 60000 });

  assert.equal(fs.existsSync(storePath(orphanKey)), false, 'the orphaned stored file is gone');
  assert.equal(fs.existsSync(deadTemp), false, 'the dead temp file is gone');
  assert.equal(fs.existsSync(storePath(keptKey)), true, 'a document\'s file stays, however old');
  assert.equal(fs.existsSync(freshTemp), true, 'a fresh temp file stays');
  fs.rmSync(freshTemp, { force: true });
  assert.equal((await firm.get(`/documents/${docId(mid, 'kept.txt')}/download`)).status, 200);
});
