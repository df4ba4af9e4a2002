// smtp_ca_file: the mailer checks the relay's certificate against the
// bundle it names (a host whose bundle is not where the build machine's
// libcurl looks, docs/install.md).  The real mailer (-1: one drain) against
// a loopback smtps:// stand-in whose certificate no system bundle knows:
// refused without the key, sent with it.  The stack's own mailer is paused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { sql, stack, VAR, ROOT } from './helpers.mjs';
import { SmtpStandin } from './smtp-standin.mjs';

test('the relay certificate is checked against smtp_ca_file: unknown without it, sent with it', async () => {
  const dir = fs.mkdtempSync(path.join(VAR, 'mailer-ca-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'ca.pem')],
  { stdio: 'pipe', timeout: 30000 });
  const sink = await new SmtpStandin({ tls: { key: fs.readFileSync(path.join(dir, 'key.pem')),
    cert: fs.readFileSync(path.join(dir, 'ca.pem')) } }).listen();
  const tag = 'ca' + randomBytes(4).toString('hex');
  const base = fs.readFileSync(process.env.VELLUM_CONF, 'utf8').replace(/^smtp_url = .*$/m, `smtp_url = ${sink.url}`);
  const conf = path.join(dir, 'vellum.conf');
  // Run without blocking: the stand-in answers from this process.
  const drain = async (extra) => {
    fs.writeFileSync(conf, base + extra, { mode: 0o600 });
    const child = spawn(path.join(ROOT, 'build/bin/mailer'), ['-1'], { env: { ...process.env, VELLUM_CONF: conf },
      stdio: ['ignore', 'ignore', 'pipe'], timeout: 60000 });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    await once(child, 'close');
    return { stderr };
  };
  const state = () => sql(`SELECT CONCAT(status, ':', COALESCE(last_error, '')) FROM notifications WHERE message_id = '<${tag}@vellum.test>'`);
  stack('mailer-stop');
  try {
    sql(`INSERT INTO notifications (firm_id, kind, recipient, payload, message_id, status, next_attempt_at, created_at)
      SELECT id, 'password_reset', '${tag}@ca.test', 'link=http%3A%2F%2Fx%2F&minutes=30', '<${tag}@vellum.test>',
        'queued', NOW(6), NOW(6) FROM firms WHERE slug = 'demo'`);
    await drain('');
    assert.match(state(), /^retry:.*(certificate|SSL|TLS)/i, 'refused: the certificate is not in the default bundle');
    assert.equal(sink.messages.length, 0);
    // The key relative to the config file's directory, as the docs allow.
    sql(`UPDATE notifications SET next_attempt_at = NOW(6) WHERE message_id = '<${tag}@vellum.test>'`);
    const r = await drain('smtp_ca_file = ca.pem\n');
    assert.match(state(), /^sent:/, r.stderr);
    assert.equal(sink.messages.filter((m) => m.messageId === `<${tag}@vellum.test>`).length, 1);
  } finally {
    await sink.close();
    sql(`DELETE FROM notifications WHERE message_id = '<${tag}@vellum.test>'`);
    stack('start');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
