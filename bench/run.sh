#!/usr/bin/env bash
# The bench (issue 8): generates SYNTHETIC logs (bench/gen-synthetic-events.mjs) of each size and times, on the
# same bytes, side by side:
#   check      `pactcheck check` end to end on the nk-2020 agreement, native CLI, JSON report to a file
#   sax        a bare nlohmann SAX parse (bench/sax-parse.cpp, a no-op handler)
#   simdjson   a simdjson on-demand pass over every event (bench/simdjson-pass.cpp)
#   wasm       the check as WebAssembly under node (build-wasm's module, bench/wasm-check.mjs)
#   session    the page's queries on an open session (new as-of instants, a what-if), natively
#              (bench/session-queries.cpp) and as WebAssembly (bench/wasm-session.mjs), once each: the calls alone
#   --page     also the same queries in the page itself, in Chromium (bench/page-asof.mjs; needs build-wasm/web)
# Each time is the whole process (start, read the file, work, write), best of --runs; peak memory is the
# process's maximum resident set (/usr/bin/time). Prints a Markdown table (also OUT/results.md; raw lines in
# OUT/results.jsonl). It asserts no time: CI runs it small as a smoke.
#
#   bash bench/run.sh [--sizes 10000,100000,1000000] [--runs 3] [--large-runs N] [--out build-bench] [--wasm build-wasm]
#                     [--tree OUT/build] [--no-wasm] [--no-build] [--page]
#
# --large-runs (default: --runs) is the number of runs for sizes of a million events and more.
# It configures and builds --tree (default OUT/build; native Release with -DPACTCHECK_BENCH=ON: the CLI and the
# two parser programs; needs libsimdjson-dev; an existing tree such as build/ is reconfigured with the option on), and uses the wasm module in --wasm (built by scripts/build.sh) when present.
# Generated logs stay in OUT (not committed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=10000,100000,1000000
runs=3
large_runs=""
out="$root/build-bench"
wasm_tree="$root/build-wasm"
use_wasm=1
use_page=0
build=1
tree=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --large-runs) large_runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --wasm) wasm_tree=$2; shift 2 ;;
    --no-wasm) use_wasm=0; shift ;;
    --page) use_page=1; shift ;;
    --no-build) build=0; shift ;;
    --tree) tree=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -n "$tree" ] || tree="$out/build"
agreement="$root/fixtures/nk-2020/agreement.json"
as_of="2021-12-31T23:59:00+04:00"

if [ "$build" = 1 ]; then
  echo "bench: building $tree (native Release, PACTCHECK_BENCH=ON)" >&2
  cmake -S "$root" -B "$tree" -DCMAKE_BUILD_TYPE=Release -DPACTCHECK_BENCH=ON -DPACTCHECK_WERROR=ON \
    > "$out/configure.log" 2>&1 || { cat "$out/configure.log" >&2; exit 1; }
  cmake --build "$tree" -j"$(nproc 2>/dev/null || echo 2)" --target pactcheck bench-sax-parse bench-simdjson-pass bench-session-queries \
    > "$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; exit 1; }
fi
cli="$tree/cli/pactcheck"
sax="$tree/bench/bench-sax-parse"
simd="$tree/bench/bench-simdjson-pass"
session_queries="$tree/bench/bench-session-queries"
instants="$root/bench/session-instants.json"
module="$wasm_tree/wasm/pactcheck.mjs"
if [ "$use_wasm" = 1 ] && [ ! -f "$module" ]; then
  echo "bench: no wasm module at $module (run scripts/build.sh, or pass --no-wasm); skipping wasm" >&2
  use_wasm=0
fi

