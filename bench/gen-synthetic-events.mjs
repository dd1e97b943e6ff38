// Writes a SYNTHETIC event log for benchmarks: N events against the nk-2020 agreement's vocabulary, parties,
// actors and geography, deterministic for a given seed. The events are invented; the file says so
// ("synthetic": true, and every event's source is marked synthetic). Generate it into a build folder; it is not
// committed.
//
//   node bench/gen-synthetic-events.mjs [--count 100000] [--seed 1] [--out build-wasm/bench/synthetic-100k.json]
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

// mulberry32: small, fast, deterministic.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate({ count, seed = 1, agreementPath = join(here, '..', 'fixtures', 'nk-2020', 'agreement.json') }) {
  const agreement = JSON.parse(readFileSync(agreementPath, 'utf8'));
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const parties = agreement.parties.map((p) => p.id);
  const fighting = ['AZ', 'AM'].filter((p) => parties.includes(p));
  const actorNames = (agreement.actors ?? []).map((a) => a.name);
  // Weighted event types: mostly incidents (the ceasefire and positions clauses, with their geometry tests),
  // then deployments with levels, exchanges, returns and other acts.
  const known = new Set(agreement.vocabulary.event_types.map((t) => t.id));
  const weighted = [
    ['armed_clash', 18], ['shooting', 16], ['shelling', 10], ['attack', 8], ['territorial_advance', 4],
    ['detention', 4], ['movement_obstruction', 3], ['peacekeeper_deployment', 8], ['prisoner_release', 4],
    ['prisoner_exchange', 3], ['body_repatriation', 3], ['refugee_return', 6], ['transport_links_step', 2],
    ['mediation', 2], ['monitoring_mechanism', 2], ['report', 4], ['protest', 3],
  ].filter(([type]) => known.has(type));
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  const pickType = () => {
    let r = random() * total;
    for (const [type, w] of weighted) {
      r -= w;
      if (r < 0) return type;
    }
    return weighted[0][0];
  };
  const start = Date.parse('2020-11-10T00:00:00+04:00');
  const end = Date.parse('2021-12-31T23:00:00+04:00');
  const stamp = (ms) => `${new Date(ms + 4 * 3600000).toISOString().slice(0, 19)}+04:00`;
  const times = Array.from({ length: count }, () => start + Math.floor(random() * (end - start) / 60000) * 60000).sort((a, b) => a - b);

  const events = times.map((t, i) => {
    const type = pickType();
    const id = `SYN-${String(i + 1).padStart(7, '0')}`;
    const side = pick(fighting);
    const other = fighting.find((p) => p !== side) ?? side;
    const event = { id, time: stamp(t), precision: random() < 0.2 ? 'day' : 'exact', type };
    const attributed = random() < 0.85;
    event.actors = attributed
      ? [random() < 0.5 && actorNames.length ? { name: pick(actorNames) } : { name: `Synthetic unit ${Math.floor(random() * 90) + 10}`, party: side, role: 'perpetrator' }]
      : [{ name: 'Unidentified armed group' }];
    if (random() < 0.95) {
      event.where = {
        name: `Synthetic place ${Math.floor(random() * 5000)}`,
        lat: Number((38.9 + random() * 1.8).toFixed(5)),
        lon: Number((45.6 + random() * 2.2).toFixed(5)),
        approximate: random() < 0.3,
      };
    }
    if (type === 'peacekeeper_deployment') {
      event.actors = [{ name: 'Synthetic peacekeeping unit', party: 'RU', role: 'performer' }];
      event.quantities = [{ category: 'servicemen', value: 1500 + Math.floor(random() * 500), unit: 'persons', basis: 'level' }];
    } else if (type === 'prisoner_release' || type === 'prisoner_exchange' || type === 'body_repatriation') {
      const category = type === 'body_repatriation' ? 'bodies' : 'prisoners';
      event.quantities = [{ category, value: 1 + Math.floor(random() * 12), unit: 'persons', basis: 'increment', from: side, to: other }];
    } else if (/clash|shooting|shelling|attack/.test(type) && random() < 0.3) {
      event.quantities = [{ category: 'wounded', value: Math.floor(random() * 4), unit: 'persons' }];
    }
    event.attribution = {
      basis: pick(['reported', 'claimed', 'claimed', 'observed']),
      alleged_by: random() < 0.6 ? [other] : [],
      denied_by: random() < 0.5 ? [side] : [],
      observed_by: random() < 0.1 ? ['RU-PK'] : [],
    };
    event.notes = 'SYNTHETIC benchmark event; not a real report.';
    event.sources = [{ title: `Synthetic source ${i + 1}`, publisher: 'pactcheck benchmark generator' }];
    return event;
  });
  return {
    format: 'pactcheck/events',
    version: 1,
    title: `SYNTHETIC: ${count} generated events for benchmarks (seed ${seed})`,
    synthetic: true,
    description: 'Generated by bench/gen-synthetic-events.mjs. Not real reporting: invented events in the nk-2020 vocabulary.',
    events,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(option('count', '100000'));
  const seed = Number(option('seed', '1'));
  const out = option('out', join(here, '..', 'build-wasm', 'bench', `synthetic-${count}.json`));
  const log = generate({ count, seed });
  mkdirSync(dirname(out), { recursive: true });
  // The same bytes as JSON.stringify(log), written in pieces: a million events would come near V8's limit on
  // the length of one string.
  const { events } = log;
  const head = JSON.stringify({ ...log, events: [] });
  const fd = openSync(out, 'w');
  writeSync(fd, `${head.slice(0, -3)}[`);
  for (let i = 0; i < events.length; i += 10000) {
    writeSync(fd, (i ? ',' : '') + events.slice(i, i + 10000).map((e) => JSON.stringify(e)).join(','));
  }
  writeSync(fd, ']}');
  closeSync(fd);
  console.log(`wrote ${out}: ${count} SYNTHETIC events`);
}
