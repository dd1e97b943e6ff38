// Checks one event log against an agreement with the WebAssembly module under node, as the CLI does natively
// (JSON report), and prints one JSON line: {"tool", "bytes", "ms" (the check call alone), "load_ms"
// (instantiate), "read_ms" (reading the files), "exit_code", "envelope_bytes", "heap_mb"}; exits 0, or 3 when the
// check failed (an error envelope, or an abort such as the heap reaching its cap). Used by bench/run.sh.
//
//   node bench/wasm-check.mjs --module build-wasm/wasm/pactcheck.mjs --agreement A.json --events E.json [--as-of T]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const modulePath = resolve(option('module', 'build-wasm/wasm/pactcheck.mjs'));
const asOf = option('as-of', null);

let t0 = performance.now();
const create = (await import(pathToFileURL(modulePath).href)).default;
const pactcheck = await create({ printErr: () => {} });
const loadMs = performance.now() - t0;

t0 = performance.now();
const agreement = readFileSync(resolve(option('agreement')), 'utf8');
const events = readFileSync(resolve(option('events')), 'utf8');
const readMs = performance.now() - t0;

const options = JSON.stringify(asOf ? { as_of: asOf, format: 'json' } : { format: 'json' });
t0 = performance.now();
let text;
try {
  text = pactcheck.check(agreement, events, options);
} catch (error) {
  // An abort (the heap reached its cap) is a failure of the run, not a result: exit 3, as the CLI's internal error.
  console.error(`wasm-check: ${error}`);
  process.exit(3);
}
const ms = performance.now() - t0;
// The envelope's "rendered" is what the CLI writes; its size, without parsing the whole envelope again.
const out = {
  tool: 'wasm-check',
  bytes: Buffer.byteLength(events),
  ms: Number(ms.toFixed(2)),
  load_ms: Number(loadMs.toFixed(2)),
  read_ms: Number(readMs.toFixed(2)),
  exit_code: Number((/"exit_code":(\d+)/.exec(text) ?? [0, -1])[1]),
  envelope_bytes: text.length,
  heap_mb: Math.round(pactcheck.HEAPU8.length / 1048576),
};
if (out.exit_code !== 0 && out.exit_code !== 1) {
  console.error(text.slice(0, 2000));
  process.exit(3);
}
console.log(JSON.stringify(out));