# Runs a command `runs` times; sets best_ms and best_rss (kB, the peak of the best run). Output to /dev/null.
# Returns non-zero when the command fails (pactcheck's exit 1, an obligation violated, is a result).
measure() {
  local i start end ms code
  best_ms="" best_rss=""
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    code=0
    /usr/bin/time -f '%M' -o "$out/time.txt" "$@" > "$out/stdout.txt" 2> "$out/stderr.txt" || code=$?
    end=$(date +%s%N)
    if [ "$code" -gt 1 ]; then
      echo "bench: failed ($code): $*" >&2
      tail -c 1500 "$out/stderr.txt" >&2
      return 1
    fi
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then
      best_ms=$ms
      best_rss=$(tail -1 "$out/time.txt")
    fi
  done
}

: > "$out/results.jsonl"
IFS=, read -r -a size_list <<< "$sizes"
small_runs=$runs
[ -n "$large_runs" ] || large_runs=$runs
for n in "${size_list[@]}"; do
  runs=$small_runs
  [ "$n" -lt 1000000 ] || runs=$large_runs
  log="$out/synthetic-$n.json"
  [ -f "$log" ] || node --max-old-space-size=8192 "$root/bench/gen-synthetic-events.mjs" --count "$n" --out "$log" >&2
  bytes=$(stat -c %s "$log")
  echo "bench: $n events ($bytes bytes)" >&2
  measure "$cli" check --agreement "$agreement" --events "$log" --as-of "$as_of" --format json -o "$out/report-$n.json" || exit 1
  check_ms=$best_ms check_rss=$best_rss
  report_bytes=$(stat -c %s "$out/report-$n.json")
  measure "$sax" "$log" || exit 1
  sax_ms=$best_ms sax_rss=$best_rss
  measure "$simd" "$log" || exit 1
  simd_ms=$best_ms simd_rss=$best_rss
  wasm_ms=null wasm_rss=null wasm_status=skipped
  if [ "$use_wasm" = 1 ]; then
    wasm_status=failed
    # The module's heap is capped (wasm/CMakeLists.txt, PACTCHECK_WASM_MAXIMUM_MEMORY): a failure is reported in
    # the table, not fatal.
    if measure node --max-old-space-size=8192 "$root/bench/wasm-check.mjs" --module "$module" \
      --agreement "$agreement" --events "$log" --as-of "$as_of"; then
      wasm_ms=$best_ms wasm_rss=$best_rss wasm_status=ok
    fi
  fi
  # The page's queries: one JSON line from each tool (null when it did not run or failed).
  saved_runs=$runs
  runs=1
  session_native=null session_wasm=null session_page=null
  if measure "$session_queries" "$agreement" "$log" "$instants"; then session_native=$(tail -1 "$out/stdout.txt"); fi
  if [ "$use_wasm" = 1 ] && measure node --max-old-space-size=8192 "$root/bench/wasm-session.mjs" --module "$module" \
    --agreement "$agreement" --events "$log" --instants "$instants"; then
    session_wasm=$(tail -1 "$out/stdout.txt")
  fi
  if [ "$use_page" = 1 ] && measure node "$root/bench/page-asof.mjs" --web "$wasm_tree/web" --agreement "$agreement" --instants "$instants" \
    --events "$log"; then
    session_page=$(tail -1 "$out/stdout.txt")
  fi
  runs=$saved_runs
  printf '{"events":%s,"bytes":%s,"report_bytes":%s,"check_ms":%s,"check_rss_kb":%s,"sax_ms":%s,"sax_rss_kb":%s,"simdjson_ms":%s,"simdjson_rss_kb":%s,"wasm_ms":%s,"wasm_rss_kb":%s,"wasm":"%s","session_native":%s,"session_wasm":%s,"session_page":%s}\n' \
    "$n" "$bytes" "$report_bytes" "$check_ms" "$check_rss" "$sax_ms" "$sax_rss" "$simd_ms" "$simd_rss" "$wasm_ms" "$wasm_rss" "$wasm_status" \
    "$session_native" "$session_wasm" "$session_page" >> "$out/results.jsonl"
  rm -f "$out/report-$n.json"
done

