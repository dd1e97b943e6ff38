#!/usr/bin/env node
// Compiles the IANA time zone rules into pactcheck's build: writes core/src/tzdata/tzdata.inc (the table that
// core/src/zone.cpp includes) and tests/tzdata_vectors.inc (expected offsets the doctest suite checks).
//
//   node scripts/gen-tzdata.mjs [--zoneinfo DIR] [--check]
//
// Development time only: the build and the running program never read the host's zone files. The source is
// Debian's tzdata package, pinned by PACTCHECK_PIN_tzdata in scripts/versions.env: DIR/tzdata.zi gives the
// tz database version and the zone and link names, and DIR/<zone> (TZif version 2 or later, 64-bit part) the
// transitions, their local time types and the POSIX TZ rule for instants after the last transition. The
// script refuses to run when the installed package is not the pinned one.
//
// Transitions that the zone's POSIX TZ rule reproduces exactly (same instant, offset, abbreviation and DST
// flag) are dropped from the end of each zone's list; zone.cpp evaluates the rule instead. The script checks,
// before writing anything, that the kept transitions plus the rule give back every transition in the file,
// and that the rule agrees with glibc's zdump in 2080 (when zdump is installed).
//
// --check writes nothing and exits 1 if the committed files differ from what would be written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let zoneinfo = '/usr/share/zoneinfo';
let checkOnly = false;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--zoneinfo') zoneinfo = args[++i];
  else if (args[i] === '--check') checkOnly = true;
  else {
    console.error(`gen-tzdata: unknown argument ${args[i]}\nusage: node scripts/gen-tzdata.mjs [--zoneinfo DIR] [--check]`);
    process.exit(2);
  }
}
const die = (message) => {
  console.error(`gen-tzdata: ${message}`);
  process.exit(1);
};

// --- The pin ----------------------------------------------------------------------------------------------------
const versionsEnv = fs.readFileSync(path.join(root, 'scripts/versions.env'), 'utf8');
const pinMatch = /^PACTCHECK_PIN_tzdata=("?)([^"\s]+)\1\s*$/m.exec(versionsEnv);
if (!pinMatch) die('scripts/versions.env has no PACTCHECK_PIN_tzdata=... line');
const pinnedDebian = pinMatch[2];              // e.g. 2025b-0+deb12u2
const pinnedIana = pinnedDebian.split('-')[0];  // e.g. 2025b

const zi = fs.readFileSync(path.join(zoneinfo, 'tzdata.zi'), 'utf8').split('\n');
const versionLine = zi.find((l) => l.startsWith('# version '));
const ianaVersion = versionLine ? versionLine.slice('# version '.length).trim() : '';
if (ianaVersion !== pinnedIana) {
  die(`${zoneinfo}/tzdata.zi is tz ${ianaVersion || '(no version line)'} but scripts/versions.env pins ` +
      `${pinnedDebian}: install that tzdata, or change the pin deliberately and regenerate`);
}
let debianVersion = '';
try {
  debianVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'tzdata'], { encoding: 'utf8' }).trim();
} catch {
  // Not a Debian host: the tz version line above is the check.
}
if (debianVersion && debianVersion !== pinnedDebian && zoneinfo === '/usr/share/zoneinfo') {
  die(`the installed tzdata package is ${debianVersion} but scripts/versions.env pins ${pinnedDebian}`);
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);  // code-unit order: the names are ASCII, so strcmp order
const zoneNames = zi.filter((l) => l.startsWith('Z ')).map((l) => l.split(/\s+/)[1]).sort(cmp);
const links = zi.filter((l) => l.startsWith('L ')).map((l) => {
  const [, target, name] = l.split(/\s+/);
  return { name, target };
}).sort((a, b) => cmp(a.name, b.name));
const zoneIndex = new Map(zoneNames.map((n, i) => [n, i]));
for (const l of links) {
  if (!zoneIndex.has(l.target)) die(`link ${l.name} -> ${l.target}: the target is not a zone`);
  if (zoneIndex.has(l.name)) die(`${l.name} is both a zone and a link`);
}

