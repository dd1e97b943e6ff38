// Checks one event log against an agreement with the WebAssembly module under node, as the CLI does natively
// (the JSON report written to a file, in pieces, through checkTo), and prints one JSON line: {"tool", "bytes",
// "ms" (the checkTo call, writing included), "load_ms" (instantiate), "read_ms" (reading the files), "exit_code",
// "report_bytes", "heap_mb"}; exits 0, or 3 when the check failed (an error envelope, or an abort such as the heap
// reaching its cap). The log goes in as bytes, as the page's worker gives it. Used by bench/run.sh.
//
//   node bench/wasm-check.mjs --module build-wasm/wasm/pactcheck.mjs --agreement A.json --events E.json [--as-of T]
//                             [--out REPORT.json]   (default: a file in the system's temporary folder, removed after)
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const modulePath = resolve(option('module', 'build-wasm/wasm/pactcheck.mjs'));
const asOf = option('as-of', null);
const outPath = option('out', null) ?? join(tmpdir(), `pactcheck-wasm-check-${process.pid}.json`);

let t0 = performance.now();
const create = (await import(pathToFileURL(modulePath).href)).default;
const pactcheck = await create({ printErr: () => {} });
const loadMs = performance.now() - t0;

t0 = performance.now();
const agreement = readFileSync(resolve(option('agreement')));
let events = readFileSync(resolve(option('events')));
const bytes = events.byteLength;
const readMs = performance.now() - t0;

// The CLI's output and nothing else: the pretty JSON report, written as it is produced.
const options = JSON.stringify({ ...(asOf ? { as_of: asOf } : {}), format: 'json' });
const fd = openSync(outPath, 'w');
let reportBytes = 0;
t0 = performance.now();
let text;
try {
  const input = events;
  events = null; // the module holds its own copy, released once read
  text = pactcheck.checkTo(agreement, input, options, (chunk) => {
    writeSync(fd, chunk);
    reportBytes += chunk.byteLength;
  });
} catch (error) {
  // An abort (the heap reached its cap) is a failure of the run, not a result: exit 3, as the CLI's internal error.
  console.error(`wasm-check: ${error}`);
  closeSync(fd);
  rmSync(outPath, { force: true });
  process.exit(3);
}
const ms = performance.now() - t0;
closeSync(fd);
if (!option('out', null)) rmSync(outPath, { force: true });
const envelope = JSON.parse(text);
const out = {
  tool: 'wasm-check',
  bytes,
  ms: Number(ms.toFixed(2)),
  load_ms: Number(loadMs.toFixed(2)),
  read_ms: Number(readMs.toFixed(2)),
  exit_code: envelope.exit_code,
  report_bytes: reportBytes,
  heap_mb: Math.round(pactcheck.HEAPU8.length / 1048576),
};
if (out.exit_code !== 0 && out.exit_code !== 1) {
  console.error(text.slice(0, 2000));
  process.exit(3);
}
console.log(JSON.stringify(out));
