// The bench's loopback SMTP sink: speaks just enough ESMTP for libcurl
// (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps nothing and counts the
// messages it accepted; on SIGTERM it prints the count and exits.  It tells
// the mailer's own rate apart from what maildev (which parses and stores
// every message) can take.
//
// usage: node tests/bench/smtp-sink.mjs PORT
import net from 'node:net';

const port = Number(process.argv[2]);
let got = 0;

const server = net.createServer((sock) => {
  let buf = '', inData = false;
  sock.on('error', () => {});
  sock.write('220 sink ESMTP\r\n');
  sock.on('data', (chunk) => {
    buf += chunk.toString('latin1');
    let out = '', i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (inData) {
        if (l === '.') { inData = false; got++; out += '250 2.0.0 counted\r\n'; }
        continue;
      }
      const verb = l.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') out += '250-sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n';
      else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP')
        out += '250 ok\r\n';
      else if (verb === 'DATA') { inData = true; out += '354 go ahead\r\n'; }
      else if (verb === 'QUIT') { sock.end('221 bye\r\n'); return; }
      else out += '502 5.5.2 not implemented\r\n';
    }
    if (out) sock.write(out);
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => { process.stdout.write(`${got}\n`); process.exit(0); });