// --- TZif -------------------------------------------------------------------------------------------------------
function readTzif(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'TZif') die(`${file}: not a TZif file`);
  if (buf[4] < 0x32) die(`${file}: TZif version 1 has no 64-bit data or TZ rule`);
  const header = (o) => ({
    isut: buf.readUInt32BE(o + 20), isstd: buf.readUInt32BE(o + 24), leap: buf.readUInt32BE(o + 28),
    time: buf.readUInt32BE(o + 32), type: buf.readUInt32BE(o + 36), char: buf.readUInt32BE(o + 40),
  });
  const h1 = header(0);
  const second = 44 + h1.time * 5 + h1.type * 6 + h1.char + h1.leap * 8 + h1.isstd + h1.isut;
  const h = header(second);
  if (h.leap !== 0) die(`${file}: has leap seconds (a right/ file?)`);
  let p = second + 44;
  const times = [];
  for (let i = 0; i < h.time; ++i, p += 8) times.push(Number(buf.readBigInt64BE(p)));
  const idx = [];
  for (let i = 0; i < h.time; ++i) idx.push(buf[p++]);
  const types = [];
  for (let i = 0; i < h.type; ++i, p += 6) types.push({ off: buf.readInt32BE(p), dst: buf[p + 4] !== 0, ai: buf[p + 5] });
  const chars = buf.toString('latin1', p, p + h.char);
  p += h.char + h.isstd + h.isut;
  for (const t of types) t.abbr = chars.slice(t.ai, chars.indexOf('\0', t.ai));
  const rest = buf.toString('latin1', p);
  if (rest[0] !== '\n' || rest.indexOf('\n', 1) < 0) die(`${file}: no TZ string footer`);
  const footer = rest.slice(1, rest.indexOf('\n', 1));
  for (const t of times) if (!Number.isSafeInteger(t)) die(`${file}: transition time ${t} out of range`);
  return { times, idx, types, footer };
}

// --- POSIX TZ rules (the same algorithm as core/src/zone.cpp; checked against zic's and glibc's output) ----------
function parsePosixTz(s) {
  let i = 0;
  const fail = (why) => { throw new Error(`TZ string "${s}": ${why} at ${i}`); };
  const name = () => {
    if (s[i] === '<') {
      const j = s.indexOf('>', i);
      if (j < 0) fail('unterminated <name>');
      const n = s.slice(i + 1, j);
      i = j + 1;
      return n;
    }
    let j = i;
    while (j < s.length && /[A-Za-z]/.test(s[j])) ++j;
    if (j - i < 3) fail('name shorter than 3 letters');
    const n = s.slice(i, j);
    i = j;
    return n;
  };
  const num = (maxDigits) => {
    let j = i;
    while (j < s.length && j - i < maxDigits && /[0-9]/.test(s[j])) ++j;
    if (j === i) fail('expected a number');
    const n = Number(s.slice(i, j));
    i = j;
    return n;
  };
  const hms = () => {  // [+-]h[hh][:mm[:ss]] in seconds
    let sign = 1;
    if (s[i] === '+' || s[i] === '-') { if (s[i] === '-') sign = -1; ++i; }
    let v = num(3) * 3600;
    if (s[i] === ':') { ++i; v += num(2) * 60; if (s[i] === ':') { ++i; v += num(2); } }
    return sign * v;
  };
  const date = () => {
    if (s[i] === 'J') { ++i; return { kind: 'J', n: num(3) }; }
    if (s[i] === 'M') {
      ++i;
      const m = num(2); if (s[i++] !== '.') fail('expected .');
      const w = num(1); if (s[i++] !== '.') fail('expected .');
      const d = num(1);
      if (m < 1 || m > 12 || w < 1 || w > 5 || d > 6) fail('bad Mm.w.d');
      return { kind: 'M', m, w, d };
    }
    return { kind: 'N', n: num(3) };
  };
  const rule = { std: name(), stdOff: -hms() };
  if (i === s.length) return rule;
  rule.dst = name();
  rule.dstOff = rule.stdOff + 3600;
  if (i < s.length && s[i] !== ',') rule.dstOff = -hms();
  let start = { kind: 'M', m: 3, w: 2, d: 0 }, end = { kind: 'M', m: 11, w: 1, d: 0 };
  let startTime = 7200, endTime = 7200;
  if (s[i] === ',') {
    ++i; start = date();
    if (s[i] === '/') { ++i; startTime = hms(); }
    if (s[i++] !== ',') fail('expected ,');
    end = date();
    if (s[i] === '/') { ++i; endTime = hms(); }
  }
  if (i !== s.length) fail('trailing text');
  Object.assign(rule, { start, startTime, end, endTime });
  return rule;
}

