#!/usr/bin/env bash
# Every test: sets up, builds the native and the WebAssembly trees, and runs both CTest suites
# (doctest unit and golden tests natively and as wasm under node, CLI tests, schema tests, module tests,
# browser tests). Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure
ctest --test-dir build-wasm --output-on-failure
