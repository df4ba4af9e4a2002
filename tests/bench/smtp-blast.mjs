// What an SMTP server takes on its own: sends N copies of one message (a
// file, as the mailer wrote it) over one connection, one transaction after
// another as libcurl does (MAIL, RCPT, DATA, then wait for each reply), each
// with a Message-ID of its own; prints "N messages in MS ms".
//
// usage: node tests/bench/smtp-blast.mjs PORT N MESSAGE-FILE
import net from 'node:net';
import fs from 'node:fs';

const [port, n, file] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const body = fs.readFileSync(file, 'latin1').replace(/\r?\n/g, '\r\n')
  .replace(/^Message-ID:.*$/mi, 'Message-ID: <blast-ID@vellum.test>');
const sock = net.connect(port, '127.0.0.1');
sock.setNoDelay(true);
let buf = '';
const waiters = [];
sock.on('data', (c) => {
  buf += c.toString('latin1');
  let i;
  // A reply ends with a line "NNN text" (a space after the code).
  while ((i = buf.search(/^\d{3} .*\r\n/m)) >= 0) {
    const end = buf.indexOf('\r\n', i) + 2;
    const reply = buf.slice(0, end);
    buf = buf.slice(end);
    const w = waiters.shift();
    if (w) w(reply);
  }
});
const next = () => new Promise((resolve) => waiters.push(resolve));
const say = async (line, want) => {
  const p = next();
  if (line !== null) sock.write(line);
  const r = await p;
  if (!r.startsWith(want)) throw new Error(`unexpected reply to ${String(line).slice(0, 20)}: ${r}`);
};
await say(null, '220');
await say('EHLO bench\r\n', '250');
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  await say('MAIL FROM:<portal@vellum.test>\r\n', '250');
  await say(`RCPT TO:<blast${i % 2000}@bench.test>\r\n`, '250');
  await say('DATA\r\n', '354');
  await say(body.replace('blast-ID', `blast-${process.pid}-${i}`) + '\r\n.\r\n', '250');
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
sock.end('QUIT\r\n');
console.log(`${n} messages in ${ms.toFixed(0)} ms`);
