#!/bin/sh
# Builds the WebAssembly module at several optimisation levels and measures, for each: the size of
# pactcheck.mjs and pactcheck.wasm (raw and gzip -9), the time to instantiate it, to check the 2020 fixture, and
# to check a generated SYNTHETIC log (100k events by default) under node, one-shot and through a session.
# The native CLI is timed on the same inputs when a native build exists. Results: a Markdown table on stdout
# and in OUT/results.md, raw JSON in OUT/results.jsonl.
#
#   bench/wasm-size-speed.sh [--levels "O2 O3 Os"] [--runs 3] [--count 100000] [--out build-bench]
#                            [--native build/cli/pactcheck]
#
# Each level is a separate Release tree (OUT/<level>) configured with CMAKE_CXX_FLAGS_RELEASE="-<level> -DNDEBUG",
# which CMake passes to the compile and to the emcc link (where wasm-opt and the JS minifier run). Takes several
# minutes: most of it is the synthetic checks.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
levels="O2 O3 Os"
runs=3
count=100000
out="$root/build-bench"
native="$root/build/cli/pactcheck"
while [ $# -gt 0 ]; do
  case "$1" in
    --levels) levels=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --native) native=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v emcmake >/dev/null || { echo "emcmake not found: apt-get install emscripten" >&2; exit 2; }
mkdir -p "$out"
synthetic="$out/synthetic-$count.json"
[ -f "$synthetic" ] || node "$root/bench/gen-synthetic-events.mjs" --count "$count" --out "$synthetic" >&2
: > "$out/results.jsonl"

size() { wc -c < "$1" | tr -d ' '; }
gzsize() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

for level in $levels; do
  dir="$out/$level"
  echo "== -$level: configuring and building $dir" >&2
  emcmake cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-$level -DNDEBUG" \
    -DBUILD_TESTING=OFF > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log" >&2; exit 1; }
  started=$(date +%s)
  cmake --build "$dir" --target pactcheck_wasm -j2 > "$dir.build.log" 2>&1 || { tail -30 "$dir.build.log" >&2; exit 1; }
  built=$(( $(date +%s) - started ))
  mjs="$dir/wasm/pactcheck.mjs"
  wasm="$dir/wasm/pactcheck.wasm"
  echo "== -$level: timing (this takes a while)" >&2
  native_args=""
  [ -x "$native" ] && native_args="--native $native"
  # shellcheck disable=SC2086
  timing=$(node --max-old-space-size=8192 "$root/bench/wasm-speed.mjs" --module "$mjs" --runs "$runs" \
    --synthetic "$synthetic" $native_args)
  printf '{"level":"%s","mjs":%s,"wasm":%s,"mjs_gz":%s,"wasm_gz":%s,"build_s":%s,"timing":%s}\n' \
    "$level" "$(size "$mjs")" "$(size "$wasm")" "$(gzsize "$mjs")" "$(gzsize "$wasm")" "$built" "$timing" \
    >> "$out/results.jsonl"
done

node - "$out/results.jsonl" > "$out/results.md" <<'EOF'
const rows = require('node:fs').readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const kb = (n) => (n / 1024).toFixed(1);
const ms = (s) => (s ? `${s.median} (${s.min}–${s.max})` : 'n/a');
const first = rows[0].timing;
console.log(`Node ${process.version}; ${first.synthetic ? `${first.synthetic.events} SYNTHETIC events, ${(first.synthetic.bytes / 1048576).toFixed(1)} MB` : 'no synthetic log'}; times in ms, median (min–max).\n`);
console.log('| level | .mjs | .wasm | .mjs gz | .wasm gz | instantiate | 2020 fixture | synthetic, one-shot | synthetic, session open | synthetic, report at another instant | peak heap |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const t = r.timing;
  console.log(`| -${r.level} | ${kb(r.mjs)} kB | ${kb(r.wasm)} kB | ${kb(r.mjs_gz)} kB | ${kb(r.wasm_gz)} kB | ${t.instantiate_ms} | ` +
    `${ms(t.fixture_ms)} | ${t.synthetic?.failed ? `failed: ${t.synthetic.failed}` : ms(t.synthetic_ms)} | ${t.session_open_ms ?? 'n/a'} | ` +
    `${ms(t.session_report_ms)} | ${t.heap_mb ?? '?'} MB |`);
}
const native = rows.find((r) => r.timing.native)?.timing.native;
if (native) {
  console.log(`\nNative CLI (${native.cli}, whole process): 2020 fixture ${ms(native.fixture_ms)} ms; ` +
    `synthetic ${ms(native.synthetic_ms)} ms.`);
}
EOF
cat "$out/results.md"
