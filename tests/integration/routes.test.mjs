// cgi-bin/routes.list is the one list of URLs: the committed nginx site and
// Apache rules are what bin/routes makes of it, the running nginx serves
// every route, and the list agrees with the programs it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, VAR } from './helpers.mjs';

const routes = (args, root = ROOT, input) =>
  spawnSync(path.join(root, 'bin', 'routes'), args, { encoding: 'utf8', input });

function list(root = ROOT) {
  return fs.readFileSync(path.join(root, 'cgi-bin', 'routes.list'), 'utf8').split('\n')
    .filter((l) => !/^\s*(#|$)/.test(l))
    .map((l) => {
      const [program, access, body, zone, methods, location] = l.split(/\t+/);
      return { program, access, body, zone, methods, location };
    });
}

// A copy of what bin/routes reads and writes, to break on purpose.
function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-routes-'));
  for (const f of ['bin/routes', 'cgi-bin/routes.list', 'nginx/vellum.production.conf', 'docs/install.md', 'apache/htaccess']) {
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  fs.chmodSync(path.join(dir, 'bin', 'routes'), 0o755);
  return dir;
}

test('the committed nginx site and the Apache rules (apache/htaccess, docs/install.md) are what the list makes', () => {
  const r = routes(['check']);
  assert.equal(r.status, 0, r.stderr);
});

test('a hand edit of a generated block, or of the list alone, fails the check', () => {
  const dir = scratch();
  try {
    assert.equal(routes(['check'], dir).status, 0);
    const conf = path.join(dir, 'nginx/vellum.production.conf');
    const text = fs.readFileSync(conf, 'utf8');
    fs.writeFileSync(conf, text.replace('client_max_body_size 101m;', 'client_max_body_size 900m;'));
    const edited = routes(['check'], dir);
    assert.notEqual(edited.status, 0);
    assert.match(edited.stderr, /vellum\.production\.conf is not what/);
    fs.writeFileSync(conf, text);
    fs.appendFileSync(path.join(dir, 'cgi-bin/routes.list'), 'matters_list\tfirm\tform\t-\tany\t= /cases\n');
    const added = routes(['check'], dir);
    assert.notEqual(added.status, 0);
    assert.match(added.stderr, /install\.md is not what/);
    // update brings both back in line, with the new route in each.
    assert.equal(routes(['update'], dir).status, 0);
    assert.equal(routes(['check'], dir).status, 0);
    assert.match(fs.readFileSync(conf, 'utf8'), /location = \/cases \{/);
    assert.match(fs.readFileSync(path.join(dir, 'docs/install.md'), 'utf8'),
      /RewriteRule \^cases\$ +cgi-bin\/matters_list \[L\]/);
    assert.match(fs.readFileSync(path.join(dir, 'apache/htaccess'), 'utf8'),
      /RewriteRule \^cases\$ +cgi-bin\/matters_list \[L\]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed line of the list is refused with its line number', () => {
  const dir = scratch();
  try {
    const file = path.join(dir, 'cgi-bin/routes.list');
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    for (const bad of ['matters_list\tfirm\tform\t-\tany\t/cases', 'matters_list\tnobody\tform\t-\tany\t= /cases',
      'matters_list\tfirm\tbig\t-\tany\t= /cases', 'matters_list\tfirm\tform\t-\tany\t= /matters']) {
      fs.copyFileSync(path.join(ROOT, 'cgi-bin/routes.list'), file);
      fs.appendFileSync(file, bad + '\n');
      const r = routes(['fill', 'production'], dir, '# BEGIN routes\n# END routes\n');
      assert.notEqual(r.status, 0, bad);
      assert.match(r.stderr, new RegExp(`routes\\.list:${lines}: `), bad);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every program of cgi-bin/ is listed, built, and declares the access and body the list says', () => {
  // A firm page is for any firm user or for admins only (VL_FIRM_ADMIN).
  const access = { public: 'VL_PUBLIC', firm: '(VL_FIRM_USER|VL_FIRM_ADMIN)', client: 'VL_CLIENT' };
  const rows = list();
  const listed = new Set(rows.map((r) => r.program));
  const sources = fs.readdirSync(path.join(ROOT, 'cgi-bin')).filter((f) => f.endsWith('.c'))
    .map((f) => f.slice(0, -2));
  assert.deepEqual([...listed].sort(), sources.sort(), 'cgi-bin/*.c and the list name the same programs');
  assert.deepEqual(routes(['programs']).stdout.trim().split('\n'), [...listed]);
  for (const r of rows) {
    const src = fs.readFileSync(path.join(ROOT, 'cgi-bin', `${r.program}.c`), 'utf8');
    assert.match(src, new RegExp(`\\.access = ${access[r.access]},`), `${r.location}: ${r.program} is ${r.access}`);
    // Only programs that take files raise the 64 KiB form cap.
    assert.equal(/\.max_body = /.test(src), r.body !== 'form', `${r.location}: ${r.program} body ${r.body}`);
    assert.ok(fs.existsSync(path.join(ROOT, 'build', 'cgi-bin', r.program)), `${r.program} is built`);
  }
});

test('the running nginx has one location per route, as the list makes it', () => {
  const conf = fs.readFileSync(path.join(VAR, 'nginx.conf'), 'utf8');
  for (const r of list()) {
    const at = conf.indexOf(`location ${r.location} {`);
    assert.notEqual(at, -1, r.location);
    const block = conf.slice(at, conf.indexOf('\n\t\t}', at));
    assert.match(block, new RegExp(`fastcgi_pass unix:${VAR}/run/${r.program}\\.sock;`), r.location);
    assert.equal(/limit_req zone=auth /.test(block), r.zone === 'auth', `${r.location}: zone`);
    assert.equal(/limit_except GET/.test(block), r.methods === 'GET', `${r.location}: methods`);
    const size = { form: null, upload: '101m', raw: '100m' }[r.body];
    assert.equal(block.match(/client_max_body_size (\S+);/)?.[1] ?? null, size, `${r.location}: body`);
    // Files stream to the program as they arrive; every other body is read
    // whole by nginx first, so a slow client holds no program.
    assert.equal(/fastcgi_request_buffering off;/.test(block), r.body !== 'form', `${r.location}: streamed`);
  }
  assert.doesNotMatch(conf, /@[A-Z_]+@/, 'every placeholder filled');
});
