// A small SMTP server for the mailer tests, on loopback only: it speaks just
// enough ESMTP for libcurl (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), never
// offers STARTTLS (given tls: { key, cert } it speaks TLS from the start,
// an smtps:// server), keeps every message it accepts (with its Message-ID and
// arrival time), and can be told to answer the end of DATA slowly or to run
// a hook first (a test kills the mailer there: a message in flight).  It
// numbers its connections (each message says which it came over) and can
// close a connection after so many messages without a word, as a server
// with a limit or an idle timeout does.
import net from 'node:net';
import tls from 'node:tls';

export class SmtpStandin {
  // delay: milliseconds before the reply to the end of DATA (or a function
  // giving them, for jitter).
  // beforeReply(msg): awaited before that reply, after the message is kept.
  // closeAfter: messages a connection takes before the server drops it.
  // hangUpAfter: the same, but the server drops it only when the next MAIL
  // comes, without a reply (the client finds out as it sends).
  constructor({ delay = 0, beforeReply = null, tls: secure = null, closeAfter = 0, hangUpAfter = 0 } = {}) {
    this.delay = delay;
    this.closeAfter = closeAfter;
    this.hangUpAfter = hangUpAfter;
    this.hangUps = 0;
    this.connections = 0;
    this.beforeReply = beforeReply;
    this.messages = [];
    this.sockets = new Set();
    this.secure = !!secure;
    this.server = secure ? tls.createServer(secure, (s) => this.session(s)) : net.createServer((s) => this.session(s));
    // A handshake the client broke off (an unknown certificate) is no error here.
    this.server.on('tlsClientError', () => {});
  }

  listen() {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve(this);
      });
    });
  }

  close() {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get url() { return this.secure ? `smtps://localhost:${this.port}` : `smtp://127.0.0.1:${this.port}`; }

  // Message-ID -> how many times it arrived.
  counts(filter = () => true) {
    const m = new Map();
    for (const msg of this.messages)
      if (filter(msg)) m.set(msg.messageId, (m.get(msg.messageId) || 0) + 1);
    return m;
  }

  session(sock) {
    this.sockets.add(sock);
    const conn = ++this.connections;
    let taken = 0;
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '', inData = false, data = [], env = { from: '', to: [] };
    let busy = Promise.resolve();
    const say = (line) => { if (!sock.destroyed) sock.write(line + '\r\n'); };
    say('220 standin ESMTP');

    const endOfData = async () => {
      const raw = data.join('\r\n');
      const id = (raw.match(/^Message-ID:\s*(\S+)/mi) || [])[1] || '';
      const msg = { messageId: id, from: env.from, to: env.to, raw, at: Date.now(), conn };
      this.messages.push(msg);
      if (this.beforeReply) await this.beforeReply(msg);
      const ms = typeof this.delay === 'function' ? this.delay() : this.delay;
      if (ms) await new Promise((r) => setTimeout(r, ms));
      say('250 2.0.0 kept');
      env = { from: '', to: [] };
      taken++;
      if (this.closeAfter && taken >= this.closeAfter) sock.end();
    };

    const line = async (l) => {
      if (inData) {
        if (l === '.') {
          inData = false;
          await endOfData();
          data = [];
        } else data.push(l.startsWith('.') ? l.slice(1) : l);
        return;
      }
      const verb = l.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') say('250-standin\r\n250-8BITMIME\r\n250 SIZE 10485760');
      else if (verb === 'HELO') say('250 standin');
      else if (verb === 'MAIL' && this.hangUpAfter && taken >= this.hangUpAfter) { this.hangUps++; sock.destroy(); }
      else if (verb === 'MAIL') { env = { from: l.slice(10), to: [] }; say('250 2.1.0 ok'); }
      else if (verb === 'RCPT') { env.to.push(l.slice(8).replace(/[<>]/g, '')); say('250 2.1.5 ok'); }
      else if (verb === 'DATA') { inData = true; data = []; say('354 go ahead'); }
      else if (verb === 'RSET') { env = { from: '', to: [] }; say('250 2.0.0 ok'); }
      else if (verb === 'NOOP') say('250 2.0.0 ok');
      else if (verb === 'QUIT') { say('221 2.0.0 bye'); sock.end(); }
      else say('502 5.5.2 not implemented');
    };

    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const l = buf.slice(0, i);
        buf = buf.slice(i + 2);
        // Lines are handled one after another, replies in order.
        busy = busy.then(() => line(l));
      }
    });
  }
}