[ "$large_runs" = "$small_runs" ] || small_runs="$small_runs (1M and more: $large_runs)"
node - "$out/results.jsonl" "$small_runs" > "$out/results.md" <<'JS'
const rows = require('node:fs').readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const runs = process.argv[3];
const f = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const mb = (b) => (b / 1048576).toFixed(1);
const num = (n) => Math.round(n).toLocaleString('en-US');
console.log(`SYNTHETIC logs (bench/gen-synthetic-events.mjs, seed 1) against fixtures/nk-2020/agreement.json, as of 2021-12-31; ` +
  `whole-process wall time, best of ${runs}; peak = maximum resident set of that process.\n`);
console.log('| events | log MB | check ms | events/s | SAX ms | simdjson ms | check/SAX | check/simdjson | check peak MB | peak B/event | peak/log | report MB | wasm ms | wasm/native | wasm peak MB |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const peak = r.check_rss_kb * 1024;
  console.log(`| ${num(r.events)} | ${mb(r.bytes)} | ${num(r.check_ms)} | ${num(r.events / (r.check_ms / 1000))} | ${num(r.sax_ms)} | ` +
    `${num(r.simdjson_ms)} | ${f(r.check_ms / r.sax_ms)} | ${f(r.check_ms / r.simdjson_ms)} | ${mb(peak)} | ${num(peak / r.events)} | ` +
    `${f(peak / r.bytes)} | ${mb(r.report_bytes)} | ${r.wasm_ms === null ? r.wasm : num(r.wasm_ms)} | ` +
    `${r.wasm_ms === null ? 'n/a' : f(r.wasm_ms / r.check_ms)} | ${r.wasm_rss_kb === null ? 'n/a' : mb(r.wasm_rss_kb * 1024)} |`);
}
const by = (n) => rows.find((r) => r.events === n);
const pairs = [];
for (const r of rows) {
  const small = by(r.events / 10);
  if (!small) continue;
  const ratio = (k) => (r[k] === null || small[k] === null ? 'n/a' : f(r[k] / small[k]));
  pairs.push(`t(${num(r.events)})/t(${num(small.events)}): check ${ratio('check_ms')}, SAX ${ratio('sax_ms')}, ` +
    `simdjson ${ratio('simdjson_ms')}, wasm ${ratio('wasm_ms')}`);
}
if (pairs.length) console.log(`\nScaling (10x the events; linear is 10): ${pairs.join('; ')}.`);
const q = (x) => (x === null || x === undefined ? 'n/a' : num(x));
console.log('\nThe page\'s queries on an open session (format json, no rendered copy, no evidence events\' details; ' +
  `bench/session-instants.json: ${rows[0]?.session_native?.asof_ms?.length ?? 4} new as-of instants, then a what-if at the last), ms; ` +
  'wasm = module call and JSON.parse under node; page = from the control to the report drawn, in Chromium:\n');
console.log('| events | open native | as-of native (median) | what-if native | open wasm | as-of wasm (median) | what-if wasm | as-of wasm/native | as-of page (median) | what-if page | view MB |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const n = r.session_native ?? {}, w = r.session_wasm ?? {}, p = r.session_page ?? {};
  console.log(`| ${num(r.events)} | ${q(n.open_ms)} | ${q(n.asof_median_ms)} | ${q(n.whatif_ms)} | ${q(w.open_ms)} | ` +
    `${q(w.asof_median_ms)} | ${q(w.whatif_ms)} | ${n.asof_median_ms && w.asof_median_ms ? f(w.asof_median_ms / n.asof_median_ms) : 'n/a'} | ` +
    `${q(p.asof_median_ms)} | ${q(p.whatif_ms)} | ${n.report_bytes ? mb(n.report_bytes) : 'n/a'} |`);
}
console.log(`\nPeak memory of the parsers: ${rows.map((r) => `${num(r.events)}: SAX ${mb(r.sax_rss_kb * 1024)} MB, simdjson ${mb(r.simdjson_rss_kb * 1024)} MB`).join('; ')}.`);
JS
cat "$out/results.md"
