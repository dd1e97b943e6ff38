// Times one build of the WebAssembly module under node: instantiation, checking the 2020 fixture, and checking
// a large SYNTHETIC log (one-shot and through a session). Optionally times the native CLI on the same inputs.
// Prints one JSON object. Used by bench/wasm-size-speed.sh; runnable alone:
//
//   node bench/wasm-speed.mjs --module build-wasm/wasm/pactcheck.mjs [--runs 3] [--fixture-runs 20]
//        [--synthetic build-wasm/bench/synthetic-100000.json] [--native build/cli/pactcheck]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};

const modulePath = resolve(option('module', join(root, 'build-wasm', 'wasm', 'pactcheck.mjs')));
const runs = Number(option('runs', '3'));
const fixtureRuns = Number(option('fixture-runs', '20'));
const agreementPath = resolve(option('agreement', join(root, 'fixtures', 'nk-2020', 'agreement.json')));
const eventsPath = resolve(option('events', join(root, 'fixtures', 'nk-2020', 'events.json')));
const syntheticPath = option('synthetic', null);
const nativePath = option('native', null);
const AS_OF = '2021-12-31T23:59:00+04:00';

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: Number(sorted[0].toFixed(1)),
    median: Number(sorted[Math.floor(sorted.length / 2)].toFixed(1)),
    max: Number(sorted[sorted.length - 1].toFixed(1)),
    runs: sorted.length,
  };
};

function time(fn) {
  const started = performance.now();
  const value = fn();
  return [performance.now() - started, value];
}

const result = { module: modulePath };
let t0 = performance.now();
const createPactcheckModule = (await import(pathToFileURL(modulePath).href)).default;
const pactcheck = await createPactcheckModule({ printErr: () => {} });
result.instantiate_ms = Number((performance.now() - t0).toFixed(1));
result.version = pactcheck.version();

const agreement = readFileSync(agreementPath, 'utf8');
const events = readFileSync(eventsPath, 'utf8');
const options = JSON.stringify({ as_of: AS_OF, format: 'json' });
const first = time(() => JSON.parse(pactcheck.check(agreement, events, options)));
if (!first[1].ok) throw new Error(`the fixture did not check: ${JSON.stringify(first[1].issues)}`);
result.fixture_first_ms = Number(first[0].toFixed(1));
result.fixture_ms = stats(Array.from({ length: fixtureRuns }, () => time(() => pactcheck.check(agreement, events, options))[0]));

if (syntheticPath) {
  const synthetic = readFileSync(syntheticPath, 'utf8');
  result.synthetic = { path: syntheticPath, bytes: Buffer.byteLength(synthetic), events: JSON.parse(synthetic).events.length };
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const [ms, text] = time(() => {
      try {
        return pactcheck.check(agreement, synthetic, options);
      } catch (error) {
        return JSON.stringify({ ok: false, thrown: String(error) });
      }
    });
    const envelope = JSON.parse(text);
    if (!envelope.ok) {
      result.synthetic.failed = envelope.thrown ?? JSON.stringify(envelope.issues).slice(0, 300);
      break;
    }
    result.synthetic.report_bytes = Buffer.byteLength(envelope.rendered ?? '');
    samples.push(ms);
  }
  if (samples.length) result.synthetic_ms = stats(samples);
  result.heap_mb = Math.round(pactcheck.HEAPU8.length / 1048576);
  if (!result.synthetic.failed) {
    // Load once, then ask at other instants: what the page's slider costs.
    const [openMs, session] = time(() => pactcheck.Session.open(agreement, synthetic, '{}'));
    result.session_open_ms = Number(openMs.toFixed(1));
    if (session.ok()) {
      result.session_report_ms = stats(['2020-12-31T23:59:00+04:00', '2021-06-30T23:59:00+04:00', AS_OF].map((asOf) =>
        time(() => session.report(JSON.stringify({ as_of: asOf, format: 'json' })))[0]));
    }
    session.delete();
    result.heap_mb = Math.round(pactcheck.HEAPU8.length / 1048576);
  }
}

if (nativePath && existsSync(nativePath)) {
  const cli = (eventsFile, count) => stats(Array.from({ length: count }, () => {
    const started = performance.now();
    const run = spawnSync(nativePath, ['check', '--agreement', agreementPath, '--events', eventsFile, '--as-of', AS_OF],
      { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'ignore'] });
    if (run.status !== 0 && run.status !== 1) throw new Error(`${nativePath} exited with ${run.status}`);
    return performance.now() - started;
  }));
  result.native = { cli: nativePath, fixture_ms: cli(eventsPath, fixtureRuns) };
  if (syntheticPath) result.native.synthetic_ms = cli(resolve(syntheticPath), runs);
}

console.log(JSON.stringify(result));
