// The page's queries on an open session, as WebAssembly under node: the twin of bench/session-queries.cpp. Opens
// a Session on the log (given as bytes, as the page's worker gives it), then asks for reports at the instants of
// bench/session-instants.json and one what-if exclusion at the last, each as web/worker.mjs asks (format json, no
// rendered copy, no evidence events' details), and parses each envelope as the worker's facade does. Prints one
// JSON line: {"tool":"wasm-session","bytes","open_ms","asof_ms":[...] (call + parse),"asof_call_ms":[...] (the
// module call alone),"asof_median_ms","whatif_ms","report_bytes","heap_mb"}; exits 0, or 3 when a query failed or
// the module aborted. A bench, not a test: it asserts nothing.
//
//   node bench/wasm-session.mjs --module build-wasm/wasm/pactcheck.mjs --agreement A.json --events E.json \
//     --instants bench/session-instants.json
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const fail = (message) => {
  console.error(`wasm-session: ${message}`);
  process.exit(3);
};

const create = (await import(pathToFileURL(resolve(option('module', 'build-wasm/wasm/pactcheck.mjs'))).href)).default;
const pactcheck = await create({ printErr: () => {} });
const agreement = readFileSync(resolve(option('agreement')));
const events = readFileSync(resolve(option('events')));
const instants = JSON.parse(readFileSync(resolve(option('instants', 'bench/session-instants.json')), 'utf8')).as_of;

let session;
let t0 = performance.now();
try {
  session = pactcheck.Session.open(agreement, events, '{}');
} catch (error) {
  fail(`the module aborted while opening: ${error}`);
}
const openMs = performance.now() - t0;
if (!session.ok()) fail(`the session did not open: ${session.envelope().slice(0, 2000)}`);

let reportBytes = 0;
function query(options) {
  const started = performance.now();
  let text;
  try {
    text = session.report(JSON.stringify(options));
  } catch (error) {
    fail(`the module aborted: ${error}`);
  }
  const called = performance.now();
  const envelope = JSON.parse(text);
  if (!envelope.ok) fail(`a query failed: ${text.slice(0, 2000)}`);
  reportBytes = text.length;
  return { ms: performance.now() - started, callMs: called - started };
}

const view = { format: 'json', rendered: false, event_details: false };
const asOf = [];
const asOfCall = [];
for (const at of instants) {
  const { ms, callMs } = query({ ...view, as_of: at });
  asOf.push(Number(ms.toFixed(2)));
  asOfCall.push(Number(callMs.toFixed(2)));
}
const first = JSON.parse(session.timeline()).find((mark) => mark.kind === 'event');
const whatIf = query({ ...view, as_of: instants.at(-1), exclude: first ? [first.id] : [] });
const sorted = [...asOf].sort((x, y) => x - y);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({
  tool: 'wasm-session',
  bytes: events.byteLength,
  open_ms: Number(openMs.toFixed(2)),
  asof_ms: asOf,
  asof_call_ms: asOfCall,
  asof_median_ms: median,
  whatif_ms: Number(whatIf.ms.toFixed(2)),
  report_bytes: reportBytes,
  heap_mb: Math.round(pactcheck.HEAPU8.length / 1048576),
}));
session.delete();
