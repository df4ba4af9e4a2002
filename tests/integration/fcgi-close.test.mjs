// A FastCGI program reads the request's stdin to its closing empty record
// before it ends the request.  Closing with that record unread made the
// kernel reset the connection, and a client that sent it late (cgi-fcgi
// does) lost the end of the reply: pages cut at 8 KiB under load.  Here a
// client holds the closing record back: the reply must not end before it
// is sent, and then arrives whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { cgiEnv, VAR, sleep } from './helpers.mjs';

function record(type, content = Buffer.alloc(0)) {
  const h = Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 0xff, 0, 0]);
  return Buffer.concat([h, content]);
}

function params(env) {
  const parts = [];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    const kb = Buffer.from(k), vb = Buffer.from(String(v));
    assert.ok(kb.length < 128 && vb.length < 128);
    parts.push(Buffer.from([kb.length, vb.length]), kb, vb);
  }
  return Buffer.concat(parts);
}

// The records of a reply read so far: { stdout, ended }.
function parse(buf) {
  let off = 0, stdout = Buffer.alloc(0), ended = false;
  while (off + 8 <= buf.length) {
    const type = buf[off + 1], len = buf.readUInt16BE(off + 4), pad = buf[off + 6];
    if (off + 8 + len + pad > buf.length) break;
    if (type === 6) stdout = Buffer.concat([stdout, buf.subarray(off + 8, off + 8 + len)]);
    if (type === 3) ended = true;
    off += 8 + len + pad;
  }
  return { stdout, ended };
}

test('the request ends only after its stdin has, and the reply then arrives whole', async () => {
  const sock = net.createConnection(path.join(VAR, 'run', 'auth_login.sock'));
  let got = Buffer.alloc(0), closed = false;
  sock.on('data', (d) => { got = Buffer.concat([got, d]); });
  sock.on('close', () => { closed = true; });
  await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
  const env = cgiEnv({ uri: '/login' });
  delete env.PATH;
  delete env.VELLUM_CONF;
  sock.write(Buffer.concat([record(1, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
    record(4, params(env)), record(4)]));
  // The page is drawn; the request must stay open while stdin has not ended.
  await sleep(500);
  assert.equal(parse(got).ended, false, 'the request ended before its stdin did');
  assert.equal(closed, false);
  sock.write(record(5));
  for (let i = 0; i < 100 && !closed; i++) await sleep(50);
  const reply = parse(got);
  assert.ok(reply.ended, 'the request ended once stdin had');
  const text = reply.stdout.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const len = Number(/Content-Length: (\d+)/i.exec(text)?.[1]);
  assert.match(text, /^Status: 200/);
  assert.equal(text.length - split - 4, len, 'the whole page');
});