function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y, m) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
function ruleDay(r, y) {  // days since 1970-01-01 of the rule's local date in year y
  const jan1 = daysFromCivil(y, 1, 1);
  if (r.kind === 'J') return jan1 + r.n - 1 + (isLeap(y) && r.n >= 60 ? 1 : 0);
  if (r.kind === 'N') return jan1 + r.n;
  const first = daysFromCivil(y, r.m, 1);
  const wd = (((first + 4) % 7) + 7) % 7;  // 1970-01-01 was a Thursday
  let day = first + ((r.d - wd + 7) % 7) + (r.w - 1) * 7;
  while (day >= first + daysIn(y, r.m)) day -= 7;
  return day;
}
// The rule's transitions of years y0..y1 in UTC seconds, in order: {t, dst}. An end and a start at the same
// instant (DST all year) cancel out.
function ruleTransitions(rule, y0, y1) {
  const out = [];
  for (let y = y0; y <= y1; ++y) {
    out.push({ t: ruleDay(rule.start, y) * 86400 + rule.startTime - rule.stdOff, dst: true });
    out.push({ t: ruleDay(rule.end, y) * 86400 + rule.endTime - rule.dstOff, dst: false });
  }
  out.sort((a, b) => a.t - b.t || (a.dst ? 1 : 0) - (b.dst ? 1 : 0));
  const kept = [];
  for (let k = 0; k < out.length; ++k) {
    if (k + 1 < out.length && out[k].t === out[k + 1].t && out[k].dst !== out[k + 1].dst) { ++k; continue; }
    kept.push(out[k]);
  }
  return kept;
}
const yearOf = (t) => new Date(t * 1000).getUTCFullYear();
const asType = (rule, dst) => (dst ? { off: rule.dstOff, abbr: rule.dst, dst: true } : { off: rule.stdOff, abbr: rule.std, dst: false });
const sameType = (a, b) => a.off === b.off && a.abbr === b.abbr && a.dst === b.dst;

// --- Compile each zone ---------------------------------------------------------------------------------------------
const abbrIndex = new Map();
const abbreviations = [];
const abbr = (a) => {
  if (!abbrIndex.has(a)) { abbrIndex.set(a, abbreviations.length); abbreviations.push(a); }
  return abbrIndex.get(a);
};
const bytes = [];  // the whole table
const varint = (out, v) => {
  if (!Number.isSafeInteger(v) || v < 0) die(`internal: varint ${v}`);
  while (v >= 128) { out.push((v % 128) | 128); v = Math.floor(v / 128); }
  out.push(v);
};
const zigzag = (v) => (v >= 0 ? v * 2 : -v * 2 - 1);

