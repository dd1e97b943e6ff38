// Writes the seed corpus of each fuzz target from fixtures/ and tests/fuzz/regressions/ into a scratch folder
// (never into fixtures/: libFuzzer writes new inputs into the first corpus folder it is given, see
// scripts/fuzz-smoke.sh).
//
//   node tests/fuzz/make-seeds.mjs OUT_DIR      -> OUT_DIR/<target>/seed-*
//
// Input layouts are those of tests/fuzz/targets.hpp.
import { readFileSync, readdirSync, existsSync, mkdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const fixtures = join(root, 'fixtures');
const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/fuzz/make-seeds.mjs OUT_DIR');
  process.exit(2);
}
const MAX_SEED = 128 * 1024;  // larger seeds slow every mutation down; the hostile corpus covers them anyway

const seeds = {
  agreement_reader: new Map(), event_reader: new Map(), full_check: new Map(), differential: new Map(),
  csv_reader: new Map(), csv_import: new Map(),
};
function add(target, ...parts) {
  const data = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'utf8'))));
  if (data.length > MAX_SEED) return;
  seeds[target].set(createHash('sha1').update(data).digest('hex'), data);
}
const read = (file) => readFileSync(file);
const NUL = Buffer.from([0]);

// A long event log, also cut into logs of at most 8 events: small inputs run many times faster, and every
// event of the large fixtures still reaches the targets.
function slices(buffer) {
  let log;
  try {
    log = JSON.parse(buffer.toString('utf8'));
  } catch {
    return [];
  }
  if (!log || !Array.isArray(log.events) || log.events.length <= 8) return [];
  const out = [];
  for (let i = 0; i < log.events.length; i += 8) out.push(JSON.stringify({ ...log, events: log.events.slice(i, i + 8) }, null, 1));
  return out;
}

// The fixture whose agreement a mapping was written for ("" when there is none): its "agreement" member.
function mappingFixture(mapping) {
  try {
    const id = JSON.parse(mapping.toString('utf8')).agreement;
    return typeof id === 'string' && existsSync(join(fixtures, id, 'agreement.json')) ? id : '';
  } catch {
    return '';
  }
}

for (const name of readdirSync(fixtures).sort()) {
  const dir = join(fixtures, name);
  const manifest = join(dir, 'cases.json');
  if (!existsSync(manifest)) continue;
  if (existsSync(join(dir, 'agreement.json'))) add('agreement_reader', read(join(dir, 'agreement.json')));
  if (existsSync(join(dir, 'events.json'))) add('event_reader', `${name}\n`, read(join(dir, 'events.json')));
  for (const c of JSON.parse(readFileSync(manifest, 'utf8')).cases) {
    if (c.mapping) {
      // CSV cases (fixtures/README.md): the CSV alone, and the mapping with it, against the agreement it names.
      const csv = read(join(dir, c.events));
      const mapping = read(join(dir, c.mapping));
      add('csv_reader', csv);
      add('csv_import', `${mappingFixture(mapping)}\n`, mapping, NUL, csv);
      continue;
    }
    if (c.type === 'import') continue;
    const a = read(join(dir, c.agreement ?? 'agreement.json'));
    const e = read(join(dir, c.events ?? 'events.json'));
    const options = { ...(c.options ?? {}), agreement_name: c.agreement ?? 'agreement.json', events_name: c.events ?? 'events.json' };
    if (c.agreement) add('agreement_reader', a);
    if (c.events) add('event_reader', `${name}\n`, e);
    add('full_check', a, NUL, e, NUL, JSON.stringify(options));
    if (!c.agreement) add('differential', `${name}\n${c.options?.as_of ?? ''}\n`, e);
    for (const part of slices(e)) {
      add('event_reader', `${name}\n`, part);
      add('full_check', a, NUL, part, NUL, JSON.stringify(options));
      if (!c.agreement) add('differential', `${name}\n${c.options?.as_of ?? ''}\n`, part);
    }
  }
}

// Past findings seed their own target again.
const regressions = join(here, 'regressions');
for (const target of Object.keys(seeds)) {
  const dir = join(regressions, target);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) {
    if (statSync(join(dir, f)).isFile() && !f.endsWith('.md')) add(target, read(join(dir, f)));
  }
}

for (const [target, map] of Object.entries(seeds)) {
  const dir = join(out, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [hash, data] of map) writeFileSync(join(dir, `seed-${hash}`), data);
  console.log(`${target}: ${map.size} seeds in ${dir}`);
}
