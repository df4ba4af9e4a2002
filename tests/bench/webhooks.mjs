// The measuring half of tests/bench/webhooks (which starts the stack).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const BASE = process.env.VL_BASE;
const VAR = process.env.VL_VAR;
const N = Number(process.env.BENCH_EVENTS || 3000);
const CONC = 16;
const db = (q) => execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u',
  execFileSync('id', ['-un']).toString().trim(), '-N', '-B', 'vellum', '-e', q]).toString().trim();

// The demo firm takes payments through the stand-in's account, set up
// through the settings page as an admin does.
const [key, secret] = fs.readFileSync(path.join(VAR, 'standin-account'), 'utf8').trim().split(/\s+/);
let cookies = '';
const keep = (res) => { for (const c of res.headers.getSetCookie()) cookies += `${c.split(';')[0]}; `; };
const csrf = (html) => html.match(/name="csrf" value="([0-9a-f]+)"/)[1];
let res = await fetch(`${BASE}/login`);
keep(res);
res = await fetch(`${BASE}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies,
  'content-type': 'application/x-www-form-urlencoded' },
body: new URLSearchParams({ csrf: csrf(await res.text()), email: 'admin@demo.test', password: 'demo-admin-pass' }) });
keep(res);
res = await fetch(`${BASE}/settings/payments`, { headers: { cookie: cookies } });
res = await fetch(`${BASE}/settings/payments`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies,
  'content-type': 'application/x-www-form-urlencoded' },
body: new URLSearchParams({ csrf: csrf(await res.text()), label: 'Bench', secret_key: key, webhook_secret: secret, enabled: '1' }) });
if (res.status !== 303) throw new Error(`payments could not be set up: ${res.status}`);
const firm = db("SELECT id FROM firms WHERE slug = 'demo'");

const tag = Date.now().toString(36);
const bodies = Array.from({ length: N }, (_, i) => JSON.stringify({ id: `evt_bench_${tag}_${i}`, object: 'event',
  type: 'charge.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: `ch_bench_${i}`,
    object: 'charge', amount: 1000, currency: 'usd', metadata: { firm, checkout: '0' } } } }));

async function round(name, sign, want) {
  const lat = [];
  let next = 0, bad = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONC }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t = Math.floor(Date.now() / 1000);
      const s = Number(process.hrtime.bigint());
      const r = await fetch(`${BASE}/webhooks/stripe`, { method: 'POST', body, headers: {
        'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${sign(t, body)}` } });
      await r.arrayBuffer();
      lat.push((Number(process.hrtime.bigint()) - s) / 1e6);
      if (r.status !== want) bad++;
    }
  }));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  console.log(`${name}: ${Math.round(bodies.length / secs)} events/s, p99 ${lat[Math.floor(lat.length * 0.99)].toFixed(1)} ms` +
    `${bad ? `, ${bad} unexpected answers` : ''}`);
  if (bad) process.exitCode = 1;
}

const hmac = (k) => (t, body) => crypto.createHmac('sha256', k).update(`${t}.${body}`).digest('hex');
await round('verified new events (kept once, acknowledged)', hmac(secret), 200);
await round('verified events seen before (nothing changes)', hmac(secret), 200);
await round('forged events (wrong signature, refused)', hmac('whsec_not_the_firms'), 403);
const kept = db(`SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE 'evt_bench_${tag}_%'`);
console.log(`events kept: ${kept} of ${N} (each once)`);
if (Number(kept) !== N) process.exitCode = 1;
