#!/usr/bin/env bash
# Every test: sets up, builds the native and the WebAssembly trees, and runs both CTest suites
# (doctest unit and golden tests natively and as wasm under node, CLI tests, schema tests, module tests,
# browser tests); then the native suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (scripts/sanitize.sh), a 30-second run of each libFuzzer target (scripts/fuzz-smoke.sh), and the bench
# (bench/run.sh) once at 2,000 events as a smoke: it must run; no time is asserted.
# Exits non-zero if anything fails; prints each stage's time.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() {  # name, command...
  local name=$1 started=$SECONDS
  shift
  "$@"
  echo "test.sh: stage '$name' took $((SECONDS - started)) s"
}
stage setup bash scripts/setup.sh
stage build bash scripts/build.sh
stage native-tests ctest --test-dir build --output-on-failure
stage wasm-tests ctest --test-dir build-wasm --output-on-failure
stage sanitizers bash scripts/sanitize.sh
stage fuzz-smoke bash scripts/fuzz-smoke.sh
stage bench-smoke bash bench/run.sh --sizes 2000 --runs 1 --tree build --out build/bench-smoke
echo "test.sh: all stages passed in $SECONDS s"
