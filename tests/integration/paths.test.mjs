// Route on a normalised path, under nginx: nginx decodes %2e and %2f and
// resolves dot segments before it picks a location, while the program
// reads REQUEST_URI as sent.  A path the two could read apart is refused
// by the program's front door (400) and shows nothing of either matter.
// The same under Apache: tests/integration/apache.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE, demoAdmin, matterId, sql } from './helpers.mjs';

// One GET with the path exactly as given (fetch would normalise it).
function raw(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: new URL(BASE).port, path: url, method: 'GET',
      headers: { connection: 'close', ...headers }, agent: false });
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`GET ${url}: no answer in 20 s`)); }, 20000);
    req.on('response', (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode, text: Buffer.concat(parts).toString() }); });
      res.on('error', (e) => { clearTimeout(timer); reject(e); });
    });
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.end();
  });
}

test('nginx routes /matters/B%2f..%2fA as A: the program refuses the encoded slash (400) and shows neither', async () => {
  const c = await demoAdmin();
  const cookie = c.cookieHeader();
  const [a, b] = ['2026-0001', '2026-0002'].map(matterId);
  const [aDesc, bDesc] = [a, b].map((id) => sql(`SELECT description FROM matters WHERE id = ${id}`));
  assert.match((await raw(`/matters/${b}`, { cookie })).text, new RegExp(bDesc), 'B itself shows');
  const probes = [
    // encoded slashes: nginx decodes them into separators
    `/matters/${b}%2f..%2f${a}`, `/matters/${b}%2F..%2F${a}`, `/matters/${a}%2fdocuments`,
    `/matters/${a}%2Fportal`, `/matters/${b}/..%2f${a}`,
    // encoded and plain dot segments
    `/matters/${b}/%2e%2e/${a}`, `/matters/${b}/%2E./${a}`, `/matters/${b}/.%2e/${a}/portal`,
    `/matters/${b}/./../${a}`, `/matters/${b}/../${a}`,
  ];
  for (const p of probes) {
    const res = await raw(p, { cookie });
    assert.equal(res.status, 400, `${p}: ${res.status}`);
    assert.match(res.text, /This address is not valid/, p);
    assert.doesNotMatch(res.text, new RegExp(`${aDesc}|${bDesc}`), `${p} shows a matter`);
  }
  // An encoded slash in the query is the query's, not the path's.
  const ok = await raw(`/matters/${b}?x=%2f..%2f`, { cookie });
  assert.equal(ok.status, 200);
  assert.match(ok.text, new RegExp(bDesc));
});
