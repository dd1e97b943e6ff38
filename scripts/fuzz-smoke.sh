#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (build-fuzz/, ASan + UBSan) and runs each for 30 seconds
# (PACTCHECK_FUZZ_SECONDS) from seeds made out of fixtures/ and tests/fuzz/regressions/, after replaying the
# regression inputs. New inputs go to build-fuzz/fuzz-corpus/<target>/ (libFuzzer writes into the FIRST
# corpus folder it is given, so that is always a scratch folder in the build tree, never fixtures/);
# a failing input is written to build-fuzz/fuzz-artifacts/<target>/. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${PACTCHECK_FUZZ_SECONDS:-30}
jobs=$(nproc 2>/dev/null || echo 2)
cxx=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$cxx" ]; then
  echo "fuzz-smoke: clang++-14 not found: run scripts/setup.sh" >&2
  exit 1
fi
targets="agreement_reader event_reader full_check differential csv_reader csv_import"
# -O1 with line tables only: enough for symbolized reports, and quicker to build than -O2 -g.
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DPACTCHECK_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs" --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done)
ctest --test-dir build-fuzz -L fuzz --output-on-failure
node tests/fuzz/make-seeds.mjs build-fuzz/fuzz-seeds >/dev/null
status=0
for t in $targets; do
  corpus=build-fuzz/fuzz-corpus/$t artifacts=build-fuzz/fuzz-artifacts/$t log=build-fuzz/fuzz-logs/smoke-$t.log
  mkdir -p "$corpus" "$artifacts" build-fuzz/fuzz-logs
  if build-fuzz/tests/fuzz/fuzz_$t "$corpus" build-fuzz/fuzz-seeds/$t -dict=tests/fuzz/pactcheck.dict \
       -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
       -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    echo "fuzz-smoke: $t: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs in ${seconds} s, no finding"
  else
    status=1
    echo "fuzz-smoke: $t FAILED; the input is in $artifacts/ (add it to tests/fuzz/regressions/$t/). Log:" >&2
    grep -v '^#' "$log" | tail -40 >&2
  fi
done
exit "$status"
