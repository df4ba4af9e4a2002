// node tests/bench/hot-order.mjs OUT PROG.cg... : writes OUT, a GNU ld script
// placing first the code sections that hold a function the profiles saw run
// (callgrind files written by tests/bench/hot-order, each named after its
// program; the program's binary and link map are build/cgi-bin/PROG and
// PROG.map).  A section is a function's own (-ffunction-sections: lib/, the
// C++ runtime, ctemplate's inline functions) or, for an archive built
// without, the whole code of one member (libfcgi.a:fcgiapp.o).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [out, ...profiles] = process.argv.slice(2);
if (!out || profiles.length === 0) {
  console.error('usage: node tests/bench/hot-order.mjs OUT PROG.cg...');
  process.exit(2);
}

// The functions that ran (callgrind names a function "(id) name" once, then
// "(id)"; a function's cost lines follow its fn=).  Every file's: valgrind
// does not always know the program's own file by name once its code is
// reordered ("???"), and the names are matched against the program's own
// symbols below, which name none of the shared libraries' functions.
function executed(cgFile) {
  const fns = new Map(), ran = new Set();
  for (const line of readFileSync(cgFile, 'utf8').split('\n')) {
    const m = /^(c?fn)=\((\d+)\)(?: (.*))?$/.exec(line);
    if (!m) continue;
    const [, kind, id, name] = m;
    if (name !== undefined) fns.set(id, name);
    if (kind === 'fn') ran.add(fns.get(id).replace(/'\d+$/, ''));
  }
  return ran;
}

// Code input sections of a link map: [address, size, section, file].
function sections(mapFile) {
  const lines = readFileSync(mapFile, 'utf8').split('\n');
  const secs = [];
  let inText = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\.text/.test(l)) inText = true;
    else if (/^\.[a-z]/.test(l)) inText = false;
    if (!inText) continue;
    let m = /^ (\.text\S*)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(l);
    if (m) {
      secs.push([parseInt(m[2], 16), parseInt(m[3], 16), m[1], m[4]]);
      continue;
    }
    m = /^ (\.text\S*)$/.exec(l);
    const n = m && /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(lines[i + 1] ?? '');
    if (n) {
      secs.push([parseInt(n[1], 16), parseInt(n[2], 16), m[1], n[3]]);
      i++;
    }
  }
  return secs.filter((s) => s[1] > 0).sort((a, b) => a[0] - b[0]);
}

const patterns = new Set();
let bytes = 0;
for (const cg of profiles) {
  const prog = basename(cg).replace(/\.cg$/, '');
  const binary = `${process.cwd()}/build/cgi-bin/${prog}`;
  const ran = executed(cg);
  const secs = sections(`${binary}.map`);
  const nm = execFileSync('nm', ['-C', '-S', binary], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seen = new Set();
  for (const line of nm.split('\n')) {
    const p = line.split(' ');
    if (p.length < 4 || !/^[tTwWi]$/.test(p[2]) || !ran.has(p.slice(3).join(' '))) continue;
    const a = parseInt(p[0], 16);
    let lo = 0, hi = secs.length - 1, j = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (secs[mid][0] <= a) { j = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (j < 0 || a >= secs[j][0] + secs[j][1] || seen.has(j)) continue;
    seen.add(j);
    const [, size, sec, file] = secs[j];
    const member = /([^/()]+\.a)\(([^)]+)\)$/.exec(file);
    // A section named after its function is matched by name alone; the
    // plain .text of an archive's member by the member.
    let pat;
    if (/^\.text(\.startup|\.unlikely|\.hot)?$/.test(sec)) {
      if (!member) continue;
      pat = `*${member[1]}:${member[2]}(${sec})`;
    } else
      pat = `*(${sec})`;
    if (!patterns.has(pat)) bytes += size;
    patterns.add(pat);
  }
  console.log(`hot-order: ${prog}: ${ran.size} functions ran, ${seen.size} sections`);
}
const body = [...patterns].sort().map((p) => `\t\t${p}`).join('\n');
writeFileSync(out, `/*
 * Written by tests/bench/hot-order (do not edit): the code the followed
 * programs ran, serving their pages from start, placed before the rest
 * (${patterns.size} sections, ${bytes} bytes).  Code that runs is then a few
 * windows of the file instead of scattered over all of it.  A section not
 * named here is linked where it always was.
 */
SECTIONS
{
\t.text.vl_hot :
\t{
${body}
\t}
}
INSERT BEFORE .text;
`);
console.log(`hot-order: ${out}: ${patterns.size} sections, ${bytes} bytes`);
