// The layers of docs/architecture.md, held by the tree itself: programs read,
// call a domain function and render (no writes, no transactions, no audit,
// no SQL, never the library's internal header); lib/ has no cycle of calls
// between its modules; vellum.h declares no domain module's function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const bare = (s) => s.replace(/\/\*[\s\S]*?\*\//g, '');
const noComments = (s) => bare(s).replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
const files = (dir, re) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => re.test(f))
  .map((f) => `${dir}/${f}`);

// What a program may not do itself; each has its domain function instead.
// Code is read without comments, and calls without string literals.
const forbidden = [
  [bare, /#include "internal\.h"/, 'includes the library\'s internal header'],
  [noComments, /\bvl_db_(exec|begin|commit|rollback|script)\s*\(/, 'writes or runs a transaction'],
  [noComments, /\bvl_audit(_as)?\s*\(/, 'writes the audit log'],
  [noComments, /\bvl_store_(put|claim|discard|remove)\s*\(/, 'stores or removes files'],
  [bare, /"[^"\n]*\b(SELECT|INSERT|UPDATE|DELETE)\s+[A-Za-z*][^"\n]*"/, 'holds SQL'],
];

export function programFaults(name, text) {
  return forbidden.filter(([view, re]) => re.test(view(text))).map(([, , what]) => `${name} ${what}`);
}

test('programs keep to reading, one domain call and rendering', () => {
  const faults = files('cgi-bin', /\.c$/).flatMap((f) => programFaults(f, read(f)));
  assert.deepEqual(faults, []);
});

test('the check would see a program that writes, audits or holds SQL', () => {
  assert.equal(programFaults('x.c', 'static int f(void) { return vl_db_exec(STMT_X, 0, 0, "i", 1); }').length, 1);
  assert.equal(programFaults('x.c', 'void g(void) { vl_audit(c, "a", "b", 1); }').length, 1);
  assert.equal(programFaults('x.c', 'const char *q = "SELECT id FROM t";').length, 1);
  assert.equal(programFaults('x.c', '#include "internal.h"\n').length, 1);
  assert.equal(programFaults('x.c', '/* vl_db_exec() in a comment */ int x;').length, 0);
});

// Module -> the modules whose functions it calls.
export function callGraph(sources) {
  const defs = new Map();
  const uses = new Map();
  for (const [mod, text] of sources) {
    const code = noComments(text);
    for (const m of code.matchAll(/^(vl_\w+)\(/gm)) defs.set(m[1], mod);
    uses.set(mod, new Set([...code.matchAll(/\b(vl_\w+)\s*\(/g)].map((m) => m[1])));
  }
  const graph = new Map();
  for (const [mod, used] of uses)
    graph.set(mod, new Set([...used].map((f) => defs.get(f)).filter((m) => m && m !== mod)));
  return graph;
}

export function cycles(graph) {
  const found = [];
  const reach = (from, to, seen = new Set()) => {
    if (from === to) return true;
    seen.add(from);
    return [...(graph.get(from) || [])].some((n) => !seen.has(n) && reach(n, to, seen));
  };
  for (const [a, outs] of graph)
    for (const b of outs)
      if (reach(b, a)) found.push(`${a} -> ${b}`);
  return found;
}

test('no cycle of calls between the modules of lib/', () => {
  const sources = files('lib', /\.(c|cc)$/).map((f) => [path.basename(f).replace(/\..*$/, ''), read(f)]);
  assert.ok(sources.length > 20);
  assert.deepEqual(cycles(callGraph(sources)), []);
});

test('the cycle check would see one', () => {
  const g = callGraph([
    ['a', 'int\nvl_a(void)\n{\n\treturn vl_b();\n}\n'],
    ['b', 'int\nvl_b(void)\n{\n\treturn vl_a();\n}\n'],
    ['c', 'int\nvl_c(void)\n{\n\treturn vl_a();\n}\n'],
  ]);
  assert.deepEqual(cycles(g).sort(), ['a -> b', 'b -> a']);
});

test('vellum.h is the framework: no domain module declares into it', () => {
  const framework = noComments(read('lib/vellum.h'));
  const domain = ['matter', 'doc', 'share', 'msg', 'portal', 'event', 'account', 'signin', 'notify',
    'audit', 'tz', 'money', 'store', 'housekeep'];
  for (const mod of domain) {
    const header = noComments(read(`lib/${mod}.h`));
    for (const m of header.matchAll(/\b(vl_\w+)\s*\(/g))
      assert.ok(!new RegExp(`\\b${m[1]}\\s*\\(`).test(framework), `${m[1]} (${mod}.h) is in vellum.h too`);
  }
});