const zones = [];
const vectors = [];  // {zone, t, before, after: {off, abbr, dst}, source}
let keptTotal = 0, droppedTotal = 0, rawTotal = 0;
const hasZdump = (() => { try { execFileSync('zdump', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
for (const name of zoneNames) {
  const d = readTzif(path.join(zoneinfo, name));
  let rule;
  try { rule = parsePosixTz(d.footer); } catch (e) { die(`${name}: ${e.message}`); }
  const n = d.times.length;
  rawTotal += n;
  const raw = d.times.map((t, k) => ({ t, type: d.types[d.idx[k]] }));
  // The type before the first transition: TZif says type 0.
  const initial = d.types[0];
  // Keep raw[0..keep): the smallest keep (at least 1 when there are transitions) whose rule-made transitions
  // after raw[keep-1] give back raw[keep..n) exactly.
  let keep = n;
  if (rule.dst && n > 0) {
    const made = ruleTransitions(rule, yearOf(d.times[0]) - 1, yearOf(d.times[n - 1]) + 1)
      .map((x) => ({ t: x.t, type: asType(rule, x.dst) }));
    const reproduces = (k) => {
      const after = made.filter((x) => x.t > raw[k - 1].t && x.t <= raw[n - 1].t);
      if (after.length !== n - k) return false;
      return after.every((x, j) => x.t === raw[k + j].t && sameType(x.type, raw[k + j].type));
    };
    while (keep > 1 && reproduces(keep - 1)) --keep;
  } else if (!rule.dst && n > 0) {
    // A rule without DST adds nothing; the last kept type must be the rule's.
    if (!sameType(raw[n - 1].type, asType(rule, false))) die(`${name}: last type disagrees with "${d.footer}"`);
  }
  if (n > 0 && rule.dst) {
    const last = raw[keep - 1].type;
    if (!sameType(last, asType(rule, false)) && !sameType(last, asType(rule, true))) {
      die(`${name}: last kept type ${last.abbr} is neither side of "${d.footer}"`);
    }
  }
  const kept = raw.slice(0, keep);
  keptTotal += keep;
  droppedTotal += n - keep;

  // The zone's types: those the kept transitions and the initial state use, in first-use order.
  const types = [];
  const typeId = (t) => {
    let k = types.findIndex((u) => sameType(u, t));
    if (k < 0) { k = types.length; types.push(t); }
    return k;
  };
  const initialId = typeId(initial);
  const ids = kept.map((x) => typeId(x.type));
  const blob = [];
  varint(blob, types.length);
  for (const t of types) { varint(blob, zigzag(t.off)); varint(blob, abbr(t.abbr) * 2 + (t.dst ? 1 : 0)); }
  varint(blob, initialId);
  varint(blob, kept.length);
  let prev = 0;
  kept.forEach((x, k) => {
    const delta = x.t - prev;
    prev = x.t;
    const code = delta % 3600 === 0 ? zigzag(delta / 3600) * 3 : delta % 60 === 0 ? zigzag(delta / 60) * 3 + 1 : zigzag(delta) * 3 + 2;
    varint(blob, code * types.length + ids[k]);
  });
  zones.push({ name, footer: d.footer, begin: bytes.length, end: bytes.length + blob.length, blob, kept: keep, raw: n });
  bytes.push(...blob);

  // Vectors from zic's own output: the first and last two kept transitions and the first and last three that the
  // rule now makes (each checked at the transition and one second before it).
  const pick = (list, lo, hi, m) => {
    const idx = new Set();
    for (let k = lo; k < Math.min(hi, lo + m); ++k) idx.add(k);
    for (let k = Math.max(lo, hi - m); k < hi; ++k) idx.add(k);
    return [...idx].sort((a, b) => a - b);
  };
  const typeBefore = (k) => (k === 0 ? initial : raw[k - 1].type);
  for (const k of [...pick(raw, 0, keep, 2), ...pick(raw, keep, n, 3)]) {
    vectors.push({ zone: name, t: raw[k].t, before: typeBefore(k), after: raw[k].type, source: k < keep ? 'table' : 'zic rule' });
  }
  // Vectors from glibc (an independent reading of the file): every change in 2080, which must be what the kept
  // transitions and the rule give.
  if (hasZdump) {
    const out = execFileSync('zdump', ['-v', '-c', '2080,2081', name], { encoding: 'utf8' }).split('\n');
    const re = /^\S+\s+\w{3} (\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (\d{4}) UT = .* (\S+) isdst=(\d) gmtoff=(-?\d+)$/;
    const months = 'JanFebMarAprMayJunJulAugSepOctNovDec';
    const rows = out.map((l) => re.exec(l)).filter(Boolean).map((m) => ({
      t: Date.UTC(+m[6], months.indexOf(m[1]) / 3, +m[2], +m[3], +m[4], +m[5]) / 1000,
      type: { off: +m[9], abbr: m[7], dst: m[8] === '1' },
    }));
    if (rows.length % 2 !== 0) die(`${name}: unexpected zdump output`);
    const from = Date.UTC(2080, 0, 1) / 1000, to = Date.UTC(2081, 0, 1) / 1000;
    const lastKept = keep > 0 ? kept[keep - 1].t : -Infinity;
    const made = [
      ...kept.filter((x) => x.t >= from && x.t < to),
      ...(rule.dst ? ruleTransitions(rule, 2079, 2081).filter((x) => x.t > lastKept && x.t >= from && x.t < to)
        .map((x) => ({ t: x.t, type: asType(rule, x.dst) })) : []),
    ];
    if (made.length !== rows.length / 2) die(`${name}: the table and "${d.footer}" make ${made.length} changes in 2080, zdump ${rows.length / 2}`);
    for (let k = 0; k < rows.length; k += 2) {
      const before = rows[k], at = rows[k + 1];
      const mine = made[k / 2];
      if (at.t !== before.t + 1 || mine.t !== at.t || !sameType(mine.type, at.type)) {
        die(`${name}: the table and "${d.footer}" disagree with zdump at ${new Date(at.t * 1000).toISOString()}`);
      }
      vectors.push({ zone: name, t: at.t, before: before.type, after: at.type, source: 'zdump 2080' });
    }
  }
}
if (zones.length > 65535) die('too many zones for a 16-bit index');

// --- Write ----------------------------------------------------------------------------------------------------------
const cstr = (s) => {
  if (!/^[\x20-\x7e]*$/.test(s) || /["\\?]/.test(s)) die(`internal: unexpected character in ${JSON.stringify(s)}`);
  return `"${s}"`;
};
const header = (what) => [
  `// ${what}`,
  '// Generated by scripts/gen-tzdata.mjs; do not edit. To regenerate, see docs/zones.md.',
  `// Source: IANA tz database ${ianaVersion}, as built by Debian's tzdata ${pinnedDebian} (the pin in scripts/versions.env).`,
];
const table = [
  ...header('The IANA time zone rules compiled into pactcheck (read by core/src/zone.cpp).'),
  `// ${zones.length} zones and ${links.length} links; ${keptTotal} transitions kept, ${droppedTotal} more that each zone's`,
  '// POSIX TZ rule reproduces left to the rule.',
  '//',
  '// kTzZones[i] = {name, POSIX TZ rule for instants after the last transition, [begin, end) in kTzRules}.',
  '// kTzRules, per zone, as unsigned LEB128 varints: the type count T; per type zigzag(UTC offset in seconds) and',
  '// abbreviation index * 2 + is_dst; the index of the type in force before the first transition; the transition',
  '// count; per transition (zigzag(delta / unit) * 3 + u) * T + type index, delta being the transition instant in UTC',
  '// seconds minus the previous one (the first: minus 0) and unit 3600, 60 or 1 seconds for u = 0, 1 or 2 (the',
  '// largest that divides delta).',
  '',
  `constexpr char kTzdataVersion[] = ${cstr(ianaVersion)};`,
  `constexpr char kTzdataDebianVersion[] = ${cstr(pinnedDebian)};`,
  '',
  'constexpr const char* kTzAbbreviations[] = {',
  ...chunk(abbreviations.map(cstr), 12).map((row) => `    ${row.join(', ')},`),
  '};',
  '',
  'constexpr unsigned char kTzRules[] = {',
  ...zones.flatMap((z) => [`    // ${z.name}`, ...chunk(z.blob.map(String), 32).map((row) => `    ${row.join(',')},`)]),
  '};',
  '',
  'constexpr TzZone kTzZones[] = {',
  ...zones.map((z) => `    {${cstr(z.name)}, ${cstr(z.footer)}, ${z.begin}, ${z.end}},`),
  '};',
  '',
  'constexpr TzLink kTzLinks[] = {',
  ...links.map((l) => `    {${cstr(l.name)}, ${zoneIndex.get(l.target)}},  // -> ${l.target}`),
  '};',
  '',
].join('\n');
function chunk(list, m) {
  const rows = [];
  for (let k = 0; k < list.length; k += m) rows.push(list.slice(k, k + m));
  return rows;
}
const vec = (t) => `{${t.off}, ${cstr(t.abbr)}, ${t.dst}}`;
const tests = [
  ...header('Expected offsets for tests/test_zone.cpp, from the TZif files (zic) and from glibc\'s zdump (2080).'),
  '',
  `constexpr char kExpectedTzdataVersion[] = ${cstr(ianaVersion)};`,
  `constexpr std::size_t kExpectedZoneCount = ${zones.length};`,
  '',
  '// {zone, UTC instant in seconds, type in force one second before, type in force at the instant, source}',
  '// with each type as {UTC offset in seconds, abbreviation, is_dst}.',
  'constexpr TzVector kTzVectors[] = {',
  ...vectors.map((v) => `    {${cstr(v.zone)}, ${v.t}, ${vec(v.before)}, ${vec(v.after)}, ${cstr(v.source)}},`),
  '};',
  '',
  '// {link, the zone it names}',
  'constexpr TzLinkVector kTzLinkVectors[] = {',
  ...links.map((l) => `    {${cstr(l.name)}, ${cstr(l.target)}},`),
  '};',
  '',
].join('\n');

const outputs = [
  [path.join(root, 'core/src/tzdata/tzdata.inc'), table],
  [path.join(root, 'tests/tzdata_vectors.inc'), tests],
];
let stale = false;
for (const [file, text] of outputs) {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (checkOnly) {
    if (old !== text) { console.error(`gen-tzdata: ${path.relative(root, file)} is not what tz ${pinnedDebian} gives`); stale = true; }
    continue;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (old !== text) fs.writeFileSync(file, text);
}
console.log(`gen-tzdata: tz ${ianaVersion} (Debian ${pinnedDebian}): ${zones.length} zones, ${links.length} links, ` +
            `${rawTotal} transitions in the files, ${keptTotal} kept, ${droppedTotal} left to the POSIX rules; ` +
            `table ${bytes.length} bytes, ${abbreviations.length} abbreviations; ${vectors.length} test vectors` +
            (hasZdump ? '' : ' (zdump not found: no 2080 vectors)') + (checkOnly ? (stale ? '; STALE' : '; up to date') : ''));
process.exit(stale ? 1 : 0);
